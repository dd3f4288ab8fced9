/**
 * Durability: everything survives a restart on the same state folder; concurrent changes are written one at a
 * time and acknowledged only once on disk; a process killed in the middle of a write leaves the old or the new
 * file, never a torn one.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic, type LocalTenant } from "../src/index";
import { removeStaleTempFiles } from "../src/store/atomic-write";
import { DurableStore } from "../src/store/durable-store";
import type { Response, TenantClient } from "../src/client";
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
    expect(
      (
        await c.patch("/api/v2/tenants/settings", {
          session_lifetime: 720,
          idle_session_lifetime: 0.5,
          session_cookie: { mode: "non-persistent" },
        })
      ).status,
    ).toBe(200);
    const domain = (await c.post("/api/v2/custom-domains", { domain: "login.example.com", type: "self_managed_certs" }))
      .json;
    expect((await c.put("/api/v2/branding/templates/universal-login", TEMPLATE)).status).toBe(201);
    expect(
      (
        await c.put("/api/v2/prompts/login-id/partials", {
          "login-id": { "form-content-end": "<label>Keep me signed in</label>" },
        })
      ).status,
    ).toBe(200);
    const action = (
      await c.post("/api/v2/actions/actions", {
        name: "kmsi",
        supported_triggers: [{ id: "post-login", version: "v3" }],
        code: "exports.onExecutePostLogin = async () => {};",
        secrets: [{ name: "TRUSTED_IDLE_MS", value: "1" }],
      })
    ).json;
    await waitForStatus(c, action.id, "built");
    expect((await c.post(`/api/v2/actions/actions/${action.id}/deploy`)).status).toBe(200);
    expect(
      (
        await c.patch("/api/v2/actions/triggers/post-login/bindings", {
          bindings: [{ ref: { type: "action_id", value: action.id }, display_name: "kmsi" }],
        })
      ).status,
    ).toBe(200);
    await first.tenant.logs.append({ type: "s", description: "Success Login" });

    const reads = [
      "/api/v2/tenants/settings",
      "/api/v2/custom-domains",
      `/api/v2/custom-domains/${domain.custom_domain_id}`,
      "/api/v2/branding/templates/universal-login",
      "/api/v2/prompts/login-id/partials",
      `/api/v2/actions/actions/${action.id}`,
      `/api/v2/actions/actions/${action.id}/versions`,
      "/api/v2/actions/triggers/post-login/bindings",
      "/api/v2/logs",
    ];
    const before = await Promise.all(reads.map(async (path) => (await c.get(path)).json));
    const keyFiles = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"].map(
      (f) => readFileSync(join(stateDir, f), "utf8"),
    );
    await first.tenant.stop();

    const second = await startTestTenant({ stateDir });
    try {
      expect(second.tenant.client).toEqual(first.tenant.client);
      expect(
        ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"].map((f) =>
          readFileSync(join(stateDir, f), "utf8"),
        ),
      ).toEqual(keyFiles);
      const after = await Promise.all(reads.map(async (path) => (await second.client.get(path)).json));
      expect(after).toEqual(before);
      expect(after[0]).toMatchObject({
        session_lifetime: 720,
        idle_session_lifetime: 0.5,
        session_cookie: { mode: "non-persistent" },
      });
    } finally {
      await second.tenant.stop();
    }
  });

  it("finishes a build that was running when the tenant stopped", async () => {
    const stateDir = tempStateDir();
    const first = await startTestTenant({ stateDir, buildDelayMs: 5_000 });
    const action = (
      await first.client.post("/api/v2/actions/actions", {
        name: "slow",
        supported_triggers: [{ id: "post-login", version: "v3" }],
      })
    ).json;
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

describe("an action build whose writes are refused", () => {
  it("stays as durable as it was while the folder refuses, then finishes once writes succeed again", async () => {
    const stateDir = tempStateDir();
    const { tenant, client } = await startTestTenant({ stateDir, buildDelayMs: 300 });
    try {
      const created = await client.post("/api/v2/actions/actions", {
        name: "built through a refused write",
        supported_triggers: [{ id: "post-login", version: "v3" }],
      });
      expect([created.status, created.json.status]).toEqual([201, "pending"]);
      // The state folder becomes a plain file (as in "a refused write" below) before the build's first step.
      renameSync(stateDir, `${stateDir}.away`);
      writeFileSync(stateDir, "not a folder");
      try {
        await new Promise((r) => setTimeout(r, 450)); // past both steps: "building" at 150 ms, "built" at 300 ms
        expect((await client.get(`/api/v2/actions/actions/${created.json.id}`)).json.status).toBe("pending");
      } finally {
        rmSync(stateDir);
        renameSync(`${stateDir}.away`, stateDir);
      }
      await waitForStatus(client, created.json.id, "built");
      const onDisk = JSON.parse(readFileSync(join(stateDir, "tenant.json"), "utf8"));
      expect(onDisk.actions.find((a: { id: string }) => a.id === created.json.id).status).toBe("built");
    } finally {
      await tenant.stop();
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
          const res = await client.patch("/api/v2/tenants/settings", {
            friendly_name: `name-${i}`,
            idle_session_lifetime: i + 1,
          });
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
      expect({ name: onDisk.tenantSettings.friendly_name, idle: onDisk.tenantSettings.idle_session_lifetime }).toEqual({
        name: last.name,
        idle: last.idle,
      });
      expect((await client.get("/api/v2/tenants/settings")).json).toMatchObject({
        friendly_name: last.name,
        idle_session_lifetime: last.idle,
      });
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
    const repoRoot = resolve(__dirname, "..", "..", "..");
    for (let round = 0; round < 4; round++) {
      const proc = spawn(process.execPath, ["--import", "tsx", child, target], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "inherit"],
      });
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

/**
 * A refused write leaves no trace: with the state folder unwritable (replaced by a plain file; the tests run as
 * root, so permissions would not stop a write), every kind of change is answered 500, is not served afterwards,
 * is not written by the next successful write, and is not there after a restart.
 */
