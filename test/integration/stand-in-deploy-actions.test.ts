/**
 * The Actions through the stand-in provider and the local tenant: `actions.keepBound` looked up with the provider's
 * own query and refused in the config's style (issue #11 item 7), and `runtime: node18`, which the provider sends
 * as `node18-actions` (item 11): the tenant stores what Auth0 stores, the program's input stays `node18`, and the
 * provider reads it back as `node18`, so nothing diffs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { deployStackToLocalTenant, previewStackOnLocalTenant } from "../testkit";

let tenant: LocalTenant;
let client: TenantClient;
beforeAll(async () => {
  ({ tenant, client } = await startTestTenant());
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
});

/** Creates and deploys an Action the way a dashboard user would; returns its id. */
async function existingAction(
  c: TenantClient,
  name: string,
  trigger: { id: string; version: string },
): Promise<string> {
  const id = (
    await c.post("/api/v2/actions/actions", {
      name,
      supported_triggers: [trigger],
      code: "exports.onExecutePostLogin = async () => {};",
    })
  ).json.id as string;
  for (let status = ""; status !== "built";) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = (await c.get(`/api/v2/actions/actions/${id}`)).json.status;
  }
  expect((await c.post(`/api/v2/actions/actions/${id}/deploy`)).status).toBe(200);
  return id;
}

const POST_LOGIN = { id: "post-login", version: "v3" };

describe("actions.keepBound", () => {
  let auditLog: string;
  beforeAll(async () => {
    auditLog = await existingAction(client, "audit log", POST_LOGIN);
    await existingAction(client, "welcome", { id: "post-user-registration", version: "v2" });
    await existingAction(client, "twice", POST_LOGIN);
    await existingAction(client, "twice", POST_LOGIN);
  });

  it("refuses a missing, an ambiguous and a non-post-login name in one error, before any write", async () => {
    const writes = () =>
      tenant.requestLog.entries().filter((e) => e.method !== "GET" && e.path !== "/oauth/token").length;
    const writesBefore = writes();
    const deploying = deployStackToLocalTenant(tenant, {
      stack: "local",
      overrides: { actions: { keepBound: ["audit log", "missing", "twice", "welcome"] } },
    });
    // A RunError: Pulumi shows its message alone.
    expect(((await deploying.catch((error: Error) => error)) as Error).message).toBe(
      "Invalid auth0-sessions stack config (3 problems):\n" +
        'actions.keepBound.1: "missing" — must name exactly one Action of this tenant: none or several have this name\n' +
        'actions.keepBound.2: "twice" — must name exactly one Action of this tenant: none or several have this name\n' +
        'actions.keepBound.3: "welcome" — is a post-user-registration Action, not a post-login one',
    );
    // The provider's data source, name by name (action/data_source.go:61); go-auth0 encodes the query.
    const lookups = tenant.requestLog
      .entries()
      .filter((e) => e.method === "GET" && e.path === "/api/v2/actions/actions")
      .slice(-4);
    expect(lookups.map((e) => e.query)).toEqual([
      "actionName=audit+log&per_page=50",
      "actionName=missing&per_page=50",
      "actionName=twice&per_page=50",
      "actionName=welcome&per_page=50",
    ]);
    expect(writes()).toBe(writesBefore);
  });

  it("binds a kept Action after ours, by its id", async () => {
    const deployment = await deployStackToLocalTenant(tenant, {
      stack: "local",
      overrides: { actions: { keepBound: ["audit log"] } },
    });
    const bindings = (await client.get("/api/v2/actions/triggers/post-login/bindings")).json.bindings as Array<{
      display_name: string;
      action: { id: string };
    }>;
    expect(bindings.map((b) => [b.display_name, b.action.id])).toEqual([
      ["risk", deployment.ids["session-actions-risk"]],
      ["kmsi", deployment.ids["session-actions-kmsi"]],
      ["audit log", auditLog],
    ]);
    // The provider reads the bindings back page by page (resource_trigger_actions.go:89-115).
    const reads = deployment.calls
      .filter((c) => c.path.startsWith("/api/v2/actions/triggers/post-login/bindings?"))
      .map((c) => c.path);
    expect(reads).toEqual([
      "/api/v2/actions/triggers/post-login/bindings?page=0&per_page=100",
      "/api/v2/actions/triggers/post-login/bindings?page=1&per_page=100",
    ]);
  });
});

describe("runtime node18", () => {
  it("is sent and stored as node18-actions, stays node18 in the program, and previews clean", async () => {
    const fresh = await startTestTenant();
    try {
      const deployment = await deployStackToLocalTenant(fresh.tenant, {
        stack: "local",
        overrides: { actions: { runtime: "node18" } },
      });
      expect(deployment.run.ofType("auth0:index/action:Action").map((a) => a.inputs.runtime)).toEqual([
        "node18",
        "node18",
      ]);
      const created = deployment.calls.filter((c) => c.method === "POST" && c.path === "/api/v2/actions/actions");
      expect(created.map((c) => (c.body as { runtime: string }).runtime)).toEqual(["node18-actions", "node18-actions"]);
      for (const name of ["session-actions-risk", "session-actions-kmsi"]) {
        const action = (await fresh.client.get(`/api/v2/actions/actions/${deployment.ids[name]}`)).json;
        expect([action.runtime, action.deployed_version.runtime]).toEqual(["node18-actions", "node18-actions"]);
      }
      const preview = await previewStackOnLocalTenant(fresh.tenant, {
        stack: "local",
        previous: deployment,
        refresh: true,
        overrides: { actions: { runtime: "node18" } },
      });
      expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    } finally {
      await fresh.tenant.stop();
    }
  });
});

describe("turning KMSI and every risk rule off on a deployed stack", () => {
  it("empties the post-login trigger first, then deletes both Actions and the partial", async () => {
    const fresh = await startTestTenant();
    try {
      const on = await deployStackToLocalTenant(fresh.tenant, { stack: "local" });
      const off = await deployStackToLocalTenant(fresh.tenant, {
        stack: "local",
        previous: on,
        refresh: true,
        overrides: {
          keepMeSignedIn: { enabled: false },
          risk: { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
        },
      });
      expect(
        off.steps
          .filter((s) => s.op !== "same")
          .map((s) => `${s.op} ${s.name}`)
          .sort(),
      ).toEqual([
        "delete session-actions-kmsi",
        "delete session-actions-post-login",
        "delete session-actions-risk",
        "delete universal-login-kmsi-partial",
      ]);
      // The binding's delete PATCHes an empty list (resource_trigger_actions.go:129-137) before the Actions go:
      // Auth0 refuses to delete a bound Action (409).
      expect(
        off.calls
          .filter((c) => c.method !== "GET")
          .map((c) =>
            `${c.method} ${c.path.replace(/[0-9a-f-]{36}/, "{id}")} ${c.status} ${JSON.stringify(c.body) ?? ""}`.trim(),
          ),
      ).toEqual([
        'PATCH /api/v2/actions/triggers/post-login/bindings 200 {"bindings":[]}',
        "DELETE /api/v2/actions/actions/{id} 204",
        "DELETE /api/v2/actions/actions/{id} 204",
        "PUT /api/v2/prompts/login-id/partials 200 {}",
      ]);
      expect((await fresh.client.get("/api/v2/actions/actions")).json.actions).toEqual([]);
      expect((await fresh.client.get("/api/v2/prompts/login-id/partials")).json).toEqual({});
    } finally {
      await fresh.tenant.stop();
    }
  });
});
