/**
 * `protect` in the whole program (index.ts): a resource option, given to the TenantSessions and CustomDomain
 * components in production stacks only, and inherited by every child of theirs (@pulumi/pulumi resource.js copies
 * a parent's `protect` into a child that sets none). The registrations are what the engine (and the provider
 * stand-in) sees, inherited protection included.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_STACKS } from "../../config";
import { asPulumiHandsOver, buildActions, loadStackFile, type ProgramRun, runProgram } from "../testkit";

beforeAll(async () => {
  await buildActions();
});

const VARIANT = {
  "auth0-sessions:plan": "enterprise",
  "auth0-sessions:customDomain": { domain: "login.example.com", verify: true },
};
const PROD_PROTECTED = [
  "sessions",
  "sessions-tenant",
  "login-domain",
  "login-domain-domain",
  "login-domain-verification",
];

/** The names of a component and of the resources declared under it. */
function familyOf(run: ProgramRun, component: string): string[] {
  const root = run.registrations.find((r) => r.name === component && !r.custom);
  if (!root) throw new Error(`no component ${component}`);
  return [root.name, ...run.registrations.filter((r) => r.parent === root.urn).map((r) => r.name)];
}

describe("protect", () => {
  it("is for the prod stack only", () => {
    expect(PRODUCTION_STACKS).toEqual(["prod"]);
  });

  it.each<[string, string[], Record<string, unknown>]>([
    ["prod", PROD_PROTECTED, loadStackFile("prod")],
    ["dev", [], loadStackFile("dev")],
    ["local", [], loadStackFile("local")],
    // A verification too, on a stack that is not a production one.
    ["variant", [], VARIANT],
  ])("the %s stack protects exactly %j", async (stack, expected, config) => {
    const run = await runProgram({ stack, config: asPulumiHandsOver(config) });
    expect(
      run.registrations
        .filter((r) => r.protect)
        .map((r) => r.name)
        .sort(),
    ).toEqual([...expected].sort());
    if (expected.length > 0) {
      // Everything under the two components, by inheritance: nothing of theirs is left out, nothing else is in.
      expect([...expected].sort()).toEqual([...familyOf(run, "sessions"), ...familyOf(run, "login-domain")].sort());
    }
  });
});
