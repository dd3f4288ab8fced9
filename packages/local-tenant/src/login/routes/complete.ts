/**
 * The end of every successful authentication — an interactive login, SSO through an existing session, or
 * silent authentication (prompt=none): run the post-login Actions, apply what they decided to the session,
 * send the cookies, log, and redirect to the application with a code (or an error).
 *
 * Session rules (Auth0's "Sessions with Actions" and session lifecycle docs):
 * - cookie mode: the session's (a new session starts with the tenant's session_cookie.mode); an Action's
 *   setCookieMode changes it and Auth0 keeps it for later silent authentications;
 * - absolute expiry: set when the session is created from the tenant lifetime; setExpiresAt replaces it;
 * - idle expiry: every interaction resets it to now + the tenant idle lifetime, unless an Action sets it again
 *   in this transaction (setIdleExpiresAt lasts one interaction);
 * - Action values beyond the plan limits (created + max absolute, now + max idle) are capped, with a `w` log;
 * - revoke: the session is deleted, its cookies cleared, `session_revoked` logged, the app gets access_denied;
 * - deny / a failing Action: the app gets access_denied; a new session is discarded, an existing one is kept.
 */
import type { Reply } from "../../http/router";
import { epochSeconds } from "../../oidc/context";
import { applicationError, applicationResponse } from "../../oidc/response";
import type { CodeGrant } from "../../oidc/codes";
import type { SessionRecord } from "../../store/state";
import type { ClientNetwork } from "../../session/client-network";
import { iso } from "../../session/context";
import type { LoginContext } from "../state/context";
import { clearSessionCookies, sessionCookies } from "../../session/cookies";
import type { DirectoryUser } from "../../session/directory";
import { postLoginEvent } from "../action-runtime/event";
import { runPostLoginFlow, type FlowOutcome } from "../action-runtime/flow";
import { planLimits, tenantCookieMode, tenantLifetimes } from "../state/lifetimes";
import { appendLoginLog, type LogSubject } from "../../session/login-logs";
import type { SeedApplication, SeedOrganization } from "../../session/seed";
import { Sessions, sessionEnd } from "../../session/sessions";

export type Interaction = "login" | "sso" | "silent";

export interface CompletionInput {
  kind: Interaction;
  network: ClientNetwork;
  application: SeedApplication;
  redirectUri: string;
  /** The application's state, echoed on the callback. */
  clientState?: string;
  query: Record<string, string>;
  organization?: SeedOrganization;
  user: DirectoryUser;
  /** event.request.body: collected ulp- fields and state for a login; empty otherwise. */
  body: Record<string, string>;
  /** The session an SSO or silent authentication continues, with the cookie value that named it. */
  existing?: { session: SessionRecord; cookieValue: string };
}

export async function completeAuthentication(context: LoginContext, input: CompletionInput): Promise<Reply> {
  const sessions = new Sessions(context);
  const now = context.clock.now();
  const settings = context.store.state.tenantSettings;
  const lifetimes = tenantLifetimes(settings);
  const { session, cookieValue } =
    input.existing ??
    sessions.create({
      user: input.user,
      clientId: input.application.client_id,
      network: input.network,
      cookieMode: tenantCookieMode(settings),
      ...lifetimes,
    });
  const isNew = input.existing === undefined;
  const silent = input.kind === "silent";
  const subject: LogSubject = {
    network: input.network,
    application: input.application,
    user: input.user,
    organization: input.organization,
    session,
  };

  const event = postLoginEvent({
    tenantName: context.tenantName,
    network: input.network,
    query: input.query,
    body: input.body,
    session,
    user: input.user,
    application: input.application,
    organization: input.organization,
    redirectUri: input.redirectUri,
  });
  const outcome = await runPostLoginFlow(context, event, session.id);
  for (const problem of outcome.problems)
    await appendLoginLog(context, "w", `Action ${problem.action}: ${problem.message}`, subject);

  const failure = silent ? "fsa" : "f";
  if (outcome.revoked) {
    sessions.remove(session.id);
    await appendLoginLog(
      context,
      "session_revoked",
      outcome.revoked.reason || "Session revoked by an Action",
      subject,
      { reason: outcome.revoked.reason, action: outcome.revoked.action },
    );
    await appendLoginLog(context, failure, outcome.revoked.reason || "Session revoked", {
      ...subject,
      session: undefined,
    });
    return applicationError(
      input.query,
      input.redirectUri,
      "access_denied",
      outcome.revoked.reason,
      input.clientState,
      clearSessionCookies(),
    );
  }
  if (outcome.denied || outcome.failed) {
    const reason = outcome.denied?.reason ?? `Action ${outcome.failed!.action} failed: ${outcome.failed!.message}`;
    if (isNew) sessions.remove(session.id);
    await appendLoginLog(context, failure, reason, { ...subject, session: isNew ? undefined : session });
    return applicationError(input.query, input.redirectUri, "access_denied", reason, input.clientState);
  }

  const warnings = settle(session, outcome, { now, idleMs: lifetimes.idleMs, limits: planLimits(context.plan) });
  touch(session, input, now);
  for (const warning of warnings) await appendLoginLog(context, "w", warning, subject);
  const description = silent ? "Successful silent authentication" : "Success Login";
  await appendLoginLog(context, silent ? "ssa" : "s", description, subject, {
    actions: { executions: outcome.executed },
    prompts: [],
  });
  await context.store.commit();

  const code = context.codes.issue(codeGrant(input, session));
  const params: Record<string, string> = { code };
  if (input.clientState !== undefined) params.state = input.clientState;
  return applicationResponse(
    input.query,
    input.redirectUri,
    params,
    sessionCookies(cookieValue, session.cookie.mode, sessionEnd(session)),
  );
}

