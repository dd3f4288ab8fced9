/**
 * The policy pack's policies on the resources the real program registers (index.ts under Pulumi mocks), in the
 * shape @pulumi/policy hands them over: every policy passes on the shipped stacks (dev, prod, local) and fails,
 * with its exact message, on a config or resource set that breaks it.
 */
import * as auth0 from "@pulumi/auth0";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseDuration, toHours } from "../../config";
import { policies } from "../../policy/policies";
import { setSecretInputPaths, setStackContext, type StackContext } from "../../policy/stack-context";
import {
  asPulumiHandsOver,
  buildActions,
  loadStackFile,
  type ProgramRun,
  type Registration,
  runProgram,
} from "../testkit";
import { contextFor, resourceViolations, stackViolations, typeOf, withInputs } from "./helpers";

const TENANT = typeOf(auth0.Tenant);
const TRIGGER_ACTIONS = typeOf(auth0.TriggerActions);
/** A duration as the program hands it to the provider: hours (components/tenant-sessions.ts). */
const hours = (duration: string) => toHours(parseDuration(duration)!);

const SHIPPED = ["dev", "prod", "local"] as const;
const RESOURCE_POLICIES = policies.filter((p) => "validateResource" in p).map((p) => p.name);
const STACK_POLICIES = policies.filter((p) => "validateStack" in p).map((p) => p.name);

const runs = new Map<string, ProgramRun>();
const stackRun = (stack: string, overrides: Record<string, unknown> = {}) =>
  runProgram({ stack, config: asPulumiHandsOver({ ...loadStackFile(stack), ...overrides }) });

beforeAll(async () => {
  await buildActions();
  for (const stack of SHIPPED) runs.set(stack, await stackRun(stack));
});
afterEach(() => setStackContext(undefined));

const run = (stack: string) => runs.get(stack)!;
const one = (stack: string, type: string): Registration => run(stack).one(type);
const byName = (stack: string, name: string): Registration => run(stack).registrations.find((r) => r.name === name)!;
const replace = (regs: Registration[], reg: Registration) => regs.map((r) => (r.urn === reg.urn ? reg : r));

it("has the six mandatory policies", () => {
  expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
    ["prod-cookie-non-persistent", "mandatory"],
    ["session-lifetimes-within-plan", "mandatory"],
    ["risk-before-kmsi", "mandatory"],
    ["actions-deployed", "mandatory"],
    ["no-plaintext-credentials", "mandatory"],
    ["no-hardcoded-credentials", "mandatory"],
  ]);
});

describe.each(SHIPPED)("the shipped %s stack", (stack) => {
  it.each(RESOURCE_POLICIES)("passes %s on every resource it declares", async (name) => {
    setStackContext(contextFor(stack, [{ key: "auth0:clientSecret", value: "", secret: true }]));
    const regs = run(stack).registrations;
    expect(regs.filter((r) => r.custom).length).toBeGreaterThanOrEqual(8);
    expect(await resourceViolations(name, regs)).toEqual([]);
  });

  it.each(STACK_POLICIES)("passes %s with its config, credentials unset or secret", async (name) => {
    setStackContext(contextFor(stack));
    expect(await stackViolations(name, run(stack).registrations)).toEqual([]);
    setStackContext(contextFor(stack, [{ key: "auth0:clientSecret", value: "", secret: true }]));
    expect(await stackViolations(name, run(stack).registrations)).toEqual([]);
  });
});

const PERSISTENT_PROD = {
  "auth0-sessions:keepMeSignedIn": { enabled: false },
  "auth0-sessions:sessions": {
    cookieMode: "persistent",
    persistent: { idle: "14d", absolute: "90d" },
    ephemeral: { idle: "8h", absolute: "1d" },
  },
};
const CLIENT_SECRET_LIKE = "Xq3vN8rT0bLw5ZkPc2YhGd7JmA9sEu4RfVo1WiKn6ByCt_zHx-QeSlMjDpUaIg0O";

interface Case {
  name: string;
  policy: string;
  /** The resources and stack context that break the policy. */
  /** The resources, and the stack context the engine sends (default: prod's; null: none sent). */
  make: () => Promise<{ regs: Registration[]; context?: StackContext | null }>;
  violations: string[];
}

