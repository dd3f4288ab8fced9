/**
 * Ending the Auth0 session from an application (Auth0 "Log Users Out of Auth0"; "Authentication API: Logout"):
 *
 * GET /v2/logout?client_id&returnTo: Auth0's own endpoint. returnTo must be one of the application's Allowed
 * Logout URLs (with client_id) or of the tenant's (`allowed_logout_urls` in the tenant settings, without);
 * without returnTo the browser goes to the application's first Allowed Logout URL (auth0-spa-js docs:
 * "If the returnTo URL is not set and client_id is not null, the server returns the user to the first Allowed
 * Logout URLs set in the Dashboard"), and with neither a page saying "OK" is shown (local wording).
 *
 * GET or POST /oidc/logout (OpenID Connect RP-Initiated Logout 1.0, the discovery end_session_endpoint):
 * id_token_hint (an id token this tenant issued, expired or not), logout_hint (the session id, `sid`), client_id,
 * post_logout_redirect_uri (checked like returnTo; the application is client_id, else the hint's `aud`), state
 * (added to the redirect). As Auth0 documents: client_id must match the hint's aud and logout_hint its sid; when
 * no hint names the browser's session (no hint, or a sid that is not this browser's session) the user is asked to
 * confirm first, on a page posting back to /oidc/logout.
 *
 * An URL that is not allowed gets Auth0's error (wording as Auth0 users report it): 'The "returnTo" querystring
 * parameter "<url>" is not defined as a valid URL in "Allowed Logout URLs". To add a new URL, please do it here:
 * <dashboard link>' (or "post_logout_redirect_uri"), and the session is left alone.
 *
 * Logging out deletes the session the `auth0` cookie names, clears both cookies and logs `slo` (Success Logout);
 * the browser has no session afterwards, so silent authentication answers login_required.
 */
import type { Reply, Request } from "../http/router";
import { clientNetwork } from "../session/client-network";
import { clearSessionCookies, sessionCookieValue } from "../session/cookies";
import { escapeHtml } from "../http/html";
import { appendLoginLog } from "../session/login-logs";
import { errorPage, htmlPage, redirect } from "../http/pages";
import type { SeedApplication } from "../session/seed";
import { Sessions } from "../session/sessions";
import type { OidcContext } from "./context";
import { requestParams } from "./params";
import { audiences, verifiedClaims } from "./verify";

export async function v2Logout(context: OidcContext, request: Request): Promise<Reply> {
  const query = Object.fromEntries(request.query);
  const application =
    query.client_id === undefined ? undefined : context.session.directory.application(query.client_id);
  if (query.client_id !== undefined && !application)
    return errorPage(400, "invalid_request", `Unknown client: ${query.client_id}`);
  const allowed = logoutUrls(context, application);
  if (query.returnTo !== undefined && !allowed.includes(query.returnTo))
    return errorPage(400, "invalid_request", notAllowed("returnTo", query.returnTo, application));
  const cookies = await endSession(context, request, application);
  const target = query.returnTo ?? (application ? allowed[0] : undefined);
  return target !== undefined ? redirect(target, cookies) : htmlPage(200, "OK", cookies);
}

export async function oidcLogout(context: OidcContext, request: Request): Promise<Reply> {
  const params = requestParams(request);
  const directory = context.session.directory;
  const hint = params.id_token_hint === undefined ? undefined : verifiedClaims(params.id_token_hint, context.key);
  const issuers = context.hosts().map((host) => `https://${host}/`);
  if (params.id_token_hint !== undefined && (!hint || !issuers.includes(String(hint.iss))))
    return errorPage(400, "invalid_request", "The id_token_hint is not an ID token issued by this tenant");
  const hintAudience = hint ? audiences(hint)[0] : undefined;
  if (hint && params.client_id !== undefined && !audiences(hint).includes(params.client_id)) {
    return errorPage(400, "invalid_request", "The client_id does not match the aud claim of the id_token_hint");
  }
  if (hint && params.logout_hint !== undefined && hint.sid !== params.logout_hint) {
    return errorPage(400, "invalid_request", "The logout_hint does not match the sid claim of the id_token_hint");
  }
  const clientId = params.client_id ?? hintAudience;
  const application = clientId === undefined ? undefined : directory.application(clientId);
  if (clientId !== undefined && !application) return errorPage(400, "invalid_request", `Unknown client: ${clientId}`);
  const allowed = logoutUrls(context, application);
  const target = params.post_logout_redirect_uri;
  if (target !== undefined && !allowed.includes(target))
    return errorPage(400, "invalid_request", notAllowed("post_logout_redirect_uri", target, application));

  if (params.confirm === "no") return htmlPage(200, page("Logout cancelled", "<p>You are still logged in.</p>"));
  const session = new Sessions(context.session).findByCookie(sessionCookieValue(request.headers.cookie)).session;
  const sid = typeof hint?.sid === "string" ? hint.sid : params.logout_hint;
  const confirmed = request.method === "POST" && params.confirm === "yes";
  if (session && sid !== session.id && !confirmed) return htmlPage(200, confirmationPage(params));

  const cookies = await endSession(context, request, application);
  const destination = target ?? (application ? allowed[0] : undefined);
  if (destination === undefined) return htmlPage(200, page("Logged out", "<p>You have been logged out.</p>"), cookies);
  const url = new URL(destination);
  if (params.state !== undefined) url.searchParams.set("state", params.state);
  return redirect(url.toString(), cookies);
}

/** The application's Allowed Logout URLs, or the tenant's when no application is named. */
function logoutUrls(context: OidcContext, application: SeedApplication | undefined): string[] {
  if (application) return context.session.directory.logoutUrls(application);
  const tenant = context.session.store.state.tenantSettings.allowed_logout_urls;
  return Array.isArray(tenant) ? tenant.filter((url): url is string => typeof url === "string") : [];
}

function notAllowed(parameter: string, url: string, application: SeedApplication | undefined): string {
  const where = application
    ? `https://manage.auth0.com/#/applications/${application.client_id}/settings`
    : "https://manage.auth0.com/#/tenant/advanced";
  return `The "${parameter}" querystring parameter "${url}" is not defined as a valid URL in "Allowed Logout URLs". To add a new URL, please do it here: ${where}`;
}

/** Deletes the browser's session (if it has one), logs `slo`, and returns the cookies that clear it. */
async function endSession(
  context: OidcContext,
  request: Request,
  application: SeedApplication | undefined,
): Promise<string[]> {
  const sessions = new Sessions(context.session);
  const cookieValue = sessionCookieValue(request.headers.cookie);
  const { session } = sessions.findByCookie(cookieValue);
  if (session) {
    sessions.remove(session.id);
    const user = context.session.directory.userById(session.user_id);
    const app = application ?? context.session.directory.application(session.clients[0]?.client_id ?? "");
    if (app)
      await appendLoginLog(context.session, "slo", "Success Logout", {
        network: clientNetwork(request),
        application: app,
        ...(user ? { user } : {}),
        session,
      });
  }
  await context.session.store.commit();
  return cookieValue === undefined ? [] : clearSessionCookies();
}

function confirmationPage(params: Record<string, string | undefined>): string {
  const hidden = Object.entries(params)
    .filter(([name, value]) => value !== undefined && name !== "confirm" && name !== "client_secret")
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value!)}">`)
    .join("");
  return page(
    "Log out",
    `<p>Are you sure you want to log out?</p><form method="post" action="/oidc/logout">${hidden}<button type="submit" name="confirm" value="yes">Yes</button> <button type="submit" name="confirm" value="no">No</button></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
