/**
 * Post-login Action "risk": network binding and per-connection / per-organization session limits.
 *
 * Bound before "kmsi". It revokes a session whose network changed since it was created (possible cookie theft),
 * and otherwise applies the limits that tenant admins put in connection and organization metadata. Within one
 * transaction the earliest expiry wins, so these limits hold even when kmsi later sets trusted lifetimes.
 */
import type { PostLoginApi, PostLoginEvent } from "./auth0-types";
import type { ReadEvent, ReadSession } from "./event";
import { canonicalAsn, canonicalIp } from "./network";
import { NETWORK_BINDINGS, type NetworkBinding, RISK_SECRETS } from "../auth0/names";
import type { Switch } from "./parameters";
import { choiceSecret, describe, isUnset, logger, parseMs } from "./parse";
import { runAction, type SessionCall } from "./session-calls";

const log = logger("risk");

const BINDINGS: readonly NetworkBinding[] = NETWORK_BINDINGS;
const SWITCHES: readonly Switch[] = ["on", "off"];

/** A missing or unknown binding falls back to ASN: it catches a session moved to another network without
 * revoking on every mobile or DHCP address change the way IP binding would. */
const BINDING_FALLBACK: NetworkBinding = "asn";

/**
 * A missing or unknown switch falls back to "on". The switches only decide whether to honour expiries that an admin
 * deliberately wrote into connection or organization metadata (typically a stricter policy for one enterprise
 * connection or customer), and Auth0 caps every value at the plan's limits, so "on" can only apply a value someone
 * asked for. "off" would silently drop such a policy because a stack parameter went missing. (A metadata value
 * longer than the tenant lifetimes lengthens a session: these are expiry dates, as in Auth0's examples.)
 */
const SWITCH_FALLBACK: Switch = "on";

interface BindingCheck {
  /** For the revoke reason. */
  what: string;
  /** For the log line when the check cannot run. */
  check: string;
  noun: string;
  canonical: (raw: unknown) => string | number | undefined;
  initial: [path: string, value: unknown];
  current: [path: string, value: unknown];
}

function bindingCheck(binding: "asn" | "ip", event: ReadEvent, session: ReadSession): BindingCheck {
  return binding === "asn"
    ? {
        what: "Network (ASN)",
        check: "ASN check",
        noun: "an ASN",
        canonical: canonicalAsn,
        initial: ["event.session.device.initial_asn", session.device.initial_asn],
        current: ["event.request.asn", event.request.asn],
      }
    : {
        what: "IP address",
        check: "IP check",
        noun: "an IP address",
        canonical: canonicalIp,
        initial: ["event.session.device.initial_ip", session.device.initial_ip],
        current: ["event.request.ip", event.request.ip],
      };
}

/**
 * The revoke reason if the session left the network it was created on, else undefined. Both sides are compared
 * in canonical form (network.ts), so one address or ASN written two ways is the same network.
 */
function networkChange(binding: NetworkBinding, event: ReadEvent, session: ReadSession): string | undefined {
  if (binding === "off") return undefined;
  const { what, check, noun, canonical, initial, current } = bindingCheck(binding, event, session);
  // Sessions created before Auth0 recorded initial_* have none, and some requests carry no ASN. Missing data is
  // not evidence of theft, so only a definite difference revokes.
  if (isUnset(initial[1]) || isUnset(current[1])) return undefined;
  const [before, now] = [canonical(initial[1]), canonical(current[1])];
  // Nor is garbage: a value that is not an address or ASN cannot be compared, so it never revokes.
  const problems = [[initial, before] as const, [current, now] as const].flatMap(([[path, raw], parsed]) =>
    parsed === undefined ? [`${path} ${describe(raw)} is not ${noun}`] : [],
  );
  if (problems.length > 0) {
    log(`skipped the ${check}: ${problems.join(", ")}`);
    return undefined;
  }
  return before === now ? undefined : `${what} changed during the session; sign in again`;
}

/** Connection metadata `session_timeout` (ms): the session ends that long after it was created. */
function connectionLifetime(event: ReadEvent, session: ReadSession): SessionCall | undefined {
  const raw = event.connectionMetadata.session_timeout;
  if (isUnset(raw)) return undefined;
  const ms = parseMs(raw);
  if (ms === undefined) {
    log(`ignoring connection session_timeout ${describe(raw)}: want positive integer milliseconds`);
    return undefined;
  }
  const created = typeof session.created_at === "string" ? Date.parse(session.created_at) : NaN;
  if (Number.isNaN(created)) {
    log(`ignoring connection session_timeout: session created_at ${describe(session.created_at)} is not a date`);
    return undefined;
  }
  return { method: "setExpiresAt", args: [created + ms] };
}

/** Organization metadata `idle_session_timeout` (ms): inactivity limit from this interaction on. */
function organizationIdle(event: ReadEvent): SessionCall | undefined {
  const raw = event.organizationMetadata.idle_session_timeout;
  if (isUnset(raw)) return undefined;
  const ms = parseMs(raw);
  if (ms === undefined) {
    log(`ignoring organization idle_session_timeout ${describe(raw)}: want positive integer milliseconds`);
    return undefined;
  }
  // Idle expiry lasts one interaction only, which suits us: this runs again on the next one.
  return { method: "setIdleExpiresAt", args: [Date.now() + ms] };
}

/** The session calls for this login, from the event alone. */
function decide(event: ReadEvent): SessionCall[] {
  // Revoking and changing expiry both need an existing session.
  const session = event.session;
  if (session === undefined) return [];

  const secrets = event.secrets;
  const binding = choiceSecret(secrets, RISK_SECRETS.networkBinding, BINDINGS, BINDING_FALLBACK, log);
  const reason = networkChange(binding, event, session);
  // Revoke also denies this transaction; adjusting a dead session's lifetimes would be meaningless.
  if (reason !== undefined) return [{ method: "revoke", args: [reason] }];

  const calls: SessionCall[] = [];
  if (choiceSecret(secrets, RISK_SECRETS.connectionLifetimes, SWITCHES, SWITCH_FALLBACK, log) === "on") {
    const call = connectionLifetime(event, session);
    if (call) calls.push(call);
  }
  if (choiceSecret(secrets, RISK_SECRETS.organizationIdle, SWITCHES, SWITCH_FALLBACK, log) === "on") {
    const call = organizationIdle(event);
    if (call) calls.push(call);
  }
  return calls;
}

/** Never throws and never rejects, whatever `event` and `api` hold (session-calls.ts). */
// `async` though nothing is awaited: even a synchronous throw then reaches Auth0 (which awaits the handler) as a
// rejected promise rather than an exception.
// eslint-disable-next-line @typescript-eslint/require-await
export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  runAction(
    event,
    api,
    {
      secrets: Object.values(RISK_SECRETS),
      connectionMetadata: ["session_timeout"],
      organizationMetadata: ["idle_session_timeout"],
    },
    decide,
    log,
  );
}
