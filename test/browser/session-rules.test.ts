/**
 * The login engine's rules for Actions, checked with purpose-built Actions deployed through the Management API
 * and an HTTP agent instead of Chromium (no rendering needed): what event.request.body holds, how api.session
 * calls combine (last cookie mode, earliest expiry, plan caps with `w` logs, invalid calls), deny / revoke /
 * failure, and the sandbox's isolation and time limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, TenantClient } from "../../packages/local-tenant";
import { HttpAgent } from "./support/http-agent";
import { DAY, HOUR, USER, authorizeUrl } from "./support/login";
import { freezeClock, startBrowserTenant, stopBrowserTenants, tenantLogs } from "./support/tenant";

const ACTIONS: Record<string, string> = {
  echo: `exports.onExecutePostLogin = async (event) => {
    console.log(JSON.stringify({ body: event.request.body, query: event.request.query, secrets: event.secrets, mode: event.session.cookie.mode }));
  };`,
  overreach: `exports.onExecutePostLogin = async (event, api) => {
    api.session.setCookieMode("nonpersistent");
    api.session.setCookieMode("persistent");
    api.session.setExpiresAt(Date.now() + 400 * 86400000);
    api.session.setIdleExpiresAt(Date.now() + 101 * 86400000);
  };`,
  looser: `exports.onExecutePostLogin = async (event, api) => {
    api.session.setCookieMode("persistent");
    api.session.setExpiresAt(Date.now() + 2 * 3600000);
    api.session.setIdleExpiresAt(Date.now() + 2 * 3600000);
  };`,
  stricter: `exports.onExecutePostLogin = async (event, api) => {
    api.session.setExpiresAt(Date.now() + 3600000);
    api.session.setCookieMode("non-persistent");
  };`,
  deny: `exports.onExecutePostLogin = async (event, api) => { api.access.deny("Not today"); console.log("deny keeps running"); };`,
  revoke: `exports.onExecutePostLogin = async (event, api) => { api.session.revoke("Bye"); };`,
  thrower: `exports.onExecutePostLogin = async () => { throw new Error("boom"); };`,
  escape: `exports.onExecutePostLogin = async (event, api) => {
    const viaGlobal = this.constructor.constructor("return typeof process")();
    const viaEvent = event.constructor.constructor("return typeof process")();
    const viaApi = api.session.revoke.constructor("return typeof process")();
    console.log([typeof process, typeof require, typeof Buffer, typeof fetch, viaGlobal, viaEvent, viaApi].join(" "));
  };`,
  spin: `exports.onExecutePostLogin = async () => { await null; for (;;) {} };`,
  waits: `exports.onExecutePostLogin = async (event, api) => { await new Promise((r) => setTimeout(r, 50)); api.session.setCookieMode("persistent"); };`,
};

let tenant: LocalTenant;
let client: TenantClient;
const actionIds: Record<string, string> = {};

beforeAll(async () => {
  tenant = await startBrowserTenant({ actionTimeoutMs: 400 });
  client = new TenantClient(tenant);
  await client.login();
  await client.patch("/api/v2/prompts", { identifier_first: true });
  await client.patch("/api/v2/tenants/settings", {
    session_cookie: { mode: "non-persistent" },
    idle_ephemeral_session_lifetime: 12,
    ephemeral_session_lifetime: 24,
  });
  for (const [name, code] of Object.entries(ACTIONS)) {
    const secrets = name === "echo" ? [{ name: "FOO", value: "bar" }] : [];
    const created = await client.post("/api/v2/actions/actions", {
      name,
      code,
      supported_triggers: [{ id: "post-login", version: "v3" }],
      secrets,
    });
    actionIds[name] = created.json.id;
  }
  for (const id of Object.values(actionIds)) {
    while ((await client.get(`/api/v2/actions/actions/${id}`)).json.status !== "built")
      await new Promise((r) => setTimeout(r, 20));
    expect((await client.post(`/api/v2/actions/actions/${id}/deploy`)).status).toBe(200);
  }
});
afterAll(stopBrowserTenants);

async function bind(...names: string[]): Promise<void> {
  const res = await client.patch("/api/v2/actions/triggers/post-login/bindings", {
    bindings: names.map((name) => ({ ref: { type: "action_id", value: actionIds[name] }, display_name: name })),
  });
  expect(res.status).toBe(200);
}

/** An identifier-first login over HTTP: extra fields on each screen, then the callback's query. */
async function httpLogin(
  agent: HttpAgent,
  screens: { identifier?: Record<string, string>; password?: Record<string, string> } = {},
) {
  const start = await agent.get(authorizeUrl(tenant, { state: "app-state" }));
  expect(start.location).toMatch(/^\/u\/login\/identifier\?state=/);
  const state = new URL(start.location!, tenant.url).searchParams.get("state")!;
  const identifier = await agent.postForm(start.location!, { state, username: USER.email, ...screens.identifier });
  expect(identifier.location).toBe(`/u/login/password?state=${state}`);
  const done = await agent.postForm(identifier.location!, { state, password: USER.password, ...screens.password });
  expect(done.status).toBe(302);
  return { state, callback: Object.fromEntries(new URL(done.location!).searchParams), answer: done };
}

