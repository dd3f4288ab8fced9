/**
 * Figure group "actions": CPU time of the deployed Action bundles (dist/actions/{risk,kmsi}.js, built by
 * tools/build-actions.mjs) per login in the local tenant's sandbox
 * (packages/local-tenant/src/login/action-runtime/sandbox.ts), against an empty Action in the same sandbox; and each
 * bundle's size, raw and gzipped.
 *
 * The login is a realistic interactive one with the box ticked: the event
 * packages/local-tenant/src/login/action-runtime/event.ts builds for the seeded user, and each Action's secrets as the
 * local stack deploys them (components/session-actions.ts).
 */
import * as fs from "node:fs";
import { gzipSync } from "node:zlib";
import { actionBundlePath, type ActionName } from "../actions/bundles";
import { KMSI_SECRETS, RISK_SECRETS } from "../auth0";
import { namespaceKeys, parseStackConfig } from "../config";
import {
  loadSeed,
  postLoginEvent,
  runInSandbox,
  type SandboxResult,
  type SessionRecord,
} from "../packages/local-tenant";
import { loadStackFile } from "../test/testkit";
import type { BenchContext, FigureGroup } from "./context";
import { cpuPerIteration, order, pairRatios, summarize } from "./measure";
import { formatNumber, type Row } from "./report";

export const EMPTY_ACTION = "exports.onExecutePostLogin = async () => {};\n";
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

/** The secrets each Action is deployed with for `stack`, as components/session-actions.ts writes them. */
export function deployedSecrets(stack: string): Record<ActionName, Record<string, string>> {
  const config = parseStackConfig(namespaceKeys(loadStackFile(stack)));
  return {
    risk: {
      [RISK_SECRETS.networkBinding]: config.risk.networkBinding,
      [RISK_SECRETS.connectionLifetimes]: config.risk.connectionLifetimes ? "on" : "off",
      [RISK_SECRETS.organizationIdle]: config.risk.organizationIdle ? "on" : "off",
    },
    kmsi: {
      [KMSI_SECRETS.trustedAbsoluteMs]: String(config.keepMeSignedIn.trustedDevice.absolute),
      [KMSI_SECRETS.trustedIdleMs]: String(config.keepMeSignedIn.trustedDevice.idle),
    },
  };
}

/** The post-login event of the seeded user's password login with "Keep me signed in" ticked, on a new session. */
export function tickedLoginEvent(): Record<string, unknown> {
  const seed = loadSeed();
  const [application, connection, user] = [seed.applications[0], seed.connections[0], seed.users[0]];
  const at = (ms: number) => new Date(ms).toISOString();
  const network = {
    ip: "192.0.2.10",
    asn: "AS64500",
    user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
    hostname: "127.0.0.1:8443",
  };
  const session: SessionRecord = {
    id: "f2wA7hR3nq0QmY1xK9sL4vB6",
    cookie_hash: "0".repeat(64),
    user_id: user.user_id!,
    connection_id: connection.id,
    clients: [{ client_id: application.client_id }],
    created_at: at(NOW),
    updated_at: at(NOW),
    authenticated_at: at(NOW),
    last_interacted_at: at(NOW),
    expires_at: at(NOW + 24 * HOUR),
    idle_expires_at: at(NOW + 12 * HOUR),
    cookie: { mode: "non-persistent" },
    device: {
      initial_ip: network.ip,
      initial_asn: network.asn,
      initial_user_agent: network.user_agent,
      last_ip: network.ip,
      last_asn: network.asn,
      last_user_agent: network.user_agent,
    },
    authentication: { methods: [{ name: "pwd", timestamp: at(NOW) }] },
  };
  const redirectUri = "https://127.0.0.1:8443/__local/callback";
  return postLoginEvent({
    tenantName: "local-tenant",
    network,
    query: {
      client_id: application.client_id,
      response_type: "code",
      redirect_uri: redirectUri,
      scope: "openid profile",
      state: "xyz",
    },
    body: { "ulp-remember-me": "on", state: "hKFo2SBxd0" },
    session,
    user: {
      user_id: user.user_id!,
      email: user.email,
      name: user.name ?? user.email,
      connection,
      password_hash: user.password_hash!,
      app_metadata: {},
      user_metadata: {},
    },
    application,
    redirectUri,
  });
}

interface Deployed {
  name: string;
  code: string;
  secrets: Record<string, string>;
}

/**
 * One login's trigger: each Action in binding order in its own sandbox context, as
 * packages/local-tenant/src/login/action-runtime/flow.ts runs them.
 */
