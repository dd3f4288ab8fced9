/**
 * Secret config values through the real Pulumi engine: `pulumi config set --secret` and `--path --secret` on
 * throwaway stacks, then `pulumi preview`. The preview fails with every problem listed, and what the user reads
 * (the diagnostics, stdout and stderr, with and without `--json`) holds neither the value as written nor any
 * form our messages could give it (normalised, rounded, resolved). Pulumi itself scrubs a secret only where it
 * appears exactly as written, so the other forms are ours to keep out.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildActions, copyProject, type ProjectCopy } from "../testkit";

const stackFile = (config: Record<string, unknown> = {}) =>
  stringify({
    config: {
      "auth0:domain": "kmsi-dev.eu.auth0.com",
      "auth0-sessions:plan": "enterprise",
      "auth0-sessions:customDomain": { domain: "login.example.com" },
      ...config,
    },
  });

const ROUNDED =
  "Auth0 stores tenant lifetimes of 1h or more in whole hours ([secret] would be deployed rounded): use whole hours";

interface SecretStack {
  stack: string;
  file: string;
  /** `pulumi config set` argument lists. Pulumi.yaml types the object keys, so those take `--path --secret`. */
  settings: string[][];
  /** The error the preview reports. */
  error: string;
  /** Every form of the secret values: as written, normalised, rounded, in hours, minutes or milliseconds. */
  forms: string[];
}

const STACKS: SecretStack[] = [
  {
    stack: "secret",
    file: stackFile({
      "auth0-sessions:sessions": { persistent: { idle: "97h", absolute: "30d" } },
      "auth0-sessions:keepMeSignedIn": { enabled: false },
      "auth0-sessions:risk": { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
    }),
    settings: [
      ["--secret", "auth0-sessions:plan", "self-service"],
      // A relative path that starts with `[`: taken as a path, and its resolved form is hidden as well.
      ["--secret", "auth0-sessions:pageTemplate", "[private-page].liquid"],
    ],
    error:
      "Invalid auth0-sessions stack config (2 problems):\n" +
      // The self-service limit (3d) would tell the secret plan.
      'sessions.persistent.idle: "97h" — more than the [secret] plan allows\n' +
      "pageTemplate: [secret] — cannot be read (ENOENT: [secret])",
    forms: ["self-service", "private-page"],
  },
  {
    stack: "path-secret",
    file: stackFile({ "auth0-sessions:keepMeSignedIn": { trustedDevice: { idle: "1d" } } }),
    settings: [
      // `--path --secret` on one key inside an object makes the whole top-level key secret.
      ["--path", "--secret", "auth0-sessions:sessions.persistent.absolute", "167h11m"],
      ["--path", "--secret", "auth0-sessions:sessions.ephemeral.idle", "97m"],
      ["--path", "--secret", "auth0-sessions:customDomain.domain", "acme-private.auth0.com"],
    ],
    error:
      "Invalid auth0-sessions stack config (4 problems):\n" +
      `sessions.persistent.absolute: [secret] — ${ROUNDED}\n` +
      `sessions.ephemeral.idle: [secret] — ${ROUNDED}\n` +
      "customDomain.domain: [secret] — must be your own domain, not under auth0.com\n" +
      'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute ([secret])',
    forms: [
      "167h11m",
      "6d23h11m",
      "6d23h",
      "167.18",
      "10031",
      "601860000",
      "97m",
      "1h37m",
      "1.616",
      "5820000",
      "acme-private",
    ],
  },
];

let project: ProjectCopy;
beforeAll(async () => {
  await buildActions();
  project = copyProject(Object.fromEntries(STACKS.map(({ stack, file }) => [stack, file])));
  for (const { stack, settings } of STACKS) {
    const init = await project.pulumi(["stack", "init", stack]);
    expect(init.code, init.stderr).toBe(0);
    for (const args of settings) {
      const set = await project.pulumi(["config", "set", "--stack", stack, ...args]);
      expect(set.code, set.stderr).toBe(0);
    }
  }
});
afterAll(() => project?.remove());

describe.each(STACKS)("$stack: secret stack config through the real engine", ({ stack, settings, error, forms }) => {
  it("is stored encrypted in the stack file", () => {
    const { config } = parse(fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8")) as {
      config: Record<string, unknown>;
    };
    for (const args of settings) {
      const keyPath = args.at(-2)!;
      const [key, ...inner] = args.includes("--path") ? keyPath.split(".") : [keyPath];
      const stored = inner.reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], config[key]);
      expect([keyPath, Object.keys(stored as object)]).toEqual([keyPath, ["secure"]]);
    }
  });

  it(
    "fails the preview with every problem, the secret values shown as [secret] and in no other form",
    { timeout: 300_000 },
    async () => {
      const json = await project.pulumi(["preview", "--stack", stack, "--json"]);
      const text = await project.pulumi(["preview", "--stack", stack, "--color", "never"]);
      expect([json.code, text.code], json.stderr + text.stderr).toEqual([1, 1]);

      const parsed = JSON.parse(json.stdout) as {
        diagnostics?: { message: string; severity: string }[];
        steps?: { urn: string }[];
      };
      expect((parsed.diagnostics ?? []).map((d) => [d.severity, d.message])).toEqual([["error", `error: ${error}\n`]]);
      // Nothing was declared: the program stopped at the config.
      expect((parsed.steps ?? []).map((s) => s.urn.split("::")[2])).toEqual(["pulumi:pulumi:Stack"]);
      for (const line of error.split("\n")) expect(text.stdout + text.stderr).toContain(line);

      const seen = [json.stdout, json.stderr, text.stdout, text.stderr].join("\n");
      for (const form of forms) expect([form, seen.includes(form)]).toEqual([form, false]);
    },
  );
});
