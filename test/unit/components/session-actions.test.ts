/**
 * SessionActions constructed alone under Pulumi's mocks, with base args (the `actions`, `keepMeSignedIn` and
 * `risk` sections as the schema types them, and the kept Actions as looked up): which Actions exist, their exact
 * inputs (the one bundle each, the sections' values as secrets) and the binding's order and dependencies.
 */
import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { actionBundlePath } from "../../../actions/bundles";
import { riskEnabled, SessionActions, type SessionActionsArgs } from "../../../components";
import { DAY_MS, HOUR_MS, type RiskConfig } from "../../../config";
import { buildActions, runDeclarations } from "../../testkit";

const T = {
  component: "auth0-sessions:index:SessionActions",
  action: "auth0:index/action:Action",
  binding: "auth0:index/triggerActions:TriggerActions",
} as const;
const POST_LOGIN = { id: "post-login", version: "v3" };
const RISK_ON: RiskConfig = { networkBinding: "asn", connectionLifetimes: true, organizationIdle: true };
const RISK_OFF: RiskConfig = { networkBinding: "off", connectionLifetimes: false, organizationIdle: false };
const BASE: SessionActionsArgs = {
  actions: { runtime: "node22", keepBound: [] },
  keepMeSignedIn: {
    enabled: true,
    label: "Keep me signed in on this device",
    trustedDevice: { absolute: 7 * DAY_MS, idle: 3 * DAY_MS },
  },
  risk: RISK_ON,
  keepBound: [],
};
const KMSI_OFF = { ...BASE.keepMeSignedIn, enabled: false };
const KEPT = [
  { id: "act_fraud", displayName: "fraud-score" },
  { id: "act_audit", displayName: "audit-log" },
];

let bundles: { kmsi: string; risk: string };
beforeAll(async () => {
  // The component reads dist/actions/<name>.js: built now, so it never deploys a stale bundle here.
  await buildActions();
  bundles = {
    kmsi: fs.readFileSync(actionBundlePath("kmsi"), "utf8"),
    risk: fs.readFileSync(actionBundlePath("risk"), "utf8"),
  };
});

const declare = (args: SessionActionsArgs, opts?: { protect: boolean }) =>
  runDeclarations(() => {
    const actions = new SessionActions("actions", args, opts);
    return { kmsi: actions.kmsi?.id, risk: actions.risk?.id, binding: actions.binding?.id };
  });

type Secrets = Record<string, string>;
interface Expected {
  runtime: string;
  /** The risk Action's secrets, or undefined when it is not declared. */
  risk?: Secrets;
  /** The kmsi Action's secrets, or undefined when it is not declared. */
  kmsi?: Secrets;
  /** The binding's list, or undefined when there is no binding. */
  bound?: { id: string; displayName: string }[];
}
const RISK_SECRETS_ON = { NETWORK_BINDING: "asn", CONNECTION_LIFETIMES: "on", ORGANIZATION_IDLE: "on" };
const KMSI_SECRETS_BASE = { TRUSTED_ABSOLUTE_MS: "604800000", TRUSTED_IDLE_MS: "259200000" };
const RISK_BOUND = { id: "actions-risk-id", displayName: "risk" };
const KMSI_BOUND = { id: "actions-kmsi-id", displayName: "kmsi" };

