/**
 * The deploy helper (tools/provider-stand-in/deploy.ts) on its own: the local stack's program becomes the Management
 * API calls the Auth0 provider makes, and the tenant then holds exactly what the program declares — which is
 * what the browser tests log in through.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionBundlePath } from "../../actions/bundles";
import { PROJECT_DIR } from "../../config";
import { renderKmsiPartial } from "../../components";
import { type LocalTenant, TenantClient } from "../../packages/local-tenant";
import { type Deployment, deployStackToLocalTenant } from "../testkit";
import { startBrowserTenant, stopBrowserTenants } from "./support/tenant";

let tenant: LocalTenant;
let deployment: Deployment;
let client: TenantClient;

beforeAll(async () => {
  tenant = await startBrowserTenant();
  deployment = await deployStackToLocalTenant(tenant, { stack: "local" });
  client = new TenantClient(tenant);
  await client.login();
});
afterAll(stopBrowserTenants);

const id = /[0-9a-f-]{36}|cd_[A-Za-z0-9]{16}/;

describe("deployStackToLocalTenant (local stack)", () => {
  it("makes the provider's calls, in dependency order, all answered 2xx", () => {
    const calls = deployment.calls.map((c) => `${c.method} ${c.path.replace(id, "{id}")} ${c.status}`);
    // Builds take a few polls; collapse repeated GETs of one action to one line.
    const collapsed = calls.filter(
      (line, i) => !(line.startsWith("GET /api/v2/actions/actions/{id}") && calls[i - 1] === line),
    );
    const action = [
      "POST /api/v2/actions/actions 201",
      "GET /api/v2/actions/actions/{id} 200", // until built, then
      "POST /api/v2/actions/actions/{id}/deploy 200",
      "GET /api/v2/actions/actions/{id} 200", // until deployed, then the read
    ];
    expect(collapsed).toEqual([
      "GET /api/v2/tenants/settings 200", // auth0.getTenant: the settings kept as they are
      "PATCH /api/v2/tenants/settings 200",
      "PATCH /api/v2/tenants/settings 200", // the provider's null PATCH, of fields this tenant does not hold
      "GET /api/v2/tenants/settings 200",
      "POST /api/v2/custom-domains 201",
      "GET /api/v2/custom-domains/{id} 200",
      "PATCH /api/v2/prompts 200",
      "GET /api/v2/prompts 200",
      "GET /api/v2/custom-domains 200", // the template needs a custom domain
      "PUT /api/v2/branding/templates/universal-login 201",
      "GET /api/v2/branding 200",
      "GET /api/v2/custom-domains 200",
      "GET /api/v2/branding/templates/universal-login 200",
      "PUT /api/v2/prompts/login-id/partials 200",
      "GET /api/v2/prompts/login-id/partials 200",
      ...action,
      ...action,
      "PATCH /api/v2/actions/triggers/post-login/bindings 200",
      "GET /api/v2/actions/triggers/post-login/bindings?page=0&per_page=100 200",
      "GET /api/v2/actions/triggers/post-login/bindings?page=1&per_page=100 200",
    ]);
    expect(deployment.steps.map((s) => s.op)).toEqual(Array(8).fill("create"));
  });

  it("sets the tenant's session lifetimes (hours) and cookie mode from Pulumi.local.yaml", async () => {
    const settings = (await client.get("/api/v2/tenants/settings")).json;
    expect({
      session_lifetime: settings.session_lifetime,
      idle_session_lifetime: settings.idle_session_lifetime,
      ephemeral_session_lifetime: settings.ephemeral_session_lifetime,
      idle_ephemeral_session_lifetime: settings.idle_ephemeral_session_lifetime,
      session_cookie: settings.session_cookie,
    }).toEqual({
      session_lifetime: 720,
      idle_session_lifetime: 72,
      ephemeral_session_lifetime: 24,
      idle_ephemeral_session_lifetime: 12,
      session_cookie: { mode: "non-persistent" },
    });
  });

  it("deploys the real page template, the identifier-first prompt and the KMSI partial", async () => {
    expect((await client.get("/api/v2/branding/templates/universal-login")).json.body).toBe(
      readFileSync(join(PROJECT_DIR, "templates", "universal-login.liquid"), "utf8"),
    );
    expect((await client.get("/api/v2/prompts")).json).toMatchObject({
      universal_login_experience: "new",
      identifier_first: true,
    });
    expect((await client.get("/api/v2/prompts/login-id/partials")).json).toEqual({
      "login-id": { "form-content-end": renderKmsiPartial("Keep me signed in on this device") },
    });
  });

  it("binds risk then kmsi, each deployed with its exact bundle and its secrets", async () => {
    const bindings = (await client.get("/api/v2/actions/triggers/post-login/bindings")).json.bindings as Array<{
      display_name: string;
      action: { id: string };
    }>;
    expect(bindings.map((b) => b.display_name)).toEqual(["risk", "kmsi"]);
    for (const binding of bindings) {
      const action = (await client.get(`/api/v2/actions/actions/${binding.action.id}`)).json;
      expect(action.deployed_version.code).toBe(
        readFileSync(actionBundlePath(binding.display_name as "kmsi" | "risk"), "utf8"),
      );
      expect(action.runtime).toBe("node22");
    }
    const secretNames = async (name: string) => {
      const action = bindings.find((b) => b.display_name === name)!;
      return (
        (await client.get(`/api/v2/actions/actions/${action.action.id}`)).json.secrets as Array<{ name: string }>
      ).map((s) => s.name);
    };
    expect(await secretNames("kmsi")).toEqual(["TRUSTED_ABSOLUTE_MS", "TRUSTED_IDLE_MS"]);
    expect(await secretNames("risk")).toEqual(["NETWORK_BINDING", "CONNECTION_LIFETIMES", "ORGANIZATION_IDLE"]);
  });

  it("refuses to guess: overrides are validated by the real program", async () => {
    await expect(
      deployStackToLocalTenant(tenant, { stack: "local", overrides: { loginFlow: "sideways" } }),
    ).rejects.toThrow(/loginFlow/);
  });
});
