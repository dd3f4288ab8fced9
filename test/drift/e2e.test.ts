/**
 * The drift command end to end, for real, where it can run on this machine: the real command, the real Pulumi
 * CLI and engine (a refreshing preview through the Automation API), real state in a file backend, and a real
 * out-of-band change. The managed resource is the fixture project's (test/drift/fixture): session settings kept
 * in a JSON file by a Pulumi dynamic provider, because the Auth0 provider plugin cannot be installed here. What
 * this proves for the Auth0 stacks: no drift → 0, an edit outside Pulumi → 2 naming the fields with declared
 * and actual values and secrets redacted, a deleted resource, an undeployed program change, and that the check
 * writes neither the state nor the "tenant".
 *
 * The Pulumi CLI distribution ships `pulumi-resource-pulumi-nodejs` (the dynamic provider host) next to `pulumi`;
 * the toolchain built here does not, so the test puts the same launcher on PATH.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { pulumiEnv } from "../../toolchain/pulumi-env";
import type { JsonReport } from "../../tools/drift/report";
import { run } from "../testkit";
import { addDriftScripts, fingerprint, runDrift } from "./helpers";

const FIXTURE = path.join(__dirname, "fixture");
const TYPE = "pulumi-nodejs:dynamic/fixture:index:SessionSettings:Resource";

let dir: string;
let tenantFile: string;
let summaryFile: string;
let env: NodeJS.ProcessEnv;
const pulumi = async (args: string[]) => {
  const result = await run("pulumi", [...args, "--non-interactive"], dir, env);
  expect(result.code, `pulumi ${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
};
const tenant = () => JSON.parse(fs.readFileSync(tenantFile, "utf8"));
const writeTenant = (settings: unknown) => fs.writeFileSync(tenantFile, JSON.stringify(settings, null, 2));

/** Runs the drift command and checks it changed neither the backend (state) nor the tenant file. */
async function drift(args: string[]) {
  const backend = fingerprint(path.join(dir, ".backend"));
  const before = fs.existsSync(tenantFile) ? fs.readFileSync(tenantFile, "utf8") : undefined;
  const result = await runDrift(dir, ["--stack", "e2e", ...args], env);
  expect(fingerprint(path.join(dir, ".backend"))).toEqual(backend);
  expect(fs.existsSync(tenantFile) ? fs.readFileSync(tenantFile, "utf8") : undefined).toEqual(before);
  return result;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-drift-e2e-"));
  for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"]) {
    fs.copyFileSync(path.join(FIXTURE, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  addDriftScripts(dir);
  const bin = path.join(dir, ".bin");
  fs.mkdirSync(bin);
  const launcher = path.join(bin, "pulumi-resource-pulumi-nodejs");
  const provider = path.join(PROJECT_DIR, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
  fs.writeFileSync(launcher, `#!/bin/sh\nexec node ${JSON.stringify(provider)} "$@"\n`, { mode: 0o755 });
  fs.mkdirSync(path.join(dir, ".backend"));
  tenantFile = path.join(dir, "tenant.json");
  summaryFile = path.join(dir, "summary.md");
  const base = pulumiEnv(
    { ...process.env, PULUMI_BACKEND_URL: `file://${path.join(dir, ".backend")}` },
    { localPassphrase: true },
  );
  env = { ...base, PATH: `${bin}${path.delimiter}${base.PATH}`, GITHUB_STEP_SUMMARY: "" };

  await pulumi(["stack", "init", "e2e"]);
  await pulumi(["config", "set", "file", tenantFile]);
  await pulumi(["up", "--yes", "--skip-preview"]);
  expect(tenant()).toEqual({
    sessionCookie: { mode: "non-persistent" },
    sessionLifetime: 168,
    apiKey: "fixture-api-key",
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("drift through the real engine (dynamic-provider fixture)", () => {
  it("exits 0 when the tenant matches the program", async () => {
    const { code, stdout, stderr } = await drift([]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe("e2e: no drift\n");
  });

  it("exits 2 on an edit outside Pulumi, naming each field with declared and actual values, secrets redacted", async () => {
    writeTenant({ sessionCookie: { mode: "persistent" }, sessionLifetime: 168, apiKey: "leaked-by-hand" });
    const { code, stdout, stderr } = await drift(["--json"]);
    expect(code, stderr).toBe(2);
    expect(stdout).not.toContain("leaked-by-hand");
    expect(stdout).not.toContain("fixture-api-key");
    const report = JSON.parse(stdout) as JsonReport;
    const base = {
      urn: `urn:pulumi:e2e::drift-fixture::${TYPE}::tenant`,
      type: TYPE,
      name: "tenant",
      change: "update",
      origin: "tenant",
    };
    expect(report).toEqual({
      status: "drift",
      exitCode: 2,
      stacks: [
        {
          stack: "e2e",
          status: "drift",
          drift: [
            { ...base, field: "settings.apiKey", declared: "[secret]", actual: "[secret]" },
            { ...base, field: "settings.sessionCookie.mode", declared: "non-persistent", actual: "persistent" },
          ],
        },
      ],
    });
  });

  it("prints the same as a table, and writes the GitHub job summary", async () => {
    const { code, stdout } = await runDrift(dir, ["--stack", "e2e"], { ...env, GITHUB_STEP_SUMMARY: summaryFile });
    expect(code).toBe(2);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^STACK +RESOURCE +FIELD +DECLARED +ACTUAL +ORIGIN$/);
    expect(lines[1].split(/ {2,}/)).toEqual([
      "e2e",
      `tenant (${TYPE})`,
      "settings.apiKey",
      "[secret]",
      "[secret]",
      "tenant",
    ]);
    expect(lines[2].split(/ {2,}/)).toEqual([
      "e2e",
      `tenant (${TYPE})`,
      "settings.sessionCookie.mode",
      '"non-persistent"',
      '"persistent"',
      "tenant",
    ]);
    expect(lines).toContain("e2e: drift in 1 resource (2 fields)");
    const summary = fs.readFileSync(summaryFile, "utf8");
    expect(summary).toContain("### Drift check: `e2e` — drift");
    expect(summary).toContain(
      "| `tenant` | `" + TYPE + '` | `settings.sessionCookie.mode` | `"non-persistent"` | `"persistent"` | tenant |',
    );
  });

  it("exits 2 on a resource deleted outside Pulumi", async () => {
    fs.rmSync(tenantFile);
    const { code, stdout } = await drift(["--json"]);
    expect(code).toBe(2);
    const [record] = (JSON.parse(stdout) as JsonReport).stacks[0].drift;
    expect(record).toMatchObject({
      change: "create",
      field: "(resource)",
      declared: "exists",
      actual: "missing",
      origin: "tenant",
    });
  });

  it("attributes a program change not deployed yet to the code, not the tenant", async () => {
    writeTenant({ sessionCookie: { mode: "non-persistent" }, sessionLifetime: 168, apiKey: "fixture-api-key" });
    expect((await drift([])).code).toBe(0);
    await pulumi(["config", "set", "sessionLifetime", "720"]);
    const { code, stdout } = await drift(["--json"]);
    expect(code).toBe(2);
    expect((JSON.parse(stdout) as JsonReport).stacks[0].drift).toEqual([
      expect.objectContaining({ field: "settings.sessionLifetime", declared: 720, actual: 168, origin: "code" }),
    ]);
  });
});
