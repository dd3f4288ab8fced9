/**
 * Auth0's session lifetime facts: the plans' maxima, the provider's minima and the whole-hour rule. Stated in
 * hours and minutes, the units Auth0 and the provider use; config/ turns them into milliseconds.
 */

/** The Auth0 plans whose session limits differ. */
export const PLANS = ["self-service", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

/** Auth0 session lifetime limits per plan (seeds 001 and 004): maxima for idle and absolute, persistent or not. */
export const PLAN_LIMIT_HOURS: Record<Plan, { idle: number; absolute: number }> = {
  "self-service": { idle: 3 * 24, absolute: 30 * 24 },
  enterprise: { idle: 100 * 24, absolute: 365 * 24 },
};

export type LifetimeKind = "persistent" | "ephemeral";
/**
 * The Auth0 provider's minimum for the tenant lifetimes, in hours: `FloatAtLeast(0.01)` for `session_lifetime`
 * and `idle_session_lifetime`, `FloatAtLeast(0.0167)` for the two ephemeral ones (terraform-provider-auth0
 * v1.53.0, internal/auth0/tenant/resource.go:107-134).
 */
export const PROVIDER_MIN_LIFETIME_HOURS: Record<LifetimeKind, number> = { persistent: 0.01, ephemeral: 0.0167 };

/** From this length on (in minutes), a tenant lifetime is sent, and so stored, in whole hours. */
export const TENANT_WHOLE_HOURS_FROM_MINUTES = 60;

/**
 * The tenant lifetime (in minutes) Auth0 ends up storing when the provider is given `minutes / 60` hours.
 *
 * go-auth0 v1.45.0 `Tenant.MarshalJSON` (management/tenant.go:229-296) sends a lifetime of 1 h or more as
 * `math.Round(hours)` whole hours (1.5 h becomes 2 h, 2 h 29 m becomes 2 h) and one under 1 h as
 * `*_in_minutes`, `math.Round(hours * 60)`. Go rounds halves away from zero; for these positive values that is
 * what `Math.round` does.
 */
export function storedTenantLifetimeMinutes(minutes: number): number {
  if (minutes >= TENANT_WHOLE_HOURS_FROM_MINUTES) return Math.round(minutes / 60) * 60;
  return Math.round(minutes);
}
