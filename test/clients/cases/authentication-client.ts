/**
 * The auth0 SDK's AuthenticationClient (auth0 7.1.0 ships it as `auth0/legacy`, the v4 API) and its
 * UserInfoClient: what a Node back end of an Auth0 application calls after the browser came back with a code.
 * Error answers are compared with go-auth0's recordings of a real tenant (test/data/recordings/authentication/).
 */
import { createHash, randomBytes } from "node:crypto";
import { Agent } from "node:https";
import { AuthApiError, AuthenticationClient, UserInfoClient } from "auth0/legacy";
import { expect } from "vitest";
import { CLIENTS, type ConformanceCase } from "../conformance";
import { WEB_APP, decodeJwt, logIn, type ClientsEnv } from "../support/env";

const name = CLIENTS.authentication;

function authClient(env: ClientsEnv, app: { client_id: string; client_secret?: string }): AuthenticationClient {
  return new AuthenticationClient({
    domain: env.tenant.domain,
    clientId: app.client_id,
    ...(app.client_secret !== undefined ? { clientSecret: app.client_secret } : {}),
    fetch: env.fetch,
    // The id token validator fetches the JWKS with node:https (jose), through this agent.
    agent: new Agent({ ca: env.caPem }) as never,
  });
}

/** Logs in through the tenant's pages and returns the code of the callback. */
async function code(env: ClientsEnv, params: Record<string, string>): Promise<string> {
  const url = new URL("/authorize", env.tenant.url);
  url.search = new URLSearchParams({
    response_type: "code",
    scope: "openid profile email",
    state: "st",
    ...params,
  }).toString();
  const { location } = await logIn(env.browser(), env.tenant, url);
  const value = location?.searchParams.get("code");
  if (!value) throw new Error(`no code: ${location?.toString()}`);
  return value;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function apiError(promise: Promise<unknown>): Promise<AuthApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthApiError);
  return error as AuthApiError;
}

