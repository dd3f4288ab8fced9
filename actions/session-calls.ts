/**
 * Runs an Action as "read the event, decide the session calls, make them", so that no input can throw.
 *
 * An exception in a post-login Action fails the user's login. Auth0's guide says a session call made where
 * `api.session` is not available "fails silently" (seed 003, "Set session cookie persistence with Actions"),
 * yet calling a method of a missing `api.session` throws a TypeError: older runtimes and triggers without
 * sessions lack it, and a runtime may lack single methods. So the Actions never touch `api` while deciding:
 *
 * 1. the event is read into a plain copy (event.ts); an unreadable one logs one line and makes no call;
 * 2. the Action decides its calls from that copy (pure: plain data in, a list of calls out);
 * 3. every method the calls need is looked up first; if any is missing, none is called and one line says what
 *    was skipped and why, because half a decision (a persistent cookie without its lifetimes, say) is a state
 *    nobody configured;
 * 4. the calls are made in order; one that throws ends the run with one line naming it and what was skipped.
 */
import type { CookieMode } from "./auth0-types";
import { type ReadEvent, type ReadOptions, readEvent, UnreadableEvent } from "./event";
import { describe, errorText, type Log } from "./parse";

export type SessionCall =
  | { method: "setCookieMode"; args: [mode: CookieMode] }
  | { method: "setExpiresAt"; args: [absolute: number] }
  | { method: "setIdleExpiresAt"; args: [idle: number] }
  | { method: "revoke"; args: [reason: string] };

export type Decide = (event: ReadEvent) => SessionCall[];

/** Reads `rawEvent`, decides, and makes the calls on `rawApi`. Never throws, never rejects. */
export function runAction(rawEvent: unknown, rawApi: unknown, options: ReadOptions, decide: Decide, log: Log): void {
  try {
    let event: ReadEvent;
    try {
      event = readEvent(rawEvent, options);
    } catch (error) {
      if (!(error instanceof UnreadableEvent)) throw error;
      log(`${error.problem}; made no session call`);
      return;
    }
    makeCalls(decide(event), rawApi, log);
  } catch (error) {
    // Not reachable by any input we know of; kept so that a bug of ours still cannot fail a login.
    log(`internal error (${errorText(error)}); made no further session call`);
  }
}

type Method = SessionCall["method"];
/** A method found on `api.session`: called only through Reflect.apply, with arguments from our own SessionCall. */
type SessionMethod = (...args: unknown[]) => unknown;
type Resolved = { ok: true; session: object; methods: Map<Method, SessionMethod> } | { ok: false; problems: string[] };

function makeCalls(calls: readonly SessionCall[], rawApi: unknown, log: Log): void {
  if (calls.length === 0) return;
  const api = resolve(rawApi, calls);
  if (!api.ok) {
    log(`skipped ${calls.map(callText).join(", ")}: ${api.problems.join(", ")}`);
    return;
  }
  for (const [i, call] of calls.entries()) {
    try {
      Reflect.apply(api.methods.get(call.method)!, api.session, call.args);
    } catch (error) {
      const rest = calls.slice(i + 1);
      const skipped = rest.length > 0 ? `; skipped ${rest.map(callText).join(", ")}` : "";
      log(`api.session.${callText(call)} threw (${errorText(error)})${skipped}`);
      return;
    }
  }
}

/** `api.session` and each method the calls need, or every reason they cannot be used. */
function resolve(rawApi: unknown, calls: readonly SessionCall[]): Resolved {
  const apiProblem = notAnObject(rawApi, "api");
  if (apiProblem) return { ok: false, problems: [apiProblem] };
  const session = get(rawApi as object, "session", "api.session");
  if (!session.ok) return { ok: false, problems: [session.problem] };
  const sessionProblem = notAnObject(session.value, "api.session");
  if (sessionProblem) return { ok: false, problems: [sessionProblem] };
  const methods = new Map<Method, SessionMethod>();
  const problems: string[] = [];
  for (const method of new Set(calls.map((call) => call.method))) {
    const path = `api.session.${method}`;
    const found = get(session.value as object, method, path);
    if (!found.ok) problems.push(found.problem);
    else if (typeof found.value === "function") methods.set(method, found.value as SessionMethod);
    else if (found.value === undefined || found.value === null) problems.push(`${path} is missing`);
    else problems.push(`${path} is not a function (got ${describe(found.value)})`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, session: session.value as object, methods };
}

/** Why `value` cannot hold methods, or undefined when it can. */
function notAnObject(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return `${path} is missing`;
  if (typeof value === "object" || typeof value === "function") return undefined;
  return `${path} is not an object (got ${describe(value)})`;
}

/** `parent[key]`, or why reading it threw (a getter or Proxy trap). */
function get(parent: object, key: string, path: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: (parent as Record<string, unknown>)[key] };
  } catch (error) {
    return { ok: false, problem: `${path} cannot be read (${errorText(error)})` };
  }
}

/** `setCookieMode("persistent")`, `setExpiresAt(2025-02-14T12:00:00.000Z)`: a call as a log line shows it. */
function callText(call: SessionCall): string {
  const args = call.args.map((arg) => (typeof arg === "number" ? dateText(arg) : JSON.stringify(arg)));
  return `${call.method}(${args.join(", ")})`;
}

/** Expiries are epoch milliseconds; show them as dates when they are valid ones. */
function dateText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
