/**
 * The two places adopt and audit use the real Pulumi CLI (built by toolchain/bootstrap.sh): the stack's
 * secret credentials decrypted with `pulumi config --show-secrets --json`, and the stack's last update read from
 * `pulumi stack history --json`. A throwaway project named like ours, with its own file backend and an empty
 * program, so a real `pulumi up` writes a real history entry without the Auth0 provider.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { pulumiEnv } from "../../toolchain/pulumi-env";
import { adopt } from "../../tools/adopt/adopt";
import { audit } from "../../tools/audit/audit";
import { lastUpdateOf } from "../../tools/audit/history";
import { pulumiJson } from "../../tools/tenant/stack";
import { ok, run, setUpLikeSeed000 } from "../testkit";

let tenant: LocalTenant;
let client: TenantClient;
let dir: string;
let env: NodeJS.ProcessEnv;
const pulumi = async (...args: string[]) => {
  const result = await run("pulumi", [...args, "--non-interactive"], dir, env);
  if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")}: ${result.stderr}`);
  return result;
};

beforeAll(async () => {
  ({ tenant, client } = await startTestTenant());
  await setUpLikeSeed000(client);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tools-pulumi-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: auth0-sessions\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "empty", main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), "// An empty program: its `pulumi up` only records an update.\n");
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(dir, ".backend"));
  // No AUTH0_* variables: the credentials must come from the stack config.
  env = pulumiEnv(
    {
      ...process.env,
      AUTH0_DOMAIN: "",
      AUTH0_CLIENT_ID: "",
      AUTH0_CLIENT_SECRET: "",
      PULUMI_BACKEND_URL: `file://${dir}/.backend`,
    },
    { localPassphrase: true },
  );
  await pulumi("stack", "init", "handmade", "--no-select");
  await pulumi("config", "set", "--stack", "handmade", "auth0:domain", tenant.domain);
  await pulumi("config", "set", "--stack", "handmade", "auth0:clientId", tenant.client.client_id);
  await pulumi("config", "set", "--stack", "handmade", "--secret", "auth0:clientSecret", tenant.client.client_secret);
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("with the real Pulumi CLI", () => {
  it("adopt decrypts auth0:clientSecret through the CLI and keeps it encrypted in the file it writes", async () => {
    const file = path.join(dir, "Pulumi.handmade.yaml");
    const secure = /auth0:clientSecret:\n {4}secure: (\S+)\n/.exec(fs.readFileSync(file, "utf8"))![1];
    const lines: string[] = [];
    const result = await adopt({
      stack: "handmade",
      projectDir: dir,
      env,
      log: (l) => lines.push(l),
      ca: fs.readFileSync(tenant.caPem, "utf8"),
      write: true,
    });
    expect(result.code).toBe(0);
    expect(lines).toContain("decrypting the config of stack handmade (pulumi config --show-secrets --json)");
    const written = fs.readFileSync(file, "utf8");
    expect(written).toContain(`  auth0:clientSecret:\n    secure: ${secure}\n`);
    expect(written).not.toContain(tenant.client.client_secret);
    expect(written).toContain("  auth0-sessions:loginFlow: identifier-first\n");
  });

  it("audit takes the last update from pulumi stack history: a secret changed after it is a finding", async () => {
    const options = {
      stack: "handmade",
      projectDir: dir,
      env,
      log: () => undefined,
      ca: fs.readFileSync(tenant.caPem, "utf8"),
      json: false,
    };
    // No update yet: the time checks say so and do not decide the exit code.
    const before = await audit(options);
    expect(before.rows.find((r) => r.check === "Action kmsi secrets unchanged since the last update")).toEqual({
      check: "Action kmsi secrets unchanged since the last update",
      status: "not checked",
      expected: "no secret updated after the last pulumi up",
      found: "—",
      fix: "could not check: no pulumi up in the stack's last 100 history entries",
    });

    await pulumi("up", "--yes", "--stack", "handmade", "--skip-preview");
    const history = await pulumiJson(["stack", "history", "--json", "--stack", "handmade"], { projectDir: dir, env });
    const last = lastUpdateOf(history);
    expect("endTime" in last).toBe(true);

    await sleep(1100);
    const kmsi = (
      (await ok(client.get("/api/v2/actions/actions?actionName=kmsi"))).json.actions as { id: string }[]
    )[0];
    await ok(
      client.patch(`/api/v2/actions/actions/${kmsi.id}`, {
        secrets: [{ name: "TRUSTED_ABSOLUTE_MS", value: "604800000" }],
      }),
    );
    const after = await audit(options);
    const row = after.rows.find((r) => r.check === "Action kmsi secrets unchanged since the last update")!;
    expect(row.status).toBe("finding");
    expect(row.expected).toBe(`no secret updated after ${(last as { endTime: Date }).endTime.toISOString()}`);
    expect(row.found).toMatch(/^TRUSTED_ABSOLUTE_MS at \S+$/);
  });
});
