/**
 * openid-client (panva, the certified OpenID Connect relying party for Node) against the local tenant: what a
 * server-side web application and a public client do, call by call. Each case asserts Auth0's answer exactly.
 */
import * as client from "openid-client";
import { expect } from "vitest";
import { CLIENTS, type ConformanceCase } from "../conformance";
import { API, SPA, WEB_APP, decodeJwt, logIn, webMessageResponse, type ClientsEnv } from "../support/env";

const name = CLIENTS.openid;

async function webApp(env: ClientsEnv, auth: "post" | "basic" = "post"): Promise<client.Configuration> {
  const method =
    auth === "post" ? client.ClientSecretPost(WEB_APP.client_secret) : client.ClientSecretBasic(WEB_APP.client_secret);
  return client.discovery(new URL(env.tenant.url), WEB_APP.client_id, undefined, method, {
    [client.customFetch]: env.fetch,
  });
}

async function spa(env: ClientsEnv): Promise<client.Configuration> {
  return client.discovery(new URL(env.tenant.url), SPA.client_id, undefined, client.None(), {
    [client.customFetch]: env.fetch,
  });
}

/** A full login with the web application: the callback URL and what was sent. */
async function webLogin(env: ClientsEnv, config: client.Configuration, extra: Record<string, string> = {}) {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const browser = env.browser();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: WEB_APP.callbacks[0],
    scope: "openid profile email",
    state,
    nonce,
    ...extra,
  });
  const { location } = await logIn(browser, env.tenant, url);
  return { callback: location!, state, nonce, browser };
}

