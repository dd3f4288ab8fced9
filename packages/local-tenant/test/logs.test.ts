/** Tenant logs: events appended by other features, read through GET /api/v2/logs, kept across restarts. */
import { afterAll, describe, expect, it } from "vitest";
import { removeTempStateDirs, startTestTenant, tempStateDir } from "./helpers/tenant";

afterAll(removeTempStateDirs);

describe("tenant logs", () => {
  it("lists appended events newest first, filters, pages and survives a restart", async () => {
    const stateDir = tempStateDir();
    const first = await startTestTenant({ stateDir });
    const login = await first.tenant.logs.append({
      type: "s",
      description: "Success Login",
      user_id: "auth0|1",
      details: { session: { cookie: { mode: "persistent" } } },
    });
    await first.tenant.logs.append({ type: "f", description: "Wrong email or password." });
    const viaHttp = await first.client.post("/__local/logs", {
      type: "s",
      description: "Success Login",
      user_id: "auth0|2",
    });
    expect(viaHttp.status).toBe(201);
    expect(login.log_id).toMatch(/^900\d{53}$/);
    expect(login.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const all = await first.client.get("/api/v2/logs");
    expect(all.json.map((e: { type: string }) => e.type)).toEqual(["s", "f", "s"]);
    expect(all.json[2]).toEqual(login);
    const successes = await first.client.get("/api/v2/logs?q=type:s&sort=date:1");
    expect(successes.json.map((e: { user_id: string }) => e.user_id)).toEqual(["auth0|1", "auth0|2"]);
    const nested = await first.client.get(
      `/api/v2/logs?q=${encodeURIComponent('details.session.cookie.mode:"persistent"')}`,
    );
    expect(nested.json).toEqual([login]);
    const totals = await first.client.get("/api/v2/logs?include_totals=true&per_page=2&page=0");
    expect(totals.json).toMatchObject({ start: 0, limit: 2, length: 2, total: 3 });
    const after = await first.client.get(`/api/v2/logs?from=${login.log_id}&take=10`);
    expect(after.json.map((e: { type: string }) => e.type)).toEqual(["f", "s"]);
    expect((await first.client.get(`/api/v2/logs/${login.log_id}`)).json).toEqual(login);
    await first.tenant.stop();

    const second = await startTestTenant({ stateDir });
    try {
      expect((await second.client.get("/api/v2/logs?sort=date:1")).json[0]).toEqual(login);
      expect(second.tenant.logs.list()).toHaveLength(3);
    } finally {
      await second.tenant.stop();
    }
  });
});

describe("log search by field names every object has", () => {
  it.each([
    "constructor:x",
    "__proto__:[object Object]",
    "toString:x",
    "hasOwnProperty:x",
    "details.constructor:x",
    "missing_field:undefined",
    "type.length:1",
  ])("q=%s matches nothing (own fields only)", async (q) => {
    const { tenant, client } = await startTestTenant();
    try {
      await tenant.logs.append({ type: "s", description: "Success Login", details: {} });
      expect((await client.get("/api/v2/logs?q=type:s")).json).toHaveLength(1);
      const res = await client.get(`/api/v2/logs?q=${encodeURIComponent(q)}`);
      expect({ status: res.status, body: res.json }).toEqual({ status: 200, body: [] });
    } finally {
      await tenant.stop();
    }
  });
});
