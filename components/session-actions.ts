import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { readActionBundle } from "../actions/bundles";
import { ACTION_NAMES, KMSI_SECRETS, POST_LOGIN_TRIGGER, RISK_SECRETS } from "../auth0";
import {
  type ActionsConfig,
  ConfigError,
  type ConfigProblem,
  type KeepMeSignedInConfig,
  type RiskConfig,
} from "../config";

export interface SessionActionsArgs {
  /**
   * The `actions` config section: `runtime` is the Node.js runtime of both Actions. Its `keepBound` names come
   * looked up, as `keepBound` below.
   */
  actions: ActionsConfig;
  /**
   * The `keepMeSignedIn` config section: when `enabled`, the kmsi Action is declared, with a trusted device's
   * `trustedDevice.absolute` and `trustedDevice.idle` lifetimes (milliseconds) as its secrets. (The `label` is the
   * checkbox's, components/universal-login.)
   */
  keepMeSignedIn: KeepMeSignedInConfig;
  /**
   * The `risk` config section: the risk Action is declared when any rule is on (riskEnabled), with each rule as a
   * secret: `networkBinding` (revoke a session whose ASN or IP changed, or `off`), `connectionLifetimes` (honour
   * `session_timeout` in connection metadata) and `organizationIdle` (honour `idle_session_timeout` in
   * organization metadata).
   */
  risk: RiskConfig;
  /** `actions.keepBound` looked up (lookUpKeptActions): Actions managed elsewhere that stay bound, after ours. */
  keepBound: KeptAction[];
}

/** Whether the risk Action is declared: some rule is on. With every rule off it would do nothing on each login. */
export function riskEnabled(risk: RiskConfig): boolean {
  return risk.networkBinding !== "off" || risk.connectionLifetimes || risk.organizationIdle;
}

/**
 * The post-login Actions and their binding.
 *
 * `auth0.TriggerActions` owns the whole post-login trigger: whatever it does not list is unbound. So Actions
 * managed elsewhere (looked up by name beforehand: lookUpKeptActions) are listed after ours, never silently
 * dropped. Risk runs before kmsi so that a revoked session is never extended. The binding references the Actions' ids, so Pulumi unbinds
 * before it deletes an Action (Auth0 answers 409 to deleting a bound Action).
 */
export class SessionActions extends pulumi.ComponentResource {
  public readonly kmsi?: auth0.Action;
  public readonly risk?: auth0.Action;
  public readonly binding?: auth0.TriggerActions;

  constructor(name: string, args: SessionActionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sessions:index:SessionActions", name, {}, opts);

    const action = (suffix: keyof typeof ACTION_NAMES, code: string, secrets: Record<string, string>) =>
      new auth0.Action(
        `${name}-${suffix}`,
        {
          name: ACTION_NAMES[suffix],
          code,
          runtime: args.actions.runtime,
          deploy: true,
          supportedTriggers: POST_LOGIN_TRIGGER,
          secrets: Object.entries(secrets).map(([secretName, value]) => ({ name: secretName, value })),
        },
        { parent: this },
      );

    // Each Action's code is its bundle (dist/actions/<name>.js), one for every stack; its secrets carry the config.
    const { keepMeSignedIn, risk } = args;
    if (riskEnabled(risk)) {
      this.risk = action("risk", readActionBundle("risk"), {
        [RISK_SECRETS.networkBinding]: risk.networkBinding,
        [RISK_SECRETS.connectionLifetimes]: risk.connectionLifetimes ? "on" : "off",
        [RISK_SECRETS.organizationIdle]: risk.organizationIdle ? "on" : "off",
      });
    }
    if (keepMeSignedIn.enabled) {
      this.kmsi = action("kmsi", readActionBundle("kmsi"), {
        [KMSI_SECRETS.trustedAbsoluteMs]: String(keepMeSignedIn.trustedDevice.absolute),
        [KMSI_SECRETS.trustedIdleMs]: String(keepMeSignedIn.trustedDevice.idle),
      });
    }

    const ours = [this.risk, this.kmsi].filter((a): a is auth0.Action => a !== undefined);
    // Declared whenever something must stay bound: with neither of ours but kept Actions, deleting the binding
    // would empty the trigger and unbind them.
    if (ours.length > 0 || args.keepBound.length > 0) {
      this.binding = new auth0.TriggerActions(
        `${name}-post-login`,
        {
          trigger: POST_LOGIN_TRIGGER.id,
          actions: [...ours.map((a) => ({ id: a.id, displayName: a.name })), ...args.keepBound],
        },
        { parent: this },
      );
    }

    this.registerOutputs({ kmsi: this.kmsi, risk: this.risk, binding: this.binding });
  }
}

