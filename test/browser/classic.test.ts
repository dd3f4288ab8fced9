/**
 * The classic login flow (`loginFlow: classic`): one `login` screen with identifier and password, and the KMSI
 * partial deployed for the `login` prompt instead of `login-id`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration } from "../../config";
import { type LocalTenant, TenantClient } from "../../packages/local-tenant";
import { deployStackToLocalTenant } from "../testkit";
import { chromiumMissing, useBrowsers } from "./support/browser";
import { authorizeUrl, login, SECOND, silentAuth } from "./support/login";
import { freezeClock, startBrowserTenant, stopBrowserTenants, tenantLogs } from "./support/tenant";

let tenant: LocalTenant;
let trustedIdle: number;
const newBrowser = useBrowsers();

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  tenant = await startBrowserTenant();
  const deployment = await deployStackToLocalTenant(tenant, { stack: "local", overrides: { loginFlow: "classic" } });
  trustedIdle = parseDuration(
    (deployment.config.keepMeSignedIn as { trustedDevice: { idle: string } }).trustedDevice.idle,
  )!;
});
afterAll(stopBrowserTenants);

describe("classic login flow", () => {
  it("deploys the partial for the login prompt and turns identifier first off", async () => {
    const client = new TenantClient(tenant);
    await client.login();
    expect((await client.get("/api/v2/prompts")).json).toMatchObject({ identifier_first: false });
    expect(Object.keys((await client.get("/api/v2/prompts/login/partials")).json)).toEqual(["login"]);
    expect((await client.get("/api/v2/prompts/login-id/partials")).json).toEqual({});
  });

  it("shows the checkbox on the login screen, between the password and the button", async () => {
    const browser = newBrowser();
    const page = await browser.start();
    await page.goto(authorizeUrl(tenant));
    expect(new URL(page.url()).pathname).toBe("/u/login");
    expect(await page.title()).toBe("Log in | Local Test App");
    expect(await page.locator(".prompt-wrapper main[data-screen='login']").count()).toBe(1);
    const names = await page.$$eval("form input", (inputs) => inputs.map((i) => i.getAttribute("name")));
    expect(names).toEqual(["state", "username", "password", "ulp-remember-me"]);
    expect(await page.locator("label[for='ulp-remember-me']").textContent()).toBe("Keep me signed in on this device");
  });

  it("ticked: the session survives a browser restart and silent authentication succeeds", async () => {
    const t0 = freezeClock(tenant);
    const browser = newBrowser();
    let page = await browser.start();
    expect((await login(page, tenant, { tick: true, flow: "classic" })).code).toBeDefined();
    expect((await browser.cookie("auth0"))!.expires).toBe((t0 + trustedIdle) / SECOND);

    page = await browser.restart();
    expect((await silentAuth(page, tenant)).code).toBeDefined();
    const logs = (await tenantLogs(tenant)).slice(-2);
    expect(logs.map((l) => [l.type, l.details.session.cookie.mode])).toEqual([
      ["s", "persistent"],
      ["ssa", "persistent"],
    ]);
  });

  it("unticked: the session ends with the browser", async () => {
    freezeClock(tenant);
    const browser = newBrowser();
    let page = await browser.start();
    await login(page, tenant, { tick: false, flow: "classic" });
    expect((await browser.cookie("auth0"))!.expires).toBe(-1);
    page = await browser.restart();
    expect((await silentAuth(page, tenant)).error).toBe("login_required");
  });
});
