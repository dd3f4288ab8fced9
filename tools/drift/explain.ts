/**
 * Differences with a known cause that is neither an edit in the tenant nor a program change: the drift report
 * names them instead of blaming either side. Pure.
 */

const TENANT_TYPE = "auth0:index/tenant:Tenant";
/** The tenant lifetimes (hours) that go-auth0 rounds on the way out. */
const LIFETIME_FIELDS: ReadonlySet<string> = new Set([
  "sessionLifetime",
  "idleSessionLifetime",
  "ephemeralSessionLifetime",
  "idleEphemeralSessionLifetime",
]);

/**
 * The lifetime Auth0 ends up holding when the provider sends `hours`. go-auth0 v1.45.0 (management/tenant.go
 * 229-296, Tenant.MarshalJSON) sends one hour or more as `math.Round(hours)` whole hours, and less than an hour as
 * `*_in_minutes: math.Round(hours * 60)`. Go's math.Round rounds half away from zero, as Math.round does for the
 * positive values lifetimes are.
 */
export function storedLifetimeHours(hours: number): number {
  return hours >= 1 ? Math.round(hours) : Math.round(hours * 60) / 60;
}

/**
 * Whether the tenant holds `declared` as go-auth0 rounded it: the difference stays after every deployment,
 * because each one sends the same rounded value again.
 */
export function isLifetimeRounding(type: string, field: string, declared: unknown, actual: unknown): boolean {
  if (type !== TENANT_TYPE || !LIFETIME_FIELDS.has(field)) return false;
  if (typeof declared !== "number" || typeof actual !== "number" || declared === actual) return false;
  const stored = storedLifetimeHours(declared);
  // Under an hour Auth0 keeps whole minutes; compare in minutes so 1/60 h read back as 0.0167 still matches.
  return declared >= 1 ? actual === stored : Math.round(actual * 60) === Math.round(stored * 60);
}