const lastExecutions = (count: number) => tenant.login.actionExecutions().slice(-count);

describe("event.request", () => {
  it("holds the ulp- fields of every screen and state, never the password or other fields; silent auth has an empty body", async () => {
    await bind("echo");
    const agent = new HttpAgent(tenant);
    const { state, callback } = await httpLogin(agent, {
      identifier: { "ulp-remember-me": "on", "ulp-extra": "first", other: "dropped" },
      password: { "ulp-extra": "second", "ulp-late": "x", action: "default" },
    });
    expect(callback).toMatchObject({ state: "app-state" });
    expect(callback.code).toBeDefined();
    const seen = JSON.parse(lastExecutions(1)[0].logs[0]);
    expect(seen.body).toEqual({ "ulp-remember-me": "on", "ulp-extra": "second", "ulp-late": "x", state });
    expect(seen.query).toMatchObject({
      client_id: "local-test-app",
      response_type: "code",
      state: "app-state",
      nonce: "n-0S6_WzA2Mj",
    });
    expect(seen.secrets).toEqual({ FOO: "bar" });
    expect(seen.mode).toBe("non-persistent");

    expect((await agent.get(authorizeUrl(tenant, { prompt: "none" }))).location).toContain("code=");
    expect(JSON.parse(lastExecutions(1)[0].logs[0]).body).toEqual({});
  });
});

describe("api.session", () => {
  it("caps values beyond the plan limits with a w log; an invalid cookie mode is a logged error; the last valid mode wins", async () => {
    await bind("overreach");
    const t0 = freezeClock(tenant);
    const from = (await tenantLogs(tenant)).length;
    const agent = new HttpAgent(tenant);
    await httpLogin(agent);
    const session = tenant.login.sessions().at(-1)!;
    // Enterprise plan: 365 days absolute, 100 days idle.
    expect(session).toMatchObject({
      cookie: { mode: "persistent" },
      expires_at: new Date(t0 + 365 * DAY).toISOString(),
      idle_expires_at: new Date(t0 + 100 * DAY).toISOString(),
    });
    expect(agent.cookies.get("auth0")!.expires).toBe(t0 + 100 * DAY);
    const logs = (await tenantLogs(tenant)).slice(from);
    expect(logs.map((l) => [l.type, l.description])).toEqual([
      [
        "w",
        'Action overreach: api.session.setCookieMode("nonpersistent"): not a cookie mode (persistent or non-persistent); ignored',
      ],
      [
        "w",
        `api.session.setExpiresAt(${new Date(t0 + 400 * DAY).toISOString()}) exceeds the tenant's absolute session lifetime limit; capped at ${new Date(t0 + 365 * DAY).toISOString()}`,
      ],
      [
        "w",
        `api.session.setIdleExpiresAt(${new Date(t0 + 101 * DAY).toISOString()}) exceeds the tenant's inactivity session lifetime limit; capped at ${new Date(t0 + 100 * DAY).toISOString()}`,
      ],
      ["s", "Success Login"],
    ]);
    expect(logs.every((l) => l.session_id === session.id)).toBe(true);
  });

  it("takes the earliest expiry and the last cookie mode across Actions", async () => {
    await bind("looser", "stricter");
    const t0 = freezeClock(tenant);
    const agent = new HttpAgent(tenant);
    await httpLogin(agent);
    expect(tenant.login.sessions().at(-1)).toMatchObject({
      cookie: { mode: "non-persistent" },
      expires_at: new Date(t0 + HOUR).toISOString(),
      idle_expires_at: new Date(t0 + 2 * HOUR).toISOString(),
    });
    expect(agent.cookies.get("auth0")!.expires).toBeUndefined();
    // Silent authentication: only `looser` sets an idle expiry again; without it the tenant's 12 h would apply.
    tenant.clock.advance(30 * 60_000);
    await agent.get(authorizeUrl(tenant, { prompt: "none" }));
    expect(tenant.login.sessions().at(-1)!.idle_expires_at).toBe(new Date(t0 + 30 * 60_000 + 2 * HOUR).toISOString());
  });

  it("runs timers inside the sandbox", async () => {
    await bind("waits");
    const agent = new HttpAgent(tenant);
    await httpLogin(agent);
    expect(tenant.login.sessions().at(-1)!.cookie.mode).toBe("persistent");
  });
});