describe("SessionActions alone", () => {
  it.each<[string, Partial<SessionActionsArgs>, Expected]>([
    [
      "base args: risk then kmsi, both bound",
      {},
      { runtime: "node22", risk: RISK_SECRETS_ON, kmsi: KMSI_SECRETS_BASE, bound: [RISK_BOUND, KMSI_BOUND] },
    ],
    [
      "node18, IP binding, connection lifetimes off, a trusted device for 30 days idle 12 hours",
      {
        actions: { runtime: "node18", keepBound: [] },
        risk: { networkBinding: "ip", connectionLifetimes: false, organizationIdle: true },
        keepMeSignedIn: { ...BASE.keepMeSignedIn, trustedDevice: { absolute: 30 * DAY_MS, idle: 12 * HOUR_MS } },
      },
      {
        runtime: "node18",
        risk: { NETWORK_BINDING: "ip", CONNECTION_LIFETIMES: "off", ORGANIZATION_IDLE: "on" },
        kmsi: { TRUSTED_ABSOLUTE_MS: "2592000000", TRUSTED_IDLE_MS: "43200000" },
        bound: [RISK_BOUND, KMSI_BOUND],
      },
    ],
    [
      "KMSI disabled: risk alone",
      { keepMeSignedIn: KMSI_OFF },
      { runtime: "node22", risk: RISK_SECRETS_ON, bound: [RISK_BOUND] },
    ],
    [
      "every risk rule off: kmsi alone",
      { risk: RISK_OFF },
      { runtime: "node22", kmsi: KMSI_SECRETS_BASE, bound: [KMSI_BOUND] },
    ],
    [
      "only organization idle on: the risk Action still runs, with the binding off",
      { risk: { ...RISK_OFF, organizationIdle: true }, keepMeSignedIn: KMSI_OFF },
      {
        runtime: "node22",
        risk: { NETWORK_BINDING: "off", CONNECTION_LIFETIMES: "off", ORGANIZATION_IDLE: "on" },
        bound: [RISK_BOUND],
      },
    ],
    [
      "kept Actions: bound after ours, in their order",
      { keepBound: KEPT },
      { runtime: "node22", risk: RISK_SECRETS_ON, kmsi: KMSI_SECRETS_BASE, bound: [RISK_BOUND, KMSI_BOUND, ...KEPT] },
    ],
    [
      "neither of ours, kept Actions: the binding stays, so they are never unbound",
      { keepMeSignedIn: KMSI_OFF, risk: RISK_OFF, keepBound: KEPT },
      { runtime: "node22", bound: KEPT },
    ],
    [
      "neither of ours and nothing kept: no Action, no binding (the trigger is left alone)",
      { keepMeSignedIn: KMSI_OFF, risk: RISK_OFF },
      { runtime: "node22" },
    ],
  ])("%s", async (_case, override, expected) => {
    const run = await declare({ ...BASE, ...override });
    const component = run.one(T.component);
    const actions = run.ofType(T.action);
    expect(actions.map((a) => a.name).sort()).toEqual(
      [...(expected.risk ? ["actions-risk"] : []), ...(expected.kmsi ? ["actions-kmsi"] : [])].sort(),
    );
    for (const name of ["risk", "kmsi"] as const) {
      const secrets = expected[name];
      const action = actions.find((a) => a.name === `actions-${name}`);
      if (!secrets || !action) continue;
      expect(action.inputs).toEqual({
        name,
        code: bundles[name],
        runtime: expected.runtime,
        deploy: true,
        supportedTriggers: POST_LOGIN,
        secrets: Object.entries(secrets).map(([secret, value]) => ({ name: secret, value })),
      });
      expect(action).toMatchObject({ parent: component.urn, dependencies: [], protect: false, retainOnDelete: false });
    }

    const bindings = run.ofType(T.binding);
    if (expected.bound) {
      expect(bindings.map((b) => b.name)).toEqual(["actions-post-login"]);
      expect(bindings[0].inputs).toEqual({ trigger: "post-login", actions: expected.bound });
      // The binding references our Actions' ids: Pulumi unbinds before it deletes an Action.
      expect(bindings[0].dependencies.sort()).toEqual(actions.map((a) => a.urn).sort());
      expect(bindings[0].parent).toBe(component.urn);
    } else {
      expect(bindings).toEqual([]);
    }
    expect(run.outputs).toEqual({
      kmsi: expected.kmsi ? "actions-kmsi-id" : undefined,
      risk: expected.risk ? "actions-risk-id" : undefined,
      binding: expected.bound ? "actions-post-login-id" : undefined,
    });
  });

  it.each([
    [{ protect: true }, [true, true, true, true]],
    [undefined, [false, false, false, false]],
  ])("with the options %j, the component and its children are protected: %j (inherited)", async (opts, protect) => {
    const run = await declare(BASE, opts);
    expect(run.registrations.map((r) => r.protect)).toEqual(protect);
  });
});

describe("riskEnabled: the risk Action exists when any rule is on", () => {
  it.each<[RiskConfig, boolean]>([
    [RISK_OFF, false],
    [{ ...RISK_OFF, networkBinding: "asn" }, true],
    [{ ...RISK_OFF, networkBinding: "ip" }, true],
    [{ ...RISK_OFF, connectionLifetimes: true }, true],
    [{ ...RISK_OFF, organizationIdle: true }, true],
    [RISK_ON, true],
  ])("%j: %s", (risk, enabled) => {
    expect(riskEnabled(risk)).toBe(enabled);
  });
});