const CASES: Case[] = [
  {
    name: "prod configured with a persistent default cookie (KMSI off, so the config allows it)",
    policy: "prod-cookie-non-persistent",
    make: async () => ({ regs: (await stackRun("prod", PERSISTENT_PROD)).registrations }),
    violations: [
      'Stack "prod" is production: the tenant\'s default session cookie must be non-persistent, but sessionCookie.mode ' +
        'is "persistent". Only a ticked "Keep me signed in" box may make a session persistent.',
    ],
  },
  {
    name: "a prod tenant without a cookie mode (Auth0's default is persistent)",
    policy: "prod-cookie-non-persistent",
    make: async () => ({ regs: [withInputs(one("prod", TENANT), { sessionCookie: undefined })] }),
    violations: [
      'Stack "prod" is production: the tenant\'s default session cookie must be non-persistent, but sessionCookie.mode ' +
        'is not set (Auth0\'s default is persistent). Only a ticked "Keep me signed in" box may make a session persistent.',
    ],
  },
  {
    name: "persistent lifetimes above the enterprise maxima",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [withInputs(one("prod", TENANT), { idleSessionLifetime: 2401, sessionLifetime: 8761 })],
    }),
    violations: [
      "idleSessionLifetime (persistent idle lifetime) is 2401 h (100d1h); the enterprise plan allows at most 2400 h (100d).",
      "sessionLifetime (persistent absolute lifetime) is 8761 h (365d1h); the enterprise plan allows at most 8760 h (365d).",
    ],
  },
  {
    name: "prod's lifetimes on a stack whose config says self-service",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [one("prod", TENANT)],
      context: { ...contextFor("prod"), config: new Map([["auth0-sessions:plan", "self-service"]]) },
    }),
    violations: [
      "idleSessionLifetime (persistent idle lifetime) is 336 h (14d); the self-service plan allows at most 72 h (3d).",
      "sessionLifetime (persistent absolute lifetime) is 2160 h (90d); the self-service plan allows at most 720 h (30d).",
    ],
  },
  {
    name: "an ephemeral idle lifetime longer than the absolute one",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [withInputs(one("dev", TENANT), { idleEphemeralSessionLifetime: 48, ephemeralSessionLifetime: 24 })],
    }),
    violations: [
      "idleEphemeralSessionLifetime (48 h (2d)) must not exceed ephemeralSessionLifetime (24 h (1d)): " +
        "an ephemeral session cannot stay idle longer than it may live.",
    ],
  },
  {
    name: "a lifetime left unset",
    policy: "session-lifetimes-within-plan",
    make: async () => ({ regs: [withInputs(one("dev", TENANT), { sessionLifetime: undefined })] }),
    violations: [
      "sessionLifetime (persistent absolute lifetime) must be set explicitly in hours, but is not set: " +
        "the provider sends only the lifetimes it is given, so Auth0 would keep the tenant's current value.",
    ],
  },
  // The tenant minima: terraform-provider-auth0 v1.53.0 internal/auth0/tenant/resource.go:107-134 refuses an
  // ephemeral lifetime under 0.0167 h, and go-auth0 sends one under 1 h in whole minutes (management/tenant.go:
  // 229-296), so 0.0167 h is stored as 1m = 0.01666… h, under the provider's own minimum: 2m is the least.
  {
    name: "an ephemeral idle lifetime of 1m",
    policy: "session-lifetimes-within-plan",
    make: async () => ({ regs: [withInputs(one("dev", TENANT), { idleEphemeralSessionLifetime: hours("1m") })] }),
    violations: [
      "idleEphemeralSessionLifetime (ephemeral idle lifetime) is 0.016666666666666666 h (1m); it must be at least 2m " +
        "(the Auth0 provider refuses ephemeral lifetimes under 0.0167 h).",
    ],
  },
  {
    name: "an ephemeral absolute lifetime of exactly the provider's 0.0167 h",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [
        withInputs(one("dev", TENANT), { idleEphemeralSessionLifetime: 0.0167, ephemeralSessionLifetime: 0.0167 }),
      ],
    }),
    violations: [
      "idleEphemeralSessionLifetime (ephemeral idle lifetime) is 0.0167 h; it must be at least 2m " +
        "(the Auth0 provider refuses ephemeral lifetimes under 0.0167 h).",
      "ephemeralSessionLifetime (ephemeral absolute lifetime) is 0.0167 h; it must be at least 2m " +
        "(the Auth0 provider refuses ephemeral lifetimes under 0.0167 h).",
    ],
  },
  {
    name: "a persistent idle lifetime of the provider's 0.01 h (36 s, stored as a whole minute)",
    policy: "session-lifetimes-within-plan",
    make: async () => ({ regs: [withInputs(one("dev", TENANT), { idleSessionLifetime: 0.01 })] }),
    violations: ["idleSessionLifetime (persistent idle lifetime) is 0.01 h; it must be at least 1m."],
  },
  // go-auth0 rounds a lifetime of 1 h or more to whole hours, a shorter one to whole minutes (management/tenant.go:
  // 229-296): the deployed value would differ from the declared one.
  {
    name: "a persistent absolute lifetime of 1h30m (Auth0 would keep 2h)",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [withInputs(one("dev", TENANT), { idleSessionLifetime: hours("1h"), sessionLifetime: hours("1h30m") })],
    }),
    violations: [
      "sessionLifetime (persistent absolute lifetime) is 1.5 h (1h30m); Auth0 stores tenant lifetimes of 1h or more " +
        "in whole hours and would keep 2h: use 1h or 2h.",
    ],
  },
  {
    name: "ephemeral lifetimes of 2h29m and 1d30m (Auth0 would keep 2h and 1d1h)",
    policy: "session-lifetimes-within-plan",
    make: async () => ({
      regs: [
        withInputs(one("dev", TENANT), {
          idleEphemeralSessionLifetime: hours("2h29m"),
          ephemeralSessionLifetime: hours("1d30m"),
        }),
      ],
    }),
    violations: [
      "idleEphemeralSessionLifetime (ephemeral idle lifetime) is 2.4833333333333334 h (2h29m); Auth0 stores tenant " +
        "lifetimes of 1h or more in whole hours and would keep 2h: use 2h or 3h.",
      "ephemeralSessionLifetime (ephemeral absolute lifetime) is 24.5 h (1d30m); Auth0 stores tenant lifetimes of 1h " +
        "or more in whole hours and would keep 1d1h: use 1d or 1d1h.",
    ],
  },
  {
    name: "a persistent idle lifetime of 0.125 h (7.5 minutes; Auth0 would keep 8m)",
    policy: "session-lifetimes-within-plan",
    make: async () => ({ regs: [withInputs(one("dev", TENANT), { idleSessionLifetime: 0.125 })] }),
    violations: [
      "idleSessionLifetime (persistent idle lifetime) is 0.125 h; Auth0 stores tenant lifetimes under 1h in whole " +
        "minutes and would keep 8m: use 7m or 8m.",
    ],
  },
  {
    name: "kmsi bound before risk",
    policy: "risk-before-kmsi",
    make: async () => {
      const binding = one("prod", TRIGGER_ACTIONS);
      return { regs: [withInputs(binding, { actions: [...binding.inputs.actions].reverse() })] };
    },
    violations: [
      'The post-login binding runs "kmsi" → "risk": "risk" must run before "kmsi", so a session the risk rules ' +
        "revoke is never extended.",
    ],
  },
  {
    name: "kmsi before risk with an external Action kept bound in between",
    policy: "risk-before-kmsi",
    make: async () => {
      const binding = one("dev", TRIGGER_ACTIONS);
      const [risk, kmsi] = binding.inputs.actions;
      return { regs: [withInputs(binding, { actions: [kmsi, { id: "act_x", displayName: "audit" }, risk] })] };
    },
    violations: [
      'The post-login binding runs "kmsi" → "audit" → "risk": "risk" must run before "kmsi", so a session the ' +
        "risk rules revoke is never extended.",
    ],
  },
  {
    name: "the kmsi Action not deployed",
    policy: "actions-deployed",
    make: async () => ({
      regs: replace(run("prod").registrations, withInputs(byName("prod", "session-actions-kmsi"), { deploy: false })),
    }),
    violations: [
      'Action "kmsi" must set deploy: true (it is false): otherwise a code change stays an undeployed draft and the ' +
        "trigger keeps running the previous version.",
    ],
  },
  {
    name: "auth0:clientSecret stored in plaintext in the stack config",
    policy: "no-plaintext-credentials",
    make: async () => ({
      regs: run("prod").registrations,
      context: contextFor("prod", [{ key: "auth0:clientSecret", value: CLIENT_SECRET_LIKE, secret: false }]),
    }),
    violations: [
      "Stack config auth0:clientSecret is stored in plaintext in Pulumi.prod.yaml: remove it and set it with " +
        "`pulumi config set --secret auth0:clientSecret <value> --stack prod`, or pass it to the provider from the " +
        "environment (AUTH0_CLIENT_SECRET) / a Pulumi ESC environment.",
    ],
  },
  {
    name: "no stack config from the engine (cannot verify: fail closed)",
    policy: "no-plaintext-credentials",
    make: async () => ({ regs: run("dev").registrations, context: null }),
    violations: [
      "Cannot verify that the Auth0 credentials in the stack config are secrets: the Pulumi engine did not send the " +
        "stack's config to the policy pack (it needs a Pulumi CLI that sends AnalyzerStackConfigure, e.g. 3.246).",
    ],
  },
  {
    name: "a client secret hard-coded into an Action secret",
    policy: "no-hardcoded-credentials",
    make: async () => {
      const risk = byName("dev", "session-actions-risk");
      const secrets = [...risk.inputs.secrets, { name: "MGMT_CLIENT_SECRET", value: CLIENT_SECRET_LIKE }];
      return { regs: replace(run("dev").registrations, withInputs(risk, { secrets })) };
    },
    violations: [
      'auth0:index/action:Action "session-actions-risk" input secrets[3].value looks like a credential (client ' +
        "secret, API token or private key): keep credentials out of resource inputs and stack files; read them with " +
        "`config.requireSecret` / Pulumi ESC.",
    ],
  },
];

