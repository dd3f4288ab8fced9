/**
 * The local tenant's OpenID Connect endpoints (packages/local-tenant/src/oidc/) at the HTTP level, for what the
 * official clients do not exercise (test/clients/conformance.test.ts covers what they do): the JWKS across a
 * restart, discovery by host and tenant setting, the /authorize checks and response modes, CORS, logout edge cases,
 * and that application tokens never open the Management API. Here, beside the official-client tests, because it
 * logs in with the same browser stand-in (support/env.ts over test/browser/support/http-agent.ts); the codes'
 * lifetime, which needs no HTTP, is tested inside the package (packages/local-tenant/test/oidc-codes.test.ts).
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalTenant,
  removeTempStateDirs,
  startTestTenant,
  type TenantClient,
  tempStateDir,
} from "../../packages/local-tenant";
import { HttpAgent } from "../browser/support/http-agent";
import { logIn, webMessageResponse } from "./support/env";

const SPA = {
  client_id: "oidc-spa",
  name: "OIDC SPA",
  app_type: "spa" as const,
  callbacks: ["https://spa.example.test/"],
  allowed_logout_urls: ["https://spa.example.test/bye", "https://spa.example.test/"],
  web_origins: ["https://spa.example.test"],
};
const WEB = {
  client_id: "oidc-web",
  name: "OIDC Web",
  client_secret: "oidc-web-secret-0123456789",
  callbacks: ["https://web.example.test/cb"],
};
const VERIFIER = "v".repeat(43);
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

let tenant: LocalTenant;
let client: TenantClient;
beforeAll(async () => {
  ({ tenant, client } = await startTestTenant({
    stateDir: tempStateDir(),
    login: { seed: { applications: [SPA, WEB] } },
  }));
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL("/authorize", tenant.url);
  url.search = new URLSearchParams({
    client_id: SPA.client_id,
    redirect_uri: SPA.callbacks[0],
    response_type: "code",
    scope: "openid",
    state: "st",
    ...params,
  }).toString();
  return url.toString();
}

async function exchange(body: Record<string, string>, headers: Record<string, string> = {}) {
  return client.send("POST", "/oauth/token", {
    token: null,
    raw: new URLSearchParams(body).toString(),
    contentType: "application/x-www-form-urlencoded",
    headers,
  });
}

describe("JWKS", () => {
  it("publishes the tenant signing key, the same after a restart, and the id tokens' kid names it", async () => {
    const dir = tempStateDir();
    const first = await startTestTenant({ stateDir: dir });
    const before = (await first.client.get("/.well-known/jwks.json")).json;
    await first.tenant.stop();
    const again = await startTestTenant({ stateDir: dir });
    const after = await again.client.get("/.well-known/jwks.json");
    await again.tenant.stop();
    expect(after.json).toEqual(before);
    expect(after.headers["access-control-allow-origin"]).toBe("*");
    expect(before.keys).toHaveLength(1);
    const key = before.keys[0];
    expect(Object.keys(key)).toEqual(["kty", "use", "n", "e", "kid", "x5t", "x5c", "alg"]);
    expect(key).toMatchObject({ kty: "RSA", use: "sig", e: "AQAB", alg: "RS256" });
    expect(key.x5t).toBe(createHash("sha1").update(Buffer.from(key.x5c[0], "base64")).digest("base64url"));
  });
});

describe("discovery", () => {
  it("names the host the client asked for, and drops end_session_endpoint when the tenant setting is off", async () => {
    const byLocalhost = await client.get("/.well-known/openid-configuration", {
      headers: { Host: `localhost:${new URL(tenant.url).port}` },
    });
    expect(byLocalhost.json.issuer).toBe(`https://localhost:${new URL(tenant.url).port}/`);
    expect(byLocalhost.json.end_session_endpoint).toBe(`https://localhost:${new URL(tenant.url).port}/oidc/logout`);
    await client.login();
    expect(
      (
        await client.patch("/api/v2/tenants/settings", {
          oidc_logout: { rp_logout_end_session_endpoint_discovery: false },
        })
      ).status,
    ).toBe(200);
    expect((await client.get("/.well-known/openid-configuration")).json.end_session_endpoint).toBeUndefined();
    expect(
      (
        await client.patch("/api/v2/tenants/settings", {
          oidc_logout: { rp_logout_end_session_endpoint_discovery: true },
        })
      ).status,
    ).toBe(200);
  });
});

describe("/authorize", () => {
  const cases: Array<{ name: string; params: Record<string, string>; error: string; description: string }> = [
    {
      name: "an unknown response_mode",
      params: { response_mode: "jwt" },
      error: "invalid_request",
      description: "Unsupported response_mode: jwt",
    },
    {
      name: "an unknown code_challenge_method",
      params: { code_challenge: CHALLENGE, code_challenge_method: "S512" },
      error: "invalid_request",
      description: "Unsupported code_challenge_method: S512",
    },
    {
      name: "a code_challenge of 42 characters",
      params: { code_challenge: "a".repeat(42) },
      error: "invalid_request",
      description: "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
    },
    {
      name: "a code_challenge_method alone",
      params: { code_challenge_method: "S256" },
      error: "invalid_request",
      description: "code_challenge_method without code_challenge",
    },
    {
      name: "an unknown audience",
      params: { audience: "https://nope.example.test/" },
      error: "access_denied",
      description: "Service not found: https://nope.example.test/",
    },
  ];
  for (const c of cases) {
    it(`answers ${c.error} for ${c.name}, on the callback`, async () => {
      const answer = await new HttpAgent(tenant).get(authorizeUrl(c.params));
      expect(answer.status).toBe(302);
      const location = new URL(answer.location!);
      expect(`${location.origin}${location.pathname}`).toBe(SPA.callbacks[0]);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        error: c.error,
        error_description: c.description,
        state: "st",
      });
    });
  }

  it("refuses web_message to an origin that is not an Allowed Web Origin, in a web message", async () => {
    const answer = await new HttpAgent(tenant).get(
      authorizeUrl({
        client_id: WEB.client_id,
        redirect_uri: WEB.callbacks[0],
        response_mode: "web_message",
        prompt: "none",
      }),
    );
    expect(answer.status).toBe(200);
    expect(webMessageResponse(answer)).toEqual({
      error: "invalid_request",
      error_description: `The specified redirect_uri '${WEB.callbacks[0]}' does not have a registered origin.`,
      state: "st",
    });
  });

  it("answers in the fragment and by form_post when asked, and escapes what the web message page embeds", async () => {
    const browser = new HttpAgent(tenant);
    const { location } = await logIn(browser, tenant, authorizeUrl({ response_mode: "fragment", state: "frag" }));
    expect(location!.search).toBe("");
    expect(new URLSearchParams(location!.hash.slice(1)).get("state")).toBe("frag");
    expect(new URLSearchParams(location!.hash.slice(1)).get("code")).toMatch(/^[\w-]{32}$/);

    const posted = await browser.get(authorizeUrl({ response_mode: "form_post", state: "fp" }));
    expect(posted.status).toBe(200);
    expect(posted.text).toContain(`<form method="post" action="${SPA.callbacks[0]}">`);
    expect(posted.text).toContain('<input type="hidden" name="state" value="fp"/>');

    const hostile = await browser.get(
      authorizeUrl({ response_mode: "web_message", prompt: "none", state: "</script><script>alert(1)</script>" }),
    );
    expect(hostile.text).not.toContain("</script><script>alert(1)");
    expect(webMessageResponse(hostile).state).toBe("</script><script>alert(1)</script>");
    // Silent authentication runs in an iframe: the page must be frameable (the login pages are not).
    const framed = await client.send("GET", authorizeUrl({ response_mode: "web_message", prompt: "none" }), {
      token: null,
    });
    expect([framed.status, framed.headers["x-frame-options"], framed.headers["cache-control"]]).toEqual([
      200,
      undefined,
      "no-store",
    ]);
  });
});

describe("/oauth/token for applications", () => {
  it("refuses a public client's code exchange without PKCE, and a code sent to another client", async () => {
    const browser = new HttpAgent(tenant);
    const { location } = await logIn(browser, tenant, authorizeUrl({}));
    const code = location!.searchParams.get("code")!;
    expect((await exchange({ grant_type: "authorization_code", client_id: SPA.client_id, code })).json).toEqual({
      error: "access_denied",
      error_description: "Unauthorized",
    });
    const second = (
      await logIn(browser, tenant, authorizeUrl({ code_challenge: CHALLENGE, code_challenge_method: "S256" }))
    ).location!.searchParams.get("code")!;
    const stolen = await exchange({
      grant_type: "authorization_code",
      client_id: WEB.client_id,
      client_secret: WEB.client_secret,
      code: second,
    });
    expect([stolen.status, stolen.json]).toEqual([
      403,
      { error: "invalid_grant", error_description: "Invalid authorization code" },
    ]);
    // The attempt used the code up: its rightful client cannot redeem it any more.
    const late = await exchange({
      grant_type: "authorization_code",
      client_id: SPA.client_id,
      code: second,
      code_verifier: VERIFIER,
    });
    expect([late.status, late.json.error]).toEqual([403, "invalid_grant"]);
  });

  it("answers CORS for an Allowed Web Origin only, preflight included", async () => {
    const preflight = await client.send("OPTIONS", "/oauth/token", {
      token: null,
      headers: {
        Origin: "https://spa.example.test",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "auth0-client,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      "access-control-allow-origin": "https://spa.example.test",
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "auth0-client,content-type",
    });
    const foreign = await client.send("OPTIONS", "/oauth/token", {
      token: null,
      headers: { Origin: "https://evil.example.test", "Access-Control-Request-Method": "POST" },
    });
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    const refused = await exchange(
      { grant_type: "authorization_code", client_id: SPA.client_id, code: "x" },
      { Origin: "https://spa.example.test" },
    );
    expect([refused.status, refused.headers["access-control-allow-origin"]]).toEqual([403, "https://spa.example.test"]);
  });

  it("issues tokens that the Management API refuses", async () => {
    const browser = new HttpAgent(tenant);
    const { location } = await logIn(
      browser,
      tenant,
      authorizeUrl({ code_challenge: CHALLENGE, code_challenge_method: "S256" }),
    );
    const tokens = (
      await exchange({
        grant_type: "authorization_code",
        client_id: SPA.client_id,
        code: location!.searchParams.get("code")!,
        code_verifier: VERIFIER,
      })
    ).json;
    for (const token of [tokens.access_token, tokens.id_token]) {
      const answer = await client.get("/api/v2/tenants/settings", { token });
      expect([answer.status, answer.json.message]).toEqual([401, "Invalid token"]);
    }
  });
});

describe("logout", () => {
  async function loggedInBrowser(): Promise<{ browser: HttpAgent; sid: string }> {
    const browser = new HttpAgent(tenant);
    await logIn(browser, tenant, authorizeUrl({}));
    return { browser, sid: tenant.login.sessions().at(-1)!.id };
  }
  const alive = (sid: string) => tenant.login.sessions().some((s) => s.id === sid);

  it("/v2/logout: returnTo checked against the application's or the tenant's Allowed Logout URLs", async () => {
    await client.login();
    expect(
      (await client.patch("/api/v2/tenants/settings", { allowed_logout_urls: ["https://tenant.example.test/out"] }))
        .status,
    ).toBe(200);
    const cases: Array<{ query: string; status: number; location?: string; text?: string; ends: boolean }> = [
      { query: `client_id=${SPA.client_id}`, status: 302, location: "https://spa.example.test/bye", ends: true },
      {
        query: `client_id=${SPA.client_id}&returnTo=${encodeURIComponent("https://spa.example.test/")}`,
        status: 302,
        location: "https://spa.example.test/",
        ends: true,
      },
      {
        query: `returnTo=${encodeURIComponent("https://tenant.example.test/out")}`,
        status: 302,
        location: "https://tenant.example.test/out",
        ends: true,
      },
      { query: "", status: 200, text: "OK", ends: true },
      {
        query: `returnTo=${encodeURIComponent("https://spa.example.test/")}`,
        status: 400,
        text: "The &quot;returnTo&quot; querystring parameter &quot;https://spa.example.test/&quot; is not defined as a valid URL in &quot;Allowed Logout URLs&quot;. To add a new URL, please do it here: https://manage.auth0.com/#/tenant/advanced",
        ends: false,
      },
      { query: "client_id=nobody", status: 400, text: "Unknown client: nobody", ends: false },
    ];
    for (const c of cases) {
      const { browser, sid } = await loggedInBrowser();
      const answer = await browser.get(`/v2/logout?${c.query}`);
      expect(answer.status, c.query).toBe(c.status);
      if (c.location) expect(answer.location).toBe(c.location);
      if (c.text) expect(answer.text).toContain(c.text);
      expect(alive(sid), c.query).toBe(!c.ends);
      expect(browser.cookies.has("auth0"), c.query).toBe(!c.ends);
    }
  });

  it("/oidc/logout without a hint asks first; Yes ends the session, No keeps it", async () => {
    const { browser, sid } = await loggedInBrowser();
    const query = `client_id=${SPA.client_id}&post_logout_redirect_uri=${encodeURIComponent("https://spa.example.test/bye")}&state=s1`;
    const ask = await browser.get(`/oidc/logout?${query}`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain("Are you sure you want to log out?");
    expect(ask.text).toContain(
      '<input type="hidden" name="post_logout_redirect_uri" value="https://spa.example.test/bye">',
    );
    expect(alive(sid)).toBe(true);
    const no = await browser.postForm("/oidc/logout", {
      client_id: SPA.client_id,
      post_logout_redirect_uri: "https://spa.example.test/bye",
      state: "s1",
      confirm: "no",
    });
    expect([no.status, alive(sid)]).toEqual([200, true]);
    const yes = await browser.postForm("/oidc/logout", {
      client_id: SPA.client_id,
      post_logout_redirect_uri: "https://spa.example.test/bye",
      state: "s1",
      confirm: "yes",
    });
    expect([yes.status, yes.location, alive(sid)]).toEqual([302, "https://spa.example.test/bye?state=s1", false]);
  });

  it("/oidc/logout with logout_hint = the browser's session logs out at once; a hint that disagrees is refused", async () => {
    const { browser, sid } = await loggedInBrowser();
    const answer = await browser.get(`/oidc/logout?client_id=${SPA.client_id}&logout_hint=${sid}`);
    expect([answer.status, answer.location, alive(sid)]).toEqual([302, "https://spa.example.test/bye", false]);
    const forged = await browser.get(
      `/oidc/logout?id_token_hint=${"a".repeat(20)}.${"b".repeat(20)}.${"c".repeat(20)}`,
    );
    expect(forged.status).toBe(400);
    expect(forged.text).toContain("The id_token_hint is not an ID token issued by this tenant");
  });
});
