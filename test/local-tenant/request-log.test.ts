/** The request log: exact entries for a short sequence, programmatically and through /__local/requests. */
import { describe, expect, it } from "vitest";
import type { LocalTenant } from "../../local-tenant/index";
import type { TenantClient } from "./helpers/client";
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
      { method: "GET", path: "/api/v2/actions/triggers/post-login/bindings", query: "page=0&per_page=100", status: 200 },
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
