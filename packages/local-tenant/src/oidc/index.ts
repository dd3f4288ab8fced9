/**
 * OpenID Connect for applications, as Auth0 serves it: discovery, the JWKS, the authorization code grant at
 * /oauth/token (dispatched from auth/token-endpoint.ts), /userinfo, /oauth/revoke, /v2/logout and /oidc/logout,
 * with CORS for browser applications. /authorize itself lives in login/ and hands codes out through codes.ts in
 * the response mode asked for (response.ts). start.ts registers this area on the tenant's router.
 */
import type { ExtraGrants } from "../auth/token-endpoint";
import type { Router } from "../http/router";
import { discoveryDocument } from "./discovery";
import { issuerFor, type OidcContext } from "./context";
import { PUBLIC_CORS, header, preflight } from "./cors";
import { jwks } from "./jwks";
import { oidcLogout, v2Logout } from "./logout";
import { requestParams } from "./params";
import { revoke } from "./revoke";
import { authorizationCodeGrant } from "./token";
import { userinfo } from "./userinfo";

export { AuthorizationCodes } from "./codes";
export type { OidcContext } from "./context";

export function oidcGrants(context: OidcContext): ExtraGrants {
  return { authorization_code: (request, params) => authorizationCodeGrant(context, request, params) };
}

export function registerOidc(router: Router, context: OidcContext): void {
  const directory = context.session.directory;
  router.add("GET", "/.well-known/openid-configuration", {}, (request) => ({
    status: 200,
    body: discoveryDocument(issuerFor(context, header(request, "host")), context.session.store.state.tenantSettings),
    headers: PUBLIC_CORS,
  }));
  router.add("GET", "/.well-known/jwks.json", {}, () => ({
    status: 200,
    body: jwks(context.key, context.session.tenantName),
    headers: PUBLIC_CORS,
  }));
  router.add("OPTIONS", "/oauth/token", {}, (request) => preflight(directory, request, "POST"));
  router.add("GET", "/userinfo", {}, (request) => userinfo(context, request));
  router.add("POST", "/userinfo", {}, (request) => userinfo(context, request));
  router.add("OPTIONS", "/userinfo", {}, (request) => preflight(directory, request, "GET, POST"));
  router.add("POST", "/oauth/revoke", {}, (request) => revoke(context, request, requestParams(request)));
  router.add("OPTIONS", "/oauth/revoke", {}, (request) => preflight(directory, request, "POST"));
  router.add("GET", "/v2/logout", {}, (request) => v2Logout(context, request));
  router.add("GET", "/oidc/logout", {}, (request) => oidcLogout(context, request));
  router.add("POST", "/oidc/logout", {}, (request) => oidcLogout(context, request));
}
