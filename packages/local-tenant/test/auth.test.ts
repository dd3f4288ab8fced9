/**
 * Authentication and authorization as on Auth0: /oauth/token (client credentials), then every Management API
 * route checks the bearer token (401 bodies from Auth0's JWT layer) and its own scope (403).
 */
import { createPrivateKey, createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANAGEMENT_SCOPES, type LocalTenant } from "../src/index";
import type { TenantClient } from "../src/client";
import { useTestTenant } from "./helpers/tenant";

let tenant: LocalTenant;
let client: TenantClient;

useTestTenant((started) => ({ tenant, client } = started));

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("POST /oauth/token", () => {
  it("writes the client to <state>/client.json on first start", () => {
    const stored = JSON.parse(readFileSync(join(tenant.stateDir, "client.json"), "utf8"));
    expect(stored).toEqual({ client_id: tenant.client.client_id, client_secret: tenant.client.client_secret });
  });

  it("issues an RS256 token with every Management API scope (JSON body)", async () => {
    const res = await client.post(
      "/oauth/token",
      {
        grant_type: "client_credentials",
        client_id: tenant.client.client_id,
        client_secret: tenant.client.client_secret,
        audience: `https://${tenant.domain}/api/v2/`,
      },
      { token: null },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: "Bearer", expires_in: 86400, scope: MANAGEMENT_SCOPES.join(" ") });
    const header = JSON.parse(Buffer.from(res.json.access_token.split(".")[0], "base64url").toString("utf8"));
    expect(header.alg).toBe("RS256");
    expect(claims(res.json.access_token)).toMatchObject({
      iss: `https://${tenant.domain}/`,
      aud: `https://${tenant.domain}/api/v2/`,
      sub: `${tenant.client.client_id}@clients`,
      gty: "client-credentials",
      scope: MANAGEMENT_SCOPES.join(" "),
    });
  });

  it("accepts a form body and narrows the grant to a requested scope", async () => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: tenant.client.client_id,
      client_secret: tenant.client.client_secret,
      audience: `https://${tenant.domain}/api/v2/`,
      scope: "read:prompts update:prompts not:a_scope",
    });
    const res = await client.send("POST", "/oauth/token", {
      token: null,
      raw: form.toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(200);
    expect(claims(res.json.access_token).scope).toBe("read:prompts update:prompts");
  });

  it.each([
    ["a wrong secret", { client_secret: "nope" }, 401, { error: "access_denied", error_description: "Unauthorized" }],
    [
      "another audience",
      { audience: "https://example.com/api/v2/" },
      403,
      { error: "access_denied", error_description: "Service not found: https://example.com/api/v2/" },
    ],
    [
      "another grant type",
      { grant_type: "password" },
      403,
      { error: "unauthorized_client", error_description: "Grant type 'password' not allowed for the client." },
    ],
  ])("refuses %s", async (_name, override, status, body) => {
    const res = await client.post(
      "/oauth/token",
      {
        grant_type: "client_credentials",
        client_id: tenant.client.client_id,
        client_secret: tenant.client.client_secret,
        audience: `https://${tenant.domain}/api/v2/`,
        ...override,
      },
      { token: null },
    );
    expect(res.status).toBe(status);
    expect(res.json).toEqual(body);
  });
});

describe("bearer token check", () => {
  it("401 without a token", async () => {
    const res = await client.get("/api/v2/tenants/settings", { token: null });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ statusCode: 401, error: "Unauthorized", message: "Missing authentication" });
  });

  it("401 with a token that is not a JWT", async () => {
    const res = await client.get("/api/v2/tenants/settings", { token: "not-a-jwt" });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message: "Invalid token",
      attributes: { error: "Invalid token" },
    });
  });

  it("401 with a forged signature", async () => {
    const [header, payload] = tenant.mintToken().split(".");
    const res = await client.get("/api/v2/tenants/settings", {
      token: `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`,
    });
    expect(res.status).toBe(401);
    const message = "Invalid signature received for JSON Web Token validation";
    expect(res.json).toEqual({ statusCode: 401, error: "Unauthorized", message, attributes: { error: message } });
  });

  it("401 with an expired token", async () => {
    const res = await client.get("/api/v2/tenants/settings", { token: tenant.mintToken({ expiresInSeconds: -5 }) });
    expect(res.status).toBe(401);
    const message = "Expired token received for JSON Web Token validation";
    expect(res.json).toEqual({ statusCode: 401, error: "Unauthorized", message, attributes: { error: message } });
  });

  it("401 with a token for another tenant", async () => {
    const res = await client.get("/api/v2/tenants/settings", {
      token: tenant.mintToken({ host: "other.eu.auth0.com" }),
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message: "Invalid token",
      attributes: { error: "Invalid token" },
    });
  });

  it("400 for a non-Bearer Authorization header", async () => {
    const res = await client.get("/api/v2/tenants/settings", {
      token: null,
      headers: { Authorization: "Basic Zm9vOmJhcg==" },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Bad HTTP authentication header format",
      errorCode: "Bearer",
    });
  });

  it("accepts tokens issued for localhost:<port> too (the same tenant)", async () => {
    const port = tenant.domain.split(":")[1];
    const res = await client.get("/api/v2/tenants/settings", {
      token: tenant.mintToken({ host: `localhost:${port}` }),
    });
    expect(res.status).toBe(200);
  });
});

