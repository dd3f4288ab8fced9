/**
 * Durations as people write them in stack config ("30m", "12h", "7d", "1d12h") and the units Auth0 wants.
 *
 * Minutes are the smallest unit accepted: a value in seconds would be silently rounded and then show up as
 * drift. The Actions receive durations in milliseconds, so their lifetimes keep minute precision. The tenant's
 * four session lifetimes do not: Auth0 stores one of an hour or more in whole hours (see
 * `auth0StoredTenantLifetime`), so the schema accepts there only the values Auth0 stores exactly.
 */
import { TENANT_WHOLE_HOURS_FROM_MINUTES, storedTenantLifetimeMinutes } from "../auth0/lifetimes";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export const MINUTE_MS = UNIT_MS.m;
export const HOUR_MS = UNIT_MS.h;
export const DAY_MS = UNIT_MS.d;

/** Milliseconds for a duration string, or undefined when it is not one (e.g. "3x", "", "0m5"). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [days = 0, hours = 0, minutes = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return days * UNIT_MS.d + hours * UNIT_MS.h + minutes * UNIT_MS.m;
}

/** The Management API's unit for tenant session lifetimes (the provider takes fractional hours). */
export function toHours(ms: number): number {
  return ms / HOUR_MS;
}

/** From this length on, a tenant lifetime is sent, and so stored, in whole hours (auth0/lifetimes.ts). */
export const TENANT_WHOLE_HOURS_FROM_MS = TENANT_WHOLE_HOURS_FROM_MINUTES * MINUTE_MS;

/** The tenant lifetime Auth0 ends up storing when the provider is given `toHours(ms)` (auth0/lifetimes.ts). */
export function auth0StoredTenantLifetime(ms: number): number {
  return storedTenantLifetimeMinutes(ms / MINUTE_MS) * MINUTE_MS;
}

/** The shortest exact spelling of a duration, for error messages and docs: 4320 min -> "3d". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / UNIT_MS.m) * UNIT_MS.m;
  let text = "";
  for (const unit of ["d", "h", "m"] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * UNIT_MS[unit];
  }
  return text || "0m";
}
