/**
 * Input parsing shared by the Actions.
 *
 * Every function here is total: bad input gives `undefined` or a fallback plus one log line, never an exception,
 * because an exception in a post-login Action fails the user's login over what is only a configuration slip.
 */
import type { PostLoginEvent } from "./auth0-types";

export type Log = (message: string) => void;

/** One-line console logger with a fixed `[name]` prefix, so Auth0's real-time logs show which Action spoke. */
export function logger(name: string): Log {
  return (message) => console.log(`[${name}] ${message}`);
}

/**
 * Upper bound for any duration: 100 years. Session policies never come near it, and the bound keeps every
 * `now + ms` an exact integer and a valid Date, so a typo like an extra ten digits cannot send Auth0 garbage.
 */
const MAX_DURATION_MS = 100 * 365 * 24 * 60 * 60 * 1000;

/** Positive whole milliseconds from a decimal string ("3600000") or a number; anything else is undefined. */
export function parseMs(raw: unknown): number | undefined {
  let value: number;
  if (typeof raw === "number") value = raw;
  // Digits only: Number() would also accept " 1e3 ", "0x10" and "", which nobody means as a duration.
  else if (typeof raw === "string" && /^[0-9]+$/.test(raw)) value = Number(raw);
  else return undefined;
  return Number.isInteger(value) && value > 0 && value <= MAX_DURATION_MS ? value : undefined;
}

/** Unset metadata: Auth0 metadata cannot hold null, and admins clear a key by emptying it. */
export function isUnset(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === "";
}

/** A short, printable rendering of an untrusted value for a log line. */
export function describe(raw: unknown): string {
  let text = String(raw);
  // Quote strings so "" and " 5" are visible; objects as JSON. Numbers stay String() so NaN is not "null".
  if (typeof raw === "string" || (typeof raw === "object" && raw !== null)) {
    try {
      text = JSON.stringify(raw);
    } catch {
      // Circular or BigInt-holding objects keep String(raw).
    }
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

type Secrets = PostLoginEvent["secrets"];

/** A secret's value, with an empty string treated as missing (that is what an unset Pulumi value becomes). */
function secretValue(secrets: Secrets | undefined, name: string): string | undefined {
  const value = secrets?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export type MsSecret = { ok: true; value: number } | { ok: false; problem: string };

/**
 * A milliseconds secret, or the reason it is unusable. The caller decides the fallback and logs it, because the
 * KMSI lifetimes are only meaningful as a pair. Secret values are never echoed into logs.
 */
export function msSecret(secrets: Secrets | undefined, name: string): MsSecret {
  const raw = secretValue(secrets, name);
  if (raw === undefined) return { ok: false, problem: `${name} is missing` };
  const value = parseMs(raw);
  return value === undefined ? { ok: false, problem: `${name} is malformed` } : { ok: true, value };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/** An enumerated secret; a missing or unknown value logs one line and yields `fallback`. */
export function choiceSecret<T extends string>(
  secrets: Secrets | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T,
  log: Log,
): T {
  const raw = secretValue(secrets, name);
  if (raw === undefined) {
    log(`${name} is missing; using "${fallback}"`);
    return fallback;
  }
  if (isOneOf(raw, allowed)) return raw;
  log(`${name} is malformed (want ${allowed.join(" | ")}); using "${fallback}"`);
  return fallback;
}
