/**
 * adopt against a tenant set up by hand the way Auth0's guide does it (seed 000), through the Management API:
 * the exact config, import plan and summary; GET only and a fixed number of calls; --write keeps the stack
 * file's other keys and comments; conflicts stop it with nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { adopt } from "../../tools/adopt/adopt";
import { singletonId } from "../../tools/adopt/import-plan";
import { HANDMADE, SEED_PARTIAL, SEED_TEMPLATE, createDeployedAction, ok, setUpLikeSeed000 } from "../testkit";
import { oneRead, removeTempProjects, requestLines, tempProject, toolOptions } from "./helpers/tools";

let tenant: LocalTenant;
let client: TenantClient;
let ids: { customDomainId: string; kmsiId: string };

beforeAll(async () => {
  ({ tenant, client } = await startTestTenant());
  ids = await setUpLikeSeed000(client);
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
  removeTempProjects();
});

const ADOPTED_CONFIG = {
  plan: "enterprise",
  customDomain: { domain: HANDMADE.domain, certificates: "auth0-managed", verify: true },
  sessions: {
    cookieMode: "non-persistent",
    persistent: { idle: "3d", absolute: "30d" },
    ephemeral: { idle: "12h", absolute: "1d" },
  },
  loginFlow: "identifier-first",
  pageTemplate: "templates/handmade.liquid",
  keepMeSignedIn: {
    enabled: true,
    label: "Stay signed in on this device?",
    trustedDevice: { absolute: "7d", idle: "3d" },
  },
  risk: { networkBinding: "asn", connectionLifetimes: "on", organizationIdle: "on" },
  actions: { runtime: "node22" },
};

const NOT_INFERRED = [
  'plan: "enterprise" — the Management API does not report the plan; Keep Me Signed In needs it',
  'keepMeSignedIn.trustedDevice.absolute: "7d" — Action secret TRUSTED_ABSOLUTE_MS, whose value Auth0 never returns; the default',
  'keepMeSignedIn.trustedDevice.idle: "3d" — Action secret TRUSTED_IDLE_MS, whose value Auth0 never returns; the default',
  'risk.networkBinding: "asn" — Action secret NETWORK_BINDING, whose value Auth0 never returns; the default',
  'risk.connectionLifetimes: "on" — Action secret CONNECTION_LIFETIMES, whose value Auth0 never returns; the default',
  'risk.organizationIdle: "on" — Action secret ORGANIZATION_IDLE, whose value Auth0 never returns; the default',
];

describe("adopt a tenant set up by hand (seed 000)", () => {
  it("infers the config, lists what it could not read, and plans the imports exactly", async () => {
    const projectDir = tempProject();
    tenant.requestLog.clear();
    const result = await adopt({ ...toolOptions(tenant, "handmade", projectDir), write: false });

    expect(result.code).toBe(0);
    expect(result.inference.config).toEqual(ADOPTED_CONFIG);
    expect(result.inference.template).toEqual({ relativePath: "templates/handmade.liquid", body: SEED_TEMPLATE });
    expect(result.inference.notInferred).toEqual(NOT_INFERRED);
    expect(result.inference.conflicts).toEqual([]);
    expect(result.inference.changes).toEqual([
      "Action kmsi: pulumi up deploys this project's code (dist/actions/kmsi.js)",
    ]);
    expect(result.inference.found).toEqual([
      'tenant settings: sessions {"idle":"3d","absolute":"30d"} persistent, {"idle":"12h","absolute":"1d"} non-persistent, cookie non-persistent',
      `custom domain ${HANDMADE.domain} (${ids.customDomainId}, auth0_managed_certs, ready)`,
      "prompts: new experience, identifier first on",
      "checkbox partial: prompt login-id, screen login-id, form-content-end",
      "post-login binding: kmsi",
      `page template: ${Buffer.byteLength(SEED_TEMPLATE)} bytes`,
      "Action kmsi (post-login, node22, deployed v1)",
    ]);

    const domainId = ids.customDomainId;
    expect(result.plan!.file).toEqual({
      resources: [
        { type: "auth0-sessions:index:TenantSessions", name: "sessions", component: true },
        {
          type: "auth0:index/tenant:Tenant",
          name: "sessions-tenant",
          id: singletonId(tenant.domain, "tenant"),
          parent: "sessions",
        },
        { type: "auth0-sessions:index:CustomDomain", name: "login-domain", component: true },
        {
          type: "auth0:index/customDomain:CustomDomain",
          name: "login-domain-domain",
          id: domainId,
          parent: "login-domain",
        },
        {
          type: "auth0:index/customDomainVerification:CustomDomainVerification",
          name: "login-domain-verification",
          id: domainId,
          parent: "login-domain",
        },
        { type: "auth0-sessions:index:UniversalLogin", name: "universal-login", component: true },
        {
          type: "auth0:index/prompt:Prompt",
          name: "universal-login-prompt",
          id: singletonId(tenant.domain, "prompt"),
          parent: "universal-login",
        },
        {
          type: "auth0:index/branding:Branding",
          name: "universal-login-branding",
          id: singletonId(tenant.domain, "branding"),
          parent: "universal-login",
        },
        {
          type: "auth0:index/promptScreenPartials:PromptScreenPartials",
          name: "universal-login-kmsi-partial",
          id: "login-id",
          parent: "universal-login",
        },
        { type: "auth0-sessions:index:SessionActions", name: "session-actions", component: true },
        { type: "auth0:index/action:Action", name: "session-actions-kmsi", id: ids.kmsiId, parent: "session-actions" },
        {
          type: "auth0:index/triggerActions:TriggerActions",
          name: "session-actions-post-login",
          id: "post-login",
          parent: "session-actions",
        },
      ],
    });
    expect(result.plan!.created).toEqual([{ resource: "risk", name: "session-actions-risk" }]);

    // Read only, and one request per object: 8 Management API GETs and one token request.
    expect(requestLines(tenant.requestLog.entries())).toEqual(oneRead());
    expect(result.snapshot.calls).toEqual({ management: 8, token: 1 });

    // A dry run: the diff and the plan are printed, nothing is written.
    expect(result.written).toEqual([]);
    expect(existsSync(join(projectDir, "Pulumi.handmade.yaml"))).toBe(false);
    expect(existsSync(join(projectDir, "templates"))).toBe(false);
    expect(result.output).toContain('  + auth0-sessions:keepMeSignedIn.label: "Stay signed in on this device?"\n');
    expect(result.output).toContain("  will be created:\n    - session-actions-risk\n");
    expect(result.output).toContain(
      "Nothing written (dry run). With --write: Pulumi.handmade.yaml, templates/handmade.liquid, Pulumi.handmade.import.json.\n",
    );
  });

  it("--write writes the keys into the stack file, keeping its other keys and comments, plus the template and the import file", async () => {
    const projectDir = tempProject();
    const original = [
      "# Handmade tenant, being adopted.",
      "config:",
      "  auth0:domain: handmade.eu.auth0.com # the tenant",
      "  other-project:setting: keep me",
      "  auth0-sessions:plan: enterprise",
      "  auth0-sessions:sessions:",
      "    cookieMode: non-persistent",
      "    persistent:",
      "      idle: 72h # three days, spelt in hours",
      "      absolute: 7d",
      "",
    ].join("\n");
    writeFileSync(join(projectDir, "Pulumi.handmade.yaml"), original);
    tenant.requestLog.clear();
    const result = await adopt({ ...toolOptions(tenant, "handmade", projectDir), write: true });

    expect(result.code).toBe(0);
    expect(result.written).toEqual([
      "Pulumi.handmade.yaml",
      "templates/handmade.liquid",
      "Pulumi.handmade.import.json",
    ]);
    expect(result.changes!.find((c) => c.path === "sessions.persistent.absolute")).toEqual({
      path: "sessions.persistent.absolute",
      before: "7d",
      after: "30d",
    });
    expect(readFileSync(join(projectDir, "Pulumi.handmade.yaml"), "utf8")).toBe(
      [
        "# Handmade tenant, being adopted.",
        "config:",
        "  auth0:domain: handmade.eu.auth0.com # the tenant",
        "  other-project:setting: keep me",
        "  auth0-sessions:plan: enterprise",
        "  auth0-sessions:sessions:",
        "    cookieMode: non-persistent",
        "    persistent:",
        "      idle: 72h # three days, spelt in hours",
        "      absolute: 30d",
        "    ephemeral:",
        "      idle: 12h",
        "      absolute: 1d",
        "  auth0-sessions:customDomain:",
        `    domain: ${HANDMADE.domain}`,
        "    certificates: auth0-managed",
        "    verify: true",
        "  auth0-sessions:loginFlow: identifier-first",
        "  auth0-sessions:pageTemplate: templates/handmade.liquid",
        "  auth0-sessions:keepMeSignedIn:",
        "    enabled: true",
        "    label: Stay signed in on this device?",
        "    trustedDevice:",
        "      absolute: 7d",
        "      idle: 3d",
        "  auth0-sessions:risk:",
        "    networkBinding: asn",
        '    connectionLifetimes: "on"',
        '    organizationIdle: "on"',
        "  auth0-sessions:actions:",
        "    runtime: node22",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(projectDir, "templates/handmade.liquid"), "utf8")).toBe(SEED_TEMPLATE);
    expect(JSON.parse(readFileSync(join(projectDir, "Pulumi.handmade.import.json"), "utf8"))).toEqual(
      result.plan!.file,
    );
    expect(result.inference.notInferred[0]).toBe(
      'plan: "enterprise" — the Management API does not report the plan; kept from the stack file',
    );
    expect(requestLines(tenant.requestLog.entries())).toEqual(oneRead());

    // Adopting again changes nothing: the stack file now reproduces the tenant, and the template file holds it.
    const again = await adopt({ ...toolOptions(tenant, "handmade", projectDir), write: false });
    expect(again.changes).toEqual([]);
    expect(again.inference.template).toBeUndefined();
    expect(again.output).toContain("Config diff (Pulumi.handmade.yaml):\n  (no change)\n");
  });

  it.each([
    {
      name: "two Actions named kmsi",
      provoke: async () => {
        const id = await createDeployedAction(client, "kmsi", "exports.onExecutePostLogin = async () => {};");
        return async () => void (await ok(client.delete(`/api/v2/actions/actions/${id}`)));
      },
      conflicts: () => [expect.stringMatching(/^2 Actions are named kmsi \(.+, .+\): delete or rename all but one$/)],
    },
    {
      name: "the checkbox on both prompts",
      provoke: async () => {
        await ok(client.put("/api/v2/prompts/login/partials", { login: { "form-content-end": SEED_PARTIAL } }));
        return async () => void (await ok(client.put("/api/v2/prompts/login/partials", {})));
      },
      conflicts: () => [
        "the ulp-remember-me checkbox is on both prompts login-id and login: remove it from the prompt your login flow does not use",
      ],
    },
    {
      name: "the checkbox on login-id while identifier first is off",
      provoke: async () => {
        await ok(client.patch("/api/v2/prompts", { identifier_first: false }));
        return async () => void (await ok(client.patch("/api/v2/prompts", { identifier_first: true })));
      },
      conflicts: () => [
        "the checkbox is on prompt login-id (identifier-first flow) but identifier first is off (classic flow), so it never shows: move the partial or change identifier first",
      ],
    },
    {
      name: "a secret on kmsi that the project does not manage",
      provoke: async () => {
        await ok(client.patch(`/api/v2/actions/actions/${ids.kmsiId}`, { secrets: [{ name: "API_KEY", value: "x" }] }));
        return async () => void (await ok(client.patch(`/api/v2/actions/actions/${ids.kmsiId}`, { secrets: [] })));
      },
      conflicts: () => [
        'the kmsi Action holds secrets this project does not manage (API_KEY): the first pulumi up would fail with "Unmanaged Action Secret"; remove them from the Action first',
      ],
    },
    {
      name: "two custom domains and none named in the stack file",
      provoke: async () => {
        const created = await ok(
          client.post("/api/v2/custom-domains", { domain: "login2.handmade.test", type: "self_managed_certs" }),
        );
        return async () => void (await ok(client.delete(`/api/v2/custom-domains/${created.json.custom_domain_id}`)));
      },
      conflicts: () => [
        `2 custom domains (${HANDMADE.domain}, login2.handmade.test): set customDomain.domain in the stack file to the one this stack manages`,
      ],
    },
  ])("stops on a conflict, writing nothing: $name", async ({ provoke, conflicts }) => {
    const projectDir = tempProject();
    const undo = await provoke();
    try {
      tenant.requestLog.clear();
      const result = await adopt({ ...toolOptions(tenant, "handmade", projectDir), write: true });
      expect(result.code).toBe(1);
      expect(result.inference.conflicts).toEqual(conflicts());
      expect(result.written).toEqual([]);
      expect(existsSync(join(projectDir, "Pulumi.handmade.yaml"))).toBe(false);
      expect(existsSync(join(projectDir, "Pulumi.handmade.import.json"))).toBe(false);
      expect(result.output).toMatch(
        /\n {2}conflicts:\n {4}- .+\n\nNothing written: resolve the conflicts above, then run adopt again\.\n$/,
      );
      expect(tenant.requestLog.entries().every((e) => e.method === "GET" || e.path === "/oauth/token")).toBe(true);
    } finally {
      await undo();
    }
  });

  it("pages the Action list by 100, stopping on the total: 150 more Actions cost exactly one more call", async () => {
    for (let i = 0; i < 150; i++) {
      await ok(
        client.post("/api/v2/actions/actions", {
          name: `extra-${i}`,
          supported_triggers: [{ id: "post-login", version: "v3" }],
          code: "",
        }),
      );
    }
    tenant.requestLog.clear();
    const result = await adopt({ ...toolOptions(tenant, "handmade", tempProject()), write: false });
    expect(result.code).toBe(0);
    expect(result.snapshot.actions).toHaveLength(151);
    const expected = oneRead();
    expected.splice(8, 0, "GET /api/v2/actions/actions?page=1&per_page=100 200");
    expect(requestLines(tenant.requestLog.entries())).toEqual(expected);
    expect(result.snapshot.calls).toEqual({ management: 9, token: 1 });
  });
});
