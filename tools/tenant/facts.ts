/**
 * How the Management API spells values that the stack config spells its own way.
 */
import { CHOICES } from "../../config";

/**
 * `customDomain.certificates` → the custom domain's `type`. The same pairs as components/custom-domain.ts (there a
 * private constant); test/tools/resources.test.ts checks them against what that component declares.
 */
export const CERTIFICATE_TYPES = {
  "auth0-managed": "auth0_managed_certs",
  "self-managed": "self_managed_certs",
} as const;

export function certificatesOf(type: string): (typeof CHOICES.certificates)[number] | undefined {
  return (Object.keys(CERTIFICATE_TYPES) as (keyof typeof CERTIFICATE_TYPES)[]).find(
    (key) => CERTIFICATE_TYPES[key] === type,
  );
}

/**
 * An Action's runtime as the stack config names it. The provider sends `node18` as `node18-actions`
 * (terraform-provider-auth0 v1.53.0 internal/auth0/action/expand.go:55-57), and Auth0 answers with that.
 */
export function runtimeOf(runtime: string): (typeof CHOICES.runtime)[number] | undefined {
  const name = runtime === "node18-actions" ? "node18" : runtime;
  return (CHOICES.runtime as readonly string[]).includes(name) ? (name as (typeof CHOICES.runtime)[number]) : undefined;
}

/**
 * Auth0's default session cookie mode when `session_cookie` is unset: persistent (config/schema.ts DEFAULTS,
 * seed 001 "Persistent Mode"; the local tenant does the same, packages/local-tenant/README.md "sessions").
 */
export const AUTH0_DEFAULT_COOKIE_MODE = "persistent";
