/**
 * Durations as people write them in stack config ("30m", "12h", "7d", "1d12h") and the units Auth0 wants.
 *
 * Auth0's dashboard and session limits work in whole minutes, so minutes are the smallest unit accepted:
 * a value in seconds would be silently rounded by Auth0 and then show up as drift.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export const MINUTE_MS = UNIT_MS.m;
export const HOUR_MS = UNIT_MS.h;
export const DAY_MS = UNIT_MS.d;

/** Milliseconds for a duration string, or undefined when it is not one (e.g. "3x", "", "0m5"). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0));
  return days * UNIT_MS.d + hours * UNIT_MS.h + minutes * UNIT_MS.m;
}

/** The Management API's unit for tenant session lifetimes (fractional hours are accepted). */
export function toHours(ms: number): number {
  return ms / HOUR_MS;
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
