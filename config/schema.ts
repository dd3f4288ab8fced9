/**
 * The stack configuration's schema (namespace `auth0-sessions`): a tree of sections whose values are each
 * checked by a zod schema of their own, with the limits of one value beside it. The rules between values are in
 * rules.ts, the reading in read.ts, the reporting in problems.ts.
 *
 * This file is the single owner of every default and config limit: the components, the docs and the tests read
 * them from here (Auth0's own facts, which these derive from, are in auth0/).
 */
import { z } from "zod";
import {
  COOKIE_MODES,
  type LifetimeKind,
  LOGIN_FLOWS,
  NETWORK_BINDINGS,
  type Plan,
  PLAN_LIMIT_HOURS,
  PLANS,
  PROVIDER_MIN_LIFETIME_HOURS,
} from "../auth0";
import {
  auth0StoredTenantLifetime,
  formatDuration,
  HOUR_MS,
  MINUTE_MS,
  parseDuration,
  TENANT_WHOLE_HOURS_FROM_MS,
} from "./duration";
import { SECRET } from "./problems";

/** Auth0's session lifetime limits per plan (auth0/lifetimes.ts), in milliseconds. */
export const PLAN_LIMITS = Object.fromEntries(
  PLANS.map((plan) => [
    plan,
    { idle: PLAN_LIMIT_HOURS[plan].idle * HOUR_MS, absolute: PLAN_LIMIT_HOURS[plan].absolute * HOUR_MS },
  ]),
) as Record<Plan, { idle: number; absolute: number }>;
/** The shortest duration any key accepts: minutes are the unit (the Action-side lifetimes keep it). */
export const MIN_LIFETIME_MS = MINUTE_MS;

/** The shortest tenant lifetime we accept: the provider's minimum, up to a whole minute (1m and 2m). */
export const TENANT_MIN_LIFETIME_MS: Record<LifetimeKind, number> = {
  persistent: wholeMinutesAtLeast(PROVIDER_MIN_LIFETIME_HOURS.persistent * HOUR_MS),
  ephemeral: wholeMinutesAtLeast(PROVIDER_MIN_LIFETIME_HOURS.ephemeral * HOUR_MS),
};
/** Short enough that the escaped label keeps the partial far below Auth0's 10,000-character limit. */
export const LABEL_MAX_CHARS = 200;
/** Stacks whose tenant serves real users: their tenant settings and custom domain are protected. */
export const PRODUCTION_STACKS: readonly string[] = ["prod"];
/**
 * Longest `customDomain.verifyTimeout`. The provider waits 5 minutes by default (resource_verification.go:50-81),
 * often less than DNS takes. The deploy workflow's jobs stop after 30 minutes (timeout-minutes in
 * .github/workflows/deploy.yml): a wait GitHub cuts short leaves the update half applied, while Pulumi's own timeout
 * fails cleanly. 25 minutes leaves 5 for checkout, npm ci, the build, the refresh and the other resources.
 */
export const VERIFY_TIMEOUT_MAX_MS = 25 * MINUTE_MS;

/** The allowed values of every enumerated key. */
export const CHOICES = {
  plan: PLANS,
  cookieMode: COOKIE_MODES,
  certificates: ["auth0-managed", "self-managed"],
  loginFlow: LOGIN_FLOWS,
  networkBinding: NETWORK_BINDINGS,
  runtime: ["node22", "node18"],
} as const;

export const DEFAULTS = {
  sessions: {
    // Non-persistent, so only a ticked box makes a session persistent (Auth0's own default is persistent).
    // The lifetimes are Auth0's tenant defaults, which also fit the self-service plan.
    cookieMode: "non-persistent",
    persistent: { idle: "3d", absolute: "7d" },
    ephemeral: { idle: "1d", absolute: "3d" },
  },
  // Three times the provider's 5 minutes: enough for DNS records created shortly before the deploy to propagate,
  // short enough that a forgotten record fails the deploy well within its job.
  customDomain: { certificates: "auth0-managed", verify: false, verifyTimeout: "15m" },
  loginFlow: "identifier-first",
  pageTemplate: "templates/universal-login.liquid",
  keepMeSignedIn: {
    enabled: true,
    label: "Keep me signed in on this device",
    trustedDevice: { absolute: "7d", idle: "3d" },
  },
  risk: { networkBinding: "asn", connectionLifetimes: "on", organizationIdle: "on" },
  actions: { runtime: "node22", keepBound: [] as string[] },
} as const;

