/**
 * The example application (examples/kmsi-spa) in the browser tests: started on a free port, with its seeded
 * application (packages/local-tenant/src/session/seed.json, the one `npm start` uses) moved to that port, and a
 * tenant that has the local stack deployed, as `npm start` leaves it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { PROJECT_DIR } from "../../../config";
import type { LocalTenant, LoginSeedInput } from "../../../packages/local-tenant";
import { EXAMPLE_CLIENT_ID, EXAMPLE_ORIGIN, exampleConfig } from "../../../examples/kmsi-spa/app-config";
import { type ExampleApp, startExampleApp, tenantTls } from "../../../examples/kmsi-spa/server";
import { type Deployment, deployStackToLocalTenant } from "../../testkit";
import { USER } from "./login";
import { startBrowserTenant } from "./tenant";

type SeedApplication = NonNullable<LoginSeedInput["applications"]>[number];

export interface ExampleSetup {
  app: ExampleApp;
  tenant: LocalTenant;
  deployment: Deployment;
}

export async function startExampleSetup(): Promise<ExampleSetup> {
  const app = await startExampleApp({ port: 0 });
  const seed = JSON.parse(
    readFileSync(join(PROJECT_DIR, "packages", "local-tenant", "src", "session", "seed.json"), "utf8"),
  ) as { applications: SeedApplication[] };
  // The seed's application with its URLs moved from port 3000 to the test's port, everything else as declared.
  const applications = seed.applications.map((a) =>
    a.client_id === EXAMPLE_CLIENT_ID
      ? (JSON.parse(JSON.stringify(a).replaceAll(EXAMPLE_ORIGIN, app.url)) as SeedApplication)
      : a,
  );
  const tenant = await startBrowserTenant({ seed: { applications } });
  app.configure(exampleConfig(tenant.domain, app.url, { ...seed, applications }), tenantTls(tenant.stateDir));
  const deployment = await deployStackToLocalTenant(tenant, { stack: "local" });
  return { app, tenant, deployment };
}

/** What the page shows once its session check has finished: "Signed in" or "Signed out". */
export async function appStatus(page: Page): Promise<string> {
  await page.locator("#state:not([data-state='loading'])").waitFor();
  return (await page.locator("#status").textContent()) ?? "";
}

/** Opens the app, clicks "Log in" and logs in on the tenant's identifier-first pages (the local stack). */
export async function logInThroughApp(page: Page, app: ExampleApp, input: { tick: boolean }): Promise<void> {
  await page.goto(app.url);
  expect(await appStatus(page)).toBe("Signed out");
  await page.click("#login");
  await page.waitForURL(/\/u\/login\/identifier/);
  await page.fill("#username", USER.email);
  if (input.tick) await page.locator('input[name="ulp-remember-me"]').check();
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/u\/login\/password/);
  await page.fill("#password", USER.password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.href.startsWith(app.url));
}
