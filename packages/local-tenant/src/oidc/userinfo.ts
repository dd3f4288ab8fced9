/**
 * GET and POST /userinfo (OpenID Connect Core 1.0 §5.3; Auth0 "Authentication API: Get User Info"): the user's
 * claims for an access token this tenant issued with the `openid` scope and the /userinfo audience. `sub` first,
 * then the profile and email claims the token's scopes grant, as go-auth0's recording shows
 * (test/data/recordings/authentication/TestUserInfo.yaml), with `Content-Type: application/json; charset=utf-8`.
 *
 * A missing, malformed, foreign, expired or scope-less token is refused with 401 and
 * `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1); the body "Unauthorized" is local wording.
 */
import type { Reply, Request } from "../http/router";
import { epochSeconds, type OidcContext } from "./context";
import { corsHeaders } from "./cors";
import { profileClaims, userinfoAudience } from "./tokens";
import { audiences, verifiedClaims } from "./verify";
import { RawBody } from "../http/raw-body";

export function userinfo(context: OidcContext, request: Request): Reply {
  const cors = corsHeaders(context.session.directory, request);
  const refuse = (description: string): Reply => ({
    status: 401,
    body: new RawBody({ contentType: "text/plain; charset=utf-8", text: "Unauthorized" }),
    headers: { ...cors, "WWW-Authenticate": `Bearer error="invalid_token", error_description="${description}"` },
  });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  if (!match) return refuse("Missing access token");
  const claims = verifiedClaims(match[1], context.key);
  const issuers = context.hosts().map((host) => `https://${host}/`);
  if (!claims || typeof claims.iss !== "string" || !issuers.includes(claims.iss)) return refuse("Invalid access token");
  if (typeof claims.exp !== "number" || claims.exp <= epochSeconds(Date.now())) return refuse("Expired access token");
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  if (!audiences(claims).includes(userinfoAudience(claims.iss)) || !scopes.includes("openid"))
    return refuse("The access token is not valid for /userinfo");
  const user = context.session.directory.userById(String(claims.sub));
  if (!user) return refuse("Unknown user");
  return {
    status: 200,
    body: { sub: user.user_id, ...profileClaims(user, scopes, lastLogin(context, user.user_id) ?? Number(claims.iat)) },
    headers: cors,
  };
}

/** When the user last logged in (their newest live session), epoch seconds: Auth0's `updated_at` moves with it. */
function lastLogin(context: OidcContext, userId: string): number | undefined {
  const times = context.session.store.state.login.sessions
    .filter((s) => s.user_id === userId)
    .map((s) => Date.parse(s.authenticated_at));
  return times.length > 0 ? epochSeconds(Math.max(...times)) : undefined;
}
