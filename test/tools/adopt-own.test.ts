/**
 * adopt against a tenant our own stack deployed (tools/provider-stand-in/deploy.ts, the provider stand-in): the
 * config comes back. With the stack's own file, nothing changes and every declared resource is imported;
 * with no stack file, every readable key comes back and only the Action secrets and the plan are defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, removeTempStateDirs, startTestTenant } from "../../packages/local-tenant";
import { adopt } from "../../tools/adopt/adopt";
import { RESOURCES } from "../../tools/adopt/resources";
import { createDeployedAction, type Deployment, deployStackToLocalTenant } from "../testkit";
import {
  deployedStackProject,
  oneRead,
  removeTempProjects,
  requestLines,
  tempProject,
  toolOptions,
} from "./helpers/tools";

let tenant: LocalTenant;
let deployment: Deployment;

// Readable values that differ from the defaults, so that getting them back proves they were read.
const OVERRIDES = {
  sessions: { persistent: { idle: "2d", absolute: "20d" }, ephemeral: { idle: "6h", absolute: "18h" } },
  loginFlow: "classic",
  keepMeSignedIn: { label: "Remember this <device> & me", trustedDevice: { absolute: "10d", idle: "2d" } },
  customDomain: { domain: "login.own.test", certificates: "self-managed", verify: true },
  actions: { keepBound: ["audit-log"] },
};

beforeAll(async () => {
  const started = await startTestTenant();
  tenant = started.tenant;
  // An Action managed elsewhere, kept bound after ours.
  await createDeployedAction(started.client, "audit-log", "exports.onExecutePostLogin = async () => {};");
  // verify: true: the records are published at once, so the verification passes as it would once DNS is set up.
  deployment = await deployStackToLocalTenant(tenant, { stack: "local", overrides: OVERRIDES, publishDns: true });
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
  removeTempProjects();
});

describe("adopt a tenant our stack deployed", () => {
  it("with the stack's file: no config change, every declared resource imported, nothing created", async () => {
    // The stack file that was deployed (Pulumi.local.yaml with the overrides), in a project of its own.
    const projectDir = deployedStackProject("own", deployment.config, tenant.domain);

    tenant.requestLog.clear();
    const result = await adopt({ ...toolOptions(tenant, "own", projectDir), write: false });
    expect(result.inference.conflicts).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.changes).toEqual([]);
    expect(result.output).toContain("Config diff (Pulumi.own.yaml):\n  (no change)\n");
    expect(result.inference.changes).toEqual([]);
    expect(result.inference.template).toBeUndefined();
    // Only the Action secrets and the plan were not read, and the stack file had them.
    expect(result.inference.notInferred.map((line) => line.split(":")[0])).toEqual([
      "plan",
      "keepMeSignedIn.trustedDevice.absolute",
      "keepMeSignedIn.trustedDevice.idle",
      "risk.networkBinding",
      "risk.connectionLifetimes",
      "risk.organizationIdle",
    ]);
    expect(result.inference.notInferred.every((line) => line.endsWith("; kept from the stack file"))).toBe(true);

    expect(result.plan!.created).toEqual([]);
    expect(result.plan!.imported.map((i) => i.name)).toEqual(Object.values(RESOURCES).map((r) => r.name));
    const byName = Object.fromEntries(result.plan!.imported.map((i) => [i.name, i.id]));
    expect(byName).toMatchObject({
      "login-domain-domain": deployment.ids["login-domain-domain"],
      "login-domain-verification": deployment.ids["login-domain-domain"],
      "universal-login-kmsi-partial": "login",
      "session-actions-risk": deployment.ids["session-actions-risk"],
      "session-actions-kmsi": deployment.ids["session-actions-kmsi"],
      "session-actions-post-login": "post-login",
    });
    expect(requestLines(tenant.requestLog.entries())).toEqual(oneRead());
  });

  it("with no stack file: the readable keys come back as deployed, the unreadable ones are listed", async () => {
    const result = await adopt({ ...toolOptions(tenant, "own", tempProject()), write: false });
    expect(result.code).toBe(0);
    const config = result.inference.config as Record<string, Record<string, unknown>>;
    expect(config.customDomain).toEqual(OVERRIDES.customDomain);
    expect(config.sessions).toEqual({ cookieMode: "non-persistent", ...OVERRIDES.sessions });
    expect(config.loginFlow).toBe("classic");
    expect(config.keepMeSignedIn.label).toBe(OVERRIDES.keepMeSignedIn.label);
    expect(config.actions).toEqual({ runtime: "node22", keepBound: ["audit-log"] });
    // The shipped template is what was deployed, but a stack without a file gets it written as its own.
    expect(result.inference.template?.relativePath).toBe("templates/own.liquid");
    expect(result.inference.notInferred).toEqual([
      'plan: "enterprise" — the Management API does not report the plan; Keep Me Signed In needs it',
      'keepMeSignedIn.trustedDevice.absolute: "7d" — Action secret TRUSTED_ABSOLUTE_MS, whose value Auth0 never returns; the default',
      'keepMeSignedIn.trustedDevice.idle: "2d" — Action secret TRUSTED_IDLE_MS, whose value Auth0 never returns; sessions.persistent.idle, as the default 3d is longer',
      'risk.networkBinding: "asn" — Action secret NETWORK_BINDING, whose value Auth0 never returns; the default',
      'risk.connectionLifetimes: "on" — Action secret CONNECTION_LIFETIMES, whose value Auth0 never returns; the default',
      'risk.organizationIdle: "on" — Action secret ORGANIZATION_IDLE, whose value Auth0 never returns; the default',
    ]);
    expect(result.inference.changes).toEqual([]);
  });
});
