/**
 * The policies of the pack, and the checks they run as plain functions (exported for the tests).
 *
 * Every policy is mandatory: a violation fails `pulumi preview` and blocks `pulumi up`.
 *
 * Resource policies see a resource's inputs as the program declares them (after the provider's check), before
 * anything reaches Auth0. The stack policy sees the stack's config as the engine hands it to policy packs
 * (see stackContext.ts).
 */
import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ACTION_NAMES, CHOICES, PLAN_LIMITS, MIN_LIFETIME_MS, PRODUCTION_STACKS, type Plan } from "../components/config";
import { HOUR_MS, formatDuration } from "../components/duration";
import { currentStackContext, secretInputPaths, type StackContext } from "./stackContext";

export const TYPES = {
  tenant: "auth0:index/tenant:Tenant",
  action: "auth0:index/action:Action",
  triggerActions: "auth0:index/triggerActions:TriggerActions",
} as const;

/** Stacks whose tenant serves real users (one list, shared with the program's `protect`). */
export { PRODUCTION_STACKS } from "../components/config";

/** Provider config keys that hold credentials: they must be stored encrypted (`pulumi config set --secret`). */
export const CREDENTIAL_CONFIG_KEYS = ["auth0:clientSecret", "auth0:apiToken", "auth0:clientAssertionPrivateKey"] as const;