async function login(actions: readonly Deployed[], event: Record<string, unknown>): Promise<SandboxResult[]> {
  const results: SandboxResult[] = [];
  for (const action of actions) {
    results.push(
      await runInSandbox({
        code: action.code,
        filename: `actions/${action.name}/v1.js`,
        event: { ...event, secrets: action.secrets },
        time: { frozenAt: NOW, offsetMs: 0 },
      }),
    );
  }
  return results;
}

/** Throws unless the Actions did what a ticked login makes them do: risk nothing, kmsi persistent + both expiries. */
function checkTicked(results: SandboxResult[]): void {
  const failed = results.find((r) => r.error !== undefined);
  if (failed) throw new Error(`an Action failed in the sandbox: ${failed.error}`);
  const methods = results.flatMap((r) => r.calls.map(([method]) => method));
  const expected = ["session.setCookieMode", "session.setExpiresAt", "session.setIdleExpiresAt"];
  if (methods.join() !== expected.join())
    throw new Error(`unexpected api calls for a ticked login: ${methods.join(", ") || "none"}`);
}

async function cpuRows(context: BenchContext): Promise<Row[]> {
  const secrets = deployedSecrets("local");
  const deployed = (name: ActionName): Deployed => ({
    name,
    code: fs.readFileSync(actionBundlePath(name), "utf8"),
    secrets: secrets[name],
  });
  const empty = (name: string): Deployed => ({ name, code: EMPTY_ACTION, secrets: {} });
  const event = tickedLoginEvent();
  checkTicked(await login([deployed("risk"), deployed("kmsi")], event));

  const batches = context.quick ? 3 : 9;
  const iterations = context.quick ? 100 : 400;
  const cases: { figure: string; ours: Deployed[]; floor: Deployed[]; floorLabel: string }[] = [
    {
      figure: "CPU per login: risk + kmsi (binding order, ticked box)",
      ours: [deployed("risk"), deployed("kmsi")],
      floor: [empty("empty-1"), empty("empty-2")],
      floorLabel: "2 empty Actions",
    },
    {
      figure: "CPU per run: risk alone",
      ours: [deployed("risk")],
      floor: [empty("empty")],
      floorLabel: "1 empty Action",
    },
    {
      figure: "CPU per run: kmsi alone",
      ours: [deployed("kmsi")],
      floor: [empty("empty")],
      floorLabel: "1 empty Action",
    },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    context.log(`actions: ${c.figure}: ${batches} pairs of batches of ${iterations}`);
    const sides = {
      a: () => cpuPerIteration(() => login(c.ours, event), iterations),
      b: () => cpuPerIteration(() => login(c.floor, event), iterations),
    };
    await sides.a(); // warm-up: compile, JIT, the sandbox's script cache
    await sides.b();
    const values = { a: [] as number[], b: [] as number[] };
    for (let i = 0; i < batches; i++) for (const side of order(i)) values[side].push(await sides[side]());
    const extra = summarize(values.a.map((a, i) => a - values.b[i]));
    rows.push({
      group: "actions",
      figure: c.figure,
      unit: "µs CPU",
      status: "measured",
      value: summarize(values.a),
      floor: {
        label: `${c.floorLabel} (\`${EMPTY_ACTION.trim()}\`), same sandbox`,
        value: summarize(values.b),
        unit: "µs",
      },
      ratio: summarize(pairRatios(values.a, values.b)),
      how: `runInSandbox (fresh node:vm context per Action, as the tenant's login flow), realistic ticked-box event, secrets as the local stack deploys them; process.cpuUsage() (user+system) over a batch of ${iterations} sequential logins ÷ ${iterations}; ${batches} batches each side after 1 warm-up, alternating; ratio batch pair by batch pair; ours − floor pair by pair: ${formatNumber(extra.median)} µs (${formatNumber(extra.min)} to ${formatNumber(extra.max)})`,
    });
  }
  return rows;
}

function sizeRows(): Row[] {
  return (["risk", "kmsi"] as const).map((name) => {
    const code = fs.readFileSync(actionBundlePath(name));
    const gzip = gzipSync(code, { level: 9 }).length;
    return {
      group: "actions",
      figure: `bundle size: dist/actions/${name}.js`,
      unit: "bytes",
      status: "measured" as const,
      value: { median: code.length, min: code.length, max: code.length, n: 1 },
      note: `gzip -9: ${gzip.toLocaleString("en-US")} bytes`,
      how: "file size as deployed (unminified esbuild bundle); gzip level 9 with node:zlib",
    };
  });
}

async function run(context: BenchContext): Promise<Row[]> {
  return [...(await cpuRows(context)), ...sizeRows()];
}

export const actionsGroup: FigureGroup = { name: "actions", run };
