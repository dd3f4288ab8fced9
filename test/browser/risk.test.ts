/**
 * The risk Action end to end: network binding revokes a session whose network changed (ASN with the local
 * stack, IP with `risk.networkBinding: ip`), and connection / organization metadata limits shorten a session
 * even when the KMSI box is ticked. The client's network is simulated with the x-local-asn / x-local-ip headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration } from "../../config";
import { ASN_HEADER, IP_HEADER, type LocalTenant, type LoginSeedInput } from "../../packages/local-tenant";
import { deployStackToLocalTenant } from "../testkit";
import { chromiumMissing, useBrowsers } from "./support/browser";
import { authorizeUrl, HOUR, login, MINUTE, SECOND, silentAuth, USER } from "./support/login";
import { freezeClock, startBrowserTenant, stopBrowserTenants, tenantLogs } from "./support/tenant";

const SHORT_USER = { email: "short@example.test", password: "Short-Passw0rd!" };
const CONNECTION_TIMEOUT = HOUR;
const ORGANIZATION_IDLE = 30 * MINUTE;

/** The default seed plus a connection and an organization carrying session limits in their metadata. */
const SEED: LoginSeedInput = {
  connections: [
    { id: "con_local0database01", name: "Username-Password-Authentication", strategy: "auth0", metadata: {} },
    {
      id: "con_short0sessions01",
      name: "Short-Sessions",
      strategy: "auth0",
      metadata: { session_timeout: String(CONNECTION_TIMEOUT) },
    },
  ],
  organizations: [
    {
      id: "org_acme00000000000001",
      name: "acme",
      display_name: "Acme",
      metadata: { idle_session_timeout: String(ORGANIZATION_IDLE) },
    },
  ],
  users: [
    {
      user_id: "auth0|local0user0000000000001",
      email: USER.email,
      name: "Local User",
      connection: "Username-Password-Authentication",
      password: USER.password,
    },
    { email: SHORT_USER.email, name: "Short Sessions", connection: "Short-Sessions", password: SHORT_USER.password },
  ],
};

let asnTenant: LocalTenant;
let ipTenant: LocalTenant;
let trustedIdle: number;
const newBrowser = useBrowsers();

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  asnTenant = await startBrowserTenant({ seed: SEED });
  const deployment = await deployStackToLocalTenant(asnTenant, { stack: "local" });
  expect(deployment.config.risk).toMatchObject({ networkBinding: "asn" });
  trustedIdle = parseDuration(
    (deployment.config.keepMeSignedIn as { trustedDevice: { idle: string } }).trustedDevice.idle,
  )!;
  ipTenant = await startBrowserTenant();
  await deployStackToLocalTenant(ipTenant, { stack: "local", overrides: { risk: { networkBinding: "ip" } } });
});
afterAll(stopBrowserTenants);

async function startBrowser(network: Record<string, string> = {}) {
  const browser = newBrowser();
  const page = await browser.start();
  await browser.setNetwork(network);
  return { browser, page };
}

/** Log events appended since `from` (an index into the oldest-first list). */
async function logsSince(tenant: LocalTenant, from: number) {
  return (await tenantLogs(tenant)).slice(from);
}

const seconds = (ms: number) => ms / SECOND;

