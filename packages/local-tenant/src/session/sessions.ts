/**
 * Login sessions: created when a login completes, found again through the `auth0` cookie, extended on every
 * interaction, removed when they expire or are revoked.
 *
 * The cookie carries a random value; the store keeps only its SHA-256, so tenant.json (and the session ids in
 * the logs) cannot be replayed as a cookie. A session is live while the login clock is before both its
 * absolute expiry and its idle expiry.
 */
import { createHash, randomBytes } from "node:crypto";
import type { CookieMode, SessionRecord } from "../store/state";
import type { ClientNetwork } from "./client-network";
import { iso, type SessionContext } from "./context";
import type { DirectoryUser } from "./directory";

export interface FoundSession {
  session?: SessionRecord;
  /** The cookie value the browser sent (needed to send the cookie again with a new expiry). */
  cookieValue?: string;
  /** A cookie was sent but names no live session (expired, revoked, unknown): the browser should drop it. */
  stale: boolean;
}

export class Sessions {
  constructor(private readonly context: SessionContext) {}

  private get list(): SessionRecord[] {
    return this.context.store.state.login.sessions;
  }

  all(): SessionRecord[] {
    return structuredClone(this.list);
  }

  /** The live session a cookie value names. Expired sessions found on the way are removed (the caller commits). */
  findByCookie(cookieValue: string | undefined): FoundSession {
    if (!cookieValue) return { stale: false };
    const now = this.context.clock.now();
    const hash = hashCookie(cookieValue);
    const session = this.list.find((s) => s.cookie_hash === hash);
    if (session && isLive(session, now)) return { session, cookieValue, stale: false };
    if (session) this.remove(session.id);
    return { stale: true };
  }

  /**
   * A new session for a completed login, with the tenant's default cookie mode and lifetimes; the Actions may
   * still change both before the cookie is sent. Added to the state (the caller commits).
   */
  create(input: {
    user: DirectoryUser;
    clientId: string;
    network: ClientNetwork;
    cookieMode: CookieMode;
    absoluteMs: number;
    idleMs: number;
  }): {
    session: SessionRecord;
    cookieValue: string;
  } {
    const now = this.context.clock.now();
    const cookieValue = randomBytes(32).toString("base64url");
    const at = iso(now);
    const device: SessionRecord["device"] = { initial_ip: input.network.ip, last_ip: input.network.ip };
    if (input.network.asn !== undefined)
      Object.assign(device, { initial_asn: input.network.asn, last_asn: input.network.asn });
    if (input.network.user_agent !== undefined)
      Object.assign(device, {
        initial_user_agent: input.network.user_agent,
        last_user_agent: input.network.user_agent,
      });
    const session: SessionRecord = {
      // Auth0 session ids are 32 url-safe characters.
      id: randomBytes(24).toString("base64url"),
      cookie_hash: hashCookie(cookieValue),
      user_id: input.user.user_id,
      connection_id: input.user.connection.id,
      clients: [{ client_id: input.clientId }],
      created_at: at,
      updated_at: at,
      authenticated_at: at,
      last_interacted_at: at,
      expires_at: iso(now + input.absoluteMs),
      idle_expires_at: iso(now + input.idleMs),
      cookie: { mode: input.cookieMode },
      device,
      authentication: { methods: [{ name: "pwd", timestamp: at }] },
    };
    this.list.push(session);
    return { session, cookieValue };
  }

  remove(id: string): boolean {
    const index = this.list.findIndex((s) => s.id === id);
    if (index < 0) return false;
    this.list.splice(index, 1);
    return true;
  }
}

export function isLive(session: SessionRecord, now: number): boolean {
  return now < Date.parse(session.expires_at) && now < Date.parse(session.idle_expires_at);
}

/** When the session ends if nothing happens: the earlier of its absolute and idle expiry (the cookie's Expires). */
export function sessionEnd(session: SessionRecord): number {
  return Math.min(Date.parse(session.expires_at), Date.parse(session.idle_expires_at));
}

function hashCookie(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
