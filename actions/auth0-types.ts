/**
 * The typed subset of Auth0's post-login `event` and `api` objects that our Actions use.
 *
 * Auth0 publishes no package for these types, and an npm dependency would end up in the bundle anyway, so we
 * declare only the fields we read. Everything Auth0 documents as possibly absent is optional here, so the compiler
 * makes the handlers cope with old sessions (no `device.initial_*`), silent flows (no body) and missing metadata.
 * They describe what Auth0 documents; what actually arrives is read defensively by event.ts.
 * Reference: post-login event object / api object, and "Sessions with Actions".
 */

import type { CookieMode } from "../auth0/names";

/** The only two values `api.session.setCookieMode` accepts (auth0/names.ts); a misspelling cannot compile. */
export type { CookieMode };

export interface PostLoginRequest {
  /** Client IP address of the current transaction. */
  ip?: string;
  /**
   * Autonomous system number of the client network for the current transaction. Documented as a string, format
   * unstated: risk accepts "64500", "AS64500", asdot and numbers alike (network.ts).
   */
  asn?: string;
  /** Parsed POST body of an interactive login; absent or empty on silent authentication and SSO. */
  body?: Readonly<Record<string, unknown>>;
  /** Query string parameters; anyone can forge these, so they never carry the user's choice. */
  query?: Readonly<Record<string, unknown>>;
  user_agent?: string;
}

export interface PostLoginSessionDevice {
  /** Absent on sessions created before Auth0 added session revocation. */
  initial_ip?: string;
  initial_asn?: string;
  initial_user_agent?: string;
  last_ip?: string;
  last_asn?: string;
}

export interface PostLoginSession {
  id: string;
  /** ISO 8601 timestamps. */
  created_at?: string;
  updated_at?: string;
  authenticated_at?: string;
  last_interacted_at?: string;
  expires_at?: string;
  idle_expires_at?: string;
  cookie?: { mode?: CookieMode };
  device?: PostLoginSessionDevice;
}

/**
 * Metadata values are documented as strings, but admins write them through the Management API, so we type them
 * as unknown and validate before use.
 */
export type Metadata = Readonly<Record<string, unknown>>;

export interface PostLoginEvent {
  /** Action secrets: our per-stack parameters (see parameters.ts). */
  secrets: Readonly<Record<string, string | undefined>>;
  request: PostLoginRequest;
  /** Absent when there is no Auth0 session (for example some non-browser flows). */
  session?: PostLoginSession;
  connection?: { id?: string; name?: string; strategy?: string; metadata?: Metadata };
  organization?: { id?: string; name?: string; display_name?: string; metadata?: Metadata };
}

export interface PostLoginApiSession {
  /** Cookie persistence for this session; Auth0 keeps it for later silent flows. */
  setCookieMode(mode: CookieMode): void;
  /** Absolute expiry, epoch milliseconds. Capped at the tenant limits; the earliest value set wins. */
  setExpiresAt(absolute: number): void;
  /** Inactivity expiry, epoch milliseconds, for this interaction only: re-apply it on every interaction. */
  setIdleExpiresAt(idle: number): void;
  /** Revokes the session (and by default its refresh tokens) and denies the current transaction. */
  revoke(reason: string, options?: { preserveRefreshTokens?: boolean }): void;
}

export interface PostLoginApi {
  /**
   * Absent on older runtimes and triggers without sessions, where Auth0 says session calls "fail silently"
   * (seed 003); a runtime may also lack single methods. The Actions never call it directly: session-calls.ts
   * looks every needed method up first.
   */
  session?: Partial<PostLoginApiSession>;
}

export type OnExecutePostLogin = (event: PostLoginEvent, api: PostLoginApi) => Promise<void>;
