/**
 * The names of the per-stack parameters that reach the Actions through `event.secrets`.
 *
 * Auth0 passes Action configuration as secrets; the Pulumi components write these names and the Action
 * handlers read them, so both import them from here and cannot drift apart.
 */
export const KMSI_SECRETS = {
  trustedAbsoluteMs: "TRUSTED_ABSOLUTE_MS",
  trustedIdleMs: "TRUSTED_IDLE_MS",
} as const;

export const RISK_SECRETS = {
  networkBinding: "NETWORK_BINDING",
  connectionLifetimes: "CONNECTION_LIFETIMES",
  organizationIdle: "ORGANIZATION_IDLE",
} as const;

/**
 * The checkbox field of the Universal Login partial. Auth0 only passes custom prompt fields whose names start
 * with `ulp-` to `event.request.body`, where kmsi reads it.
 */
export const KMSI_FIELD = "ulp-remember-me";

export type NetworkBinding = "asn" | "ip" | "off";
export type Switch = "on" | "off";
