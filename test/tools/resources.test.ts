/**
 * The resource table of adopt (tools/adopt/resources.ts) against the real program under Pulumi's mocks: every
 * name, type and parent, which resources a config declares, and the certificate type pairs.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { namespaceKeys, parseStackConfig, PROJECT_DIR } from "../../config";
import { COMPONENTS, declaredResources, RESOURCES } from "../../tools/adopt/resources";
import { CERTIFICATE_TYPES } from "../../tools/tenant/facts";
import { asPulumiHandsOver, loadStackFile, runProgram } from "../testkit";

beforeAll(async () => {
  const script = (await import(pathToFileURL(path.join(PROJECT_DIR, "tools", "build-actions.mjs")).href)) as {
    buildActions(): Promise<unknown>;
  };
  await script.buildActions();
});

const CASES = [
  { name: "everything (local)", overrides: {} },
  {
    name: "verify on, self-managed certificates",
    overrides: {
      "auth0-sessions:customDomain": { domain: "login.example.test", certificates: "self-managed", verify: true },
    },
  },
  {
    name: "risk off",
    overrides: {
      "auth0-sessions:risk": { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
    },
  },
  { name: "KMSI off, risk on", overrides: { "auth0-sessions:keepMeSignedIn": { enabled: false } } },
  {
    name: "both off, kept Actions",
    overrides: {
      "auth0-sessions:keepMeSignedIn": { enabled: false },
      "auth0-sessions:risk": { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
      "auth0-sessions:actions": { keepBound: ["audit-log"] },
    },
  },
  {
    name: "nothing bound",
    overrides: {
      "auth0-sessions:keepMeSignedIn": { enabled: false },
      "auth0-sessions:risk": { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
    },
  },
];

describe("the resources adopt imports are the ones the program declares", () => {
  it.each(CASES)("$name", async ({ overrides }) => {
    const config = { ...loadStackFile("local"), ...overrides };
    const run = await runProgram({
      stack: "local",
      config: asPulumiHandsOver(config),
      tenantActions: { "audit-log": { id: "audit-log-id", trigger: "post-login" } },
    });
    const urnOf = Object.fromEntries(run.registrations.map((r) => [r.name, r.urn]));
    const registered = run.registrations
      .filter((r) => r.custom)
      .map((r) => ({ type: r.type, name: r.name, parent: r.parent }));
    const parsed = parseStackConfig(namespaceKeys(config));
    const declared = declaredResources(parsed).map((key) => ({
      type: RESOURCES[key].type,
      name: RESOURCES[key].name,
      parent: urnOf[COMPONENTS[RESOURCES[key].parent].name],
    }));
    // Registrations complete in no fixed order: compare as sets.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...declared].sort(byName)).toEqual([...registered].sort(byName));
    for (const component of Object.values(COMPONENTS)) {
      expect(run.registrations.find((r) => r.name === component.name)).toMatchObject({
        type: component.type,
        custom: false,
      });
    }
    const domain = run.one("auth0:index/customDomain:CustomDomain");
    expect(domain.inputs.type).toBe(CERTIFICATE_TYPES[parsed.customDomain.certificates]);
  });
});
