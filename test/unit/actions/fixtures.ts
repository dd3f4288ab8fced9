/** Post-login events for the Action tests: a healthy default, overridden piece by piece per case. */
import type { Metadata, PostLoginEvent, PostLoginRequest, PostLoginSession } from "../../../actions/auth0-types";
import { DAY, HOUR, NOW } from "./harness";

export const TRUSTED_ABSOLUTE_MS = 30 * DAY;
export const TRUSTED_IDLE_MS = 7 * DAY;
/** The session started an hour before the fixed now. */
export const CREATED_AT = "2025-01-15T11:00:00.000Z";
export const CREATED = NOW - HOUR;

export const DEFAULT_SECRETS: Readonly<Record<string, string>> = {
  TRUSTED_ABSOLUTE_MS: String(TRUSTED_ABSOLUTE_MS),
  TRUSTED_IDLE_MS: String(TRUSTED_IDLE_MS),
  NETWORK_BINDING: "asn",
  CONNECTION_LIFETIMES: "on",
  ORGANIZATION_IDLE: "on",
};

export interface EventParts {
  /** Merged over DEFAULT_SECRETS; `undefined` removes a secret. */
  secrets?: Record<string, string | undefined>;
  /** The login form POST body; omit for silent authentication. */
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
  request?: Omit<PostLoginRequest, "body" | "query">;
  /** Merged over the default session; `null` means no session at all. */
  session?: Partial<PostLoginSession> | null;
  connectionMetadata?: Metadata;
  organizationMetadata?: Metadata;
}

export function event(parts: EventParts = {}): PostLoginEvent {
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...DEFAULT_SECRETS, ...parts.secrets })) {
    if (value !== undefined) secrets[name] = value;
  }
  const session: PostLoginSession | undefined =
    parts.session === null
      ? undefined
      : {
          id: "sess_1",
          created_at: CREATED_AT,
          cookie: { mode: "non-persistent" },
          device: { initial_asn: "AS64500", initial_ip: "192.0.2.10" },
          ...parts.session,
        };
  return {
    secrets,
    request: {
      ip: "192.0.2.10",
      asn: "AS64500",
      ...parts.request,
      ...(parts.body === undefined ? {} : { body: parts.body }),
      query: parts.query ?? {},
    },
    ...(session === undefined ? {} : { session }),
    connection: { id: "con_1", name: "Username-Password-Authentication", metadata: parts.connectionMetadata ?? {} },
    ...(parts.organizationMetadata === undefined
      ? {}
      : { organization: { id: "org_1", name: "acme", metadata: parts.organizationMetadata } }),
  };
}

/** A ticked or unticked interactive login form as Universal Login posts it. */
export function form(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { state: "hKFo2SBxd0", username: "user@example.com", ...extra };
}
