import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { KMSI_SECRETS, RISK_SECRETS, type NetworkBinding } from "../actions/parameters";
import { ACTION_NAMES } from "./config";

export const POST_LOGIN_TRIGGER = { id: "post-login", version: "v3" } as const;

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
  /** Names of post-login Actions managed elsewhere that must stay bound, in this order, after ours. */
  keepBound: string[];
}

/**
 * The post-login Actions and their binding.
 *
 * `auth0.TriggerActions` owns the whole post-login trigger: whatever it does not list is unbound. So Actions
 * managed elsewhere are looked up by name and listed after ours, never silently dropped. Risk runs before kmsi
 * so that a revoked session is never extended. The binding references the Actions' ids, so Pulumi unbinds
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
      const kept = args.keepBound.map((actionName) =>
        auth0.getActionOutput({ name: actionName }, { parent: this }).apply((found) => keptBinding(actionName, found)),
      );
      this.binding = new auth0.TriggerActions(
        `${name}-post-login`,
        {
          trigger: POST_LOGIN_TRIGGER.id,
          actions: [...ours.map((a) => ({ id: a.id, displayName: a.name })), ...kept],
        },
        { parent: this },
      );
    }

    this.registerOutputs({ kmsi: this.kmsi, risk: this.risk, binding: this.binding });
  }
}

/**
 * The binding entry of an Action managed elsewhere, as `auth0.getAction` found it. Binding an Action of another
 * trigger would only fail at `pulumi up`; this says so at preview.
 */
export function keptBinding(
  actionName: string,
  found: Pick<auth0.GetActionResult, "id" | "name" | "supportedTriggers">,
): { id: string; displayName: string } {
  if (!found.id || !found.supportedTriggers.some((trigger) => trigger.id === POST_LOGIN_TRIGGER.id)) {
    throw new Error(`actions.keepBound: "${actionName}" is not a post-login Action of this tenant`);
  }
  return { id: found.id, displayName: found.name ?? actionName };
}