describe.each(CASES)("$policy fails on $name", ({ policy: name, make, violations }) => {
  it("with the exact violation", async () => {
    const { regs, context } = await make();
    setStackContext(context === null ? undefined : (context ?? contextFor("prod")));
    const found = STACK_POLICIES.includes(name)
      ? await stackViolations(name, regs)
      : await resourceViolations(name, regs);
    expect(found).toEqual(violations);
  });
});

/** Lifetimes at the limits, which Auth0 stores exactly: no violation. */
const ACCEPTED_LIFETIMES: { name: string; inputs: Record<string, number> }[] = [
  {
    name: "the tenant minima: 1m persistent, 2m ephemeral",
    inputs: { idleSessionLifetime: hours("1m"), idleEphemeralSessionLifetime: hours("2m") },
  },
  {
    name: "59m, the longest lifetime stored in minutes",
    inputs: { idleSessionLifetime: hours("59m"), idleEphemeralSessionLifetime: hours("59m") },
  },
  {
    name: "1h, the shortest stored in whole hours",
    inputs: { idleSessionLifetime: hours("1h"), idleEphemeralSessionLifetime: hours("1h") },
  },
  {
    name: "the enterprise maxima, idle equal to absolute",
    inputs: {
      idleSessionLifetime: hours("100d"),
      sessionLifetime: hours("365d"),
      idleEphemeralSessionLifetime: hours("100d"),
      ephemeralSessionLifetime: hours("100d"),
    },
  },
];