export const authenticationClientCases: ConformanceCase[] = [
  {
    client: name,
    call: "oauth.clientCredentialsGrant({audience})",
    expected: "a Management API token, expires_in 86400, token_type Bearer",
    async run(env) {
      const { data } = await authClient(env, env.tenant.client).oauth.clientCredentialsGrant({
        audience: `https://${env.tenant.domain}/api/v2/`,
      });
      expect(data).toMatchObject({ token_type: "Bearer", expires_in: 86_400 });
      expect(decodeJwt(data.access_token).claims.gty).toBe("client-credentials");
    },
  },
  {
    client: name,
    call: "oauth.authorizationCodeGrant({code, redirect_uri})",
    expected: "tokens; the SDK validates the id_token (RS256 via the JWKS, iss, aud, nonce)",
    async run(env) {
      const redirect_uri = WEB_APP.callbacks[0];
      const value = await code(env, { client_id: WEB_APP.client_id, redirect_uri, nonce: "n-123" });
      const { data } = await authClient(env, WEB_APP).oauth.authorizationCodeGrant(
        { code: value, redirect_uri },
        { idTokenValidateOptions: { nonce: "n-123" } },
      );
      expect(data).toMatchObject({ token_type: "Bearer", expires_in: 86_400, scope: "openid profile email" });
      expect(decodeJwt(data.id_token!).claims).toMatchObject({
        aud: WEB_APP.client_id,
        nonce: "n-123",
        sub: "auth0|local0user0000000000001",
      });
    },
  },
  {
    client: name,
    call: "oauth.authorizationCodeGrant({code: unknown})",
    expected: "403 invalid_grant Invalid authorization code (recorded)",
    async run(env) {
      const error = await apiError(authClient(env, WEB_APP).oauth.authorizationCodeGrant({ code: "my-invalid-code" }));
      expect([error.statusCode, error.error, error.error_description]).toEqual([
        403,
        "invalid_grant",
        "Invalid authorization code",
      ]);
      expect(JSON.parse(error.body)).toEqual({
        error: "invalid_grant",
        error_description: "Invalid authorization code",
      });
    },
  },
  {
    client: name,
    call: "oauth.authorizationCodeGrantWithPKCE({code, code_verifier})",
    expected: "tokens (the SDK sends the client secret as well: PKCE for a confidential client)",
    async run(env) {
      const { verifier, challenge } = pkce();
      const redirect_uri = WEB_APP.callbacks[0];
      const value = await code(env, {
        client_id: WEB_APP.client_id,
        redirect_uri,
        code_challenge: challenge,
        code_challenge_method: "S256",
      });
      const { data } = await authClient(env, WEB_APP).oauth.authorizationCodeGrantWithPKCE({
        code: value,
        code_verifier: verifier,
        redirect_uri,
      });
      expect(decodeJwt(data.id_token!).claims.aud).toBe(WEB_APP.client_id);
    },
  },
  {
    client: name,
    call: "oauth.authorizationCodeGrantWithPKCE({code, code_verifier: wrong})",
    expected: "403 invalid_grant Failed to verify code verifier",
    async run(env) {
      const { challenge } = pkce();
      const value = await code(env, {
        client_id: WEB_APP.client_id,
        redirect_uri: WEB_APP.callbacks[0],
        code_challenge: challenge,
        code_challenge_method: "S256",
      });
      const error = await apiError(
        authClient(env, WEB_APP).oauth.authorizationCodeGrantWithPKCE({ code: value, code_verifier: pkce().verifier }),
      );
      expect([error.statusCode, error.error, error.error_description]).toEqual([
        403,
        "invalid_grant",
        "Failed to verify code verifier",
      ]);
    },
  },
  {
    client: name,
    call: "oauth.passwordGrant({username, password})",
    expected: "403 unauthorized_client: the Password grant is not enabled for the client",
    async run(env) {
      const error = await apiError(
        authClient(env, WEB_APP).oauth.passwordGrant({ username: "user@example.test", password: "Local-Passw0rd!" }),
      );
      expect([error.statusCode, error.error, error.error_description]).toEqual([
        403,
        "unauthorized_client",
        "Grant type 'password' not allowed for the client.",
      ]);
    },
  },
  {
    client: name,
    call: "oauth.refreshTokenGrant({refresh_token})",
    expected: "403 unauthorized_client: no Refresh Token grant for the client",
    async run(env) {
      const error = await apiError(authClient(env, WEB_APP).oauth.refreshTokenGrant({ refresh_token: "rt" }));
      expect([error.statusCode, error.error, error.error_description]).toEqual([
        403,
        "unauthorized_client",
        "Grant type 'refresh_token' not allowed for the client.",
      ]);
    },
  },
  {
    client: name,
    call: "oauth.revokeRefreshToken({token})",
    expected: "200, empty body (recorded)",
    async run(env) {
      const response = await authClient(env, WEB_APP).oauth.revokeRefreshToken({ token: "test-refresh-token" });
      expect(response.status).toBe(200);
    },
  },
  {
    client: name,
    call: "new UserInfoClient({domain}).getUserInfo(accessToken)",
    expected: "the profile as /userinfo gives it (recorded shape)",
    async run(env) {
      const redirect_uri = WEB_APP.callbacks[0];
      const value = await code(env, { client_id: WEB_APP.client_id, redirect_uri });
      const { data: tokens } = await authClient(env, WEB_APP).oauth.authorizationCodeGrant({
        code: value,
        redirect_uri,
      });
      const { data } = await new UserInfoClient({ domain: env.tenant.domain, fetch: env.fetch }).getUserInfo(
        tokens.access_token,
      );
      expect(data).toMatchObject({
        sub: "auth0|local0user0000000000001",
        name: "Local User",
        email: "user@example.test",
        email_verified: true,
        nickname: "user",
      });
    },
  },
];