describe("a refused write", () => {
  const INTERNAL = { statusCode: 500, error: "Internal Server Error", message: "An internal server error occurred" };
  const CALLBACK = "/__local/callback";
  let tenant: LocalTenant;
  let c: TenantClient;
  const seen: Record<string, string | null> = {};

  /** Makes <state> unwritable until the returned function is called. */
  function breakStateFolder(): () => void {
    const dir = tenant.stateDir;
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, "not a folder");
    return () => {
      rmSync(dir);
      renameSync(`${dir}.away`, dir);
    };
  }

  function onDisk(): Record<string, any> {
    return JSON.parse(readFileSync(join(tenant.stateDir, "tenant.json"), "utf8"));
  }

  async function built(name: string, deploy: boolean): Promise<string> {
    const res = await c.post("/api/v2/actions/actions", {
      name,
      supported_triggers: [{ id: "post-login", version: "v3" }],
      code: "exports.onExecutePostLogin = async () => {};",
    });
    expect(res.status).toBe(201);
    await waitForStatus(c, res.json.id, "built");
    if (deploy) expect((await c.post(`/api/v2/actions/actions/${res.json.id}/deploy`)).status).toBe(200);
    return res.json.id as string;
  }

  const authorizePath = () =>
    `/authorize?client_id=local-test-app&response_type=code&state=s1&redirect_uri=${encodeURIComponent(tenant.url + CALLBACK)}`;
  const form = (fields: Record<string, string>) => ({
    raw: new URLSearchParams(fields).toString(),
    contentType: "application/x-www-form-urlencoded",
    token: null,
  });

  interface Case {
    name: string;
    /** Brings the tenant into the state the change needs; may remember ids in `seen`. */
    setup?: () => Promise<void>;
    change: () => Promise<Response>;
    /** What a client can read back; must be the same before the change and after it failed. */
    reads: string[] | (() => string[]);
  }

  const CASES: Case[] = [
    {
      name: "PATCH tenant settings",
      change: () =>
        c.patch("/api/v2/tenants/settings", {
          session_lifetime: 100,
          idle_session_lifetime: 1.5,
          session_cookie: { mode: "non-persistent" },
        }),
      reads: ["/api/v2/tenants/settings"],
    },
    {
      name: "PATCH tenant settings universal_login colors (stored with branding)",
      change: () => c.patch("/api/v2/tenants/settings", { universal_login: { colors: { primary: "#123456" } } }),
      reads: ["/api/v2/tenants/settings", "/api/v2/branding"],
    },
    {
      name: "PATCH branding",
      change: () =>
        c.patch("/api/v2/branding", { colors: { primary: "#abcdef" }, logo_url: "https://example.com/logo.png" }),
      reads: ["/api/v2/branding", "/api/v2/tenants/settings"],
    },
    {
      name: "PATCH prompts",
      change: () => c.patch("/api/v2/prompts", { identifier_first: true, universal_login_experience: "classic" }),
      reads: ["/api/v2/prompts"],
    },
    {
      name: "POST custom domain",
      change: () => c.post("/api/v2/custom-domains", { domain: "login.example.com", type: "self_managed_certs" }),
      reads: ["/api/v2/custom-domains"],
    },
    {
      name: "PUT page template",
      setup: async () => {
        seen.domain = (
          await c.post("/api/v2/custom-domains", { domain: "auth.example.com", type: "auth0_managed_certs" })
        ).json.custom_domain_id;
      },
      change: () => c.put("/api/v2/branding/templates/universal-login", TEMPLATE),
      reads: ["/api/v2/branding/templates/universal-login"],
    },
    {
      name: "PUT partials",
      setup: async () => expect((await c.put("/api/v2/branding/templates/universal-login", TEMPLATE)).status).toBe(201),
      change: () => c.put("/api/v2/prompts/login-id/partials", { "login-id": { "form-content-end": "<p>kept?</p>" } }),
      reads: ["/api/v2/prompts/login-id/partials"],
    },
    {
      name: "DELETE page template",
      change: () => c.delete("/api/v2/branding/templates/universal-login"),
      reads: ["/api/v2/branding/templates/universal-login"],
    },
    {
      name: "PATCH custom domain",
      change: () => c.patch(`/api/v2/custom-domains/${seen.domain}`, { domain_metadata: { team: "identity" } }),
      reads: () => [`/api/v2/custom-domains/${seen.domain}`],
    },
    {
      name: "POST verify custom domain",
      // With its CNAME published, verify marks the domain ready: a change to persist (control/dns.ts).
      setup: async () =>
        expect((await c.post("/__local/dns/publish", { domain: "auth.example.com" }, { token: null })).status).toBe(
          200,
        ),
      change: () => c.post(`/api/v2/custom-domains/${seen.domain}/verify`),
      reads: () => [`/api/v2/custom-domains/${seen.domain}`],
    },
    {
      name: "DELETE custom domain",
      change: () => c.delete(`/api/v2/custom-domains/${seen.domain}`),
      reads: ["/api/v2/custom-domains"],
    },
    {
      name: "POST action",
      change: () =>
        c.post("/api/v2/actions/actions", { name: "never", supported_triggers: [{ id: "post-login", version: "v3" }] }),
      reads: ["/api/v2/actions/actions"],
    },
    {
      name: "PATCH action",
      setup: async () => {
        seen.action = await built("kmsi", false);
      },
      change: () =>
        c.patch(`/api/v2/actions/actions/${seen.action}`, {
          code: "exports.onExecutePostLogin = async () => { /* v2 */ };",
        }),
      reads: () => [`/api/v2/actions/actions/${seen.action}`],
    },
    {
      name: "POST deploy action",
      change: () => c.post(`/api/v2/actions/actions/${seen.action}/deploy`),
      reads: () => [`/api/v2/actions/actions/${seen.action}`, `/api/v2/actions/actions/${seen.action}/versions`],
    },
    {
      name: "PATCH trigger bindings",
      setup: async () => {
        seen.deployed = await built("bound", true);
      },
      change: () =>
        c.patch("/api/v2/actions/triggers/post-login/bindings", {
          bindings: [{ ref: { type: "action_id", value: seen.deployed } }],
        }),
      reads: ["/api/v2/actions/triggers/post-login/bindings"],
    },
    {
      name: "DELETE action",
      change: () => c.delete(`/api/v2/actions/actions/${seen.action}`),
      reads: ["/api/v2/actions/actions"],
    },
    {
      name: "POST /__local/logs",
      change: () => c.post("/__local/logs", { type: "s", description: "Success Login" }),
      reads: ["/api/v2/logs"],
    },
    {
      name: "GET /authorize (a new login transaction)",
      change: () => c.get(authorizePath(), { token: null }),
      reads: ["/__local/sessions", "/api/v2/logs"],
    },
    {
      name: "POST /u/login (a new session and its log events)",
      setup: async () => {
        const started = await c.get(authorizePath(), { token: null });
        expect(started.status).toBe(302);
        seen.loginState = new URL(started.headers.location as string, tenant.url).searchParams.get("state");
      },
      change: () =>
        c.send(
          "POST",
          `/u/login?state=${seen.loginState}`,
          form({ state: String(seen.loginState), username: "user@example.test", password: "Local-Passw0rd!" }),
        ),
      reads: ["/__local/sessions", "/api/v2/logs"],
    },
    {
      name: "POST /u/login/identifier (the identifier and ulp- fields kept in the transaction)",
      setup: async () => {
        expect((await c.patch("/api/v2/prompts", { identifier_first: true })).status).toBe(200);
        const started = await c.get(authorizePath(), { token: null });
        expect(started.headers.location).toMatch(/^\/u\/login\/identifier\?state=/);
        seen.loginState = new URL(started.headers.location as string, tenant.url).searchParams.get("state");
      },
      change: () =>
        c.send(
          "POST",
          `/u/login/identifier?state=${seen.loginState}`,
          form({ state: String(seen.loginState), username: "user@example.test", "ulp-remember-me": "on" }),
        ),
      // Without a stored identifier the password screen sends the browser back to the identifier screen (302).
      reads: () => [`/u/login/password?state=${seen.loginState}`, "/__local/sessions"],
    },
  ];

  beforeAll(async () => {
    ({ tenant, client: c } = await startTestTenant({ stateDir: tempStateDir() }));
  });
  afterAll(async () => {
    await tenant.stop();
  });

  // Sequential: later cases use what earlier setups created.
  for (const kase of CASES) {
    it(`${kase.name}: 500, not served, not written later`, async () => {
      await kase.setup?.();
      const reads = typeof kase.reads === "function" ? kase.reads() : kase.reads;
      const read = () =>
        Promise.all(
          reads.map(async (path) => {
            const r = await c.get(path);
            return { status: r.status, body: r.json as unknown };
          }),
        );
      const before = await read();
      const durable = onDisk();

      const restore = breakStateFolder();
      let answer: Response;
      try {
        answer = await kase.change();
        expect({ status: answer.status, body: answer.json }).toEqual({ status: 500, body: INTERNAL });
        expect(await read()).toEqual(before);
      } finally {
        restore();
      }
      expect(await read()).toEqual(before);

      // The next successful write (a PATCH that changes nothing) holds what was durable and nothing of the
      // refused change; its revision follows the last durable one.
      const probe = await c.patch("/api/v2/tenants/settings", { friendly_name: durable.tenantSettings.friendly_name });
      expect(probe.status).toBe(200);
      expect(Number(probe.headers["x-local-tenant-revision"])).toBe(durable.revision + 1);
      expect(onDisk()).toEqual({ ...durable, revision: durable.revision + 1 });
      expect(await read()).toEqual(before);
    });
  }

  it("an in-process log append is refused and not kept", async () => {
    const before = tenant.logs.list();
    const restore = breakStateFolder();
    try {
      await expect(tenant.logs.append({ type: "s", description: "Success Login" })).rejects.toThrow(
        /the state folder refused the write; the change was rolled back \(ENOTDIR/,
      );
      expect(tenant.logs.list()).toEqual(before);
    } finally {
      restore();
    }
    expect(tenant.logs.list()).toEqual(before);
  });

  it("a GET sent while a refused PATCH is being written never sees it (20 rounds, 5 GETs each)", async () => {
    // A state of a few MB makes each write take long enough for GETs to arrive meanwhile; tenant.json replaced by
    // a folder makes the write fail only at its end (the rename), after the temp file is written and synced.
    for (let i = 0; i < 20; i++) await tenant.logs.append({ type: "s", description: "x".repeat(200_000) });
    const before = (await c.get("/api/v2/tenants/settings")).json;
    const file = join(tenant.stateDir, "tenant.json");
    renameSync(file, `${file}.away`);
    mkdirSync(join(file, "occupied"), { recursive: true });
    try {
      for (let round = 0; round < 20; round++) {
        const patch = c.patch("/api/v2/tenants/settings", { friendly_name: `in flight ${round}` });
        const gets = Array.from({ length: 5 }, () => c.get("/api/v2/tenants/settings"));
        const [patched, ...read] = await Promise.all([patch, ...gets]);
        expect(patched.status).toBe(500);
        for (const r of read) expect(r.json).toEqual(before);
      }
    } finally {
      rmSync(file, { recursive: true });
      renameSync(`${file}.away`, file);
    }
  });

  it("keeps none of the refused changes across a restart", async () => {
    const paths = [
      "/api/v2/tenants/settings",
      "/api/v2/branding",
      "/api/v2/prompts",
      "/api/v2/custom-domains",
      "/api/v2/actions/actions",
      "/api/v2/actions/triggers/post-login/bindings",
      "/api/v2/logs",
      "/__local/sessions",
    ];
    const before = await Promise.all(paths.map(async (path) => (await c.get(path)).json));
    await tenant.stop();
    ({ tenant, client: c } = await startTestTenant({ stateDir: tenant.stateDir }));
    expect(await Promise.all(paths.map(async (path) => (await c.get(path)).json))).toEqual(before);
  });
});