function wholeMinutesAtLeast(ms: number): number {
  return Math.max(MIN_LIFETIME_MS, Math.ceil(ms / MINUTE_MS) * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------------------
// The schema: sections (objects of known keys), values (a zod schema each, with a default or required) and
// lists (a zod schema per item, so that one bad item does not hide the others).

export interface Value<S extends z.ZodType = z.ZodType> {
  readonly kind: "value";
  readonly schema: S;
  /** Used when the key is absent, written as a user would write it; `undefined` makes the key required. */
  readonly fallback: z.input<S> | undefined;
  /**
   * Limits of a value that could be read; such a value still takes part in the rules between values. `secret`:
   * the rule text must not show the value or anything derived from it.
   */
  limits?(value: z.output<S>, secret: boolean): string[];
}
export interface List<S extends z.ZodType = z.ZodType> {
  readonly kind: "list";
  readonly item: S;
  readonly fallback: z.input<S>[];
  /** The rule for a value that is not a list. */
  readonly rule: string;
}
export interface Section<F extends Fields = Fields> {
  readonly kind: "section";
  readonly fields: F;
  readonly required: boolean;
}
// Each field keeps its own schema type (`Value<z.ZodNumber>`, ...), from which `Output` derives the typed config;
// `limits` is declared as a method, so such a field is still a `Value<z.ZodType>`.
export type Fields = { readonly [key: string]: Node };
export type Node = Value | List | Section;
type Output<N> =
  N extends Value<infer S>
    ? z.output<S>
    : N extends List<infer S>
      ? z.output<S>[]
      : N extends Section<infer F>
        ? { -readonly [K in keyof F]: Output<F[K]> }
        : never;

const value = <S extends z.ZodType>(
  schema: S,
  fallback: z.input<S> | undefined,
  limits?: (value: z.output<S>, secret: boolean) => string[],
): Value<S> => ({ kind: "value", schema, fallback, limits });
const required = <S extends z.ZodType>(schema: S): Value<S> => value(schema, undefined);
const list = <S extends z.ZodType>(item: S, fallback: z.input<S>[], rule: string): List<S> => ({
  kind: "list",
  item,
  fallback,
  rule,
});
const section = <F extends Fields>(fields: F, options: { required?: boolean } = {}): Section<F> => ({
  kind: "section",
  fields,
  required: options.required ?? false,
});

const DURATION_RULE = "a duration of whole minutes like 30m, 12h, 7d or 1d12h";
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

const duration = z.string({ error: DURATION_RULE }).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: DURATION_RULE });
    return z.NEVER;
  }
  return ms;
});
/** Pulumi hands booleans over as strings ("true"); YAML files hold real booleans. Accept both, nothing else. */
const flag = z.preprocess(
  (input) => (input === "true" ? true : input === "false" ? false : input),
  z.boolean({ error: "true or false" }),
);
/** The risk switches read `on`/`off` in config; booleans are accepted for `pulumi config set --type bool`. */
const onOff = z.preprocess(
  (input) => (input === "on" || input === "true" ? true : input === "off" || input === "false" ? false : input),
  z.boolean({ error: "on or off" }),
);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(", ")}` });

/** An Action-side lifetime (milliseconds): minute precision. */
const actionLifetime = (fallback: string) => value(duration, fallback, (ms) => atLeast(ms, MIN_LIFETIME_MS));
/** A tenant lifetime: at least the provider's minimum, and a value Auth0 stores exactly. */
const tenantLifetime = (kind: LifetimeKind, fallback: string) =>
  value(duration, fallback, (ms, secret) => tenantLifetimeLimits(kind, ms, secret));
const tenantLifetimes = (kind: LifetimeKind) =>
  section({
    idle: tenantLifetime(kind, DEFAULTS.sessions[kind].idle),
    absolute: tenantLifetime(kind, DEFAULTS.sessions[kind].absolute),
  });

export const SCHEMA = section({
  plan: required(oneOf(CHOICES.plan)),
  sessions: section({
    cookieMode: value(oneOf(CHOICES.cookieMode), DEFAULTS.sessions.cookieMode),
    persistent: tenantLifetimes("persistent"),
    ephemeral: tenantLifetimes("ephemeral"),
  }),
  customDomain: section(
    {
      domain: required(
        z
          .string({ error: "a host name like login.example.com" })
          .regex(HOST_NAME, { error: "a lowercase host name like login.example.com" })
          .refine((domain) => domain !== "auth0.com" && !domain.endsWith(".auth0.com"), {
            error: "must be your own domain, not under auth0.com",
          }),
      ),
      certificates: value(oneOf(CHOICES.certificates), DEFAULTS.customDomain.certificates),
      verify: value(flag, DEFAULTS.customDomain.verify),
      verifyTimeout: value(duration, DEFAULTS.customDomain.verifyTimeout, (ms) => [
        ...atLeast(ms, MINUTE_MS),
        ...(ms > VERIFY_TIMEOUT_MAX_MS
          ? [`at most ${formatDuration(VERIFY_TIMEOUT_MAX_MS)}, so the deploy job (30m) can finish`]
          : []),
      ]),
    },
    { required: true },
  ),
  loginFlow: value(oneOf(CHOICES.loginFlow), DEFAULTS.loginFlow),
  pageTemplate: value(
    z.string({ error: "a path to a Liquid template" }).min(1, { error: "a path to a Liquid template, not empty" }),
    DEFAULTS.pageTemplate,
  ),
  keepMeSignedIn: section({
    enabled: value(flag, DEFAULTS.keepMeSignedIn.enabled),
    label: value(
      z
        .string({ error: "text" })
        .trim()
        .min(1, { error: "must not be empty" })
        .max(LABEL_MAX_CHARS, { error: `at most ${LABEL_MAX_CHARS} characters` }),
      DEFAULTS.keepMeSignedIn.label,
    ),
    trustedDevice: section({
      absolute: actionLifetime(DEFAULTS.keepMeSignedIn.trustedDevice.absolute),
      idle: actionLifetime(DEFAULTS.keepMeSignedIn.trustedDevice.idle),
    }),
  }),
  risk: section({
    networkBinding: value(oneOf(CHOICES.networkBinding), DEFAULTS.risk.networkBinding),
    connectionLifetimes: value(onOff, DEFAULTS.risk.connectionLifetimes),
    organizationIdle: value(onOff, DEFAULTS.risk.organizationIdle),
  }),
  actions: section({
    runtime: value(oneOf(CHOICES.runtime), DEFAULTS.actions.runtime),
    keepBound: list(
      z.string({ error: "an Action name" }).trim().min(1, { error: "an Action name" }),
      DEFAULTS.actions.keepBound,
      "a list of post-login Action names",
    ),
  }),
});

export type Parsed = Output<typeof SCHEMA>;

/** The top-level keys of the namespace, in the order problems are reported. */
export const CONFIG_KEYS = Object.keys(SCHEMA.fields) as (keyof Parsed)[];
/** The top-level keys that hold objects: the only ones whose value Pulumi hands over as JSON text. */
export const CONFIG_OBJECT_KEYS = CONFIG_KEYS.filter((key) => SCHEMA.fields[key].kind === "section");
/** Every key path that holds a value (`sessions.persistent.idle`, ...), in schema order. */
export const CONFIG_PATHS: readonly string[] = valuePaths(SCHEMA, "");

function valuePaths(node: Node, prefix: string): string[] {
  if (node.kind !== "section") return [prefix];
  return Object.entries(node.fields).flatMap(([key, child]) => valuePaths(child, join(prefix, key)));
}

/** The validated, typed stack config. Durations are milliseconds; the page template is read and checked. */
export type StackConfig = Omit<Parsed, "pageTemplate"> & {
  pageTemplate: { path: string; body: string };
};

// The sections the components take whole (components/*.ts): index.ts hands them over as read, and each component
// turns them into resource inputs itself.
/** `sessions`: the default cookie mode and the idle and absolute lifetimes of both kinds of session (ms). */
export type SessionsConfig = StackConfig["sessions"];
/** `customDomain`: the host name, who provides the certificate, whether to wait for verification and how long. */
export type CustomDomainConfig = StackConfig["customDomain"];
/** `pageTemplate`: the template's path and its body, read and checked. */
export type PageTemplateConfig = StackConfig["pageTemplate"];
/** `keepMeSignedIn`: whether the checkbox and the kmsi Action exist, the label, a trusted device's lifetimes. */
export type KeepMeSignedInConfig = StackConfig["keepMeSignedIn"];
/** `risk`: the risk Action's rules. */
export type RiskConfig = StackConfig["risk"];
/** `actions`: the runtime of our Actions and the names of Actions managed elsewhere that must stay bound. */
export type ActionsConfig = StackConfig["actions"];

// ---------------------------------------------------------------------------------------------------------
// Limits of one value.

function atLeast(ms: number, min: number, why = ""): string[] {
  return ms < min ? [`at least ${formatDuration(min)}${why}`] : [];
}

function tenantLifetimeLimits(kind: LifetimeKind, ms: number, secret: boolean): string[] {
  const min = TENANT_MIN_LIFETIME_MS[kind];
  // Name the provider only where its minimum, not our unit of a minute, is what sets the limit.
  const why =
    min > MIN_LIFETIME_MS
      ? ` (the Auth0 provider refuses ${kind} lifetimes under ${PROVIDER_MIN_LIFETIME_HOURS[kind]} h)`
      : "";
  if (ms < min) return atLeast(ms, min, why);
  const stored = auth0StoredTenantLifetime(ms);
  if (stored === ms) return [];
  const rule = `Auth0 stores tenant lifetimes of ${formatDuration(TENANT_WHOLE_HOURS_FROM_MS)} or more in whole hours`;
  // The value, what it would become and its whole-hour neighbours are all forms of the value.
  if (secret) return [`${rule} (${SECRET} would be deployed rounded): use whole hours`];
  const lower = Math.floor(ms / HOUR_MS) * HOUR_MS;
  return [
    `${rule} (${formatDuration(ms)} would be deployed as ${formatDuration(stored)}): ` +
      `use ${formatDuration(lower)} or ${formatDuration(lower + HOUR_MS)}`,
  ];
}

/** A dotted key path: `sessions` + `persistent` is `sessions.persistent`. */
export function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
