/**
 * `pulumi preview` through the real Pulumi engine and Node.js language host (built from Go modules by
 * toolchain/bootstrap.sh), offline, on a throwaway copy of the project.
 *
 * Where the Auth0 provider plugin (AUTH0_VERSION of toolchain/versions.env) is installed, the dev and prod previews run through it and the planned
 * resources are asserted. Where it is not (it cannot be built on this project's CI machines: the Go module proxy
 * refuses its sources), the same previews are asserted to validate the config, register our components, and
 * stop exactly at the missing plugin.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { VERSIONS } from "../../toolchain/versions";
import { auth0ProviderInstalled, buildActions, copyProject, type ProjectCopy } from "../testkit";

const providerInstalled = auth0ProviderInstalled();
// On GitHub's runners .ci/run installs the plugin: there, the provider tests must run, never be skipped.
if (process.env.GITHUB_ACTIONS && !providerInstalled) {
  throw new Error(
    `GITHUB_ACTIONS is set but the Auth0 provider plugin ${VERSIONS.AUTH0_VERSION} is not installed (see .ci/run)`,
  );
}
const stackFile = (stack: string) => fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
const invalidStack = (config: Record<string, unknown>) =>
  stringify({
    config: {
      "auth0:domain": "kmsi-dev.eu.auth0.com",
      "auth0-sessions:plan": "enterprise",
      "auth0-sessions:customDomain": { domain: "login.example.com" },
      ...config,
    },
  });

interface PreviewStep {
  op: string;
  urn: string;
  newState?: { type: string; inputs?: Record<string, any> };
}
interface PreviewJson {
  steps?: PreviewStep[];
  diagnostics?: { urn?: string; message: string; severity: string }[];
}
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();

let project: ProjectCopy;
beforeAll(async () => {
  await buildActions();
  project = copyProject({
    dev: stackFile("dev"),
    prod: stackFile("prod"),
    "bad-values": invalidStack({
      "auth0-sessions:sessions": { cookieMode: "nonpersistent", persistent: { idle: "4x" } },
      "auth0-sessions:customDomain": { domain: "acme.auth0.com" },
    }),
    // Each of these values passes the Pulumi engine's own type check and is refused by the Auth0 provider's
    // schema (session_cookie.mode must be persistent | non-persistent; lifetimes at least 0.01 h, ephemeral 0.0167 h).
    "provider-rejects-cookie": invalidStack({ "auth0-sessions:sessions": { cookieMode: "nonpersistent" } }),
    "provider-rejects-lifetime": invalidStack({ "auth0-sessions:sessions": { ephemeral: { absolute: "0m" } } }),
  });
  for (const stack of ["dev", "prod", "bad-values", "provider-rejects-cookie", "provider-rejects-lifetime"]) {
    const init = await project.pulumi(["stack", "init", stack]);
    expect(init.code, init.stderr).toBe(0);
  }
});
afterAll(() => project?.remove());

/** Runs `pulumi preview --json`; `output` is what a user reads: the diagnostics' messages, then stderr. */
async function preview(stack: string): Promise<{ code: number; json: PreviewJson; output: string }> {
  const result = await project.pulumi(["preview", "--stack", stack, "--json"]);
  let json: PreviewJson = {};
  try {
    json = JSON.parse(result.stdout) as PreviewJson;
  } catch {
    // A failure before the engine starts prints no JSON; the assertions below then show stderr.
  }
  const messages = (json.diagnostics ?? []).map((d) => d.message).join("\n");
  return { code: result.code, json, output: `${messages}\n${result.stderr}` };
}

describe("invalid stack config through the real engine", () => {
  it("fails the preview with every problem listed, no stack trace, and no resource declared", async () => {
    const { code, json, output } = await preview("bad-values");
    expect(code).not.toBe(0);
    expect((json.diagnostics ?? []).map((d) => d.message)).toEqual([
      "error: Invalid auth0-sessions stack config (3 problems):\n" +
        'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent\n' +
        'sessions.persistent.idle: "4x" — a duration of whole minutes like 30m, 12h, 7d or 1d12h\n' +
        'customDomain.domain: "acme.auth0.com" — must be your own domain, not under auth0.com\n',
    ]);
    expect((json.steps ?? []).map((s) => typeOf(s.urn))).toEqual(["pulumi:pulumi:Stack"]);
    expect(output).not.toMatch(/pulumi-resource-auth0|resource plugin/);
  });

  it.each([
    ["provider-rejects-cookie", 'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent'],
    [
      "provider-rejects-lifetime",
      'sessions.ephemeral.absolute: "0m" — at least 2m (the Auth0 provider refuses ephemeral lifetimes under 0.0167 h)',
    ],
  ])(
    "%s: our schema refuses a value the provider would refuse, before the provider is involved",
    async (stack, line) => {
      const { code, json, output } = await preview(stack);
      expect(code).not.toBe(0);
      expect(output).toContain(line);
      expect((json.steps ?? []).map((s) => typeOf(s.urn))).toEqual(["pulumi:pulumi:Stack"]);
      expect(output).not.toMatch(/pulumi-resource-auth0|resource plugin/);
    },
  );
});

describe.runIf(!providerInstalled)("valid stacks through the real engine, without the Auth0 provider plugin", () => {
  it.each(["dev", "prod"])(
    "%s: validates the config and stops at the plugin, reading the tenant before it declares anything",
    async (stack) => {
      const { code, json } = await preview(stack);
      expect(code).toBe(1);
      // The program reads the tenant (auth0.getTenant) before its first resource, and that read needs the plugin.
      expect((json.steps ?? []).map((s) => typeOf(s.urn))).toEqual(["pulumi:pulumi:Stack"]);
      expect(json.diagnostics).toEqual([
        {
          urn: `urn:pulumi:${stack}::auth0-sessions::pulumi:providers:auth0::default_${VERSIONS.AUTH0_VERSION.replaceAll(".", "_")}`,
          message: `error: no resource plugin 'pulumi-resource-auth0' found in the workspace at version v${VERSIONS.AUTH0_VERSION} or on your $PATH\n`,
          severity: "error",
        },
      ]);
    },
  );
});

describe.runIf(providerInstalled)("valid stacks through the real engine and the Auth0 provider", () => {
  it.each([
    [
      "dev",
      { sessionLifetime: 168, idleSessionLifetime: 72, ephemeralSessionLifetime: 24, idleEphemeralSessionLifetime: 12 },
      8,
    ],
    [
      "prod",
      {
        sessionLifetime: 2160,
        idleSessionLifetime: 336,
        ephemeralSessionLifetime: 24,
        idleEphemeralSessionLifetime: 8,
      },
      9,
    ],
  ] as const)(
    "%s: plans every resource with the lifetimes in hours and risk bound before kmsi",
    async (stack, hours, auth0Resources) => {
      const { code, json, output } = await preview(stack);
      expect(code, output).toBe(0);
      const creates = (json.steps ?? []).filter(
        (s) => s.op === "create" && s.newState?.type.startsWith("auth0:index/"),
      );
      expect(creates).toHaveLength(auth0Resources);
      const input = (type: string) => creates.find((s) => s.newState?.type === type)?.newState?.inputs ?? {};
      expect(input("auth0:index/tenant:Tenant")).toMatchObject({ ...hours, sessionCookie: { mode: "non-persistent" } });
      const bindings = input("auth0:index/triggerActions:TriggerActions").actions as { displayName: string }[];
      expect(bindings.map((b) => b.displayName)).toEqual(["risk", "kmsi"]);
    },
  );
});
