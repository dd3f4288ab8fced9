/**
 * The real drift command on a throwaway copy of this project (its own file backend and PULUMI_HOME), through the
 * real Pulumi CLI and engine: every failure it can meet here exits 1 with one clear line, and nothing changes —
 * not the backend's state, not the stack files, not the selected stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, namespaceKeys, parseStackConfig, PROJECT_DIR } from "../../config";
import { pulumiEnv } from "../../toolchain/pulumi-env";
import { VERSIONS } from "../../toolchain/versions";
import { buildActions, copyProject, type ProjectCopy, run } from "../testkit";
import { addDriftScripts, fingerprint, runDrift } from "./helpers";

const stackFile = (stack: string) => fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
const INVALID_CONFIG = {
  "auth0:domain": "kmsi-dev.eu.auth0.com",
  "auth0-sessions:plan": "enterprise",
  "auth0-sessions:customDomain": { domain: "acme.auth0.com" },
  "auth0-sessions:sessions": { cookieMode: "nonpersistent" },
  "auth0-sessions:loginFlow": "sideways",
};
const INVALID = stringify({ config: INVALID_CONFIG });
/** Our validation message (config/problems.ts) for that config, as the drift command prints it: one line. */
function validationMessage(): string {
  try {
    parseStackConfig(namespaceKeys(INVALID_CONFIG));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [header, ...problems] = error.message.split("\n");
    return `${header} ${problems.join("; ")}`;
  }
  throw new Error("the invalid config parsed");
}
const ambientAuth0 = (process.env.PATH ?? "")
  .split(path.delimiter)
  .some((dir) => fs.existsSync(path.join(dir, "pulumi-resource-auth0")));

let project: ProjectCopy;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  await buildActions();
  project = copyProject({ dev: stackFile("dev"), invalid: INVALID });
  addDriftScripts(project.dir);
  env = pulumiEnv(
    {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${path.join(project.dir, ".backend")}`,
      // An empty plugin cache of its own: the Auth0 provider is missing whatever this machine has installed.
      PULUMI_HOME: path.join(project.dir, ".pulumi-home"),
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      GITHUB_STEP_SUMMARY: "",
    },
    { localPassphrase: true },
  );
  for (const stack of ["dev", "invalid"]) {
    const init = await run("pulumi", ["stack", "init", stack, "--non-interactive"], project.dir, env);
    expect(init.code, init.stderr).toBe(0);
  }
  // The developer's current stack is dev; the drift command must not change it.
  const select = await run("pulumi", ["stack", "select", "dev", "--non-interactive"], project.dir, env);
  expect(select.code, select.stderr).toBe(0);
});
afterAll(() => project?.remove());

async function driftChangingNothing(args: string[]) {
  const before = fingerprint(project.dir);
  const result = await runDrift(project.dir, args, env);
  expect(fingerprint(project.dir)).toEqual(before);
  const selected = await run("pulumi", ["stack", "--show-name", "--non-interactive"], project.dir, env);
  expect(selected.stdout.trim()).toBe("dev");
  return result;
}

describe("drift on a stack with an invalid config", () => {
  it("exits 1 with our validation message on one line, and changes nothing", async () => {
    const { code, stdout, stderr } = await driftChangingNothing(["--stack", "invalid"]);
    const message = validationMessage();
    expect(message).toBe(
      "Invalid auth0-sessions stack config (3 problems): " +
        'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent; ' +
        'customDomain.domain: "acme.auth0.com" — must be your own domain, not under auth0.com; ' +
        'loginFlow: "sideways" — one of identifier-first, classic',
    );
    expect(code).toBe(1);
    expect(stderr.split("\n")).toContain(`drift: invalid: ${message}`);
    expect(stdout).toBe(`invalid: check failed: ${message}\n`);
  });

  it("reports it in the JSON report too", async () => {
    const { code, stdout } = await driftChangingNothing(["--stack", "invalid", "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      status: "error",
      exitCode: 1,
      stacks: [{ stack: "invalid", status: "error", drift: [] }],
    });
    expect(report.stacks[0].error).toBe(validationMessage());
  });
});

describe.runIf(!ambientAuth0)("drift without the Auth0 provider plugin", () => {
  it("exits 1 saying the Auth0 provider plugin is not installed, and changes nothing", async () => {
    const { code, stdout, stderr } = await driftChangingNothing(["--stack", "dev"]);
    const message =
      `Auth0 provider plugin (resource auth0 v${VERSIONS.AUTH0_VERSION}) is not installed: run \`npm run pulumi -- plugin install ` +
      `resource auth0 ${VERSIONS.AUTH0_VERSION}\`, or let Pulumi download it (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=false)`;
    expect(code).toBe(1);
    expect(stderr.split("\n")).toContain(`drift: dev: ${message}`);
    expect(stdout).toBe(`dev: check failed: ${message}\n`);
  });
});

describe("drift usage", () => {
  it("exits 1 on a stack the backend does not have", async () => {
    const { code, stderr } = await driftChangingNothing(["--stack", "ghost"]);
    expect(code).toBe(1);
    expect(stderr.split("\n")).toContain(
      `drift: ghost: no stack named 'ghost' in the Pulumi backend ${env.PULUMI_BACKEND_URL}: check the stack name, ` +
        "PULUMI_BACKEND_URL and the organization",
    );
  });

  it.each([
    [[], "drift: give either --stack <name> or --all"],
    [["--stack"], "drift: --stack needs a stack name"],
    [["--all", "--stack", "dev"], "drift: give either --stack <name> or --all"],
    [["--stacks", "dev"], "drift: unknown argument: --stacks"],
  ])("exits 1 on %j with the usage", async (args, line) => {
    const { code, stdout, stderr } = await runDrift(project.dir, args, env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `${line}\nusage: npm run drift -- (--stack <name> [--stack <name> ...] | --all) [--json] [--verbose]\n`,
    );
  });

  it("checks every stack of the backend with --all (exit 1: both fail here)", async () => {
    const { code, stdout } = await driftChangingNothing(["--all"]);
    expect(code).toBe(1);
    expect(stdout.split("\n").map((line) => line.split(":")[0])).toEqual(["dev", "invalid", ""]);
  });
});
