/**
 * Durability: everything survives a restart on the same state folder; concurrent changes are written one at a
 * time and acknowledged only once on disk; a process killed in the middle of a write leaves the old or the new
 * file, never a torn one.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../local-tenant/index";
import { removeStaleTempFiles } from "../../local-tenant/store/atomic-write";
import type { TenantClient } from "./helpers/client";
import { removeTempStateDirs, startTestTenant, tempStateDir } from "./helpers/tenant";

afterAll(removeTempStateDirs);

const TEMPLATE = "<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>";

async function waitForStatus(client: TenantClient, id: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await client.get(`/api/v2/actions/actions/${id}`)).json.status === status) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`action ${id} never reached ${status}`);
}

describe("restart on the same state folder", () => {
  it("keeps the CA, client, keys and every change", async () => {
    const stateDir = tempStateDir();
    const first = await startTestTenant({ stateDir });
    const c = first.client;
    expect((await c.patch("/api/v2/tenants/settings", { session_lifetime: 720, idle_session_lifetime: 0.5, session_cookie: { mode: "non-persistent" } })).status).toBe(200);
    const domain = (await c.post("/api/v2/custom-domains", { domain: "login.example.com", type: "self_managed_certs" })).json;
    expect((await c.put("/api/v2/branding/templates/universal-login", TEMPLATE)).status).toBe(201);
    expect((await c.put("/api/v2/prompts/login-id/partials", { "login-id": { "form-content-end": "<label>Keep me signed in</label>" } })).status).toBe(200);
    const action = (await c.post("/api/v2/actions/actions", { name: "kmsi", supported_triggers: [{ id: "post-login", version: "v3" }], code: "exports.onExecutePostLogin = async () => {};", secrets: [{ name: "TRUSTED_IDLE_MS", value: "1" }] })).json;
    await waitForStatus(c, action.id, "built");
    expect((await c.post(`/api/v2/actions/actions/${action.id}/deploy`)).status).toBe(200);
    expect((await c.patch("/api/v2/actions/triggers/post-login/bindings", { bindings: [{ ref: { type: "action_id", value: action.id }, display_name: "kmsi" }] })).status).toBe(200);
    await first.tenant.logs.append({ type: "s", description: "Success Login" });

    const reads = ["/api/v2/tenants/settings", "/api/v2/custom-domains", `/api/v2/custom-domains/${domain.custom_domain_id}`, "/api/v2/branding/templates/universal-login", "/api/v2/prompts/login-id/partials", `/api/v2/actions/actions/${action.id}`, `/api/v2/actions/actions/${action.id}/versions`, "/api/v2/actions/triggers/post-login/bindings", "/api/v2/logs"];
    const before = await Promise.all(reads.map(async (path) => (await c.get(path)).json));
    const keyFiles = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"].map((f) => readFileSync(join(stateDir, f), "utf8"));
    await first.tenant.stop();

    const second = await startTestTenant({ stateDir });
    try {
      expect(second.tenant.client).toEqual(first.tenant.client);
      expect(["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"].map((f) => readFileSync(join(stateDir, f), "utf8"))).toEqual(keyFiles);
      const after = await Promise.all(reads.map(async (path) => (await second.client.get(path)).json));
      expect(after).toEqual(before);
      expect(after[0]).toMatchObject({ session_lifetime: 720, idle_session_lifetime: 0.5, session_cookie: { mode: "non-persistent" } });
    } finally {
      await second.tenant.stop();
    }
  });

  it("finishes a build that was running when the tenant stopped", async () => {
    const stateDir = tempStateDir();
    const first = await startTestTenant({ stateDir, buildDelayMs: 5_000 });
    const action = (await first.client.post("/api/v2/actions/actions", { name: "slow", supported_triggers: [{ id: "post-login", version: "v3" }] })).json;
    expect(action.status).toBe("pending");
    await first.tenant.stop();
    const second = await startTestTenant({ stateDir, buildDelayMs: 40 });
    try {
      await waitForStatus(second.client, action.id, "built");
    } finally {
      await second.tenant.stop();
    }
  });
});

describe("concurrent changes", () => {
  it("acknowledges each PATCH only once it is in a valid state file, and the file ends with the last change", async () => {
    const { tenant, client } = await startTestTenant();
    try {
      const file = join(tenant.stateDir, "tenant.json");
      const results = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const res = await client.patch("/api/v2/tenants/settings", { friendly_name: `name-${i}`, idle_session_lifetime: i + 1 });
          // At the moment of the acknowledgement, the file must already hold this change (or a later one).
          const onDisk = JSON.parse(readFileSync(file, "utf8"));
          const revision = Number(res.headers["x-local-tenant-revision"]);
          expect(res.status).toBe(200);
          expect(onDisk.revision).toBeGreaterThanOrEqual(revision);
          return { revision, name: res.json.friendly_name as string, idle: res.json.idle_session_lifetime as number };
        }),
      );
      const last = results.reduce((a, b) => (b.revision > a.revision ? b : a));
      const onDisk = JSON.parse(readFileSync(file, "utf8"));
      expect(new Set(results.map((r) => r.revision)).size).toBe(30);
      expect({ name: onDisk.tenantSettings.friendly_name, idle: onDisk.tenantSettings.idle_session_lifetime }).toEqual({ name: last.name, idle: last.idle });
      expect((await client.get("/api/v2/tenants/settings")).json).toMatchObject({ friendly_name: last.name, idle_session_lifetime: last.idle });
    } finally {
      await tenant.stop();
    }
  });
});

describe("atomic writer", () => {
  it("leaves the old file intact when the process dies before the rename", async () => {
    const dir = tempStateDir();
    const target = join(dir, "state.json");
    await writeFileAtomic(target, '{"version":"old"}');
    await expect(
      writeFileAtomic(target, '{"version":"new"}', {
        beforeRename: () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect(readFileSync(target, "utf8")).toBe('{"version":"old"}');
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    await writeFileAtomic(target, '{"version":"new"}');
    expect(readFileSync(target, "utf8")).toBe('{"version":"new"}');
  });

  it("never leaves a torn file when killed (SIGKILL) mid-write", async () => {
    const dir = tempStateDir();
    const target = join(dir, "state.json");
    const child = resolve(__dirname, "helpers", "atomic-writer-child.ts");
    const repoRoot = resolve(__dirname, "..", "..");
    for (let round = 0; round < 4; round++) {
      const proc = spawn(process.execPath, ["--import", "tsx", child, target], { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((ready, fail) => {
        proc.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && ready());
        proc.once("exit", (code) => fail(new Error(`writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      const exited = new Promise((done) => proc.once("exit", done));
      proc.kill("SIGKILL");
      await exited;
      const doc = JSON.parse(readFileSync(target, "utf8")) as { seq: number; size: number; pad: string };
      expect(doc.pad.length).toBe(doc.size);
      expect(doc.seq).toBeGreaterThanOrEqual(0);
    }
    // A kill can leave a temp file behind; the store removes those when it opens.
    writeFileSync(join(dir, ".state.json.999.1.tmp"), "partial");
    await removeStaleTempFiles(target);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(target)).toBe(true);
  }, 60_000);
});
