/**
 * Post-login Action "kmsi": Keep Me Signed In.
 *
 * The Universal Login partial posts a `ulp-remember-me` checkbox. Ticked, the session gets a persistent cookie and
 * the trusted-device lifetimes; unticked, a non-persistent cookie that dies with the browser. Auth0 remembers the
 * cookie mode across silent authentication, but not the idle expiry, so persistent sessions get it re-applied on
 * every silent interaction. Auth0 caps all lifetimes at the tenant limits, and the earliest expiry set in a
 * transaction wins, so the "risk" Action bound before this one can still shorten what we set here.
 */
import type { PostLoginApi, PostLoginEvent } from "./auth0-types";
import type { ReadEvent } from "./event";
import { KMSI_FIELD, KMSI_SECRETS } from "../auth0/names";
import { logger, msSecret } from "./parse";
import { runAction, type SessionCall } from "./session-calls";

const log = logger("kmsi");

/** What a ticked box can arrive as: a browser posts "on"; JSON clients and custom forms post true / "true". */
function isTicked(value: unknown): boolean {
  return value === "on" || value === "true" || value === true;
}

/**
 * The form body of an interactive login, or undefined for silent authentication and SSO, which carry none.
 * Only the POST body counts: a query parameter is attacker-controllable via a crafted /authorize link.
 */
function loginForm(event: ReadEvent): Readonly<Record<string, unknown>> | undefined {
  const body = event.request.body;
  return body !== undefined && Object.keys(body).length > 0 ? body : undefined;
}

interface TrustedLifetimes {
  absoluteMs: number;
  idleMs: number;
}

/**
 * Both trusted lifetimes, or undefined (with a log line) if either is unusable. The pair is all or nothing: half a
 * policy (say a long absolute lifetime with the tenant idle timeout) is a state nobody configured. The safe
 * fallback is no extension, leaving the tenant's own session lifetimes in force.
 */
function trustedLifetimes(event: ReadEvent): TrustedLifetimes | undefined {
  const absolute = msSecret(event.secrets, KMSI_SECRETS.trustedAbsoluteMs);
  const idle = msSecret(event.secrets, KMSI_SECRETS.trustedIdleMs);
  if (absolute.ok && idle.ok) return { absoluteMs: absolute.value, idleMs: idle.value };
  const problems = [absolute, idle].flatMap((secret) => (secret.ok ? [] : [secret.problem]));
  log(`${problems.join(", ")} (want positive integer milliseconds); not extending the session`);
  return undefined;
}

/** The session calls for this login, from the event alone. */
function decide(event: ReadEvent): SessionCall[] {
  // api.session only acts on an existing session; without one there is nothing to configure.
  const session = event.session;
  if (session === undefined) return [];

  const form = loginForm(event);
  if (form === undefined) {
    // Silent authentication / SSO. A non-persistent session keeps the tenant idle timeout, so nothing to do.
    if (session.cookie.mode !== "persistent") return [];
    const lifetimes = trustedLifetimes(event);
    return lifetimes ? [{ method: "setIdleExpiresAt", args: [Date.now() + lifetimes.idleMs] }] : [];
  }

  if (!isTicked(form[KMSI_FIELD])) return [{ method: "setCookieMode", args: ["non-persistent"] }];

  // The user's explicit choice: the cookie survives browser restarts even if the lifetimes are misconfigured,
  // since the tenant's own limits still bound the session.
  const calls: SessionCall[] = [{ method: "setCookieMode", args: ["persistent"] }];
  const lifetimes = trustedLifetimes(event);
  if (lifetimes) {
    const now = Date.now();
    calls.push({ method: "setExpiresAt", args: [now + lifetimes.absoluteMs] });
    calls.push({ method: "setIdleExpiresAt", args: [now + lifetimes.idleMs] });
  }
  return calls;
}

/** Never throws and never rejects, whatever `event` and `api` hold (session-calls.ts). */
// `async` though nothing is awaited: even a synchronous throw then reaches Auth0 (which awaits the handler) as a
// rejected promise rather than an exception.
// eslint-disable-next-line @typescript-eslint/require-await
export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  runAction(event, api, { secrets: Object.values(KMSI_SECRETS) }, decide, log);
}