describe("scopes per endpoint", () => {
  const ENDPOINTS: Array<[method: string, path: string, scope: string]> = [
    ["GET", "/api/v2/tenants/settings", "read:tenant_settings"],
    ["PATCH", "/api/v2/tenants/settings", "update:tenant_settings"],
    ["POST", "/api/v2/custom-domains", "create:custom_domains"],
    ["GET", "/api/v2/custom-domains", "read:custom_domains"],
    ["GET", "/api/v2/custom-domains/cd_0000000000000000", "read:custom_domains"],
    ["PATCH", "/api/v2/custom-domains/cd_0000000000000000", "update:custom_domains"],
    ["DELETE", "/api/v2/custom-domains/cd_0000000000000000", "delete:custom_domains"],
    ["POST", "/api/v2/custom-domains/cd_0000000000000000/verify", "create:custom_domains"],
    ["GET", "/api/v2/branding", "read:branding"],
    ["PATCH", "/api/v2/branding", "update:branding"],
    ["GET", "/api/v2/branding/templates/universal-login", "read:branding"],
    ["PUT", "/api/v2/branding/templates/universal-login", "update:branding"],
    ["DELETE", "/api/v2/branding/templates/universal-login", "delete:branding"],
    ["GET", "/api/v2/prompts", "read:prompts"],
    ["PATCH", "/api/v2/prompts", "update:prompts"],
    ["GET", "/api/v2/prompts/login-id/partials", "read:prompts"],
    ["PUT", "/api/v2/prompts/login-id/partials", "update:prompts"],
    ["POST", "/api/v2/actions/actions", "create:actions"],
    ["GET", "/api/v2/actions/actions", "read:actions"],
    ["GET", "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000", "read:actions"],
    ["PATCH", "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000", "update:actions"],
    ["DELETE", "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000", "delete:actions"],
    ["POST", "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000/deploy", "create:actions"],
    ["GET", "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000/versions", "read:actions"],
    ["GET", "/api/v2/actions/triggers/post-login/bindings", "read:actions"],
    ["PATCH", "/api/v2/actions/triggers/post-login/bindings", "update:actions"],
    ["GET", "/api/v2/logs", "read:logs"],
  ];

  it.each(ENDPOINTS)("%s %s needs %s (403 without it, body exact)", async (method, path, scope) => {
    const token = tenant.mintToken({ scopes: MANAGEMENT_SCOPES.filter((s) => s !== scope) });
    const res = await client.send(method, path, {
      token,
      body: method === "GET" || method === "DELETE" ? undefined : {},
    });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      statusCode: 403,
      error: "Forbidden",
      message: `Insufficient scope, expected any of: ${scope}`,
      errorCode: "insufficient_scope",
    });

    const allowed = await client.send(method, path, {
      token: tenant.mintToken({ scopes: [scope] }),
      body: method === "GET" || method === "DELETE" ? undefined : {},
    });
    expect(allowed.status).not.toBe(403);
    expect(allowed.status).not.toBe(401);
  });
});

/**
 * Tokens that are wrong in every other way: each one is a 400, 401 or 403 with Auth0's body, never a 500 and
 * never a pass. Payloads are signed with the tenant's own key unless the case is about the signature, so the
 * claims are what is being checked. Wording per class as in the README's Rules table (Auth0's hapi JWT layer:
 * "Invalid token" for a token it cannot use, "Invalid signature received ..." for any algorithm or signature
 * problem, ryanfitz/hapi-auth-jwt lib/index.js).
 */
