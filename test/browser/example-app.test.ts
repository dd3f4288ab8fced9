/**
 * The example application (examples/kmsi-spa, on @auth0/auth0-spa-js) in Chromium against a local tenant with
 * the local stack deployed: the Keep Me Signed In experience as a user of an application sees it. The SDK keeps
 * tokens in memory only, so after a browser restart the page is signed in only if the tenant's `auth0` cookie
 * survived and silent authentication (a hidden iframe, response_mode=web_message, PKCE code exchange) succeeds.
 *
 * The login clock is frozen and moved as in kmsi.test.ts; the local stack's trusted-device lifetimes are 3 days
 * idle and 14 days absolute.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration, PROJECT_DIR } from "../../config";
import { ASN_HEADER } from "../../packages/local-tenant";
import { chromiumMissing, useBrowsers } from "./support/browser";
import { appStatus, type ExampleSetup, logInThroughApp, startExampleSetup } from "./support/example-app";
import { DAY, HOUR, SECOND } from "./support/login";
import { freezeClock, stopBrowserTenants, tenantLogs } from "./support/tenant";

// Written to the git-ignored test-results/ on every run; `UPDATE_SCREENSHOT=1` refreshes the README's copy.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? join(PROJECT_DIR, "docs", "example-app.png")
  : join(PROJECT_DIR, "test-results", "example-app.png");

let setup: ExampleSetup;
let trustedIdle: number;
const newBrowser = useBrowsers();

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  setup = await startExampleSetup();
  trustedIdle = parseDuration(
    (setup.deployment.config.keepMeSignedIn as { trustedDevice: { idle: string } }).trustedDevice.idle,
  )!;
});
afterAll(async () => {
  await setup?.app.stop();
  await stopBrowserTenants();
});

const seconds = (ms: number) => ms / SECOND;
const sessionsOf = () => setup.tenant.login.sessions();

describe("the example app", () => {
  it("logs in on the deployed login page and shows the user, the Auth0 session and an access token for its API", async () => {
    freezeClock(setup.tenant);
    const browser = newBrowser();
    const page = await browser.start();
    await logInThroughApp(page, setup.app, { tick: true });
    expect(await appStatus(page)).toBe("Signed in");
    const session = sessionsOf().at(-1)!;
    expect(await page.locator("#user").textContent()).toBe("Local User");
    expect(await page.locator("#email").textContent()).toBe("user@example.test");
    expect(await page.locator("#sid").textContent()).toBe(session.id);
    expect(await page.locator("#auth-time").textContent()).toBe(
      new Date(Math.floor(Date.parse(session.authenticated_at) / 1000) * 1000).toISOString(),
    );
    expect(await page.locator("#access").textContent()).toBe(
      `https://api.kmsi-example.test/, ${setup.tenant.url}/userinfo — openid profile email read:messages`,
    );

    const card = (await page.locator(".card").boundingBox())!;
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({
      path: SCREENSHOT,
      clip: { x: card.x - 24, y: card.y - 24, width: card.width + 48, height: card.height + 48 },
    });
    expect(statSync(SCREENSHOT).size).toBeLessThan(150_000);
  });
});

describe("Keep Me Signed In through the app", () => {
  it("ticked: still signed in after a browser restart; silent re-authentication re-applies the trusted idle lifetime", async () => {
    const t0 = freezeClock(setup.tenant);
    const browser = newBrowser();
    let page = await browser.start();
    await logInThroughApp(page, setup.app, { tick: true });
    expect(await appStatus(page)).toBe("Signed in");
    const sessionId = sessionsOf().at(-1)!.id;
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + trustedIdle));

    page = await browser.restart();
    setup.tenant.clock.set(t0 + 2 * DAY);
    await page.goto(setup.app.url);
    expect(await appStatus(page)).toBe("Signed in");
    expect(await page.locator("#sid").textContent()).toBe(sessionId);
    // The silent authentication two days later moved the idle expiry (and the cookie) to then + 3 days.
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + 2 * DAY + trustedIdle));
    expect(sessionsOf().find((s) => s.id === sessionId)!.idle_expires_at).toBe(
      new Date(t0 + 2 * DAY + trustedIdle).toISOString(),
    );

    // Past the tenant's own idle lifetime (12 h) but within the trusted one: the button asks the tenant again.
    setup.tenant.clock.set(t0 + 4 * DAY);
    // The page load's own check already set #checked: wait until the button's check replaces it (the time it
    // shows changes), so the cookie below is the one that check set, however slow the machine.
    const loadCheck = await page.locator("#checked").textContent();
    expect(loadCheck).not.toBe("");
    await page.click("#check");
    await expect.poll(() => page.locator("#checked").textContent()).not.toBe(loadCheck);
    expect(await appStatus(page)).toBe("Signed in");
    expect((await browser.cookie("auth0"))!.expires).toBe(seconds(t0 + 4 * DAY + trustedIdle));
  });

  it("unticked: signed out after a browser restart", async () => {
    freezeClock(setup.tenant);
    const browser = newBrowser();
    let page = await browser.start();
    await logInThroughApp(page, setup.app, { tick: false });
    expect(await appStatus(page)).toBe("Signed in");
    expect((await browser.cookie("auth0"))!.expires).toBe(-1);
    // Same browser, page reloaded: the session cookie is still there.
    await page.reload();
    expect(await appStatus(page)).toBe("Signed in");

    page = await browser.restart();
    await page.goto(setup.app.url);
    expect(await appStatus(page)).toBe("Signed out");
    expect(await page.locator("#error").isVisible()).toBe(false);
    expect(await page.locator("#login").isVisible()).toBe(true);
  });

  it("a changed network: the risk Action revokes the session on the next silent authentication, signed out", async () => {
    freezeClock(setup.tenant);
    const browser = newBrowser();
    let page = await browser.start();
    await browser.setNetwork({ [ASN_HEADER]: "64500" });
    await logInThroughApp(page, setup.app, { tick: true });
    expect(await appStatus(page)).toBe("Signed in");
    const sessionId = sessionsOf().at(-1)!.id;

    page = await browser.restart();
    await browser.setNetwork({ [ASN_HEADER]: "64501" });
    setup.tenant.clock.advance(HOUR);
    await page.goto(setup.app.url);
    expect(await appStatus(page)).toBe("Signed out");
    expect(await page.locator("#error").textContent()).toBe(
      "access_denied: Network (ASN) changed during the session; sign in again",
    );
    expect(sessionsOf().some((s) => s.id === sessionId)).toBe(false);
    expect(await browser.cookie("auth0")).toBeUndefined();
  });

  it("logout ends the Auth0 session and comes back to the app signed out", async () => {
    freezeClock(setup.tenant);
    const browser = newBrowser();
    let page = await browser.start();
    await logInThroughApp(page, setup.app, { tick: true });
    expect(await appStatus(page)).toBe("Signed in");
    const sessionId = sessionsOf().at(-1)!.id;
    const from = (await tenantLogs(setup.tenant)).length;

    await page.click("#logout");
    await page.waitForURL((url) => url.href.startsWith(setup.app.url));
    expect(await appStatus(page)).toBe("Signed out");
    expect(sessionsOf().some((s) => s.id === sessionId)).toBe(false);
    expect(await browser.cookie("auth0")).toBeUndefined();
    const logs = (await tenantLogs(setup.tenant)).slice(from);
    expect(logs.map((l) => l.type)).toEqual(["slo", "fsa"]);
    expect(logs[0]).toMatchObject({
      description: "Success Logout",
      client_id: "kmsi-example-spa",
      session_id: sessionId,
    });

    // The box was ticked, yet after logout a restart finds nothing to sign in with.
    page = await browser.restart();
    await page.goto(setup.app.url);
    expect(await appStatus(page)).toBe("Signed out");
  });
});