/** A PKCE login of the SPA (S256), optionally for the API. */
async function spaLogin(env: ClientsEnv, config: client.Configuration, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const browser = env.browser();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: SPA.callbacks[0],
    scope: "openid profile email",
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...extra,
  });
  const { location, page } = await logIn(browser, env.tenant, url);
  return { callback: location, page, verifier, state, browser };
}

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: any[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

export const openidClientCases: ConformanceCase[] = [
  {
    client: name,
    call: "discovery(issuer, clientId, …)",
    expected:
      "provider metadata with issuer https://{domain}/ and Auth0's endpoints, end_session_endpoint /oidc/logout",
    async run(env) {
      const config = await webApp(env);
      const base = env.tenant.url;
      expect(config.serverMetadata()).toMatchObject({
        issuer: `${base}/`,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/oauth/token`,
        userinfo_endpoint: `${base}/userinfo`,
        jwks_uri: `${base}/.well-known/jwks.json`,
        revocation_endpoint: `${base}/oauth/revoke`,
        end_session_endpoint: `${base}/oidc/logout`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256", "plain"],
        id_token_signing_alg_values_supported: ["RS256"],
        subject_types_supported: ["public"],
      });
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) with client_secret_post",
    expected: "tokens; an RS256 id_token (verified against jwks_uri) with nonce, sid, auth_time",
    async run(env) {
      const config = await webApp(env, "post");
      const { callback, state, nonce } = await webLogin(env, config);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const session = env.tenant.login.sessions().at(-1)!;
      expect(tokens.token_type).toBe("bearer");
      expect(tokens.expires_in).toBe(86_400);
      expect(tokens.scope).toBe("openid profile email");
      expect(decodeJwt(tokens.id_token!).header).toEqual({ alg: "RS256", typ: "JWT", kid: expect.any(String) });
      const claims = tokens.claims()!;
      expect(claims).toMatchObject({
        iss: `${env.tenant.url}/`,
        aud: WEB_APP.client_id,
        sub: "auth0|local0user0000000000001",
        nonce,
        sid: session.id,
        auth_time: Math.floor(Date.parse(session.authenticated_at) / 1000),
        email: "user@example.test",
        email_verified: true,
        name: "Local User",
        nickname: "user",
      });
      expect(claims.exp - claims.iat).toBe(36_000);
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) with client_secret_basic",
    expected: "tokens",
    async run(env) {
      const config = await webApp(env, "basic");
      const { callback, state, nonce } = await webLogin(env, config);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        expectedNonce: nonce,
      });
      expect(tokens.claims()!.aud).toBe(WEB_APP.client_id);
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) with a wrong client secret",
    expected: "401 access_denied Unauthorized",
    async run(env) {
      const good = await webApp(env);
      const { callback, state, nonce } = await webLogin(env, good);
      const bad = await client.discovery(
        new URL(env.tenant.url),
        WEB_APP.client_id,
        undefined,
        client.ClientSecretPost("not-the-secret"),
        { [client.customFetch]: env.fetch },
      );
      const error = await rejects(
        client.authorizationCodeGrant(bad, callback, { expectedState: state, expectedNonce: nonce }),
        client.ResponseBodyError,
      );
      expect([error.status, error.error, error.error_description]).toEqual([401, "access_denied", "Unauthorized"]);
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) twice with one code",
    expected: "second: 403 invalid_grant Invalid authorization code",
    async run(env) {
      const config = await webApp(env);
      const { callback, state, nonce } = await webLogin(env, config);
      await client.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce });
      const error = await rejects(
        client.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce }),
        client.ResponseBodyError,
      );
      expect([error.status, error.error, error.error_description]).toEqual([
        403,
        "invalid_grant",
        "Invalid authorization code",
      ]);
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) with PKCE (public client)",
    expected: "tokens; with audience an access token for the API (aud [API, /userinfo], its scopes, its lifetime)",
    async run(env) {
      const config = await spa(env);
      const { callback, verifier, state } = await spaLogin(env, config, {
        audience: API.identifier,
        scope: "openid profile email read:messages delete:everything",
      });
      const tokens = await client.authorizationCodeGrant(config, callback!, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      expect(tokens.scope).toBe("openid profile email read:messages");
      expect(tokens.expires_in).toBe(API.token_lifetime);
      const access = decodeJwt(tokens.access_token).claims;
      expect(access).toMatchObject({
        iss: `${env.tenant.url}/`,
        sub: "auth0|local0user0000000000001",
        aud: [API.identifier, `${env.tenant.url}/userinfo`],
        scope: "openid profile email read:messages",
        azp: SPA.client_id,
      });
      expect(access.exp - access.iat).toBe(API.token_lifetime);
    },
  },
  {
    client: name,
    call: "authorizationCodeGrant(…) with the wrong PKCE verifier",
    expected: "403 invalid_grant Failed to verify code verifier",
    async run(env) {
      const config = await spa(env);
      const { callback, state } = await spaLogin(env, config);
      const error = await rejects(
        client.authorizationCodeGrant(config, callback!, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: state,
        }),
        client.ResponseBodyError,
      );
      expect([error.status, error.error, error.error_description]).toEqual([
        403,
        "invalid_grant",
        "Failed to verify code verifier",
      ]);
    },
  },
  {
    client: name,
    call: "buildAuthorizationUrl({prompt: 'none'}) without a session",
    expected: "callback with error=login_required",
    async run(env) {
      const config = await webApp(env);
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: WEB_APP.callbacks[0],
        scope: "openid",
        state,
        prompt: "none",
      });
      const { location } = await logIn(env.browser(), env.tenant, url);
      const error = await rejects(
        client.authorizationCodeGrant(config, location!, { expectedState: state }),
        client.AuthorizationResponseError,
      );
      expect([error.error, error.error_description]).toEqual(["login_required", "Login required"]);
    },
  },
  {
    client: name,
    call: "buildAuthorizationUrl({prompt: 'none', response_mode: 'web_message'}) with a session",
    expected:
      "an HTML page posting {type: authorization_response, response: {code, state}} to the web origin; the code exchanges",
    async run(env) {
      const config = await spa(env);
      const { browser } = await spaLogin(env, config);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: SPA.callbacks[0],
        scope: "openid",
        state,
        prompt: "none",
        response_mode: "web_message",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
      });
      const { page } = await logIn(browser, env.tenant, url);
      expect(page!.text).toContain('var targetOrigin = "http://localhost:4000";');
      const response = webMessageResponse(page!);
      expect(Object.keys(response)).toEqual(["code", "state"]);
      expect(response.state).toBe(state);
      const callback = new URL(SPA.callbacks[0]);
      callback.search = new URLSearchParams(response).toString();
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      expect(tokens.claims()!.sub).toBe("auth0|local0user0000000000001");
    },
  },
  {
    client: name,
    call: "fetchUserInfo(config, accessToken, sub)",
    expected: "sub, nickname, name, picture, updated_at, email, email_verified",
    async run(env) {
      const config = await webApp(env);
      const { callback, state, nonce } = await webLogin(env, config);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        expectedNonce: nonce,
      });
      const info = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      expect(Object.keys(info)).toEqual([
        "sub",
        "nickname",
        "name",
        "picture",
        "updated_at",
        "email",
        "email_verified",
      ]);
      expect(info).toMatchObject({
        sub: "auth0|local0user0000000000001",
        nickname: "user",
        name: "Local User",
        email: "user@example.test",
        email_verified: true,
      });
    },
  },
  {
    client: name,
    call: "fetchUserInfo(config, forgedToken, sub)",
    expected: '401 with WWW-Authenticate: Bearer error="invalid_token"',
    async run(env) {
      const config = await webApp(env);
      const forged = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.c2lnbmF0dXJl`;
      const error = await rejects(client.fetchUserInfo(config, forged, "x"), client.WWWAuthenticateChallengeError);
      expect(error.status).toBe(401);
      expect(error.cause[0]).toMatchObject({ scheme: "bearer", parameters: { error: "invalid_token" } });
    },
  },
  {
    client: name,
    call: "buildEndSessionUrl({id_token_hint, post_logout_redirect_uri, state})",
    expected: "session ended, redirect to the allowed URL with state; prompt=none then answers login_required",
    async run(env) {
      const config = await webApp(env);
      const { callback, state, nonce, browser } = await webLogin(env, config);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        expectedNonce: nonce,
      });
      const sid = tokens.claims()!.sid as string;
      const logout = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: WEB_APP.allowed_logout_urls[0],
        state: "bye",
      });
      const answer = await browser.get(logout.toString());
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(`${WEB_APP.allowed_logout_urls[0]}?state=bye`);
      expect(env.tenant.login.sessions().some((s) => s.id === sid)).toBe(false);
      expect(browser.cookies.has("auth0")).toBe(false);
      const silent = client.buildAuthorizationUrl(config, {
        redirect_uri: WEB_APP.callbacks[0],
        scope: "openid",
        state: "s2",
        prompt: "none",
      });
      const { location } = await logIn(browser, env.tenant, silent);
      expect(location!.searchParams.get("error")).toBe("login_required");
    },
  },
  {
    client: name,
    call: "buildEndSessionUrl({post_logout_redirect_uri: not allowed})",
    expected: '400 error page: not defined as a valid URL in "Allowed Logout URLs"; session kept',
    async run(env) {
      const config = await webApp(env);
      const { callback, state, nonce, browser } = await webLogin(env, config);
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        expectedNonce: nonce,
      });
      const logout = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: "https://evil.example.test/",
      });
      const answer = await browser.get(logout.toString());
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(
        `The &quot;post_logout_redirect_uri&quot; querystring parameter &quot;https://evil.example.test/&quot; is not defined as a valid URL in &quot;Allowed Logout URLs&quot;. To add a new URL, please do it here: https://manage.auth0.com/#/applications/${WEB_APP.client_id}/settings`,
      );
      expect(env.tenant.login.sessions().some((s) => s.id === tokens.claims()!.sid)).toBe(true);
    },
  },
  {
    client: name,
    call: "tokenRevocation(config, token)",
    expected: "200 (nothing to revoke: no refresh tokens)",
    async run(env) {
      const config = await webApp(env);
      await expect(client.tokenRevocation(config, "some-refresh-token")).resolves.toBeUndefined();
    },
  },
  {
    client: name,
    call: "clientCredentialsGrant(config, {audience: https://{domain}/api/v2/})",
    expected: "a Management API token with the client's scopes",
    async run(env) {
      const config = await client.discovery(
        new URL(env.tenant.url),
        env.tenant.client.client_id,
        env.tenant.client.client_secret,
        undefined,
        { [client.customFetch]: env.fetch },
      );
      const tokens = await client.clientCredentialsGrant(config, { audience: `https://${env.tenant.domain}/api/v2/` });
      expect(tokens.expires_in).toBe(86_400);
      expect(decodeJwt(tokens.access_token).claims).toMatchObject({
        aud: `https://${env.tenant.domain}/api/v2/`,
        gty: "client-credentials",
      });
    },
  },
];
