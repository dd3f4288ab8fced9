/**
 * Authentication and authorization as on Auth0: /oauth/token (client credentials), then every Management API
 * route checks the bearer token (401 bodies from Auth0's JWT layer) and its own scope (403).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANAGEMENT_SCOPES, type LocalTenant } from "../../local-tenant/index";
import type { TenantClient } from "./helpers/client";
import { useTestTenant } from "./helpers/tenant";

let tenant: LocalTenant;
let client: TenantClient;

useTestTenant((started) => ({ tenant, client } = started));

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("POST /oauth/token", () => {
  it("writes the client to <state>/client.json on first start", () => {
    const stored = JSON.parse(readFileSync(join(tenant.stateDir, "client.json"), "utf8"));
    expect(stored).toEqual({ client_id: tenant.client.client_id, client_secret: tenant.client.client_secret });
  });

  it("issues an RS256 token with every Management API scope (JSON body)", async () => {
    const res = await client.post("/oauth/token", {
      grant_type: "client_credentials",
      client_id: tenant.client.client_id,
      client_secret: tenant.client.client_secret,
      audience: `https://${tenant.domain}/api/v2/`,
    }, { token: null });
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
    const res = await client.send("POST", "/oauth/token", { token: null, raw: form.toString(), contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(200);
    expect(claims(res.json.access_token).scope).toBe("read:prompts update:prompts");
  });

  it.each([
    ["a wrong secret", { client_secret: "nope" }, 401, { error: "access_denied", error_description: "Unauthorized" }],
    ["another audience", { audience: "https://example.com/api/v2/" }, 403, { error: "access_denied", error_description: "Service not found: https://example.com/api/v2/" }],
    ["another grant type", { grant_type: "password" }, 403, { error: "unauthorized_client", error_description: "Grant type 'password' not allowed for the client." }],
  ])("refuses %s", async (_name, override, status, body) => {
    const res = await client.post("/oauth/token", {
      grant_type: "client_credentials",
      client_id: tenant.client.client_id,
      client_secret: tenant.client.client_secret,
      audience: `https://${tenant.domain}/api/v2/`,
      ...override,
    }, { token: null });
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
    expect(res.json).toEqual({ statusCode: 401, error: "Unauthorized", message: "Invalid token", attributes: { error: "Invalid token" } });
  });

  it("401 with a forged signature", async () => {
    const [header, payload] = tenant.mintToken().split(".");
    const res = await client.get("/api/v2/tenants/settings", { token: `${header}.${payload}.${Buffer.from("forged").toString("base64url")}` });
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
    const res = await client.get("/api/v2/tenants/settings", { token: tenant.mintToken({ host: "other.eu.auth0.com" }) });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ statusCode: 401, error: "Unauthorized", message: "Invalid token", attributes: { error: "Invalid token" } });
  });

  it("400 for a non-Bearer Authorization header", async () => {
    const res = await client.get("/api/v2/tenants/settings", { token: null, headers: { Authorization: "Basic Zm9vOmJhcg==" } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ statusCode: 400, error: "Bad Request", message: "Bad HTTP authentication header format", errorCode: "Bearer" });
  });

  it("accepts tokens issued for localhost:<port> too (the same tenant)", async () => {
    const port = tenant.domain.split(":")[1];
    const res = await client.get("/api/v2/tenants/settings", { token: tenant.mintToken({ host: `localhost:${port}` }) });
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
    const res = await client.send(method, path, { token, body: method === "GET" || method === "DELETE" ? undefined : {} });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ statusCode: 403, error: "Forbidden", message: `Insufficient scope, expected any of: ${scope}`, errorCode: "insufficient_scope" });

    const allowed = await client.send(method, path, { token: tenant.mintToken({ scopes: [scope] }), body: method === "GET" || method === "DELETE" ? undefined : {} });
    expect(allowed.status).not.toBe(403);
    expect(allowed.status).not.toBe(401);
  });
});
