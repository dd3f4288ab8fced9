/**
 * The tokens an application gets for a user at POST /oauth/token, with the claims Auth0 puts in them.
 *
 * ID token (OpenID Connect Core 1.0 §2; Auth0 "ID Token Structure"): RS256 with the tenant key, `iss`
 * https://<host>/, `aud` the client id, `sub` the user id, `iat`/`exp` (ID_TOKEN_SECONDS, Auth0's default ID
 * token expiration of 36000 s), `sid` (the Auth0 session, which /oidc/logout's logout_hint names), `auth_time`
 * (when the session authenticated), `nonce` when the request had one, `org_id` for an organization login, and
 * the profile / email claims the scopes ask for (OIDC Core §5.4).
 *
 * Access token: for an API (`audience` of a seeded resource server) a JWT with aud [API, https://<host>/userinfo]
 * (the second only with `openid`), `scope` the requested scopes the API defines plus the OpenID ones, `azp` the
 * client, lifetime the API's token_lifetime (Auth0 "Access Token Profiles"). Without an audience Auth0 returns an
 * opaque token good only for /userinfo; here that token is a JWT whose only audience is /userinfo (applications
 * must treat it as opaque either way), valid DEFAULT_USERINFO_TOKEN_SECONDS.
 *
 * `iat`/`exp` use real time, since applications check them against their own clocks; `auth_time` is the session's
 * authentication time on the login clock (the same unless a test moves that clock).
 */
import { createHash } from "node:crypto";
import { signJwt } from "../auth/jwt";
import type { DirectoryUser } from "../session/directory";
import type { SeedResourceServer } from "../session/seed";
import type { CodeGrant } from "./codes";
import { epochSeconds, type OidcContext } from "./context";

export const ID_TOKEN_SECONDS = 36_000;
/** Auth0's default access token lifetime, for the /userinfo-only token as for APIs without their own. */
export const DEFAULT_USERINFO_TOKEN_SECONDS = 86_400;
/** The OpenID Connect scopes the tenant grants to any application (Auth0 discovery `scopes_supported`, the ones served here). */
export const OIDC_SCOPES = ["openid", "profile", "email"] as const;

export function userinfoAudience(issuer: string): string {
  return `${issuer}userinfo`;
}

/** The scopes granted: requested OpenID scopes, plus requested scopes the API defines; in request order. */
export function grantedScopes(requested: readonly string[], api: SeedResourceServer | undefined): string[] {
  const known = new Set<string>([...OIDC_SCOPES, ...(api?.scopes ?? [])]);
  return [...new Set(requested.filter((scope) => known.has(scope)))];
}

/**
 * The standard claims of a database user for the granted scopes, in the order Auth0 returns them
 * (go-auth0 test/data/recordings/authentication/TestUserInfo.yaml): nickname, name, picture, updated_at, email,
 * email_verified. `updated_at` is the last login, which updates an Auth0 user profile.
 */
export function profileClaims(
  user: DirectoryUser,
  scopes: readonly string[],
  updatedAt: number,
): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scopes.includes("profile")) {
    claims.nickname = user.email.split("@")[0];
    claims.name = user.name;
    claims.picture = gravatar(user);
    claims.updated_at = new Date(updatedAt * 1000).toISOString();
  }
  if (scopes.includes("email")) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  return claims;
}

export interface IssuedTokens {
  access_token: string;
  id_token?: string;
  scope: string;
  expires_in: number;
  token_type: "Bearer";
}

/** The token response for a redeemed code (RFC 6749 §5.1; OIDC Core §3.1.3.3). */
export function issueTokens(context: OidcContext, grant: CodeGrant, user: DirectoryUser, issuer: string): IssuedTokens {
  const now = epochSeconds(Date.now());
  const api = grant.audience === undefined ? undefined : context.session.directory.resourceServer(grant.audience);
  const scopes = grantedScopes(grant.scope, api);
  const openid = scopes.includes("openid");
  const lifetime = api?.token_lifetime ?? DEFAULT_USERINFO_TOKEN_SECONDS;
  const access: Record<string, unknown> = {
    iss: issuer,
    sub: user.user_id,
    aud: api ? (openid ? [api.identifier, userinfoAudience(issuer)] : api.identifier) : userinfoAudience(issuer),
    iat: now,
    exp: now + lifetime,
    scope: scopes.join(" "),
    azp: grant.client_id,
  };
  if (grant.organization_id !== undefined) access.org_id = grant.organization_id;
  const tokens: IssuedTokens = {
    access_token: signJwt(access, context.key),
    scope: scopes.join(" "),
    expires_in: lifetime,
    token_type: "Bearer",
  };
  if (openid) {
    const id: Record<string, unknown> = {
      ...profileClaims(user, scopes, grant.auth_time),
      iss: issuer,
      aud: grant.client_id,
      sub: user.user_id,
      iat: now,
      exp: now + ID_TOKEN_SECONDS,
      sid: grant.session_id,
      auth_time: grant.auth_time,
    };
    if (grant.nonce !== undefined) id.nonce = grant.nonce;
    if (grant.organization_id !== undefined) id.org_id = grant.organization_id;
    tokens.id_token = signJwt(id, context.key);
  }
  return tokens;
}

/** Auth0's default picture for database users: Gravatar, falling back to its initials avatar (TestUserInfo.yaml). */
function gravatar(user: DirectoryUser): string {
  const hash = createHash("md5").update(user.email.trim().toLowerCase()).digest("hex");
  const initials = (user.name || user.email).slice(0, 2).toLowerCase();
  return `https://s.gravatar.com/avatar/${hash}?s=480&r=pg&d=${encodeURIComponent(`https://cdn.auth0.com/avatars/${initials}.png`)}`;
}
