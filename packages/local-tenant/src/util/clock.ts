/**
 * Timestamps in the shapes Auth0 answers with.
 *
 * Actions, versions and bindings carry nanosecond RFC 3339 stamps ("2026-05-29T10:45:58.888947671Z"),
 * custom domains and logs carry millisecond ones ("2026-01-27T13:59:53.172Z"). The nanosecond clock is
 * strictly increasing so that two stamps taken in the same millisecond (created_at then updated_at of one
 * action) still sort in the order they were taken, as they do in the recordings.
 */
let lastNs = 0n;

/** Nanoseconds since the epoch, strictly increasing across calls. */
export function nowNs(): bigint {
  const candidate = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  lastNs = candidate > lastNs ? candidate : lastNs + 1n;
  return lastNs;
}

/** "2026-05-29T10:45:58.888947671Z" for a nanosecond instant (default: now). */
export function isoNano(ns: bigint = nowNs()): string {
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString(); // 2026-05-29T10:45:58.888Z
  const fraction = String(ns % 1_000_000_000n).padStart(9, "0");
  return `${base.slice(0, 19)}.${fraction}Z`;
}

/** Adds milliseconds to a nanosecond instant (build times come a little after creation). */
export function plusMs(ns: bigint, ms: number): bigint {
  return ns + BigInt(Math.round(ms * 1_000_000));
}

/** "2026-01-27T13:59:53.172Z" */
export function isoMilli(date: Date = new Date()): string {
  return date.toISOString();
}