describe("malformed and ill-typed tokens", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64url");
  const sign = (input: string) =>
    createSign("RSA-SHA256")
      .update(input)
      .sign(createPrivateKey(readFileSync(join(tenant.stateDir, "signing-key.pem"), "utf8")))
      .toString("base64url");
  /** A token with this raw header and payload JSON, signed with the tenant's key. */
  const signed = (header: string, payload: string) =>
    `${b64(header)}.${b64(payload)}.${sign(`${b64(header)}.${b64(payload)}`)}`;
  const RS256 = '{"alg":"RS256","typ":"JWT"}';
  /** Valid claims for this tenant, with `override` merged in (undefined removes a claim). */
  const claimsWith = (override: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    const base: Record<string, unknown> = {
      iss: `https://${tenant.domain}/`,
      sub: "x@clients",
      aud: `https://${tenant.domain}/api/v2/`,
      iat: now,
      exp: now + 600,
      scope: "read:tenant_settings",
      gty: "client-credentials",
      azp: "x",
    };
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) delete base[key];
      else base[key] = value;
    }
    return JSON.stringify(base);
  };
  const token = (override: Record<string, unknown>) => signed(RS256, claimsWith(override));

  const unauthorized = (message: string) => ({
    statusCode: 401,
    error: "Unauthorized",
    message,
    attributes: { error: message },
  });
  const INVALID = unauthorized("Invalid token");
  const SIGNATURE = unauthorized("Invalid signature received for JSON Web Token validation");
  const SCOPE = {
    statusCode: 403,
    error: "Forbidden",
    message: "Insufficient scope, expected any of: read:tenant_settings",
    errorCode: "insufficient_scope",
  };
  const BAD_HEADER = {
    statusCode: 400,
    error: "Bad Request",
    message: "Bad HTTP authentication header format",
    errorCode: "Bearer",
  };

  const CASES: Array<[name: string, status: number, body: unknown, authorization: () => string]> = [
    // Signed by the tenant, claims of the wrong kind.
    ["no scope claim", 403, SCOPE, () => `Bearer ${token({ scope: undefined })}`],
    ["an empty scope", 403, SCOPE, () => `Bearer ${token({ scope: "" })}`],
    ["scope as a list", 401, INVALID, () => `Bearer ${token({ scope: ["read:tenant_settings"] })}`],
    ["scope as a number", 401, INVALID, () => `Bearer ${token({ scope: 42 })}`],
    ["scope null", 401, INVALID, () => `Bearer ${token({ scope: null })}`],
    ["scope as an object", 401, INVALID, () => `Bearer ${token({ scope: { "read:tenant_settings": true } })}`],
    ["no aud", 401, INVALID, () => `Bearer ${token({ aud: undefined })}`],
    ["aud as a number", 401, INVALID, () => `Bearer ${token({ aud: 7 })}`],
    ["aud an empty list", 401, INVALID, () => `Bearer ${token({ aud: [] })}`],
    [
      "aud list with a non-string",
      401,
      INVALID,
      () => `Bearer ${token({ aud: [`https://${tenant.domain}/api/v2/`, 7] })}`,
    ],
    ["aud list without this tenant", 401, INVALID, () => `Bearer ${token({ aud: ["https://other.example/api/v2/"] })}`],
    ["no iss", 401, INVALID, () => `Bearer ${token({ iss: undefined })}`],
    ["iss as an object", 401, INVALID, () => `Bearer ${token({ iss: { host: tenant.domain } })}`],
    ["no exp", 401, INVALID, () => `Bearer ${token({ exp: undefined })}`],
    ["exp as a string", 401, INVALID, () => `Bearer ${token({ exp: "9999999999" })}`],
    ["exp null", 401, INVALID, () => `Bearer ${token({ exp: null })}`],
    [
      "exp beyond any number (1e400)",
      401,
      INVALID,
      () => `Bearer ${signed(RS256, claimsWith({ exp: 0 }).replace(/"exp":0/, '"exp":1e400'))}`,
    ],
    ["nbf in the future", 401, INVALID, () => `Bearer ${token({ nbf: Math.floor(Date.now() / 1000) + 3600 })}`],
    ["nbf as a string", 401, INVALID, () => `Bearer ${token({ nbf: "0" })}`],
    ["a JSON array payload", 401, INVALID, () => `Bearer ${signed(RS256, "[1,2,3]")}`],
    ["a JSON null payload", 401, INVALID, () => `Bearer ${signed(RS256, "null")}`],
    ["a JSON string payload", 401, INVALID, () => `Bearer ${signed(RS256, '"read:tenant_settings"')}`],
    ["a payload that is not JSON", 401, INVALID, () => `Bearer ${signed(RS256, "{exp: 1}")}`],
    // The header.
    ["a JSON null header", 401, INVALID, () => `Bearer ${signed("null", claimsWith({}))}`],
    ["a JSON array header", 401, INVALID, () => `Bearer ${signed('["RS256"]', claimsWith({}))}`],
    [
      "alg none, no signature",
      401,
      SIGNATURE,
      () => `Bearer ${b64('{"alg":"none","typ":"JWT"}')}.${b64(claimsWith({}))}.`,
    ],
    ["alg none, the tenant's signature", 401, SIGNATURE, () => `Bearer ${signed('{"alg":"none"}', claimsWith({}))}`],
    ["alg HS256", 401, SIGNATURE, () => `Bearer ${signed('{"alg":"HS256"}', claimsWith({}))}`],
    ["no alg", 401, SIGNATURE, () => `Bearer ${signed('{"typ":"JWT"}', claimsWith({}))}`],
    // Encoding.
    ["garbage base64 in every part", 401, INVALID, () => "Bearer %%%.***.~~~"],
    ["garbage base64 in the payload", 401, INVALID, () => `Bearer ${b64(RS256)}.!!!.${sign("x")}`],
    ["garbage base64 in the signature", 401, SIGNATURE, () => `Bearer ${b64(RS256)}.${b64(claimsWith({}))}.!!!`],
    ["three empty parts", 401, INVALID, () => "Bearer .."],
    ["four parts", 401, INVALID, () => `Bearer ${token({})}.extra`],
    ["two parts", 401, INVALID, () => `Bearer ${b64(RS256)}.${b64(claimsWith({}))}`],
    ["Bearer with two tokens", 400, BAD_HEADER, () => `Bearer ${token({})} ${token({})}`],
    ["Bearer without a token", 400, BAD_HEADER, () => "Bearer"],
  ];

  it.each(CASES)(
    "%s → %i (GET and PATCH of a served route, and an unserved /api/v2 path)",
    async (_name, status, body, authorization) => {
      const header = authorization();
      for (const [method, path] of [
        ["GET", "/api/v2/tenants/settings"],
        ["PATCH", "/api/v2/tenants/settings"],
        ["GET", "/api/v2/no-such-thing"],
      ] as const) {
        const res = await client.send(method, path, {
          token: null,
          headers: { Authorization: header },
          body: method === "PATCH" ? { friendly_name: "x" } : undefined,
        });
        // An unserved path checks the token only (no scope), so a valid token without the scope gets its 404.
        const expected =
          path.endsWith("no-such-thing") && status === 403
            ? { status: 404, body: { statusCode: 404, error: "Not Found", message: "Not Found" } }
            : {
                status,
                body:
                  method === "PATCH" && status === 403
                    ? { ...SCOPE, message: "Insufficient scope, expected any of: update:tenant_settings" }
                    : body,
              };
        expect({ method, path, status: res.status, body: res.json }).toEqual({ method, path, ...expected });
      }
    },
  );

  it("accepts a token whose aud is a list holding this tenant's audience (a user token with openid)", async () => {
    const res = await client.get("/api/v2/tenants/settings", {
      token: token({ aud: [`https://${tenant.domain}/api/v2/`, `https://${tenant.domain}/userinfo`] }),
    });
    expect(res.status).toBe(200);
    expect((await client.get("/api/v2/tenants/settings", { token: token({}) })).status).toBe(200);
  });
});

