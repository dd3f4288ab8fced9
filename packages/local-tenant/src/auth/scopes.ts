/**
 * Management API scopes, with Auth0's names. The local client is granted all of them (as a Terraform/Pulumi
 * machine-to-machine client usually is); tests mint tokens with fewer to exercise the 403s.
 */
export const MANAGEMENT_SCOPES = [
  "read:tenant_settings",
  "update:tenant_settings",
  "create:custom_domains",
  "read:custom_domains",
  "update:custom_domains",
  "delete:custom_domains",
  "read:branding",
  "update:branding",
  "delete:branding",
  "read:prompts",
  "update:prompts",
  "create:actions",
  "read:actions",
  "update:actions",
  "delete:actions",
  "read:logs",
  "read:logs_users",
] as const;

export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];
