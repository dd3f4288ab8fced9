/**
 * POST /oauth/revoke (RFC 7009; Auth0 "Revoke Refresh Token"): this tenant issues no refresh tokens, so there is
 * never anything to revoke, and RFC 7009 §2.2 answers 200 for a token the server does not know; Auth0 answers
 * 200 with an empty body (go-auth0 recordings/authentication/TestRevokeRefreshToken/Should_revoke_token.yaml).
 * The client must still be known (401 access_denied "Unauthorized" otherwise, as at /oauth/token) and `token`
 * present (400 invalid_request "Missing required parameter: token").
 */
import type { GrantParams } from "../auth/token-endpoint";
import type { Reply, Request } from "../http/router";
import type { OidcContext } from "./context";
import { corsHeaders } from "./cors";
import { clientAuthenticated } from "./token";

export function revoke(context: OidcContext, request: Request, params: GrantParams): Reply {
  const application = context.session.directory.application(params.client_id ?? "");
  const cors = corsHeaders(context.session.directory, request, application);
  if (!application || !clientAuthenticated(application, params)) {
    return { status: 401, body: { error: "access_denied", error_description: "Unauthorized" }, headers: cors };
  }
  if (!params.token)
    return {
      status: 400,
      body: { error: "invalid_request", error_description: "Missing required parameter: token" },
      headers: cors,
    };
  return { status: 200, headers: cors };
}
