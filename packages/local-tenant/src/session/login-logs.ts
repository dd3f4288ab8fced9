/**
 * The tenant log events a login writes (GET /api/v2/logs), with Auth0's event codes:
 *
 *   s                 Success Login (interactive login, or SSO through an existing session)
 *   ssa               Success Silent Auth (prompt=none)
 *   f / fsa           Failed Login / Failed Silent Auth (denied, revoked, Action failed, login_required)
 *   fp / fu           Failed Login: wrong password / unknown user
 *   w                 Warning (an Action's session expiry capped at the tenant limits, or a refused api call)
 *   session_revoked   api.session.revoke, with the revoked session_id
 *   seacft / feacft   Success / Failed Exchange: Authorization Code for Access Token (POST /oauth/token, oidc/)
 *   slo               Success Logout (/v2/logout, /oidc/logout; oidc/)
 *
 * Success events carry `details.session` (id, cookie mode, expiries), which is where Auth0's KMSI guide says to
 * look for `cookie: { mode }`. Dates are login-clock dates.
 */
import type { Json, JsonObject, SessionRecord } from "../store/state";
import type { ClientNetwork } from "./client-network";
import type { SessionContext } from "./context";
import type { DirectoryUser } from "./directory";
import type { SeedApplication, SeedOrganization } from "./seed";

export interface LogSubject {
  network: ClientNetwork;
  application: SeedApplication;
  user?: DirectoryUser;
  organization?: SeedOrganization;
  session?: SessionRecord;
}

export type LoginLogType =
  "s" | "ssa" | "f" | "fsa" | "fp" | "fu" | "w" | "session_revoked" | "seacft" | "feacft" | "slo";

export async function appendLoginLog(
  context: SessionContext,
  type: LoginLogType,
  description: string,
  subject: LogSubject,
  details: JsonObject = {},
): Promise<void> {
  const { network, application, user, organization, session } = subject;
  const event: { type: string; description: string; date: string } & Record<string, Json | undefined> = {
    type,
    description,
    date: new Date(context.clock.now()).toISOString(),
    ip: network.ip,
    hostname: network.hostname,
    client_id: application.client_id,
    client_name: application.name,
  };
  if (network.user_agent !== undefined) event.user_agent = network.user_agent;
  if (user) {
    Object.assign(event, {
      user_id: user.user_id,
      user_name: user.email,
      connection: user.connection.name,
      connection_id: user.connection.id,
      strategy: user.connection.strategy,
      strategy_type: "database",
    });
  }
  if (organization) Object.assign(event, { organization_id: organization.id, organization_name: organization.name });
  if (session) event.session_id = session.id;
  event.details = { ...(session ? { session_id: session.id, session: sessionDetails(session) } : {}), ...details };
  await context.logs.append(event);
}

function sessionDetails(session: SessionRecord): JsonObject {
  return {
    id: session.id,
    cookie: { mode: session.cookie.mode },
    created_at: session.created_at,
    expires_at: session.expires_at,
    idle_expires_at: session.idle_expires_at,
  };
}
