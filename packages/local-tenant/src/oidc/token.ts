/**
 * POST /oauth/token, grant_type=authorization_code (RFC 6749 §4.1.3; RFC 7636 §4.5-4.6; Auth0 "Authentication API:
 * Get Token", authorization code flow with and without PKCE). auth/token-endpoint.ts dispatches this grant here.
 *
 * Checked in this order, each with Auth0's answer:
 * - the client: client_id in the body or HTTP Basic; a confidential application (client_secret in the seed)
 *   must send its secret (client_secret_post or client_secret_basic), a public one (no secret, e.g. a SPA) must
 *   have used PKCE; otherwise 401 {"error":"access_denied","error_description":"Unauthorized"}, the answer of
 *   the client-credentials grant (auth/token-endpoint.ts);
 * - `code` present, else 400 invalid_request "Missing required parameter: code";
 * - the code: issued to this client, unexpired, not used before (codes.ts), else 403 invalid_grant
 *   "Invalid authorization code" (go-auth0 recordings/authentication/TestLoginWithAuthCode/Should_throw_for_an_invalid_code.yaml);
 * - redirect_uri, when sent, equal to the authorization request's (RFC 6749 §4.1.3); Auth0 accepts a request
 *   without it (go-auth0 recordings TestLoginWithAuthCode/Should_return_tokens.yaml sends none): 403 invalid_grant;
 * - PKCE: the code_verifier must match the code_challenge (S256: BASE64URL(SHA256(verifier)); plain: equal), else
 *   403 invalid_grant "Failed to verify code verifier" (go-auth0 authentication/oauth_test.go:169).
 * A failed exchange is logged as `feacft`, a successful one as `seacft`, Auth0's event codes.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { GrantParams } from "../auth/token-endpoint";
import type { Reply, Request } from "../http/router";
import { clientNetwork } from "../session/client-network";
import { appendLoginLog } from "../session/login-logs";
import type { SeedApplication } from "../session/seed";
import type { CodeGrant } from "./codes";
import { issuerFor, type OidcContext } from "./context";
import { corsHeaders, header } from "./cors";
import { issueTokens } from "./tokens";

export async function authorizationCodeGrant(
  context: OidcContext,
  request: Request,
  params: GrantParams,
): Promise<Reply> {
  const directory = context.session.directory;
  const application = directory.application(params.client_id ?? "");
  const cors = corsHeaders(directory, request, application);
  const fail = async (status: number, error: string, description: string): Promise<Reply> => {
    if (application)
      await appendLoginLog(context.session, "feacft", description, { network: clientNetwork(request), application });
    return {
      status,
      body: { error, error_description: description },
      headers: { ...cors, "Cache-Control": "no-store", Pragma: "no-cache" },
    };
  };

  if (!application || !clientAuthenticated(application, params)) return fail(401, "access_denied", "Unauthorized");
  if (params.code === undefined || params.code === "")
    return fail(400, "invalid_request", "Missing required parameter: code");
  const grant = context.codes.redeem(params.code);
  if (!grant || grant.client_id !== application.client_id)
    return fail(403, "invalid_grant", "Invalid authorization code");
  if (params.redirect_uri !== undefined && params.redirect_uri !== grant.redirect_uri) {
    return fail(403, "invalid_grant", "The redirect_uri does not match the one of the authorization request");
  }
  if (application.client_secret === undefined && grant.code_challenge === undefined)
    return fail(401, "access_denied", "Unauthorized");
  if (grant.code_challenge !== undefined && !verifierMatches(grant, params.code_verifier))
    return fail(403, "invalid_grant", "Failed to verify code verifier");
  const user = directory.userById(grant.user_id);
  if (!user) return fail(403, "invalid_grant", "Invalid authorization code");

  const tokens = issueTokens(context, grant, user, issuerFor(context, header(request, "host")));
  await appendLoginLog(context.session, "seacft", "Authorization Code for Access Token", {
    network: clientNetwork(request),
    application,
    user,
  });
  return { status: 200, body: tokens, headers: { ...cors, "Cache-Control": "no-store", Pragma: "no-cache" } };
}

/** A confidential client proves itself with its secret; a public one has nothing to prove here (PKCE does it). */
export function clientAuthenticated(application: SeedApplication, params: GrantParams): boolean {
  if (application.client_secret === undefined) return true;
  const given = params.client_secret;
  if (given === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(application.client_secret).digest();
  return timingSafeEqual(a, b);
}

function verifierMatches(grant: CodeGrant, verifier: string | undefined): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const derived =
    grant.code_challenge_method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return derived === grant.code_challenge;
}