describe("network binding", () => {
  it("revokes the session when the ASN changes, and the next login needs the login page", async () => {
    freezeClock(asnTenant);
    const from = (await tenantLogs(asnTenant)).length;
    const { browser, page } = await startBrowser({ [ASN_HEADER]: "64500" });
    expect((await login(page, asnTenant, { tick: true })).code).toBeDefined();
    const sessionId = asnTenant.login.sessions().at(-1)!.id;
    expect(asnTenant.login.sessions().at(-1)!.device).toMatchObject({ initial_asn: "64500", initial_ip: "127.0.0.1" });
    expect((await silentAuth(page, asnTenant)).code).toBeDefined();

    await browser.setNetwork({ [ASN_HEADER]: "64501" });
    expect(await silentAuth(page, asnTenant)).toMatchObject({
      error: "access_denied",
      error_description: "Network (ASN) changed during the session; sign in again",
    });
    expect(await browser.cookie("auth0")).toBeUndefined();
    expect(asnTenant.login.sessions().some((s) => s.id === sessionId)).toBe(false);
    // Back on the first network: the session is gone all the same.
    await browser.setNetwork({ [ASN_HEADER]: "64500" });
    expect((await silentAuth(page, asnTenant)).error).toBe("login_required");
    await page.goto(authorizeUrl(asnTenant));
    expect(new URL(page.url()).pathname).toBe("/u/login/identifier");

    const logs = await logsSince(asnTenant, from);
    expect(logs.map((l) => l.type)).toEqual(["s", "ssa", "session_revoked", "fsa", "fsa"]);
    expect(logs[2]).toMatchObject({
      session_id: sessionId,
      description: "Network (ASN) changed during the session; sign in again",
      user_id: "auth0|local0user0000000000001",
      details: { session_id: sessionId, action: "risk" },
    });
    expect(logs[3]).toMatchObject({ description: "Network (ASN) changed during the session; sign in again" });
    expect(logs[4]).toMatchObject({ description: "Login required" });
  });

  it("with networkBinding ip, ignores an ASN change and revokes on an IP change", async () => {
    freezeClock(ipTenant);
    const from = (await tenantLogs(ipTenant)).length;
    const { browser, page } = await startBrowser({ [IP_HEADER]: "203.0.113.10", [ASN_HEADER]: "64500" });
    await login(page, ipTenant, { tick: true });
    const sessionId = ipTenant.login.sessions().at(-1)!.id;

    await browser.setNetwork({ [IP_HEADER]: "203.0.113.10", [ASN_HEADER]: "64501" });
    expect((await silentAuth(page, ipTenant)).code).toBeDefined();
    await browser.setNetwork({ [IP_HEADER]: "198.51.100.20", [ASN_HEADER]: "64501" });
    expect(await silentAuth(page, ipTenant)).toMatchObject({
      error: "access_denied",
      error_description: "IP address changed during the session; sign in again",
    });
    expect(await browser.cookie("auth0")).toBeUndefined();

    const logs = await logsSince(ipTenant, from);
    expect(logs.map((l) => [l.type, l.ip])).toEqual([
      ["s", "203.0.113.10"],
      ["ssa", "203.0.113.10"],
      ["session_revoked", "198.51.100.20"],
      ["fsa", "198.51.100.20"],
    ]);
    expect(logs[2].session_id).toBe(sessionId);
  });
});

describe("metadata limits", () => {
  it("connection session_timeout caps the absolute lifetime of a ticked session", async () => {
    const t0 = freezeClock(asnTenant);
    const { browser, page } = await startBrowser();
    await login(page, asnTenant, { tick: true, email: SHORT_USER.email, password: SHORT_USER.password });
    const session = asnTenant.login.sessions().at(-1)!;
    expect(session).toMatchObject({
      cookie: { mode: "persistent" },
      expires_at: new Date(t0 + CONNECTION_TIMEOUT).toISOString(),
      idle_expires_at: new Date(t0 + trustedIdle).toISOString(),
    });
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + CONNECTION_TIMEOUT));

    asnTenant.clock.set(t0 + CONNECTION_TIMEOUT - SECOND);
    expect((await silentAuth(page, asnTenant)).code).toBeDefined();
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + CONNECTION_TIMEOUT));
    asnTenant.clock.set(t0 + CONNECTION_TIMEOUT);
    expect((await silentAuth(page, asnTenant)).error).toBe("login_required");
  });

  it("organization idle_session_timeout caps the idle lifetime of a ticked session at every interaction", async () => {
    const t0 = freezeClock(asnTenant);
    const from = (await tenantLogs(asnTenant)).length;
    const { browser, page } = await startBrowser();
    const organization = { organization: "acme" };
    await login(page, asnTenant, { tick: true, params: organization });
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + ORGANIZATION_IDLE));

    asnTenant.clock.set(t0 + ORGANIZATION_IDLE - MINUTE);
    expect((await silentAuth(page, asnTenant, organization)).code).toBeDefined();
    const extended = t0 + 2 * ORGANIZATION_IDLE - MINUTE;
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(extended));
    asnTenant.clock.set(extended);
    expect((await silentAuth(page, asnTenant, organization)).error).toBe("login_required");

    const logs = await logsSince(asnTenant, from);
    expect(logs.map((l) => [l.type, l.organization_id])).toEqual([
      ["s", "org_acme00000000000001"],
      ["ssa", "org_acme00000000000001"],
      ["fsa", "org_acme00000000000001"],
    ]);
  });
});
