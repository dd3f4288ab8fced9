/**
 * GET /authorize: the start of every login (authorization code flow, query response mode).
 *
 * - client_id must be a seeded application and redirect_uri one of its callbacks, else an error page (Auth0
 *   never redirects to an unregistered URL); response_type must be `code`.
 * - organization (id or name) selects a seeded organization: event.organization for the Actions.
 * - prompt=none (silent authentication): with a live session, the Actions run (empty body) and the app gets a
 *   code; without one, `error=login_required`.
 * - no prompt, and a live session: SSO, the same without the login screens.
 * - otherwise (or prompt=login): a login transaction and a redirect to the first login screen.
 * The OpenID Connect parameters (response_mode, PKCE, audience) are checked by oidc/authorize-request.ts, and every
 * answer to the application goes back in the response mode it asked for (oidc/response.ts); nonce, scope,
 * audience and the code challenge travel with the code (oidc/codes.ts). connection is accepted and ignored.
 */
import type { Reply } from "../../http/router";
import type { ClientRequest } from "../../http/router";
import { clientNetwork } from "../../session/client-network";
import { completeAuthentication } from "./complete";
import type { LoginContext } from "../state/context";
import { clearSessionCookies, sessionCookieValue } from "../../session/cookies";
import { appendLoginLog } from "../../session/login-logs";
import { checkAuthorizeRequest } from "../../oidc/authorize-request";
import { applicationError } from "../../oidc/response";
import { errorPage, redirect } from "../../http/pages";
import { firstScreen } from "../rendering/screens";
import { Sessions } from "../../session/sessions";
import { Transactions } from "../state/transactions";

export async function authorize(context: LoginContext, request: ClientRequest): Promise<Reply> {
  const query = Object.fromEntries(request.query);
  const application = context.directory.application(query.client_id ?? "");
  if (!application)
    return errorPage(400, "invalid_request", `Unknown client: ${query.client_id ?? "(missing client_id)"}`);
  const redirectUri = query.redirect_uri ?? "";
  if (!context.directory.allowsCallback(application, redirectUri)) {
    return errorPage(
      400,
      "invalid_request",
      `Callback URL mismatch. ${redirectUri || "(missing redirect_uri)"} is not in the list of allowed callback URLs`,
    );
  }
  const clientState = query.state;
  if (query.response_type !== "code") {
    return applicationError(
      query,
      redirectUri,
      "unsupported_response_type",
      `Unsupported response type: ${query.response_type ?? ""}`,
      clientState,
    );
  }
  const problem = checkAuthorizeRequest(context.directory, application, query, redirectUri);
  if (problem) return applicationError(query, redirectUri, problem.error, problem.description, clientState);
  const organization = query.organization ? context.directory.organization(query.organization) : undefined;
  if (query.organization && !organization) {
    return applicationError(
      query,
      redirectUri,
      "invalid_request",
      `parameter organization is invalid: ${query.organization}`,
      clientState,
    );
  }

  const network = clientNetwork(request);
  const sessions = new Sessions(context);
  const found = sessions.findByCookie(sessionCookieValue(request.headers.cookie));
  const user = found.session ? context.directory.userById(found.session.user_id) : undefined;
  const live =
    found.session && user && (!organization || context.directory.isMember(organization, user.user_id))
      ? found.session
      : undefined;
  // What a silent or single-sign-on answer resumes: the live session and the request it answers.
  const resume = () => ({
    network,
    application,
    redirectUri,
    clientState,
    query,
    organization,
    user: user!,
    body: {},
    existing: { session: live!, cookieValue: found.cookieValue! },
  });

  if (query.prompt === "none") {
    if (!live || !user) {
      await appendLoginLog(context, "fsa", "Login required", { network, application, organization });
      return applicationError(
        query,
        redirectUri,
        "login_required",
        "Login required",
        clientState,
        found.stale ? clearSessionCookies() : [],
      );
    }
    return completeAuthentication(context, { kind: "silent", ...resume() });
  }
  if (live && user && query.prompt !== "login") {
    return completeAuthentication(context, { kind: "sso", ...resume() });
  }

  const flow = context.store.state.prompts.identifier_first ? "identifier-first" : "classic";
  const transaction = new Transactions(context).create({
    client_id: application.client_id,
    redirect_uri: redirectUri,
    ...(clientState !== undefined ? { state: clientState } : {}),
    ...(organization ? { organization_id: organization.id } : {}),
    query,
    flow,
  });
  await context.store.commit();
  return redirect(
    `${firstScreen(flow).path}?state=${encodeURIComponent(transaction.id)}`,
    found.stale ? clearSessionCookies() : [],
  );
}
