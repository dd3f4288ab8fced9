/**
 * Keep Me Signed In end to end, identifier first (the local stack as declared): a real Chromium logs in
 * through the deployed page template and partial, the deployed risk and kmsi bundles run on the tenant, and a
 * browser restart on the same profile shows which cookies survived.
 *
 * The login clock is frozen at T0 and moved by the tests, so expiries are exact: the local stack's tenant is
 * non-persistent (ephemeral lifetimes 12h idle / 1d absolute); a ticked box gets the trusted-device lifetimes
 * of Pulumi.local.yaml (3d idle / 14d absolute).
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration, PROJECT_DIR } from "../../config";
import type { LocalTenant } from "../../packages/local-tenant";
import { type Deployment, deployStackToLocalTenant } from "../testkit";
import { chromiumMissing, useBrowsers } from "./support/browser";
import { authorizeUrl, DAY, HOUR, login, SECOND, silentAuth } from "./support/login";
import { freezeClock, startBrowserTenant, stopBrowserTenants, tenantLogs } from "./support/tenant";

// Written to the git-ignored test-results/ on every run; `UPDATE_SCREENSHOT=1` refreshes the README's copy.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? join(PROJECT_DIR, "docs", "kmsi-login.png")
  : join(PROJECT_DIR, "test-results", "kmsi-login.png");

let tenant: LocalTenant;
let deployment: Deployment;
let trusted: { absolute: number; idle: number };
let label: string;
const newBrowser = useBrowsers();

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  tenant = await startBrowserTenant();
  deployment = await deployStackToLocalTenant(tenant, { stack: "local" });
  const kmsi = deployment.config.keepMeSignedIn as { label: string; trustedDevice: { absolute: string; idle: string } };
  trusted = { absolute: parseDuration(kmsi.trustedDevice.absolute)!, idle: parseDuration(kmsi.trustedDevice.idle)! };
  label = kmsi.label;
});
afterAll(stopBrowserTenants);

const seconds = (ms: number) => ms / SECOND;
const types = (logs: Array<Record<string, any>>) => logs.map((l) => l.type);

describe("the login page", () => {
  it("shows the checkbox with its label on the identifier screen, unticked, inside the deployed page template", async () => {
    const browser = newBrowser();
    const page = await browser.start();
    const response = await page.goto(authorizeUrl(tenant));
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/u/login/identifier");
    expect(await page.title()).toBe("Log in | Local Test App");
    // The template's own markup around the widget (prompt.name == "login-id" wraps it).
    expect(await page.locator(".prompt-wrapper main[data-screen='login-id']").count()).toBe(1);

    const box = page.locator("form input[type='checkbox'][name='ulp-remember-me']");
    expect(await box.isVisible()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    expect(await page.locator("label[for='ulp-remember-me']").textContent()).toBe(label);
    // form-content-end: after the identifier field, before the button.
    const order = await page.$$eval("form > *, form .ulp-remember-me", (nodes) =>
      nodes.map((n) => n.className || n.getAttribute("type")),
    );
    expect(order.indexOf("ulp-input")).toBeLessThan(order.indexOf("ulp-field ulp-remember-me"));
    expect(order.indexOf("ulp-field ulp-remember-me")).toBeLessThan(order.indexOf("ulp-button-bar"));

    // The card and a margin of the template's background: small enough to commit.
    const card = (await page.locator(".ulp-card").boundingBox())!;
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({
      path: SCREENSHOT,
      clip: { x: card.x - 32, y: card.y - 32, width: card.width + 64, height: card.height + 64 },
    });
    expect(statSync(SCREENSHOT).size).toBeLessThan(100_000);
  });
});

describe("box ticked", () => {
  it("survives a browser restart: silent authentication succeeds, the cookie expires with the trusted idle lifetime", async () => {
    const t0 = freezeClock(tenant);
    const browser = newBrowser();
    let page = await browser.start();
    const callback = await login(page, tenant, { tick: true });
    expect(callback.code).toMatch(/^[\w-]{32}$/);
    expect(callback.error).toBeUndefined();
    const sessionId = tenant.login.sessions().at(-1)!.id;

    const cookie = await browser.cookie("auth0");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "None", path: "/" });
    // Persistent: Expires = the session's end = min(T0 + 14d absolute, T0 + 3d idle).
    expect(cookie!.expires).toBe(seconds(t0 + Math.min(trusted.absolute, trusted.idle)));
    expect(seconds(t0 + trusted.idle)).toBe(seconds(t0) + 3 * 86_400);
    expect((await browser.cookie("auth0_compat"))!.expires).toBe(cookie!.expires);

    page = await browser.restart();
    expect((await browser.cookie("auth0"))?.expires).toBe(cookie!.expires);
    tenant.clock.advance(HOUR);
    const silent = await silentAuth(page, tenant);
    expect(silent.code).toMatch(/^[\w-]{32}$/);
    // The silent authentication re-applied the trusted idle lifetime from its own time.
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + HOUR + trusted.idle));

    const logs = (await tenantLogs(tenant)).filter((l) => l.details?.session_id === sessionId);
    expect(types(logs)).toEqual(["s", "ssa"]);
    expect(logs.map((l) => l.details.session.cookie.mode)).toEqual(["persistent", "persistent"]);
    expect(logs[0].details.session).toMatchObject({
      created_at: new Date(t0).toISOString(),
      expires_at: new Date(t0 + trusted.absolute).toISOString(),
      idle_expires_at: new Date(t0 + trusted.idle).toISOString(),
    });
    expect(logs[0].date).toBe(new Date(t0).toISOString());
  });
});

describe("box unticked", () => {
  it("gives a session cookie that a browser restart drops: silent authentication then fails with login_required", async () => {
    const t0 = freezeClock(tenant);
    const browser = newBrowser();
    let page = await browser.start();
    expect((await login(page, tenant, { tick: false })).code).toBeDefined();
    const cookie = await browser.cookie("auth0");
    expect(cookie).toMatchObject({ expires: -1, httpOnly: true, secure: true, sameSite: "None" });
    const sessionId = tenant.login.sessions().at(-1)!.id;

    // Same browser: the session works, with the tenant's ephemeral lifetimes (12h idle, 1d absolute).
    expect((await silentAuth(page, tenant)).code).toBeDefined();
    const session = tenant.login.sessions().find((s) => s.id === sessionId)!;
    expect(session).toMatchObject({
      cookie: { mode: "non-persistent" },
      expires_at: new Date(t0 + DAY).toISOString(),
      idle_expires_at: new Date(t0 + 12 * HOUR).toISOString(),
    });

    page = await browser.restart();
    // Chromium really drops session cookies on restart with a fresh persistent profile; if this ever fails,
    // the profile restored the last session (see support/browser.ts).
    expect(await browser.cookie("auth0")).toBeUndefined();
    expect(await browser.cookie("auth0_compat")).toBeUndefined();
    const silent = await silentAuth(page, tenant);
    expect(silent).toMatchObject({ error: "login_required", error_description: "Login required" });
    expect(silent.code).toBeUndefined();

    const logs = await tenantLogs(tenant);
    const mine = logs.filter((l) => l.details?.session_id === sessionId);
    expect(types(mine)).toEqual(["s", "ssa"]);
    expect(mine.map((l) => l.details.session.cookie.mode)).toEqual(["non-persistent", "non-persistent"]);
    expect(logs.at(-1)).toMatchObject({ type: "fsa", description: "Login required" });
  });

  it("ends after the tenant's ephemeral idle lifetime when nothing happens", async () => {
    const t0 = freezeClock(tenant);
    const browser = newBrowser();
    const page = await browser.start();
    await login(page, tenant, { tick: false });
    tenant.clock.set(t0 + 12 * HOUR - SECOND);
    expect((await silentAuth(page, tenant)).code).toBeDefined();
    // The interaction reset the idle timer to 12h from then; one second past it the session is over.
    tenant.clock.set(t0 + 24 * HOUR - SECOND);
    expect((await silentAuth(page, tenant)).error).toBe("login_required");
  });
});

describe("a trusted session", () => {
  it("keeps its trusted idle extension through silent authentications, and ends at the trusted absolute lifetime", async () => {
    const t0 = freezeClock(tenant);
    const browser = newBrowser();
    const page = await browser.start();
    await login(page, tenant, { tick: true });

    // Every 2 days: past the tenant idle lifetime (12h), within the trusted idle (3d) that kmsi re-applies.
    for (let at = 2 * DAY; at < trusted.absolute; at += 2 * DAY) {
      tenant.clock.set(t0 + at);
      expect((await silentAuth(page, tenant)).code, `silent authentication at T0 + ${at / DAY}d`).toBeDefined();
      expect((await browser.cookie("auth0"))!.expires).toBe(
        seconds(t0 + Math.min(at + trusted.idle, trusted.absolute)),
      );
    }
    tenant.clock.set(t0 + trusted.absolute - SECOND);
    expect((await silentAuth(page, tenant)).code).toBeDefined();
    tenant.clock.set(t0 + trusted.absolute);
    expect((await silentAuth(page, tenant)).error).toBe("login_required");
    // The next login needs the login page again.
    await page.goto(authorizeUrl(tenant));
    expect(new URL(page.url()).pathname).toBe("/u/login/identifier");
  });
});
