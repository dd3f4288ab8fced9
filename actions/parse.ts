/**
 * Input parsing shared by the Actions.
 *
 * Every function here is total: bad input gives `undefined` or a fallback plus one log line, never an exception,
 * because an exception in a post-login Action fails the user's login over what is only a configuration slip.
 */
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

/** Unset: Auth0 metadata cannot hold null and admins clear a key by emptying it; secrets and event fields alike. */
export function isUnset(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === "";
}

/** A short, printable rendering of an untrusted value for a log line. Total: never throws, whatever `raw` is. */
export function describe(raw: unknown): string {
  return shorten(printable(raw), 40);
}

function printable(raw: unknown): string {
  // Quote strings so "" and " 5" are visible; objects as JSON. Numbers stay String() so NaN is not "null".
  if (typeof raw === "string" || (typeof raw === "object" && raw !== null)) {
    try {
      const json: unknown = JSON.stringify(raw);
      if (typeof json === "string") return json;
    } catch {
      // Circular, BigInt-holding or hostile (throwing toJSON, revoked Proxy) objects: try String() below.
    }
  }
  try {
    return String(raw);
  } catch {
    // An object without a usable toString (null prototype, throwing toString or Symbol.toPrimitive).
    return "[unprintable]";
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `Name: message` of something thrown, for a log line; total like describe(). */
export function errorText(error: unknown): string {
  try {
    if (typeof error === "object" && error !== null) {
      const { name, message } = error as { name?: unknown; message?: unknown };
      if (typeof message === "string")
        return shorten(typeof name === "string" && name !== "" ? `${name}: ${message}` : message, 100);
    }
  } catch {
    // A throwing `name` or `message` getter: describe the value instead.
  }
  return describe(error);
}

/** Action secrets as read from the event: Auth0 sends strings; any other value is malformed. */
type Secrets = Readonly<Record<string, unknown>>;

/** A secret's value; unset (absent, or empty: what an unset Pulumi value becomes) is undefined. */
function secretValue(secrets: Secrets | undefined, name: string): unknown {
  const value = secrets?.[name];
  return isUnset(value) ? undefined : value;
}

export type MsSecret = { ok: true; value: number } | { ok: false; problem: string };

/**
 * A milliseconds secret, or the reason it is unusable. The caller decides the fallback and logs it, because the
 * KMSI lifetimes are only meaningful as a pair. Secret values are never echoed into logs.
 */
export function msSecret(secrets: Secrets | undefined, name: string): MsSecret {
  const raw = secretValue(secrets, name);
  if (raw === undefined) return { ok: false, problem: `${name} is missing` };
  // Auth0 passes secrets as strings; a number here is not what the stack deployed.
  const value = typeof raw === "string" ? parseMs(raw) : undefined;
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
  if (typeof raw === "string" && isOneOf(raw, allowed)) return raw;
  log(`${name} is malformed (want ${allowed.join(" | ")}); using "${fallback}"`);
  return fallback;
}
