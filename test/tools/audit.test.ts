/**
 * audit against a tenant our stack deployed (tools/provider-stand-in/deploy.ts): clean gives exit 0; each finding is
 * provoked by an out-of-band change through the Management API (as the dashboard would make it), found, and
 * undone. GET only, 8 Management API calls per run.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderKmsiPartial } from "../../components";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { audit } from "../../tools/audit/audit";
import type { CheckRow, LastUpdate } from "../../tools/audit/checks";
import { createDeployedAction, type Deployment, deployStackToLocalTenant, ok, waitBuilt } from "../testkit";
import { deployedStackProject, oneRead, removeTempProjects, requestLines, toolOptions } from "./helpers/tools";

afterAll(() => {
  removeTempStateDirs();
  removeTempProjects();
});

/** The checks of the `local` stack (KMSI and risk on, identifier first, enterprise), in order. */
const LOCAL_CHECKS = [
  "Action risk exists",
  "Action risk deployed",
  "Action risk secret names",
  "Action risk secrets unchanged since the last update",
  "Action kmsi exists",
  "Action kmsi deployed",
  "Action kmsi secret names",
  "Action kmsi secrets unchanged since the last update",
  "custom domain ready",
  "checkbox partial on prompt login-id",
  "checkbox partial on prompt login",
  "post-login binding",
  "page template tags",
  "default cookie non-persistent",
  "persistent idle lifetime within the enterprise plan",
  "persistent absolute lifetime within the enterprise plan",
  "non-persistent idle lifetime within the enterprise plan",
  "non-persistent absolute lifetime within the enterprise plan",
];

const findings = (rows: CheckRow[]) =>
  rows.filter((r) => r.status !== "ok").map(({ check, status, found }) => ({ check, status, found }));

