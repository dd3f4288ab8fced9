/**
 * adopt and audit as real processes (node + tsx, and once through npm run): exit codes, stdout and stderr,
 * the tenant's CA through NODE_EXTRA_CA_CERTS, credentials through AUTH0_*, and only GETs in the request log.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { ADOPT_HELP } from "../../tools/adopt/cli";
import { AUDIT_HELP } from "../../tools/audit/cli";
import { deployStackToLocalTenant, ok, setUpLikeSeed000 } from "../testkit";
import { deployedStackProject, oneRead, removeTempProjects, requestLines, tempProject } from "./helpers/tools";

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function runTool(
  command: "adopt" | "audit",
  args: string[],
  env: NodeJS.ProcessEnv = {},
  viaNpm = false,
): Promise<Ran> {
  const [program, argv] = viaNpm
    ? ["npm", ["run", "--silent", command, "--", ...args]]
    : [process.execPath, ["--import", "tsx", join("tools", command, "cli.ts"), ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, {
      cwd: PROJECT_DIR,
      env: { ...process.env, AUTH0_DOMAIN: "", AUTH0_CLIENT_ID: "", AUTH0_CLIENT_SECRET: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const tenantEnv = (tenant: LocalTenant) => ({
  AUTH0_DOMAIN: tenant.domain,
  AUTH0_CLIENT_ID: tenant.client.client_id,
  AUTH0_CLIENT_SECRET: tenant.client.client_secret,
  NODE_EXTRA_CA_CERTS: tenant.caPem,
});

afterAll(() => {
  removeTempStateDirs();
  removeTempProjects();
});

describe("help and usage", () => {
  it("npm run adopt -- --help and npm run audit -- --help print the help, exit 0", async () => {
    expect(await runTool("adopt", ["--help"], {}, true)).toEqual({ code: 0, stdout: ADOPT_HELP, stderr: "" });
    expect(await runTool("audit", ["--help"], {}, true)).toEqual({ code: 0, stdout: AUDIT_HELP, stderr: "" });
  });

  it("a wrong command line is one line and the usage on stderr, exit 1", async () => {
    expect(await runTool("adopt", ["--stack", "x", "--json"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "adopt: unknown argument: --json\nusage: npm run adopt -- --stack <name> [--write] [--cwd <dir>]\n",
    });
    expect(await runTool("audit", [])).toEqual({
      code: 1,
      stdout: "",
      stderr: "audit: --stack <name> is required\nusage: npm run audit -- --stack <name> [--json] [--cwd <dir>]\n",
    });
  });

  it("without credentials: every missing one named, exit 1", async () => {
    const projectDir = tempProject();
    expect(await runTool("adopt", ["--stack", "nothing", "--cwd", projectDir])).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        `adopt: stack nothing: no ${join(projectDir, "Pulumi.nothing.yaml")} yet`,
        "adopt: no Auth0 credentials for this stack:",
        "auth0:domain: (missing) — set AUTH0_DOMAIN or `pulumi config set auth0:domain <tenant host>`",
        "auth0:clientId: (missing) — set AUTH0_CLIENT_ID or `pulumi config set auth0:clientId <id>`",
        "auth0:clientSecret: (missing) — set AUTH0_CLIENT_SECRET or `pulumi config set --secret auth0:clientSecret`",
        "",
      ].join("\n"),
    });
  });
});

describe("adopt then audit a tenant set up by hand, as processes", () => {
  let tenant: LocalTenant;
  let client: TenantClient;
  beforeAll(async () => {
    ({ tenant, client } = await startTestTenant());
    await setUpLikeSeed000(client);
  });
  afterAll(async () => {
    await tenant?.stop();
  });

  it("adopt prints the diff and the plan (exit 0), --write writes; audit then finds what pulumi up has yet to do (exit 2)", async () => {
    const projectDir = tempProject();
    tenant.requestLog.clear();
    const dry = await runTool("adopt", ["--stack", "handmade", "--cwd", projectDir], tenantEnv(tenant));
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Config diff \(Pulumi\.handmade\.yaml\):\n {2}\+ auth0-sessions:plan: "enterprise"\n/);
    expect(dry.stdout).toContain(
      '\nImport plan (Pulumi.handmade.import.json, for pulumi import --file):\n{\n  "resources": [\n',
    );
    expect(dry.stderr.split("\n").slice(0, 4)).toEqual([
      `adopt: stack handmade: no ${join(projectDir, "Pulumi.handmade.yaml")} yet`,
      `adopt: reading tenant settings of ${tenant.domain}`,
      "adopt:   POST /oauth/token → 200",
      "adopt:   GET /api/v2/tenants/settings → 200",
    ]);
    expect(existsSync(join(projectDir, "Pulumi.handmade.yaml"))).toBe(false);
    // The tenant's own log of what it was asked (GET /__local/requests): reads only.
    expect(requestLines((await ok(client.get("/__local/requests"))).json)).toEqual(oneRead());

    const wrote = await runTool("adopt", ["--stack", "handmade", "--cwd", projectDir, "--write"], tenantEnv(tenant));
    expect(wrote.code).toBe(0);
    expect(wrote.stdout).toContain(
      "\nWrote Pulumi.handmade.yaml, templates/handmade.liquid, Pulumi.handmade.import.json.\n",
    );
    expect(readFileSync(join(projectDir, "Pulumi.handmade.yaml"), "utf8")).toContain(
      "  auth0-sessions:loginFlow: identifier-first\n",
    );

    tenant.requestLog.clear();
    const audited = await runTool("audit", ["--stack", "handmade", "--cwd", projectDir, "--json"], tenantEnv(tenant));
    expect(audited.code).toBe(2);
    const report = JSON.parse(audited.stdout) as {
      findings: number;
      checks: { check: string; status: string; found: string }[];
    };
    expect(
      report.checks.filter((c) => c.status !== "ok").map(({ check, status, found }) => ({ check, status, found })),
    ).toEqual([
      { check: "Action risk exists", status: "finding", found: "none" },
      { check: "Action kmsi secret names", status: "finding", found: "none" },
      { check: "Action kmsi secrets unchanged since the last update", status: "not checked", found: "—" },
      { check: "post-login binding", status: "finding", found: "kmsi" },
    ]);
    expect(report.findings).toBe(3);
    expect(audited.stderr).toContain("audit: reading the history of stack handmade (pulumi stack history --json)\n");
    expect(requestLines(tenant.requestLog.entries())).toEqual(oneRead());
  });
});

describe("audit of a deployed stack, as a process", () => {
  let tenant: LocalTenant;
  let client: TenantClient;
  let projectDir: string;
  beforeAll(async () => {
    ({ tenant, client } = await startTestTenant());
    const deployment = await deployStackToLocalTenant(tenant, {
      stack: "local",
      overrides: { customDomain: { verify: true } },
      publishDns: true,
    });
    projectDir = deployedStackProject("local", deployment.config, tenant.domain);
  });
  afterAll(async () => {
    await tenant?.stop();
  });

  it("exit 0 when clean, 2 with a finding, 1 when the tenant refuses the credentials", async () => {
    const clean = await runTool("audit", ["--stack", "local", "--cwd", projectDir], tenantEnv(tenant));
    expect(clean.stdout).toMatch(/^Audit of stack local: no finding, 2 not checked \(18 checks\)\n/);
    expect(clean.code).toBe(0);

    await ok(client.patch("/api/v2/tenants/settings", { session_cookie: { mode: "persistent" } }));
    const finding = await runTool("audit", ["--stack", "local", "--cwd", projectDir], tenantEnv(tenant));
    expect(finding.code).toBe(2);
    expect(finding.stdout).toMatch(/^Audit of stack local: 1 finding, 2 not checked \(18 checks\)\n/);
    expect(finding.stdout).toMatch(
      /\nFINDING +default cookie non-persistent +non-persistent \(Keep Me Signed In is on\) +persistent +pulumi up sets it back\n/,
    );

    const refused = await runTool("audit", ["--stack", "local", "--cwd", projectDir], {
      ...tenantEnv(tenant),
      AUTH0_CLIENT_SECRET: "wrong",
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trimEnd().split("\n").at(-1)).toMatch(/^audit: the Management API answered 401: /);
    expect(refused.stderr).not.toContain("wrong");
  });
});
