/**
 * Policies on the tenant's session settings (`auth0.Tenant`): the default cookie mode on production, and the four
 * session lifetimes.
 *
 * The limits are read from the program's own config module (components/), which owns them.
 */
import * as auth0 from "@pulumi/auth0";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import {
  CHOICES,
  CONFIG_NAMESPACE,
  MIN_LIFETIME_MS,
  PLAN_LIMITS,
  PRODUCTION_STACKS,
  type LifetimeKind,
  type Plan,
} from "../components/config";
import {
  HOUR_MS,
  MINUTE_MS,
  formatDuration,
} from "../components/duration";
import { currentStackContext, type StackContext } from "./stackContext";

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → the stack. */
export function stackOf(urn: string): string {
  const prefix = "urn:pulumi:";
  return urn.startsWith(prefix) ? urn.slice(prefix.length, urn.indexOf("::")) : "";
}

export const prodCookieNonPersistent: ResourceValidationPolicy = {
  name: "prod-cookie-non-persistent",
  description: "Production's tenant default session cookie is non-persistent (only a ticked KMSI box persists a session).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(auth0.Tenant, (tenant, args, reportViolation) => {
    const stack = stackOf(args.urn);
    if (!PRODUCTION_STACKS.includes(stack)) return;
    const mode = tenant.sessionCookie?.mode;
    if (mode === "non-persistent") return;
    const actual = mode === undefined ? "not set (Auth0's default is persistent)" : JSON.stringify(mode);
    reportViolation(
      `Stack "${stack}" is production: the tenant's default session cookie must be non-persistent, ` +
        `but sessionCookie.mode is ${actual}. Only a ticked "Keep me signed in" box may make a session persistent.`,
    );
  }),
};

// ---------------------------------------------------------------------------------------------------------
// session-lifetimes-within-plan

/** The tenant's lifetime inputs (hours), by kind of session. */
export const LIFETIME_FIELDS = {
  persistent: { idle: "idleSessionLifetime", absolute: "sessionLifetime" },
  ephemeral: { idle: "idleEphemeralSessionLifetime", absolute: "ephemeralSessionLifetime" },
} as const satisfies Record<LifetimeKind, Record<"idle" | "absolute", keyof auth0.TenantArgs>>;

type TenantInputs = Partial<Record<(typeof LIFETIME_FIELDS)[LifetimeKind]["idle" | "absolute"], number>>;

/**
 * Hours as the provider takes them → milliseconds. Whole minutes in hours are not exact binary fractions
 * (2 min is 0.0333… h), so the product is rounded to the millisecond, far below any limit checked here.
 */
const msOf = (hours: number) => Math.round(hours * HOUR_MS);
/** `336 h (14d)`; the duration only where it is exact, as formatDuration rounds to the minute. */
const describeHours = (hours: number) => {
  const ms = msOf(hours);
  return ms % MINUTE_MS === 0 ? `${hours} h (${formatDuration(ms)})` : `${hours} h`;
};

/** What is wrong with one lifetime that is set, or undefined: above the plan or below the minimum. */
function lifetimeProblem(hours: number, which: "idle" | "absolute", plan: Plan): string | undefined {
  const ms = msOf(hours);
  const max = PLAN_LIMITS[plan][which];
  if (ms > max) return `the ${plan} plan allows at most ${describeHours(max / HOUR_MS)}.`;
  if (ms < MIN_LIFETIME_MS) return `Auth0 requires at least ${formatDuration(MIN_LIFETIME_MS)}.`;
  return undefined;
}

/**
 * Each of the four lifetimes is set, at least 1 minute and at most the plan's maximum, and idle ≤ absolute. The plan is the stack's `auth0-sessions:plan` when the engine sent the stack
 * config, else enterprise: the highest maxima Auth0 allows at all (100 days idle, 365 days absolute).
 */
export function lifetimeViolations(tenant: TenantInputs, plan: Plan): string[] {
  const violations: string[] = [];
  for (const [kind, fields] of Object.entries(LIFETIME_FIELDS) as [LifetimeKind, (typeof LIFETIME_FIELDS)[LifetimeKind]][]) {
    const label = (which: "idle" | "absolute") => `${fields[which]} (${kind} ${which} lifetime)`;
    const values: Record<"idle" | "absolute", number | undefined> = { idle: undefined, absolute: undefined };
    for (const which of ["idle", "absolute"] as const) {
      const value: unknown = tenant[fields[which]];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        violations.push(
          `${label(which)} must be set explicitly in hours, but is ${value === undefined ? "not set" : JSON.stringify(value)}: ` +
            "the provider resets an unset lifetime to its own default.",
        );
        continue;
      }
      values[which] = value;
      const problem = lifetimeProblem(value, which, plan);
      if (problem) violations.push(`${label(which)} is ${describeHours(value)}; ${problem}`);
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
  const plan = context?.config.get(`${CONFIG_NAMESPACE}:plan`);
  return (CHOICES.plan as readonly string[]).includes(plan ?? "") ? (plan as Plan) : "enterprise";
}

export const sessionLifetimesWithinPlan: ResourceValidationPolicy = {
  name: "session-lifetimes-within-plan",
  description: "Tenant session lifetimes are set, within the Auth0 plan's maxima, and idle ≤ absolute.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(auth0.Tenant, (tenant, _args, reportViolation) => {
    for (const violation of lifetimeViolations(tenant, planOf(currentStackContext()))) reportViolation(violation);
  }),
};
