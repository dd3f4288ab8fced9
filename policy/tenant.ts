/**
 * Policies on the tenant's session settings (`auth0.Tenant`): the default cookie mode on production, and the four
 * session lifetimes.
 *
 * The limits are read from the program's own config module (config/), which owns them; nothing is restated.
 */
import * as auth0 from "@pulumi/auth0";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  auth0StoredTenantLifetime,
  CHOICES,
  CONFIG_NAMESPACE,
  formatDuration,
  HOUR_MS,
  MIN_LIFETIME_MS,
  MINUTE_MS,
  PLAN_LIMITS,
  PRODUCTION_STACKS,
  TENANT_MIN_LIFETIME_MS,
  TENANT_WHOLE_HOURS_FROM_MS,
} from "../config";
import { type LifetimeKind, type Plan, PROVIDER_MIN_LIFETIME_HOURS } from "../auth0";
import { currentStackContext, type StackContext } from "./stack-context";

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → the stack. */
export function stackOf(urn: string): string {
  const prefix = "urn:pulumi:";
  return urn.startsWith(prefix) ? urn.slice(prefix.length, urn.indexOf("::")) : "";
}

export const prodCookieNonPersistent: ResourceValidationPolicy = {
  name: "prod-cookie-non-persistent",
  description:
    "Production's tenant default session cookie is non-persistent (only a ticked KMSI box persists a session).",
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

/** What is wrong with one lifetime that is set, or undefined: above the plan, below the minimum, or not storable. */
function lifetimeProblem(
  kind: LifetimeKind,
  which: "idle" | "absolute",
  hours: number,
  plan: Plan,
): string | undefined {
  const ms = msOf(hours);
  const max = PLAN_LIMITS[plan][which];
  if (ms > max) return `the ${plan} plan allows at most ${describeHours(max / HOUR_MS)}.`;
  const min = TENANT_MIN_LIFETIME_MS[kind];
  if (ms < min) {
    // The same rule and wording as the config check: name the provider where its minimum, not our unit of a
    // minute, sets the limit (terraform-provider-auth0 v1.53.0 internal/auth0/tenant/resource.go:107-134).
    const why =
      min > MIN_LIFETIME_MS
        ? ` (the Auth0 provider refuses ${kind} lifetimes under ${PROVIDER_MIN_LIFETIME_HOURS[kind]} h)`
        : "";
    return `it must be at least ${formatDuration(min)}${why}.`;
  }
  // go-auth0 v1.45.0 sends a lifetime of 1 h or more in whole hours and a shorter one in whole minutes, rounded
  // (management/tenant.go:229-296; auth0StoredTenantLifetime): any other value is deployed as something else.
  const stored = auth0StoredTenantLifetime(ms);
  if (stored === ms) return undefined;
  const unit = ms >= TENANT_WHOLE_HOURS_FROM_MS ? HOUR_MS : MINUTE_MS;
  const rule =
    unit === HOUR_MS
      ? `Auth0 stores tenant lifetimes of ${formatDuration(TENANT_WHOLE_HOURS_FROM_MS)} or more in whole hours`
      : `Auth0 stores tenant lifetimes under ${formatDuration(TENANT_WHOLE_HOURS_FROM_MS)} in whole minutes`;
  const lower = Math.floor(ms / unit) * unit;
  return `${rule} and would keep ${formatDuration(stored)}: use ${formatDuration(lower)} or ${formatDuration(lower + unit)}.`;
}

/**
 * Each of the four lifetimes is set, within the plan's maximum, at least the tenant minimum, a value Auth0 stores
 * as it is, and idle ≤ absolute. The plan is the stack's `auth0-sessions:plan` when the engine sent the stack
 * config, else enterprise: the highest maxima Auth0 allows at all.
 */
export function lifetimeViolations(tenant: TenantInputs, plan: Plan): string[] {
  const violations: string[] = [];
  for (const [kind, fields] of Object.entries(LIFETIME_FIELDS) as [
    LifetimeKind,
    (typeof LIFETIME_FIELDS)[LifetimeKind],
  ][]) {
    const label = (which: "idle" | "absolute") => `${fields[which]} (${kind} ${which} lifetime)`;
    const values: Record<"idle" | "absolute", number | undefined> = { idle: undefined, absolute: undefined };
    for (const which of ["idle", "absolute"] as const) {
      const value: unknown = tenant[fields[which]];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        // The provider sends only the lifetimes that are set: terraform-provider-auth0 v1.53.0
        // internal/auth0/tenant/expand.go:25-28 reads them from the raw config (nil when unset, value.go:81-88), and
        // the fields are Optional + Computed (resource.go:107-134). An unset one keeps whatever the tenant has now.
        violations.push(
          `${label(which)} must be set explicitly in hours, but is ${value === undefined ? "not set" : JSON.stringify(value)}: ` +
            "the provider sends only the lifetimes it is given, so Auth0 would keep the tenant's current value.",
        );
        continue;
      }
      values[which] = value;
      const problem = lifetimeProblem(kind, which, value, plan);
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
  description:
    "Tenant session lifetimes are set, within the Auth0 plan's maxima, stored exactly by Auth0, and idle ≤ absolute.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(auth0.Tenant, (tenant, _args, reportViolation) => {
    for (const violation of lifetimeViolations(tenant, planOf(currentStackContext()))) reportViolation(violation);
  }),
};
