/**
 * Policies on the Actions (`auth0.Action`) and their post-login binding (`auth0.TriggerActions`).
 */
import * as auth0 from "@pulumi/auth0";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ACTION_NAMES, POST_LOGIN_TRIGGER } from "../auth0";

export const riskBeforeKmsi: ResourceValidationPolicy = {
  name: "risk-before-kmsi",
  description: "The risk Action is bound before the kmsi Action on the post-login trigger.",
  enforcementLevel: "mandatory",
  // By display name, in binding order: Actions kept bound from outside the stack may sit anywhere in between.
  validateResource: validateResourceOfType(auth0.TriggerActions, (binding, _args, reportViolation) => {
    if (binding.trigger !== POST_LOGIN_TRIGGER.id) return;
    const names = (binding.actions ?? []).map((action) => action?.displayName);
    const risk = names.indexOf(ACTION_NAMES.risk);
    const kmsi = names.indexOf(ACTION_NAMES.kmsi);
    if (risk < 0 || kmsi < 0 || risk < kmsi) return;
    reportViolation(
      `The post-login binding runs ${names.map((name) => JSON.stringify(name ?? null)).join(" → ")}: ` +
        `"${ACTION_NAMES.risk}" must run before "${ACTION_NAMES.kmsi}", so a session the risk rules revoke is never extended.`,
    );
  }),
};

export const actionsDeployed: ResourceValidationPolicy = {
  name: "actions-deployed",
  description: "Every Action is deployed (deploy: true).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(auth0.Action, (action, args, reportViolation) => {
    if (action.deploy === true) return;
    reportViolation(
      `Action "${action.name ?? args.name}" must set deploy: true (it is ${JSON.stringify(action.deploy ?? null)}): ` +
        "otherwise a code change stays an undeployed draft and the trigger keeps running the previous version.",
    );
  }),
};
