import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { actionBundlePath } from "../../actions/bundles";
import {
  actionNotFound,
  asPulumiHandsOver,
  buildActions,
  customDomainState,
  loadStackFile,
  type ProgramRun,
  type Registration,
  runFailingProgram,
  runProgram,
} from "../testkit";
import { renderKmsiPartial } from "../../components";
import { lookUpKeptActions } from "../../components/session-actions";

const T = {
  tenant: "auth0:index/tenant:Tenant",
  domain: "auth0:index/customDomain:CustomDomain",
  verification: "auth0:index/customDomainVerification:CustomDomainVerification",
  prompt: "auth0:index/prompt:Prompt",
  branding: "auth0:index/branding:Branding",
  partials: "auth0:index/promptScreenPartials:PromptScreenPartials",
  action: "auth0:index/action:Action",
  binding: "auth0:index/triggerActions:TriggerActions",
} as const;

let bundles: { kmsi: string; risk: string };
beforeAll(async () => {
  await buildActions();
  bundles = {
    kmsi: fs.readFileSync(actionBundlePath("kmsi"), "utf8"),
    risk: fs.readFileSync(actionBundlePath("risk"), "utf8"),
  };
});

const stackRun = (stack: "dev" | "prod") => runProgram({ stack, config: asPulumiHandsOver(loadStackFile(stack)) });
const urnOf = (run: ProgramRun, type: string) => run.one(type).urn;
const byName = (run: ProgramRun, name: string): Registration => {
  const found = run.registrations.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}`);
  return found;
};

interface StackExpectation {
  stack: "dev" | "prod";
  hours: {
    sessionLifetime: number;
    idleSessionLifetime: number;
    ephemeralSessionLifetime: number;
    idleEphemeralSessionLifetime: number;
  };
  domain: string;
  verify: boolean;
  trusted: { absolute: string; idle: string };
}

const STACKS: StackExpectation[] = [
  {
    stack: "dev",
    hours: {
      sessionLifetime: 168,
      idleSessionLifetime: 72,
      ephemeralSessionLifetime: 24,
      idleEphemeralSessionLifetime: 12,
    },
    domain: "login.dev.example.com",
    verify: false,
    trusted: { absolute: "604800000", idle: "259200000" },
  },
  {
    stack: "prod",
    hours: {
      sessionLifetime: 2160,
      idleSessionLifetime: 336,
      ephemeralSessionLifetime: 24,
      idleEphemeralSessionLifetime: 8,
    },
    domain: "login.example.com",
    verify: true,
    trusted: { absolute: "2592000000", idle: "604800000" },
  },
];

describe.each(STACKS)("the $stack stack", (expected) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await stackRun(expected.stack);
  });

  it("declares exactly the expected resources, each child under its component", () => {
    // Registrations complete in input-dependency order, not declaration order: compare as sorted lists.
    expect(run.registrations.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "auth0-sessions:index:TenantSessions sessions",
        `${T.tenant} sessions-tenant`,
        "auth0-sessions:index:CustomDomain login-domain",
        `${T.domain} login-domain-domain`,
        ...(expected.verify ? [`${T.verification} login-domain-verification`] : []),
        "auth0-sessions:index:UniversalLogin universal-login",
        `${T.prompt} universal-login-prompt`,
        `${T.branding} universal-login-branding`,
        `${T.partials} universal-login-kmsi-partial`,
        "auth0-sessions:index:SessionActions session-actions",
        `${T.action} session-actions-risk`,
        `${T.action} session-actions-kmsi`,
        `${T.binding} session-actions-post-login`,
      ].sort(),
    );
    const parentOf = (name: string) => byName(run, name).parent;
    expect(parentOf("sessions-tenant")).toBe(byName(run, "sessions").urn);
    expect(parentOf("login-domain-domain")).toBe(byName(run, "login-domain").urn);
    expect(parentOf("universal-login-kmsi-partial")).toBe(byName(run, "universal-login").urn);
    expect(parentOf("session-actions-post-login")).toBe(byName(run, "session-actions").urn);
    expect(run.registrations.filter((r) => r.custom)).toHaveLength(expected.verify ? 9 : 8);
  });

  it("sends all four lifetimes in hours and the non-persistent default cookie", () => {
    const tenant = run.one(T.tenant);
    expect(tenant.inputs).toEqual({ ...expected.hours, sessionCookie: { mode: "non-persistent" } });
    // Destroy cannot revert tenant settings; the resource says so by being retained.
    expect(tenant.retainOnDelete).toBe(true);
  });

  it("declares the custom domain, and its verification only when verify is on", () => {
    const domain = run.one(T.domain);
    expect(domain.inputs).toEqual({ domain: expected.domain, type: "auth0_managed_certs" });
    const verifications = run.ofType(T.verification);
    if (expected.verify) {
      expect(verifications).toHaveLength(1);
      expect(verifications[0].inputs).toEqual({ customDomainId: "login-domain-domain-id" });
      // customDomain.verifyTimeout's default, instead of the provider's 5 minutes.
      expect(verifications[0].customTimeouts).toEqual({ create: "15m" });
    } else {
      expect(verifications).toEqual([]);
    }
  });

  it("configures identifier-first Universal Login with the template and the checkbox partial", () => {
    expect(run.one(T.prompt).inputs).toEqual({ universalLoginExperience: "new", identifierFirst: true });
    expect(
      run.registrations
        .filter((r) => r.retainOnDelete)
        .map((r) => r.type)
        .sort(),
    ).toEqual([T.prompt, T.tenant]);
    const template = fs.readFileSync(`${__dirname}/../../templates/universal-login.liquid`, "utf8");
    expect(run.one(T.branding).inputs).toEqual({ universalLogin: { body: template } });
    expect(run.one(T.partials).inputs).toEqual({
      promptType: "login-id",
      screenPartials: [
        {
          screenName: "login-id",
          insertionPoints: { formContentEnd: renderKmsiPartial("Keep me signed in on this device") },
        },
      ],
    });
  });

  it("replaces the partial, new one first, when loginFlow moves it to another prompt; nothing else is replaced on a change", () => {
    const partial = run.one(T.partials);
    expect([partial.replaceOnChanges, partial.deleteBeforeReplace]).toEqual([["promptType"], false]);
    const others = run.registrations.filter((r) => r.custom && r.type !== T.partials);
    expect(others.map((r) => [r.name, r.replaceOnChanges, r.deleteBeforeReplace])).toEqual(
      others.map((r) => [r.name, [], false]),
    );
  });

  it("makes the page template wait for the custom domain, and the partial for the domain, prompt and template", () => {
    const ready = [urnOf(run, T.domain), ...(expected.verify ? [urnOf(run, T.verification)] : [])];
    expect(run.one(T.branding).dependencies.sort()).toEqual([...ready].sort());
    expect(run.one(T.partials).dependencies.sort()).toEqual(
      [...ready, urnOf(run, T.prompt), urnOf(run, T.branding)].sort(),
    );
  });

  it("deploys both Actions from the one bundle, with the stack's parameters as secrets", () => {
    const risk = byName(run, "session-actions-risk");
    const kmsi = byName(run, "session-actions-kmsi");
    expect(risk.inputs).toEqual({
      name: "risk",
      code: bundles.risk,
      runtime: "node22",
      deploy: true,
      supportedTriggers: { id: "post-login", version: "v3" },
      secrets: [
        { name: "NETWORK_BINDING", value: "asn" },
        { name: "CONNECTION_LIFETIMES", value: "on" },
        { name: "ORGANIZATION_IDLE", value: "on" },
      ],
    });
    expect(kmsi.inputs).toEqual({
      name: "kmsi",
      code: bundles.kmsi,
      runtime: "node22",
      deploy: true,
      supportedTriggers: { id: "post-login", version: "v3" },
      secrets: [
        { name: "TRUSTED_ABSOLUTE_MS", value: expected.trusted.absolute },
        { name: "TRUSTED_IDLE_MS", value: expected.trusted.idle },
      ],
    });
  });

  it("binds risk before kmsi, and the binding depends on both Actions (so destroy unbinds first)", () => {
    const binding = run.one(T.binding);
    expect(binding.inputs).toEqual({
      trigger: "post-login",
      actions: [
        { id: "session-actions-risk-id", displayName: "risk" },
        { id: "session-actions-kmsi-id", displayName: "kmsi" },
      ],
    });
    const actionUrns = run.ofType(T.action).map((a) => a.urn);
    expect(binding.dependencies.sort()).toEqual([...actionUrns].sort());
    // Nothing is looked up for the binding; the one invoke is the tenant read of TenantSessions.
    expect(run.invokes).toEqual([{ token: "auth0:index/getTenant:getTenant", args: {} }]);
  });

  it("exports the DNS records, action ids, the prompt and screen, and the lifetimes in hours", () => {
    const auth0Answer = customDomainState(expected.domain, "auth0_managed_certs") as any;
    const method = auth0Answer.verifications[0].methods[0];
    expect(run.outputs).toEqual({
      customDomainDnsRecords: [{ type: "CNAME", name: method.domain, value: method.record }],
      customDomainStatus: "pending_verification",
      actionIds: { kmsi: "session-actions-kmsi-id", risk: "session-actions-risk-id" },
      postLoginBinding: ["risk", "kmsi"],
      loginPrompt: "login-id",
      loginScreen: "login-id",
      sessionLifetimesHours: {
        persistent: { idle: expected.hours.idleSessionLifetime, absolute: expected.hours.sessionLifetime },
        ephemeral: {
          idle: expected.hours.idleEphemeralSessionLifetime,
          absolute: expected.hours.ephemeralSessionLifetime,
        },
      },
    });
  });
});

const BASE_CONFIG = {
  "auth0-sessions:plan": "enterprise",
  "auth0-sessions:customDomain": JSON.stringify({ domain: "login.example.com" }),
};
const variant = (extra: Record<string, unknown>, tenantActions?: Record<string, { id: string; trigger: string }>) =>
  runProgram({ stack: "variant", config: { ...BASE_CONFIG, ...asPulumiHandsOver(extra) }, tenantActions });
const RISK_OFF = { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" };

describe("config variants", () => {
  it.each([
    ["KMSI disabled", { "auth0-sessions:keepMeSignedIn": { enabled: false } }, ["risk"], false],
    ["every risk rule off", { "auth0-sessions:risk": RISK_OFF }, ["kmsi"], true],
    ["only the network binding off", { "auth0-sessions:risk": { networkBinding: "off" } }, ["risk", "kmsi"], true],
  ])("%s: declares only the Actions in use", async (_name, extra, actions, partial) => {
    const run = await variant(extra);
    expect(
      run
        .ofType(T.action)
        .map((a) => a.inputs.name)
        .sort(),
    ).toEqual([...actions].sort());
    expect(run.one(T.binding).inputs.actions.map((a: { displayName: string }) => a.displayName)).toEqual(actions);
    expect(run.ofType(T.partials)).toHaveLength(partial ? 1 : 0);
  });

  it("declares no Action and leaves the post-login trigger alone when KMSI and risk are both off", async () => {
    const run = await variant({ "auth0-sessions:keepMeSignedIn": { enabled: false }, "auth0-sessions:risk": RISK_OFF });
    expect(run.ofType(T.action)).toEqual([]);
    expect(run.ofType(T.binding)).toEqual([]);
    expect(run.ofType(T.partials)).toEqual([]);
    expect(run.outputs.actionIds).toEqual({ kmsi: undefined, risk: undefined });
    expect(run.outputs.postLoginBinding).toBeUndefined();
  });

  it("keeps Actions managed elsewhere bound after ours, in the configured order", async () => {
    const run = await variant(
      { "auth0-sessions:actions": { keepBound: ["fraud-score", "audit-log"] } },
      {
        "audit-log": { id: "act_audit", trigger: "post-login" },
        "fraud-score": { id: "act_fraud", trigger: "post-login" },
      },
    );
    expect(run.one(T.binding).inputs.actions).toEqual([
      { id: "session-actions-risk-id", displayName: "risk" },
      { id: "session-actions-kmsi-id", displayName: "kmsi" },
      { id: "act_fraud", displayName: "fraud-score" },
      { id: "act_audit", displayName: "audit-log" },
    ]);
    // Looked up before anything is declared, so the tenant read comes after them.
    expect(run.invokes).toEqual([
      { token: "auth0:index/getAction:getAction", args: { name: "fraud-score" } },
      { token: "auth0:index/getAction:getAction", args: { name: "audit-log" } },
      { token: "auth0:index/getTenant:getTenant", args: {} },
    ]);
  });

  it("keeps the binding for kept Actions when neither of ours is enabled, so they are never unbound", async () => {
    const run = await variant(
      {
        "auth0-sessions:keepMeSignedIn": { enabled: false },
        "auth0-sessions:risk": RISK_OFF,
        "auth0-sessions:actions": { keepBound: ["audit-log"] },
      },
      { "audit-log": { id: "act_audit", trigger: "post-login" } },
    );
    expect(run.ofType(T.action)).toEqual([]);
    expect(run.one(T.binding).inputs).toEqual({
      trigger: "post-login",
      actions: [{ id: "act_audit", displayName: "audit-log" }],
    });
  });

  it("puts the checkbox on the login screen in the classic flow", async () => {
    const run = await variant({ "auth0-sessions:loginFlow": "classic" });
    expect(run.one(T.prompt).inputs).toEqual({ universalLoginExperience: "new", identifierFirst: false });
    expect(run.one(T.partials).inputs.promptType).toBe("login");
    expect(run.one(T.partials).inputs.screenPartials[0].screenName).toBe("login");
    expect([run.outputs.loginPrompt, run.outputs.loginScreen]).toEqual(["login", "login"]);
  });

  it("asks for a self-managed certificate and exports Auth0's TXT record", async () => {
    const run = await variant({
      "auth0-sessions:customDomain": { domain: "id.example.org", certificates: "self-managed", verify: true },
    });
    expect(run.one(T.domain).inputs).toEqual({ domain: "id.example.org", type: "self_managed_certs" });
    expect(run.outputs.customDomainDnsRecords).toEqual([
      { type: "TXT", name: "_cf-custom-hostname.id.example.org", value: "d25acff6-575d-4c27-af40-02f3880a0c4c" },
    ]);
    expect(run.ofType(T.verification)).toHaveLength(1);
  });

  it("uses the configured runtime and label for both Actions and the partial", async () => {
    const run = await variant({
      "auth0-sessions:actions": { runtime: "node18" },
      "auth0-sessions:keepMeSignedIn": { label: "Remember <me>" },
    });
    expect(run.ofType(T.action).map((a) => a.inputs.runtime)).toEqual(["node18", "node18"]);
    expect(run.one(T.partials).inputs.screenPartials[0].insertionPoints.formContentEnd).toBe(
      renderKmsiPartial("Remember <me>"),
    );
    expect(run.one(T.partials).inputs.screenPartials[0].insertionPoints.formContentEnd).toContain(
      "Remember &lt;me&gt;",
    );
  });

  it("declares nothing at all when the config is invalid, and names every problem", async () => {
    const failed = await runFailingProgram({
      stack: "variant",
      config: {
        ...BASE_CONFIG,
        ...asPulumiHandsOver({
          "auth0-sessions:sessions": { cookieMode: "nonpersistent" },
          "auth0-sessions:loginFlow": "magic",
        }),
      },
    });
    expect((failed.error as Error).message).toBe(
      "Invalid auth0-sessions stack config (2 problems):\n" +
        'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent\n' +
        'loginFlow: "magic" — one of identifier-first, classic',
    );
    expect(failed.registrations).toEqual([]);
  });
});

describe("secret config values", () => {
  it("never appear in the error: a misplaced secret key is reported as [secret]", async () => {
    const failed = await runFailingProgram({
      stack: "variant",
      config: { ...BASE_CONFIG, "auth0-sessions:clientSecret": "s3cr3t-value" },
      secretKeys: ["auth0-sessions:clientSecret"],
    });
    expect((failed.error as Error).message).toBe(
      "Invalid auth0-sessions stack config (1 problem):\nclientSecret: [secret] — unknown key",
    );
    expect(failed.registrations).toEqual([]);
  });
});

describe("actions.keepBound: every name that cannot be bound fails the preview, in the config's style", () => {
  type Found = Awaited<ReturnType<Parameters<typeof lookUpKeptActions>[1] & {}>>;
  const postLogin = (id: string, name: string): Found => ({
    id,
    name,
    supportedTriggers: [{ id: "post-login", version: "v3" }],
  });
  // The provider's own error for no match and for several (action/data_source.go:68-72), as the engine may wrap it.
  const notExactlyOne = (name: string) =>
    new Error(`invoking auth0:index/getAction:getAction: ${actionNotFound(name)}`);

  it("binds post-login Actions by id and name, in the configured order", async () => {
    const tenant: Record<string, Found> = {
      "audit-log": postLogin("act_a", "audit-log"),
      "fraud-score": postLogin("act_f", "fraud-score"),
    };
    await expect(lookUpKeptActions(["fraud-score", "audit-log"], async (name) => tenant[name])).resolves.toEqual([
      { id: "act_f", displayName: "fraud-score" },
      { id: "act_a", displayName: "audit-log" },
    ]);
  });

  it("lists every problem at once: missing, ambiguous, another trigger, a failed lookup", async () => {
    const answers: Record<string, () => Promise<Found>> = {
      "audit-log": async () => postLogin("act_a", "audit-log"),
      missing: async () => {
        throw notExactlyOne("missing");
      },
      "twice-named": async () => {
        throw notExactlyOne("twice-named");
      },
      welcome: async () => ({
        id: "act_w",
        name: "welcome",
        supportedTriggers: [{ id: "post-user-registration", version: "v2" }],
      }),
      flaky: async () => {
        throw new Error("Too Many Requests:\n Global limit has been reached");
      },
    };
    const error = await lookUpKeptActions(["audit-log", "missing", "twice-named", "welcome", "flaky"], (name) =>
      answers[name](),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "Invalid auth0-sessions stack config (4 problems):\n" +
        'actions.keepBound.1: "missing" — must name exactly one Action of this tenant: none or several have this name\n' +
        'actions.keepBound.2: "twice-named" — must name exactly one Action of this tenant: none or several have this name\n' +
        'actions.keepBound.3: "welcome" — is a post-user-registration Action, not a post-login one\n' +
        'actions.keepBound.4: "flaky" — could not be looked up: Too Many Requests: Global limit has been reached',
    );
  });

  it("fails the program before any resource is declared, never with the provider's own message", async () => {
    const failed = await runFailingProgram({
      stack: "variant",
      config: {
        ...BASE_CONFIG,
        ...asPulumiHandsOver({ "auth0-sessions:actions": { keepBound: ["audit-log", "fraud-score", "welcome"] } }),
      },
      tenantActions: {
        "audit-log": { id: "act_a", trigger: "post-login" },
        welcome: { id: "act_w", trigger: "post-user-registration" },
      },
    });
    expect((failed.error as Error).message).toBe(
      "Invalid auth0-sessions stack config (2 problems):\n" +
        'actions.keepBound.1: "fraud-score" — must name exactly one Action of this tenant: none or several have this name\n' +
        'actions.keepBound.2: "welcome" — is a post-user-registration Action, not a post-login one',
    );
    expect(failed.registrations).toEqual([]);
  });

  it("never restates a name set with --secret, not even inside the provider's message", async () => {
    const failed = await runFailingProgram({
      stack: "variant",
      config: {
        ...BASE_CONFIG,
        ...asPulumiHandsOver({ "auth0-sessions:actions": { keepBound: ["hidden-fraud", "hidden-audit"] } }),
      },
      secretKeys: ["auth0-sessions:actions"],
      invoke: (_token, args) => {
        if (args.name === "hidden-audit") throw new Error(`upstream said: unknown hidden-audit (429)`);
        throw new Error(actionNotFound(args.name));
      },
    });
    expect((failed.error as Error).message).toBe(
      "Invalid auth0-sessions stack config (2 problems):\n" +
        "actions.keepBound.0: [secret] — must name exactly one Action of this tenant: none or several have this name\n" +
        "actions.keepBound.1: [secret] — could not be looked up: upstream said: unknown [secret] (429)",
    );
  });
});
