/**
 * Post-login Action "risk": network binding and per-connection / per-organization session limits.
 *
 * Bound before "kmsi". It revokes a session whose network changed since it was created (possible cookie theft),
 * and otherwise applies the limits that tenant admins put in connection and organization metadata. Within one
 * transaction the earliest expiry wins, so these limits hold even when kmsi later sets trusted lifetimes.
 */
import type { PostLoginApi, PostLoginEvent, PostLoginSession } from "./auth0-types";
import { type NetworkBinding, RISK_SECRETS, type Switch } from "./parameters";
import { choiceSecret, describe, isUnset, logger, parseMs } from "./parse";

const log = logger("risk");

const BINDINGS: readonly NetworkBinding[] = ["asn", "ip", "off"];
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

function isPresent(value: unknown): value is string | number {
  return (typeof value === "string" && value !== "") || typeof value === "number";
}

/** The revoke reason if the session left the network it was created on, else undefined. */
function networkChange(binding: NetworkBinding, event: PostLoginEvent, session: PostLoginSession): string | undefined {
  if (binding === "off") return undefined;
  const [initial, current, what] =
    binding === "asn"
      ? [session.device?.initial_asn, event.request?.asn, "Network (ASN)"]
      : [session.device?.initial_ip, event.request?.ip, "IP address"];
  // Sessions created before Auth0 recorded initial_* have none, and some requests carry no ASN. Missing data is
  // not evidence of theft, so only a definite difference revokes.
  if (!isPresent(initial) || !isPresent(current)) return undefined;
  return String(initial) === String(current) ? undefined : `${what} changed during the session; sign in again`;
}

/** Connection metadata `session_timeout` (ms): the session ends that long after it was created. */
function applyConnectionLifetime(event: PostLoginEvent, session: PostLoginSession, api: PostLoginApi): void {
  const raw = event.connection?.metadata?.session_timeout;
  if (isUnset(raw)) return;
  const ms = parseMs(raw);
  if (ms === undefined) {
    log(`ignoring connection session_timeout ${describe(raw)}: want positive integer milliseconds`);
    return;
  }
  const created = typeof session.created_at === "string" ? Date.parse(session.created_at) : NaN;
  if (Number.isNaN(created)) {
    log(`ignoring connection session_timeout: session created_at ${describe(session.created_at)} is not a date`);
    return;
  }
  api.session.setExpiresAt(created + ms);
}

/** Organization metadata `idle_session_timeout` (ms): inactivity limit from this interaction on. */
function applyOrganizationIdle(event: PostLoginEvent, api: PostLoginApi): void {
  const raw = event.organization?.metadata?.idle_session_timeout;
  if (isUnset(raw)) return;
  const ms = parseMs(raw);
  if (ms === undefined) {
    log(`ignoring organization idle_session_timeout ${describe(raw)}: want positive integer milliseconds`);
    return;
  }
  // Idle expiry lasts one interaction only, which suits us: this runs again on the next one.
  api.session.setIdleExpiresAt(Date.now() + ms);
}

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  // Revoking and changing expiry both need an existing session.
  const session = event.session;
  if (!session?.id) return;

  const binding = choiceSecret(event.secrets, RISK_SECRETS.networkBinding, BINDINGS, BINDING_FALLBACK, log);
  const reason = networkChange(binding, event, session);
  if (reason !== undefined) {
    // Revoke also denies this transaction; adjusting a dead session's lifetimes would be meaningless.
    api.session.revoke(reason);
    return;
  }

  const secrets = event.secrets;
  if (choiceSecret(secrets, RISK_SECRETS.connectionLifetimes, SWITCHES, SWITCH_FALLBACK, log) === "on") {
    applyConnectionLifetime(event, session, api);
  }
  if (choiceSecret(secrets, RISK_SECRETS.organizationIdle, SWITCHES, SWITCH_FALLBACK, log) === "on") {
    applyOrganizationIdle(event, api);
  }
}