/** What the code stands for at the token endpoint: the /authorize request's OpenID parameters and the session. */
function codeGrant(input: CompletionInput, session: SessionRecord): CodeGrant {
  const { query } = input;
  const grant: CodeGrant = {
    client_id: input.application.client_id,
    redirect_uri: input.redirectUri,
    user_id: input.user.user_id,
    session_id: session.id,
    auth_time: epochSeconds(Date.parse(session.authenticated_at)),
    scope: (query.scope ?? "").split(" ").filter(Boolean),
  };
  if (query.audience) grant.audience = query.audience;
  if (query.nonce !== undefined) grant.nonce = query.nonce;
  if (query.code_challenge !== undefined) {
    grant.code_challenge = query.code_challenge;
    grant.code_challenge_method = query.code_challenge_method === "S256" ? "S256" : "plain";
  }
  if (input.organization) grant.organization_id = input.organization.id;
  return grant;
}

/** Applies the Actions' decisions and the idle reset to the session; returns the `w` messages for capped values. */
function settle(
  session: SessionRecord,
  outcome: FlowOutcome,
  options: { now: number; idleMs: number; limits: { idleMs: number; absoluteMs: number } },
): string[] {
  const warnings: string[] = [];
  const created = Date.parse(session.created_at);
  if (outcome.cookieMode) session.cookie.mode = outcome.cookieMode;
  if (outcome.expiresAt !== undefined) {
    const cap = created + options.limits.absoluteMs;
    if (outcome.expiresAt > cap) warnings.push(capMessage("setExpiresAt", outcome.expiresAt, cap, "absolute"));
    session.expires_at = iso(Math.min(outcome.expiresAt, cap));
  }
  // Every interaction starts a new idle period; an Action's value replaces it for this interaction only.
  let idle = options.now + options.idleMs;
  if (outcome.idleExpiresAt !== undefined) {
    const cap = options.now + options.limits.idleMs;
    if (outcome.idleExpiresAt > cap)
      warnings.push(capMessage("setIdleExpiresAt", outcome.idleExpiresAt, cap, "inactivity"));
    idle = Math.min(outcome.idleExpiresAt, cap);
  }
  session.idle_expires_at = iso(idle);
  return warnings;
}

function capMessage(method: string, requested: number, cap: number, kind: string): string {
  return `api.session.${method}(${iso(requested)}) exceeds the tenant's ${kind} session lifetime limit; capped at ${iso(cap)}`;
}

/** Records the interaction: last seen, from where, by which application. */
function touch(session: SessionRecord, input: CompletionInput, now: number): void {
  const at = iso(now);
  session.updated_at = at;
  session.last_interacted_at = at;
  session.device.last_ip = input.network.ip;
  if (input.network.asn !== undefined) session.device.last_asn = input.network.asn;
  if (input.network.user_agent !== undefined) session.device.last_user_agent = input.network.user_agent;
  if (!session.clients.some((c) => c.client_id === input.application.client_id))
    session.clients.push({ client_id: input.application.client_id });
}