/** What a check needs of a resource: what @pulumi/policy hands to validateResource (and validateStack). */
export interface ResourceLike {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → the stack. */
export function stackOf(urn: string): string {
  const prefix = "urn:pulumi:";
  return urn.startsWith(prefix) ? urn.slice(prefix.length, urn.indexOf("::")) : "";
}

// ---------------------------------------------------------------------------------------------------------
// prod-cookie-non-persistent

export function prodCookieViolations(resource: ResourceLike): string[] {
  if (resource.type !== TYPES.tenant) return [];
  const stack = stackOf(resource.urn);
  if (!PRODUCTION_STACKS.includes(stack)) return [];
  const mode: unknown = resource.props.sessionCookie?.mode;
  if (mode === "non-persistent") return [];
  const actual = mode === undefined ? "not set (Auth0's default is persistent)" : JSON.stringify(mode);
  return [
    `Stack "${stack}" is production: the tenant's default session cookie must be non-persistent, ` +
      `but sessionCookie.mode is ${actual}. Only a ticked "Keep me signed in" box may make a session persistent.`,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// session-lifetimes-within-plan

/** The tenant's lifetime inputs (hours), by kind of session. */
export const LIFETIME_FIELDS = {
  persistent: { idle: "idleSessionLifetime", absolute: "sessionLifetime" },
  ephemeral: { idle: "idleEphemeralSessionLifetime", absolute: "ephemeralSessionLifetime" },
} as const;

const hours = (ms: number) => ms / HOUR_MS;
const describeHours = (h: number) => `${h} h (${formatDuration(h * HOUR_MS)})`;

/**
 * Each of the four lifetimes is set, at least 1 minute and at most the plan's maximum, and idle ≤ absolute.
 * The plan is the stack's `auth0-sessions:plan` when the engine sent the stack config, else enterprise: the
 * highest maxima Auth0 allows at all (100 days idle, 365 days absolute).
 */
export function lifetimeViolations(resource: ResourceLike, plan: Plan = "enterprise"): string[] {
  if (resource.type !== TYPES.tenant) return [];
  const limits = PLAN_LIMITS[plan];
  const violations: string[] = [];
  for (const [kind, fields] of Object.entries(LIFETIME_FIELDS)) {
    const values: Record<"idle" | "absolute", number | undefined> = { idle: undefined, absolute: undefined };
    for (const which of ["idle", "absolute"] as const) {
      const field = fields[which];
      const value: unknown = resource.props[field];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        violations.push(
          `${field} (${kind} ${which} lifetime) must be set explicitly in hours, but is ${value === undefined ? "not set" : JSON.stringify(value)}: ` +
            "the provider resets an unset lifetime to its own default.",
        );
        continue;
      }
      values[which] = value;
      if (value > hours(limits[which])) {
        violations.push(
          `${field} (${kind} ${which} lifetime) is ${describeHours(value)}; the ${plan} plan allows at most ${describeHours(hours(limits[which]))}.`,
        );
      } else if (value < hours(MIN_LIFETIME_MS)) {
        violations.push(
          `${field} (${kind} ${which} lifetime) is ${value} h; Auth0 requires at least ${formatDuration(MIN_LIFETIME_MS)}.`,
        );
      }
    }
    if (values.idle !== undefined && values.absolute !== undefined && values.idle > values.absolute) {
      violations.push(
        `${fields.idle} (${describeHours(values.idle)}) must not exceed ${fields.absolute} (${describeHours(values.absolute)}): ` +
          `${kind === "ephemeral" ? "an" : "a"} ${kind} session cannot stay idle longer than it may live.`,
      );
    }
  }
  return violations;
}

/** The stack's plan from its config, when the engine sent it and it is a known plan. */
export function planOf(context: StackContext | undefined): Plan {
  const plan = context?.config.get("auth0-sessions:plan");
  return (CHOICES.plan as readonly string[]).includes(plan ?? "") ? (plan as Plan) : "enterprise";
}

// ---------------------------------------------------------------------------------------------------------
// risk-before-kmsi

/** In the post-login binding, the risk Action comes before kmsi (by display name, in binding order). */
export function bindingOrderViolations(resource: ResourceLike): string[] {
  if (resource.type !== TYPES.triggerActions || resource.props.trigger !== "post-login") return [];
  const actions: unknown = resource.props.actions;
  const names = Array.isArray(actions) ? actions.map((a) => (a as { displayName?: unknown })?.displayName) : [];
  const risk = names.indexOf(ACTION_NAMES.risk);
  const kmsi = names.indexOf(ACTION_NAMES.kmsi);
  if (risk < 0 || kmsi < 0 || risk < kmsi) return [];
  return [
    `The post-login binding runs ${names.map((n) => JSON.stringify(n ?? null)).join(" → ")}: ` +
      `"${ACTION_NAMES.risk}" must run before "${ACTION_NAMES.kmsi}", so a session the risk rules revoke is never extended.`,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// actions-deployed

export function actionDeployViolations(resource: ResourceLike): string[] {
  if (resource.type !== TYPES.action || resource.props.deploy === true) return [];
  const name = typeof resource.props.name === "string" ? resource.props.name : resource.name;
  return [
    `Action "${name}" must set deploy: true (it is ${JSON.stringify(resource.props.deploy ?? null)}): ` +
      "otherwise a code change stays an undeployed draft and the trigger keeps running the previous version.",
  ];
}

// ---------------------------------------------------------------------------------------------------------
// no-plaintext-credentials (stack config) and no-hardcoded-credentials (resource inputs)

export function plaintextConfigViolations(context: StackContext | undefined): string[] {
  if (!context) {
    return [
      "Cannot verify that the Auth0 credentials in the stack config are secrets: the Pulumi engine did not send " +
        "the stack's config to the policy pack (it needs a Pulumi CLI that sends AnalyzerStackConfigure, e.g. 3.246).",
    ];
  }
  return CREDENTIAL_CONFIG_KEYS.filter((key) => context.configKeys.has(key) && !context.secretKeys.has(key)).map(
    (key) =>
      `Stack config ${key} is stored in plaintext in Pulumi.${context.stack}.yaml: remove it and set it with ` +
      `\`pulumi config set --secret ${key} <value> --stack ${context.stack}\`, or pass it to the provider from the ` +
      "environment (AUTH0_CLIENT_SECRET) / a Pulumi ESC environment.",
  );
}

const CLIENT_SECRET_LIKE = /^[A-Za-z0-9_-]{48,}$/;
const JWT_LIKE = /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/** Whether a string looks like a credential: an Auth0 client secret, a Management API token or a private key. */
export function looksLikeCredential(value: string): boolean {
  if (PRIVATE_KEY.test(value) || JWT_LIKE.test(value)) return true;
  return CLIENT_SECRET_LIKE.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

/** Property paths of a resource's inputs whose values look like credentials. */
export function credentialPaths(value: unknown, path = ""): string[] {
  if (typeof value === "string") return looksLikeCredential(value) ? [path || "(value)"] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => credentialPaths(item, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      credentialPaths(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * @param secretInputs paths of the inputs the program marked secret (encrypted in the state, so not plaintext):
 *   a credential at or below one of them is fine.
 */
export function hardcodedCredentialViolations(resource: ResourceLike, secretInputs: ReadonlySet<string> = new Set()): string[] {
  // The provider's own credentials come from the stack config, checked by no-plaintext-credentials.
  if (resource.type.startsWith("pulumi:providers:")) return [];
  const isSecret = (path: string) =>
    [...secretInputs].some((secret) => path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`));
  return credentialPaths(resource.props).filter((path) => !isSecret(path)).map(
    (path) =>
      `${resource.type} "${resource.name}" input ${path} looks like a credential (client secret, API token or private key): ` +
      "keep credentials out of resource inputs and stack files; read them with `config.requireSecret` / Pulumi ESC.",
  );
}

// ---------------------------------------------------------------------------------------------------------
// The policies

const report = (violations: string[], reportViolation: ReportViolation) => violations.forEach((v) => reportViolation(v));

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  {
    name: "prod-cookie-non-persistent",
    description: "Production's tenant default session cookie is non-persistent (only a ticked KMSI box persists a session).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => report(prodCookieViolations(args), reportViolation),
  },
  {
    name: "session-lifetimes-within-plan",
    description: "Tenant session lifetimes are set, within the Auth0 plan's maxima, and idle ≤ absolute.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) =>
      report(lifetimeViolations(args, planOf(currentStackContext())), reportViolation),
  },
  {
    name: "risk-before-kmsi",
    description: "The risk Action is bound before the kmsi Action on the post-login trigger.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => report(bindingOrderViolations(args), reportViolation),
  },
  {
    name: "actions-deployed",
    description: "Every Action is deployed (deploy: true).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => report(actionDeployViolations(args), reportViolation),
  },
  {
    name: "no-plaintext-credentials",
    description: "Auth0 credentials in the stack config are secrets (auth0:clientSecret, auth0:apiToken, ...).",
    enforcementLevel: "mandatory",
    validateStack: (_args, reportViolation) => report(plaintextConfigViolations(currentStackContext()), reportViolation),
  },
  {
    name: "no-hardcoded-credentials",
    description: "No resource input holds a plaintext value that looks like a credential (secret inputs are fine).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) =>
      report(hardcodedCredentialViolations(args, secretInputPaths(args.urn)), reportViolation),
  },
];