describe("unserved /api/v2 paths", () => {
  it.each([
    ["GET", "/api/v2/users"],
    ["GET", "/api/v2"],
    ["DELETE", "/api/v2/prompts"],
    ["POST", "/api/v2/tenants/settings"],
    ["GET", "/api/v2/prompts/login-id/partials/extra"],
  ])("%s %s: 401 without a token, 401 with a bad one, 404 with a valid one", async (method, path) => {
    const missing = await client.send(method, path, { token: null });
    expect({ status: missing.status, body: missing.json }).toEqual({
      status: 401,
      body: { statusCode: 401, error: "Unauthorized", message: "Missing authentication" },
    });
    const bad = await client.send(method, path, { token: "not-a-jwt" });
    expect({ status: bad.status, body: bad.json }).toEqual({
      status: 401,
      body: {
        statusCode: 401,
        error: "Unauthorized",
        message: "Invalid token",
        attributes: { error: "Invalid token" },
      },
    });
    const valid = await client.send(method, path);
    expect({ status: valid.status, body: valid.json }).toEqual({
      status: 404,
      body: { statusCode: 404, error: "Not Found", message: "Not Found" },
    });
  });

  it("a path outside /api/v2 is a 404 without a token", async () => {
    const res = await client.get("/api/v22/users", { token: null });
    expect({ status: res.status, body: res.json }).toEqual({
      status: 404,
      body: { statusCode: 404, error: "Not Found", message: "Not Found" },
    });
  });
});