it.each(ACCEPTED_LIFETIMES)("session-lifetimes-within-plan accepts $name", async ({ inputs }) => {
  setStackContext(contextFor("dev"));
  expect(await resourceViolations("session-lifetimes-within-plan", [withInputs(one("dev", TENANT), inputs)])).toEqual(
    [],
  );
});

it.each(RESOURCE_POLICIES)("%s reports nothing on a resource of a type it does not check", async (name) => {
  setStackContext(contextFor("dev"));
  const stranger: Registration = {
    ...one("dev", TENANT),
    type: "auth0:index/client:Client",
    urn: "urn:pulumi:prod::auth0-sessions::auth0:index/client:Client::app",
    name: "app",
    inputs: {
      name: "app",
      deploy: false,
      trigger: "post-login",
      actions: [{ displayName: "kmsi" }, { displayName: "risk" }],
    },
  };
  expect(await resourceViolations(name, [stranger])).toEqual([]);
});

it("prod-cookie-non-persistent applies to production only: the same config on dev passes", async () => {
  const dev = await stackRun("dev", PERSISTENT_PROD);
  expect(dev.one(TENANT).inputs.sessionCookie).toEqual({ mode: "persistent" });
  expect(await resourceViolations("prod-cookie-non-persistent", dev.registrations)).toEqual([]);
});

it("no-hardcoded-credentials accepts a credential the program marked secret (encrypted in the state)", async () => {
  const risk = byName("dev", "session-actions-risk");
  const secrets = [...risk.inputs.secrets, { name: "MGMT_CLIENT_SECRET", value: CLIENT_SECRET_LIKE }];
  setSecretInputPaths(risk.urn, ["secrets[3].value"]);
  try {
    expect(await resourceViolations("no-hardcoded-credentials", [withInputs(risk, { secrets })])).toEqual([]);
  } finally {
    setSecretInputPaths(risk.urn, []);
  }
});