/** An Action managed elsewhere, as the binding lists it. */
export interface KeptAction {
  id: string;
  displayName: string;
}

/** How one Action is looked up by name: `auth0.getAction` in the program, a stand-in in tests. */
export type ActionLookup = (name: string) => Promise<Pick<auth0.GetActionResult, "id" | "name" | "supportedTriggers">>;

/**
 * The provider's `getAction` answer when the name matches no Action or more than one: it lists by
 * `actionName` and accepts exactly one match (action/data_source.go:61-72, `No action found with "name" = %q`).
 * Matched anywhere in the message, which the engine may wrap.
 */
const NOT_EXACTLY_ONE = 'No action found with "name" = ';

/**
 * Looks up every `actions.keepBound` name with the provider's data source and returns their binding entries, or
 * throws one error in the config's house style that names every kept Action that cannot be bound: a name that
 * matches no Action or several (the provider cannot tell which), or an Action of another trigger. Binding those
 * would fail at `pulumi up` or unbind the wrong Action; this says so at `pulumi preview`, before any resource is
 * declared.
 */
export async function lookUpKeptActions(
  names: readonly string[],
  lookUp: ActionLookup = (actionName) => auth0.getAction({ name: actionName }),
  options: { secret?: boolean } = {},
): Promise<KeptAction[]> {
  // Each answer with the name it answers, so a failed lookup still knows which name it was for.
  const answers = await Promise.all(
    names.map((actionName) =>
      lookUp(actionName).then(
        (value) => ({ actionName, status: "fulfilled" as const, value }),
        (reason: unknown) => ({ actionName, status: "rejected" as const, reason }),
      ),
    ),
  );
  const problems: ConfigProblem[] = [];
  const kept: KeptAction[] = [];
  answers.forEach((answer, index) => {
    const { actionName } = answer;
    // `actions` set with --secret: its names are never restated, not even inside the provider's message.
    const hide = (text: string) => (options.secret ? text.split(actionName).join("[secret]") : text);
    const problem = (rule: string) =>
      problems.push({
        path: `actions.keepBound.${index}`,
        value: options.secret ? "[secret]" : JSON.stringify(actionName),
        rule: hide(rule),
      });
    if (answer.status === "rejected") {
      const message = answer.reason instanceof Error ? answer.reason.message : String(answer.reason);
      if (message.includes(NOT_EXACTLY_ONE))
        problem("must name exactly one Action of this tenant: none or several have this name");
      else problem(`could not be looked up: ${message.replace(/\s+/g, " ").trim()}`);
      return;
    }
    const found = answer.value;
    const triggers = found.supportedTriggers.map((trigger) => trigger.id);
    if (!triggers.includes(POST_LOGIN_TRIGGER.id)) {
      problem(`is ${triggers.length > 0 ? `a ${triggers.join(", ")}` : "an"} Action, not a post-login one`);
    } else if (!found.id) {
      problem("was found without an id");
    } else {
      kept.push({ id: found.id, displayName: found.name || actionName });
    }
  });
  // Pulumi reports a RunError as its message alone, like the config errors (config/read.ts).
  if (problems.length > 0) throw new pulumi.RunError(new ConfigError(problems).message);
  return kept;
}
