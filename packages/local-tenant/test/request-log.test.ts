/** The request log: exact entries for a short sequence, programmatically and through /__local/requests. */
import { describe, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import type { TenantClient } from "../src/client";
import { useTestTenant } from "./helpers/tenant";

let tenant: LocalTenant;
let client: TenantClient;

useTestTenant((started) => ({ tenant, client } = started));

describe("request log", () => {
  it("records method, path, query, status and time of each request, in order", async () => {
    tenant.requestLog.clear();
    await client.login();
    await client.get("/api/v2/tenants/settings");
    await client.patch("/api/v2/tenants/settings", { session_lifetime: 100000 });
    await client.get("/api/v2/actions/triggers/post-login/bindings?page=0&per_page=100");
    await client.get("/api/v2/prompts", { token: null });
    await client.get("/nowhere");

    const expected = [
      { method: "POST", path: "/oauth/token", query: "", status: 200 },
      { method: "GET", path: "/api/v2/tenants/settings", query: "", status: 200 },
      { method: "PATCH", path: "/api/v2/tenants/settings", query: "", status: 400 },
      {
        method: "GET",
        path: "/api/v2/actions/triggers/post-login/bindings",
        query: "page=0&per_page=100",
        status: 200,
      },
      { method: "GET", path: "/api/v2/prompts", query: "", status: 401 },
      { method: "GET", path: "/nowhere", query: "", status: 404 },
    ];
    const entries = tenant.requestLog.entries();
    expect(entries.map(({ ms: _ms, ...rest }) => rest)).toEqual(expected);
    for (const entry of entries) {
      expect(entry.ms).toBeTypeOf("number");
      expect(entry.ms).toBeGreaterThanOrEqual(0);
    }

    // The same list over HTTP; /__local requests are not logged themselves.
    const overHttp = await client.get("/__local/requests");
    expect(overHttp.status).toBe(200);
    expect(overHttp.json).toEqual(entries);
    expect((await client.delete("/__local/requests")).status).toBe(204);
    expect(tenant.requestLog.entries()).toEqual([]);
  });
});

/**
 * No secret in the request log (it is served without authentication): a secret sent anywhere in a request (query,
 * form or JSON body, headers) is `[redacted]` under its own name and wherever else it reappears in the path or
 * query, in any encoding. Each case checks the exact entry, then that the whole log, over HTTP, holds none of
 * the case's secrets in any form.
 */
describe("request log redaction", () => {
  const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  const ODD = "s3cr+t/v@lue=%&ok";
  const form = (fields: Record<string, string>) => ({
    raw: new URLSearchParams(fields).toString(),
    contentType: "application/x-www-form-urlencoded",
  });
  const tokenBody = () => ({
    grant_type: "client_credentials",
    client_id: tenant.client.client_id,
    client_secret: tenant.client.client_secret,
    audience: `https://${tenant.domain}/api/v2/`,
  });
  const e = encodeURIComponent;

  interface Case {
    name: string;
    method: string;
    path: () => string;
    options?: () => Parameters<TenantClient["send"]>[2];
    /** The logged entry, exactly (without ms). */
    logged: () => { path: string; query: string; status: number };
    /** Values that must not appear in the log in any form. */
    secrets: () => string[];
  }

  const CASES: Case[] = [
    {
      name: "client_secret in the query of /oauth/token",
      method: "POST",
      path: () => `/oauth/token?client_secret=${e(tenant.client.client_secret)}`,
      options: () => ({ token: null, body: tokenBody() }),
      logged: () => ({ path: "/oauth/token", query: "client_secret=[redacted]", status: 200 }),
      secrets: () => [tenant.client.client_secret],
    },
    {
      name: "the tenant's client secret under any other name, encoded twice",
      method: "GET",
      path: () => `/api/v2/prompts?note=${e(e(tenant.client.client_secret))}&page=0`,
      logged: () => ({ path: "/api/v2/prompts", query: "note=[redacted]&page=0", status: 200 }),
      secrets: () => [tenant.client.client_secret],
    },
    {
      name: "secret names in any case and spelling, repeated, percent-encoded",
      method: "POST",
      path: () =>
        `/oauth/token?CLIENT_SECRET=AAAA1111bbbb&client%5Fsecret=CCCC2222dddd&Password=EEEE3333ffff&password=GGGG4444hhhh&clientSecret=IIII5555jjjj&keep=1`,
      options: () => ({ token: null, body: tokenBody() }),
      logged: () => ({
        path: "/oauth/token",
        query:
          "CLIENT_SECRET=[redacted]&client%5Fsecret=[redacted]&Password=[redacted]&password=[redacted]&clientSecret=[redacted]&keep=1",
        status: 200,
      }),
      secrets: () => ["AAAA1111bbbb", "CCCC2222dddd", "EEEE3333ffff", "GGGG4444hhhh", "IIII5555jjjj"],
    },
    {
      name: "codes, code verifiers, client assertions and tokens in the query (the code challenge stays)",
      method: "GET",
      path: () =>
        `/authorize?client_id=local-test-app&code=CODE0000aaaa&code_verifier=VERIFIER0000bbbb&code_challenge=challenge0000&client_assertion=${JWT}&id_token_hint=${JWT}&refresh_token=RT0000cccc&access_token=AT0000dddd`,
      options: () => ({ token: null }),
      logged: () => ({
        path: "/authorize",
        query:
          "client_id=local-test-app&code=[redacted]&code_verifier=[redacted]&code_challenge=challenge0000&client_assertion=[redacted]&id_token_hint=[redacted]&refresh_token=[redacted]&access_token=[redacted]",
        status: 400,
      }),
      secrets: () => ["CODE0000aaaa", "VERIFIER0000bbbb", JWT, "RT0000cccc", "AT0000dddd"],
    },
    {
      name: "a form-body secret repeated in the query under another name, with special characters",
      method: "POST",
      path: () =>
        `/oauth/token?echo=${e(ODD)}&echo2=${e(ODD).toLowerCase()}&echo3=${new URLSearchParams({ x: ODD }).toString().slice(2)}`,
      options: () => ({
        token: null,
        ...form({ grant_type: "client_credentials", client_id: "someone", client_secret: ODD, audience: "x" }),
      }),
      logged: () => ({ path: "/oauth/token", query: "echo=[redacted]&echo2=[redacted]&echo3=[redacted]", status: 401 }),
      secrets: () => [ODD],
    },
    {
      name: "a JSON-body secret at any depth repeated in the query",
      method: "PATCH",
      path: () => `/api/v2/prompts?a=prefix-NESTEDpass0001-suffix&b=${e(e("DEEPtoken0002"))}`,
      options: () => ({
        body: {
          identifier_first: false,
          extra: { deeper: [{ password: "NESTEDpass0001" }], refresh_token: { value: "DEEPtoken0002" } },
        },
      }),
      logged: () => ({ path: "/api/v2/prompts", query: "a=[redacted]&b=[redacted]", status: 400 }),
      secrets: () => ["NESTEDpass0001", "DEEPtoken0002"],
    },
    {
      name: "HTTP Basic credentials and the bearer token repeated in the query",
      method: "POST",
      path: () => `/oauth/token?who=basicSECRET0003&t=${JWT}`,
      options: () => ({
        token: null,
        headers: { Authorization: `Basic ${Buffer.from("id:basicSECRET0003").toString("base64")}` },
        body: { grant_type: "client_credentials" },
      }),
      logged: () => ({ path: "/oauth/token", query: "who=[redacted]&t=[redacted]", status: 401 }),
      secrets: () => ["basicSECRET0003", JWT],
    },
    {
      name: "a cookie value and an API key header repeated in the query",
      method: "GET",
      path: () => "/api/v2/prompts?c=COOKIEvalue0004&k=APIkey0000005",
      options: () => ({ headers: { Cookie: "auth0=COOKIEvalue0004; other=1", "X-Api-Key": "APIkey0000005" } }),
      logged: () => ({ path: "/api/v2/prompts", query: "c=[redacted]&k=[redacted]", status: 200 }),
      secrets: () => ["COOKIEvalue0004", "APIkey0000005"],
    },
    {
      name: "a secret as a path segment or a query name",
      method: "GET",
      path: () => `/api/v2/${e(tenant.client.client_secret)}?${JWT}=1`,
      options: () => ({ token: null }),
      logged: () => ({ path: "/api/v2/[redacted]", query: "[redacted]=1", status: 401 }),
      secrets: () => [tenant.client.client_secret, JWT],
    },
  ];

  /** The forms a value takes in a URL or JSON text. */
  const forms = (secret: string) => [
    secret,
    e(secret),
    e(secret).toLowerCase(),
    new URLSearchParams({ x: secret }).toString().slice(2),
    e(e(secret)),
    JSON.stringify(secret).slice(1, -1),
  ];

  it.each(CASES)("$name", async (c) => {
    tenant.requestLog.clear();
    const res = await client.send(c.method, c.path(), c.options?.() ?? {});
    const entries = tenant.requestLog.entries();
    expect(entries).toHaveLength(1);
    const { ms: _ms, fault: _fault, ...entry } = entries[0];
    expect({ ...entry, answered: res.status }).toEqual({
      method: c.method,
      ...c.logged(),
      answered: c.logged().status,
    });
    const overHttp = (await client.get("/__local/requests")).text;
    for (const secret of c.secrets()) for (const form of forms(secret)) expect(overHttp).not.toContain(form);
  });
});
