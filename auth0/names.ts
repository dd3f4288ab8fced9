/**
 * Names and values Auth0 and our Actions agree on: one owner for each, read by the components, the Actions (the
 * bundler inlines them), config/, the policy pack and the tools.
 */

/** The names our two Actions get in the tenant; kept external Actions may not reuse them. */
export const ACTION_NAMES = { kmsi: "kmsi", risk: "risk" } as const;
export type ActionName = keyof typeof ACTION_NAMES;

/** The trigger both Actions are bound to. */
export const POST_LOGIN_TRIGGER = { id: "post-login", version: "v3" } as const;

/** The only two values `api.session.setCookieMode` and the tenant's `sessionCookie.mode` accept. */
export const COOKIE_MODES = ["persistent", "non-persistent"] as const;
export type CookieMode = (typeof COOKIE_MODES)[number];

/** What the risk Action binds a session to: its network (ASN), its IP address, or nothing. */
export const NETWORK_BINDINGS = ["asn", "ip", "off"] as const;
export type NetworkBinding = (typeof NETWORK_BINDINGS)[number];

/**
 * The checkbox field of the Universal Login partial. Auth0 only passes custom prompt fields whose names start
 * with `ulp-` to `event.request.body`, where kmsi reads it.
 */
export const KMSI_FIELD = "ulp-remember-me";

/**
 * The names of the per-stack parameters that reach the Actions through `event.secrets`. Auth0 passes Action
 * configuration as secrets; the components write these names and the Action handlers read them.
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