describe("audit of a deployed stack", () => {
  let tenant: LocalTenant;
  let client: TenantClient;
  let deployment: Deployment;
  let projectDir: string;
  const run = async (lastUpdate: LastUpdate) => {
    tenant.requestLog.clear();
    const result = await audit({ ...toolOptions(tenant, "local", projectDir), json: false, lastUpdate });
    expect(requestLines(tenant.requestLog.entries())).toEqual(oneRead(result.snapshot.template === null ? 404 : 200));
    expect(result.snapshot.calls).toEqual({ management: 8, token: 1 });
    return result;
  };
  const action = async (name: string) =>
    (
      (await ok(client.get(`/api/v2/actions/actions?actionName=${name}`))).json.actions as {
        id: string;
        code: string;
      }[]
    )[0];
  const redeploy = async (id: string, patch: Record<string, unknown>) => {
    await ok(client.patch(`/api/v2/actions/actions/${id}`, patch));
    await waitBuilt(client, id);
    await ok(client.post(`/api/v2/actions/actions/${id}/deploy`));
  };

  beforeAll(async () => {
    ({ tenant, client } = await startTestTenant());
    deployment = await deployStackToLocalTenant(tenant, {
      stack: "local",
      overrides: { customDomain: { verify: true } },
      publishDns: true,
    });
    projectDir = deployedStackProject("local", deployment.config, tenant.domain);
  });
  afterAll(async () => {
    await tenant?.stop();
  });

  it("a clean tenant: every check ok, exit 0", async () => {
    const result = await run({ endTime: new Date() });
    expect(result.rows.map((r) => r.check)).toEqual(LOCAL_CHECKS);
    expect(findings(result.rows)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(
      /^Audit of stack local: no finding \(18 checks\)\n\n {4}check +expected +found +fix\nok {2}Action risk exists +one post-login Action named risk +1 \(/,
    );
  });

  it("without a stack history: the secret-time checks say why they could not run, and the rest still decides", async () => {
    const why = "could not check: no stack history (pulumi stack history: no stack named 'local' found)";
    const result = await run({ unknown: why });
    expect(findings(result.rows)).toEqual([
      { check: "Action risk secrets unchanged since the last update", status: "not checked", found: "—" },
      { check: "Action kmsi secrets unchanged since the last update", status: "not checked", found: "—" },
    ]);
    expect(result.rows.filter((r) => r.status === "not checked").map((r) => r.fix)).toEqual([why, why]);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Audit of stack local: no finding, 2 not checked \(18 checks\)\n/);
  });

  const CASES: {
    name: string;
    provoke: () => Promise<() => Promise<void>>;
    expected: () => { check: string; status: string; found: string | RegExp }[];
  }[] = [
    {
      name: "kmsi edited in the dashboard but not deployed",
      provoke: async () => {
        const kmsi = await action("kmsi");
        await ok(client.patch(`/api/v2/actions/actions/${kmsi.id}`, { code: `${kmsi.code}\n// edited` }));
        await waitBuilt(client, kmsi.id);
        return () => redeploy(kmsi.id, { code: kmsi.code });
      },
      expected: () => [
        { check: "Action kmsi deployed", status: "finding", found: "v1 deployed, later changes not deployed" },
      ],
    },
    {
      name: "a trusted-device secret changed in the dashboard (and deployed)",
      provoke: async () => {
        const kmsi = await action("kmsi");
        await redeploy(kmsi.id, {
          secrets: [{ name: "TRUSTED_ABSOLUTE_MS", value: "1" }, { name: "TRUSTED_IDLE_MS" }],
        });
        return () =>
          redeploy(kmsi.id, {
            secrets: [{ name: "TRUSTED_ABSOLUTE_MS", value: String(14 * 86_400_000) }, { name: "TRUSTED_IDLE_MS" }],
          });
      },
      expected: () => [
        {
          check: "Action kmsi secrets unchanged since the last update",
          status: "finding",
          found: /^TRUSTED_ABSOLUTE_MS at \S+, TRUSTED_IDLE_MS at \S+$/,
        },
      ],
    },
    {
      name: "a secret the stack does not manage added to risk",
      provoke: async () => {
        const risk = await action("risk");
        const ours = [{ name: "NETWORK_BINDING" }, { name: "CONNECTION_LIFETIMES" }, { name: "ORGANIZATION_IDLE" }];
        await redeploy(risk.id, { secrets: [...ours, { name: "API_KEY", value: "x" }] });
        return () => redeploy(risk.id, { secrets: ours });
      },
      expected: () => [
        {
          check: "Action risk secret names",
          status: "finding",
          found: "API_KEY, CONNECTION_LIFETIMES, NETWORK_BINDING, ORGANIZATION_IDLE",
        },
        {
          check: "Action risk secrets unchanged since the last update",
          status: "finding",
          found: /^NETWORK_BINDING at \S+, CONNECTION_LIFETIMES at \S+, ORGANIZATION_IDLE at \S+, API_KEY at \S+$/,
        },
      ],
    },
    {
      name: "a second post-login Action named kmsi",
      provoke: async () => {
        const id = await createDeployedAction(client, "kmsi", "exports.onExecutePostLogin = async () => {};");
        return async () => void (await ok(client.delete(`/api/v2/actions/actions/${id}`)));
      },
      expected: () => [{ check: "Action kmsi exists", status: "finding", found: /^2 \(\S+, \S+\)$/ }],
    },
    {
      name: "the custom domain's verification slipped (deleted and added again)",
      provoke: async () => {
        const id = deployment.ids["login-domain-domain"];
        const domain = (await ok(client.get(`/api/v2/custom-domains/${id}`))).json;
        await ok(client.delete(`/api/v2/custom-domains/${id}`));
        const again = await ok(client.post("/api/v2/custom-domains", { domain: domain.domain, type: domain.type }));
        deployment.ids["login-domain-domain"] = again.json.custom_domain_id;
        return async () => void (await ok(client.post(`/api/v2/custom-domains/${again.json.custom_domain_id}/verify`)));
      },
      expected: () => [
        { check: "custom domain ready", status: "finding", found: "pending_verification, certificate not reported" },
      ],
    },
    {
      name: "the checkbox left on the other prompt",
      provoke: async () => {
        await ok(
          client.put("/api/v2/prompts/login/partials", {
            login: { "form-content-end": renderKmsiPartial("Keep me signed in") },
          }),
        );
        return async () => void (await ok(client.put("/api/v2/prompts/login/partials", {})));
      },
      expected: () => [
        { check: "checkbox partial on prompt login", status: "finding", found: "login/form-content-end" },
      ],
    },
    {
      name: "a foreign Action bound before ours",
      provoke: async () => {
        const id = await createDeployedAction(client, "audit-log", "exports.onExecutePostLogin = async () => {};");
        const ref = (value: string) => ({ ref: { type: "action_name", value } });
        await ok(
          client.patch("/api/v2/actions/triggers/post-login/bindings", {
            bindings: [ref("audit-log"), ref("risk"), ref("kmsi")],
          }),
        );
        return async () => {
          await ok(
            client.patch("/api/v2/actions/triggers/post-login/bindings", { bindings: [ref("risk"), ref("kmsi")] }),
          );
          await ok(client.delete(`/api/v2/actions/actions/${id}`));
        };
      },
      expected: () => [{ check: "post-login binding", status: "finding", found: "audit-log, risk, kmsi" }],
    },
    {
      name: "the page template deleted",
      provoke: async () => {
        const body = (await ok(client.get("/api/v2/branding/templates/universal-login"))).json.body as string;
        await ok(client.delete("/api/v2/branding/templates/universal-login"));
        return async () =>
          void (await ok(client.put("/api/v2/branding/templates/universal-login", { template: body })));
      },
      expected: () => [{ check: "page template tags", status: "finding", found: "no template" }],
    },
    {
      name: "the default cookie made persistent",
      provoke: async () => {
        await ok(client.patch("/api/v2/tenants/settings", { session_cookie: { mode: "persistent" } }));
        return async () =>
          void (await ok(client.patch("/api/v2/tenants/settings", { session_cookie: { mode: "non-persistent" } })));
      },
      expected: () => [{ check: "default cookie non-persistent", status: "finding", found: "persistent" }],
    },
  ];

  it.each(CASES)("finds $name, exit 2; clean again once undone", async ({ provoke, expected }) => {
    // The last `pulumi up` ended before the change; Pulumi's history has whole seconds, so wait past one.
    const lastUp = new Date();
    await sleep(1100);
    const undo = await provoke();
    const result = await run({ endTime: lastUp });
    expect(findings(result.rows)).toEqual(
      expected().map((e) => ({ ...e, found: typeof e.found === "string" ? e.found : expect.stringMatching(e.found) })),
    );
    expect(result.code).toBe(2);
    await undo();
    const after = await run({ endTime: new Date(Date.now() + 1000) });
    expect(findings(after.rows)).toEqual([]);
    expect(after.code).toBe(0);
  });
});

describe("audit of a self-service stack", () => {
  let tenant: LocalTenant;
  let client: TenantClient;
  let projectDir: string;
  const OVERRIDES = {
    plan: "self-service",
    keepMeSignedIn: { enabled: false },
    risk: { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
    customDomain: { verify: true },
  };

  beforeAll(async () => {
    ({ tenant, client } = await startTestTenant());
    const deployment = await deployStackToLocalTenant(tenant, {
      stack: "local",
      overrides: OVERRIDES,
      publishDns: true,
    });
    projectDir = deployedStackProject("local", deployment.config, tenant.domain);
  });
  afterAll(async () => {
    await tenant?.stop();
  });

  it("finds a lifetime beyond the plan's limits set in the dashboard", async () => {
    const options = { ...toolOptions(tenant, "local", projectDir), json: true, lastUpdate: { endTime: new Date() } };
    const clean = await audit(options);
    expect(clean.rows.map((r) => r.check)).toEqual([
      "custom domain ready",
      "checkbox partial on prompt login-id",
      "checkbox partial on prompt login",
      "post-login binding",
      "page template tags",
      "persistent idle lifetime within the self-service plan",
      "persistent absolute lifetime within the self-service plan",
      "non-persistent idle lifetime within the self-service plan",
      "non-persistent absolute lifetime within the self-service plan",
    ]);
    expect(clean.code).toBe(0);

    await ok(client.patch("/api/v2/tenants/settings", { session_lifetime: 1000 }));
    const result = await audit(options);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.output) as { stack: string; findings: number; checks: CheckRow[] };
    expect(json.stack).toBe("local");
    expect(json.findings).toBe(1);
    expect(json.checks.filter((r) => r.status !== "ok")).toEqual([
      {
        check: "persistent absolute lifetime within the self-service plan",
        status: "finding",
        expected: "at most 30d",
        found: "1000 h (41d16h)",
        fix: "pulumi up sets the stack's lifetimes again; check plan in the stack config",
      },
    ]);
  });
});
