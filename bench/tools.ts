/**
 * Figure group "tools": Management API calls and wall time of `npm run adopt` and `npm run audit` (in process,
 * GET only) against a local tenant set up by hand like seed 000, as the number of objects they read grows:
 * the guide's tenant, then with 150 and 250 more Actions (two and three pages of the Action list). The calls
 * are counted in the tenant's request log; the floor is the objects read and the pages they come in.
 *
 * The audit is given "no stack history" so that only the tenant is measured, not the Pulumi CLI.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { type LocalTenant, startLocalTenant, TenantClient } from "../packages/local-tenant";
import { ok, setUpLikeSeed000 } from "../test/testkit";
import { adopt } from "../tools/adopt/adopt";
import { audit } from "../tools/audit/audit";
import type { ToolOptions } from "../tools/tenant/open";
import type { BenchContext, FigureGroup } from "./context";
import { summarize } from "./measure";
import type { Row } from "./report";

const EXTRA_ACTIONS = [0, 150, 250];
/** Objects that are read one request each: settings, custom domains, prompts, two prompts' partials, template. */
const SINGLE_OBJECTS = 6;
const PER_PAGE = 100;

interface Target {
  tenant: LocalTenant;
  client: TenantClient;
  projectDir: string;
  stop(): Promise<void>;
}

async function startTarget(): Promise<Target> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-bench-tools-"));
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-bench-tools-project-"));
  const tenant = await startLocalTenant({ stateDir, port: 0, buildDelayMs: 20 });
  const client = new TenantClient(tenant);
  await client.login();
  await setUpLikeSeed000(client);
  return {
    tenant,
    client,
    projectDir,
    stop: async () => {
      await tenant.stop();
      for (const dir of [stateDir, projectDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function options(target: Target): ToolOptions {
  const { tenant, projectDir } = target;
  return {
    stack: "bench",
    projectDir,
    env: {
      AUTH0_DOMAIN: tenant.domain,
      AUTH0_CLIENT_ID: tenant.client.client_id,
      AUTH0_CLIENT_SECRET: tenant.client.client_secret,
    },
    log: () => undefined,
    ca: fs.readFileSync(tenant.caPem, "utf8"),
  };
}

/** Management API calls in the request log; fails on anything but a GET there. */
function managementCalls(tenant: LocalTenant): number {
  const entries = tenant.requestLog.entries().filter((e) => e.path.startsWith("/api/v2/"));
  const writes = entries.filter((e) => e.method !== "GET");
  if (writes.length > 0) throw new Error(`the tools sent ${writes.map((e) => `${e.method} ${e.path}`).join(", ")}`);
  return entries.length;
}

async function run(context: BenchContext): Promise<Row[]> {
  const runs = context.quick ? 1 : 5;
  const target = await startTarget();
  const rows: Row[] = [];
  try {
    // The stack file audit reads: the config adopted from the same tenant.
    const written = await adopt({ ...options(target), write: true });
    if (written.code !== 0) throw new Error(`adopt --write exited ${written.code}`);
    let actions = 1; // the guide's kmsi
    for (const extra of EXTRA_ACTIONS) {
      while (actions < 1 + extra) {
        await ok(
          target.client.post("/api/v2/actions/actions", {
            name: `extra-${actions}`,
            supported_triggers: [{ id: "post-login", version: "v3" }],
            code: "exports.onExecutePostLogin = async () => {};",
          }),
        );
        actions++;
      }
      const objects = SINGLE_OBJECTS + actions + 1; // + the one binding
      const pages = SINGLE_OBJECTS + Math.ceil(actions / PER_PAGE) + 1;
      const floor = { label: `${objects} objects read, in ${pages} requests of at most ${PER_PAGE}` };
      for (const command of ["adopt", "audit"] as const) {
        context.log(`tools: ${command} with ${actions} Actions (${runs} runs)`);
        const ms: number[] = [];
        const calls: number[] = [];
        for (let i = 0; i < runs; i++) {
          target.tenant.requestLog.clear();
          const start = performance.now();
          const result =
            command === "adopt"
              ? await adopt({ ...options(target), write: false })
              : await audit({ ...options(target), json: false, lastUpdate: { unknown: "bench: not measured" } });
          ms.push(performance.now() - start);
          calls.push(managementCalls(target.tenant));
          if (result.code === 1) throw new Error(`${command} exited 1`);
        }
        const how = `in process against a local tenant like seed 000 plus ${extra} Actions; request log`;
        rows.push({
          group: "tools",
          figure: `\`npm run ${command}\`: Management API calls, ${actions} Action${actions === 1 ? "" : "s"} in the tenant`,
          unit: "calls",
          status: "measured",
          value: summarize(calls),
          floor,
          how,
        });
        rows.push({
          group: "tools",
          figure: `\`npm run ${command}\`: wall time, ${actions} Action${actions === 1 ? "" : "s"} in the tenant`,
          unit: "ms",
          status: "measured",
          value: summarize(ms),
          floor,
          how: `${how}; token request included`,
        });
      }
    }
  } finally {
    await target.stop();
  }
  return rows;
}

export const toolsGroup: FigureGroup = { name: "tools", run };