/**
 * The store's turns, with writes held at a gate (the atomic writer's beforeRename hook): what a handler may see
 * while another change, or a background change such as an action build's, is not yet durable.
 */
describe("durable store turns", () => {
  interface Doc {
    revision: number;
    value: string;
    items: string[];
  }

  async function openGated(): Promise<{
    store: DurableStore<Doc>;
    gate: () => Promise<{ pass: () => void; fail: () => void }>;
    file: string;
  }> {
    const held: Array<{ pass: () => void; fail: () => void }> = [];
    const file = join(tempStateDir(), "state.json");
    let gating = false;
    const store = await DurableStore.open<Doc>(
      file,
      () => ({ revision: 0, value: "a", items: [] }),
      (raw) => raw as Doc,
      {
        beforeRename: () =>
          gating
            ? new Promise<void>((pass, fail) => held.push({ pass, fail: () => fail(new Error("disk full")) }))
            : undefined,
      },
    );
    gating = true;
    const gate = async () => {
      while (held.length === 0) await new Promise((r) => setTimeout(r, 1));
      return held.shift()!;
    };
    return { store, gate, file };
  }

  const onDisk = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Doc;

  it.each([
    ["written", "pass", "b", 2],
    ["refused", "fail", "a", 1],
  ] as const)("a handler waits for a background write, then sees it %s", async (_outcome, action, seen, revision) => {
    const { store, gate, file } = await openGated();
    store.state.value = "b";
    const background = store.commit();
    background.catch(() => undefined);
    const observed: string[] = [];
    const reader = store.exclusive(() => observed.push(store.state.value));
    const write = await gate();
    await new Promise((r) => setTimeout(r, 20));
    expect(observed).toEqual([]);
    write[action]();
    await reader;
    expect(observed).toEqual([seen]);
    expect(store.state.revision).toBe(revision);
    if (action === "fail")
      await expect(background).rejects.toThrow(
        "the state folder refused the write; the change was rolled back (disk full)",
      );
    expect(onDisk(file)).toEqual({ revision, value: seen, items: [] });
  });

  it("a handler's change is not seen by the next handler until its write ends, and a refused one never", async () => {
    const { store, gate } = await openGated();
    const writer = store.exclusive(async () => {
      store.state.value = "b";
      await store.commit();
    });
    const observed: string[] = [];
    const reader = store.exclusive(() => observed.push(store.state.value));
    (await gate()).fail();
    await expect(writer).rejects.toThrow("disk full");
    await reader;
    expect(observed).toEqual(["a"]);
  });

  it("a handler whose earlier change a refused background write undid cannot commit it", async () => {
    const { store, gate, file } = await openGated();
    let resume!: () => void;
    const paused = new Promise<void>((r) => (resume = r));
    const handler = store.exclusive(async () => {
      store.state.items.push("from the handler");
      await paused;
      await store.commit();
    });
    await new Promise((r) => setTimeout(r, 5));
    store.state.value = "background";
    const background = store.commit();
    (await gate()).fail();
    await expect(background).rejects.toThrow("disk full");
    resume();
    await expect(handler).rejects.toThrow(
      "the state folder refused the write; the change was rolled back (an earlier write failed while this change was being made)",
    );
    expect(store.state).toEqual({ revision: 1, value: "a", items: [] });
    expect(onDisk(file)).toEqual({ revision: 1, value: "a", items: [] });
  });

  it("a handler that fails after changing the state without committing leaves nothing", async () => {
    const { store } = await openGated();
    await expect(
      store.exclusive(() => {
        store.state.items.push("half done");
        throw new Error("validation failed late");
      }),
    ).rejects.toThrow("validation failed late");
    expect(store.state).toEqual({ revision: 1, value: "a", items: [] });
  });
});
