import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { ACTION_NAMES, KMSI_SECRETS, type NetworkBinding, POST_LOGIN_TRIGGER, RISK_SECRETS } from "../auth0";
import { ConfigError, type ConfigProblem } from "../config";

export interface KmsiActionArgs {
  /** The bundled kmsi Action code. */
  code: string;
  /** Absolute lifetime of a trusted device's session, in milliseconds. */
  trustedAbsoluteMs: number;
  /** Inactivity timeout of a trusted device's session, in milliseconds. */
  trustedIdleMs: number;
}

export interface RiskActionArgs {
  /** The bundled risk Action code. */
  code: string;
  /** Revoke a session whose ASN or IP changed, or never (`off`). */
  networkBinding: NetworkBinding;
  /** Honour `session_timeout` (ms) in connection metadata. */
  connectionLifetimes: boolean;
  /** Honour `idle_session_timeout` (ms) in organization metadata. */
  organizationIdle: boolean;
}

export interface SessionActionsArgs {
  /** The Node.js runtime of both Actions. */
  runtime: "node22" | "node18";
  /** The Keep Me Signed In Action; absent when KMSI is disabled. */
  kmsi?: KmsiActionArgs;
  /** The risk Action; absent when every risk rule is off. */
  risk?: RiskActionArgs;
  /** Post-login Actions managed elsewhere that must stay bound, in this order, after ours (lookUpKeptActions). */
  keepBound: KeptAction[];
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
          runtime: args.runtime,
          deploy: true,
          supportedTriggers: POST_LOGIN_TRIGGER,
          secrets: Object.entries(secrets).map(([secretName, value]) => ({ name: secretName, value })),
        },
        { parent: this },
      );

    if (args.risk) {
      this.risk = action("risk", args.risk.code, {
        [RISK_SECRETS.networkBinding]: args.risk.networkBinding,
        [RISK_SECRETS.connectionLifetimes]: args.risk.connectionLifetimes ? "on" : "off",
        [RISK_SECRETS.organizationIdle]: args.risk.organizationIdle ? "on" : "off",
      });
    }
    if (args.kmsi) {
      this.kmsi = action("kmsi", args.kmsi.code, {
        [KMSI_SECRETS.trustedAbsoluteMs]: String(args.kmsi.trustedAbsoluteMs),
        [KMSI_SECRETS.trustedIdleMs]: String(args.kmsi.trustedIdleMs),
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
  const answers = await Promise.allSettled(names.map((actionName) => lookUp(actionName)));
  const problems: ConfigProblem[] = [];
  const kept: KeptAction[] = [];
  answers.forEach((answer, index) => {
    const actionName = names[index];
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