describe("denied, revoked and failed logins", () => {
  it("api.access.deny: access_denied to the app, no session, later Actions skipped, f logged", async () => {
    await bind("deny", "echo");
    const sessions = tenant.login.sessions().length;
    const agent = new HttpAgent(tenant);
    const { callback, answer } = await httpLogin(agent);
    expect(callback).toEqual({ error: "access_denied", error_description: "Not today", state: "app-state" });
    expect(answer.setCookies).toEqual([]);
    expect(tenant.login.sessions().length).toBe(sessions);
    expect(lastExecutions(1)[0]).toMatchObject({ action: "deny", logs: ["deny keeps running"] });
    expect((await tenantLogs(tenant)).at(-1)).toMatchObject({ type: "f", description: "Not today" });
  });

  it("api.session.revoke on silent authentication: session deleted, cookies cleared, session_revoked then fsa", async () => {
    await bind("echo");
    const agent = new HttpAgent(tenant);
    await httpLogin(agent);
    const id = tenant.login.sessions().at(-1)!.id;
    await bind("revoke", "echo");
    const answer = await agent.get(authorizeUrl(tenant, { prompt: "none", state: "s2" }));
    expect(Object.fromEntries(new URL(answer.location!).searchParams)).toEqual({
      error: "access_denied",
      error_description: "Bye",
      state: "s2",
    });
    expect(agent.cookies.size).toBe(0);
    expect(tenant.login.sessions().some((s) => s.id === id)).toBe(false);
    expect(lastExecutions(1)[0].action).toBe("revoke");
    expect((await tenantLogs(tenant)).slice(-2).map((l) => [l.type, l.description, l.session_id])).toEqual([
      ["session_revoked", "Bye", id],
      ["fsa", "Bye", undefined],
    ]);
  });

  it("an Action that throws fails the login with access_denied", async () => {
    await bind("thrower");
    const { callback } = await httpLogin(new HttpAgent(tenant));
    expect(callback).toMatchObject({ error: "access_denied", error_description: "Action thrower failed: Error: boom" });
    // The run's error keeps the message and the Action's own frame, and none of the sandbox's or the host's.
    const [message, ...frames] = (lastExecutions(1)[0].error ?? "").split("\n");
    expect(message).toBe("Error: boom");
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatch(/^ {4}at (async )?exports\.onExecutePostLogin \(actions\/thrower\/v\d+\.js:1:\d+\)$/);
  });

  it("an Action over the time limit fails the login", async () => {
    await bind("spin");
    const { callback } = await httpLogin(new HttpAgent(tenant));
    expect(callback).toMatchObject({
      error: "access_denied",
      error_description: "Action spin failed: Script execution did not complete within 0.4 seconds",
    });
  });
});

describe("the sandbox", () => {
  it("gives Actions no process, require, Buffer or network, and no host object to reach them through", async () => {
    await bind("escape");
    await httpLogin(new HttpAgent(tenant));
    expect(lastExecutions(1)[0].logs).toEqual([
      "undefined undefined undefined undefined undefined undefined undefined",
    ]);
  });
});

describe("requests the login refuses", () => {
  it("answers unknown clients and unregistered callbacks with an error page, never a redirect", async () => {
    const agent = new HttpAgent(tenant);
    const unknownClient = await agent.get(authorizeUrl(tenant, { client_id: "nobody" }));
    expect([unknownClient.status, unknownClient.location]).toEqual([400, undefined]);
    expect(unknownClient.text).toContain("Unknown client: nobody");
    const badCallback = await agent.get(authorizeUrl(tenant, { redirect_uri: "https://evil.example/callback" }));
    expect([badCallback.status, badCallback.location]).toEqual([400, undefined]);
    expect(badCallback.text).toContain("Callback URL mismatch");
    const unknownTransaction = await agent.get("/u/login/password?state=nope");
    expect(unknownTransaction.status).toBe(400);
  });

  it("shows the screen again on a wrong password or an unknown user, logging fp / fu", async () => {
    await bind("echo");
    const agent = new HttpAgent(tenant);
    const tryLogin = async (username: string, password: string) => {
      const start = await agent.get(authorizeUrl(tenant));
      const state = new URL(start.location!, tenant.url).searchParams.get("state")!;
      const identifier = await agent.postForm(start.location!, { state, username });
      return agent.postForm(identifier.location!, { state, password });
    };
    const wrongPassword = await tryLogin(USER.email, "not-it");
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.text).toContain("Wrong email or password");
    expect(wrongPassword.text).toContain('name="password"');
    const unknownUser = await tryLogin("nobody@example.test", USER.password);
    expect(unknownUser.status).toBe(400);
    expect((await tenantLogs(tenant)).slice(-2).map((l) => [l.type, l.user_name])).toEqual([
      ["fp", USER.email],
      ["fu", undefined],
    ]);
    expect(agent.cookies.size).toBe(0);
  });
});
