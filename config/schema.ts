/**
 * The stack configuration (namespace `auth0-sessions`): one schema, a tree of sections whose values are each
 * checked by a zod schema of their own, then the rules between values.
 *
 * This file is the single owner of every default and limit: the components, the docs and the tests read them
 * from here. `parseStackConfig` either returns a fully typed config or throws one `ConfigError` that lists every
 * problem, so an invalid stack fails before any resource is declared and nothing reaches Auth0.
 *
 * Every problem at once: a value that cannot be read (malformed, or inside a section that is not an object)
 * skips only the checks that need it. Every other value of its section and every rule that does not read it
 * still reports. A value that can be read but breaks a limit is still compared by the rules between values.
 *
 * No secret restated: a problem that shows the value of a key set with `--secret`, or anything derived from it
 * (a normalised duration, a rounding, a resolved path), shows `[secret]` instead. Pulumi scrubs a secret from
 * its output only where it appears exactly as written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  TENANT_WHOLE_HOURS_FROM_MS,
  auth0StoredTenantLifetime,
  formatDuration,
  parseDuration,
} from "./duration";
import { PAGE_TEMPLATE_MAX_BYTES, pageTemplateProblems } from "../components/universalLogin/pageTemplate";

export const CONFIG_NAMESPACE = "auth0-sessions";

/** Auth0 session lifetime limits per plan (seeds 001 and 004): maxima for idle and absolute, persistent or not. */
export const PLAN_LIMITS: Record<(typeof CHOICES.plan)[number], { idle: number; absolute: number }> = {
  "self-service": { idle: 3 * DAY_MS, absolute: 30 * DAY_MS },
  enterprise: { idle: 100 * DAY_MS, absolute: 365 * DAY_MS },
};
/** The shortest duration any key accepts: minutes are the unit (the Action-side lifetimes keep it). */
export const MIN_LIFETIME_MS = MINUTE_MS;

export type LifetimeKind = "persistent" | "ephemeral";
/**
 * The Auth0 provider's minimum for the tenant lifetimes, in hours: `FloatAtLeast(0.01)` for `session_lifetime`
 * and `idle_session_lifetime`, `FloatAtLeast(0.0167)` for the two ephemeral ones (terraform-provider-auth0
 * v1.53.0, internal/auth0/tenant/resource.go:107-134).
 */
export const PROVIDER_MIN_LIFETIME_HOURS: Record<LifetimeKind, number> = { persistent: 0.01, ephemeral: 0.0167 };
/** The shortest tenant lifetime we accept: the provider's minimum, up to a whole minute (1m and 2m). */
export const TENANT_MIN_LIFETIME_MS: Record<LifetimeKind, number> = {
  persistent: wholeMinutesAtLeast(PROVIDER_MIN_LIFETIME_HOURS.persistent * HOUR_MS),
  ephemeral: wholeMinutesAtLeast(PROVIDER_MIN_LIFETIME_HOURS.ephemeral * HOUR_MS),
};
/** Short enough that the escaped label keeps the partial far below Auth0's 10,000-character limit. */
export const LABEL_MAX_CHARS = 200;
/** Stacks whose tenant serves real users: their tenant settings and custom domain are protected. */
export const PRODUCTION_STACKS: readonly string[] = ["prod"];
/** The names our two Actions get in the tenant; kept external Actions may not reuse them. */
export const ACTION_NAMES = { kmsi: "kmsi", risk: "risk" } as const;
/** What a problem shows instead of a secret value, or of anything derived from one. */
export const SECRET = "[secret]";
/**
 * Longest `customDomain.verifyTimeout`. The provider waits 5 minutes by default (resource_verification.go:50-81),
 * often less than DNS takes. The deploy workflow's jobs stop after 30 minutes (timeout-minutes in
 * .github/workflows/deploy.yml): a wait GitHub cuts short leaves the update half applied, while Pulumi's own timeout
 * fails cleanly. 25 minutes leaves 5 for checkout, npm ci, the build, the refresh and the other resources.
 */
export const VERIFY_TIMEOUT_MAX_MS = 25 * MINUTE_MS;

/** The allowed values of every enumerated key. */
export const CHOICES = {
  plan: ["self-service", "enterprise"],
  cookieMode: ["persistent", "non-persistent"],
  certificates: ["auth0-managed", "self-managed"],
  loginFlow: ["identifier-first", "classic"],
  networkBinding: ["asn", "ip", "off"],
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

export type Plan = (typeof CHOICES.plan)[number];
export type CookieMode = (typeof CHOICES.cookieMode)[number];
export type LoginFlow = (typeof CHOICES.loginFlow)[number];

function wholeMinutesAtLeast(ms: number): number {
  return Math.max(MIN_LIFETIME_MS, Math.ceil(ms / MINUTE_MS) * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------------------
// The schema: sections (objects of known keys), values (a zod schema each, with a default or required) and
// lists (a zod schema per item, so that one bad item does not hide the others).

interface Value<S extends z.ZodType = z.ZodType> {
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
interface List<S extends z.ZodType = z.ZodType> {
  readonly kind: "list";
  readonly item: S;
  readonly fallback: z.input<S>[];
  /** The rule for a value that is not a list. */
  readonly rule: string;
}
interface Section<F extends Fields = Fields> {
  readonly kind: "section";
  readonly fields: F;
  readonly required: boolean;
}
// `any`: each field keeps its own schema type, from which `Output` derives the typed config.
type Fields = { readonly [key: string]: Node };
type Node = Value<any> | List<any> | Section;
type Output<N> = N extends Value<infer S>
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

const SCHEMA = section({
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

type Parsed = Output<typeof SCHEMA>;

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

export interface ConfigProblem {
  /** Dotted key path under the `auth0-sessions` namespace, e.g. `sessions.persistent.idle`. */
  path: string;
  /** How the offending value is shown: JSON of the value, `(missing)`, the default with `(default)`, or `[secret]`. */
  value: string;
  rule: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid ${CONFIG_NAMESPACE} stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `${p.path}: ${p.value} — ${p.rule}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface ParseOptions {
  /** Where relative `pageTemplate` paths are resolved: the project directory. */
  projectDir?: string;
  /**
   * Top-level keys (without the namespace) whose value is secret: set with `--secret`, or with `--path --secret`
   * on a key inside them. No problem shows their values, or anything derived from them.
   */
  secretKeys?: readonly string[];
}

export const PROJECT_DIR = path.resolve(__dirname, "..");

/**
 * Parse and validate a stack's config.
 *
 * @param raw the stack file's `auth0-sessions:` keys without the prefix. Values may be as Pulumi hands them to a
 *   program (objects as JSON strings, booleans as "true"/"false") or as YAML holds them (objects, booleans).
 */
export function parseStackConfig(raw: Record<string, unknown>, options: ParseOptions = {}): StackConfig {
  const check = new Check(new Set(options.secretKeys ?? []));
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(SCHEMA.fields, key)) check.add(key, key, show(decodeForDisplay(raw[key])), "unknown key");
  }
  for (const [key, node] of Object.entries(SCHEMA.fields)) {
    let written = Object.hasOwn(raw, key) ? raw[key] : undefined;
    // Pulumi hands an object value to the program as JSON text. Only the keys that hold objects are decoded: a
    // string key (a path, a name) is taken exactly as written, even when it starts with `[` or `{`.
    if (node.kind === "section" && typeof written === "string") {
      const decoded = decodeJson(written);
      if (!decoded.ok) {
        check.add(key, key, show(written), "not valid JSON");
        continue;
      }
      written = decoded.value;
    }
    check.read(node, written, key, key);
  }
  crossFieldRules(check);
  const pageTemplate = readPageTemplate(check, options.projectDir ?? PROJECT_DIR);

  if (check.problems.length > 0 || pageTemplate === undefined) throw new ConfigError(check.problems);
  return { ...(check.build(SCHEMA, "") as Parsed), pageTemplate };
}

/** What was read for one value key: how to show it, and its parsed value when it could be read. */
interface Reading<T = unknown> {
  path: string;
  /** The top-level key it belongs to, which decides whether it is secret. */
  root: string;
  /** The value as written (JSON), `(missing)`, or the default with `(default)`. */
  shown: string;
  value: T;
}

/** The state of one parse: the problems found so far and every value that could be read. */
class Check {
  readonly problems: ConfigProblem[] = [];
  private readonly readings = new Map<string, Reading>();

  constructor(private readonly secretRoots: ReadonlySet<string>) {}

  isSecret(root: string): boolean {
    return this.secretRoots.has(root);
  }

  /** `text`, or `[secret]` when the value of `root` is secret: for any text that is or derives from it. */
  reveal(root: string, text: string): string {
    return this.isSecret(root) ? SECRET : text;
  }

  add(keyPath: string, root: string, shown: string, rule: string): void {
    this.problems.push({ path: keyPath, value: this.reveal(root, shown), rule });
  }

  /** A value key that could be read, or undefined (malformed, required and missing, or in a bad section). */
  get<T>(keyPath: string): Reading<T> | undefined {
    return this.readings.get(keyPath) as Reading<T> | undefined;
  }

  /** Reads `written` (undefined when absent) as `node`, recording its problems and the values it holds. */
  read(node: Node, written: unknown, keyPath: string, root: string): void {
    if (node.kind === "value") return this.readValue(node, written, keyPath, root);
    if (node.kind === "list") return this.readList(node, written, keyPath, root);
    const rule = `an object with ${listed(Object.keys(node.fields))}`;
    if (written === undefined && node.required) return this.add(keyPath, root, MISSING, `required: ${rule}`);
    if (written !== undefined && !isObject(written)) return this.add(keyPath, root, show(written), rule);
    const object = (written ?? {}) as Record<string, unknown>;
    // Own keys only: `constructor`, `toString` or `__proto__` are unknown keys like any other.
    for (const key of Object.keys(object)) {
      if (!Object.hasOwn(node.fields, key)) this.add(join(keyPath, key), root, show(object[key]), "unknown key");
    }
    for (const [key, child] of Object.entries(node.fields)) {
      this.read(child, Object.hasOwn(object, key) ? object[key] : undefined, join(keyPath, key), root);
    }
  }

  private readValue(node: Value, written: unknown, keyPath: string, root: string): void {
    if (written === undefined && node.fallback === undefined) {
      const message = node.schema.safeParse(undefined).error?.issues[0]?.message ?? "a value";
      return this.add(keyPath, root, MISSING, `required: ${message}`);
    }
    const shown = showWritten(written, node.fallback);
    const result = node.schema.safeParse(written === undefined ? node.fallback : written);
    if (!result.success) {
      for (const issue of result.error.issues) this.add(keyPath, root, shown, issue.message);
      return;
    }
    this.readings.set(keyPath, { path: keyPath, root, shown, value: result.data });
    for (const rule of node.limits?.(result.data, this.isSecret(root)) ?? []) {
      this.add(keyPath, root, shown, rule);
    }
  }

  /** A list's reading holds the readings of the items that could be read, each under its own path (`keepBound.2`). */
  private readList(node: List, written: unknown, keyPath: string, root: string): void {
    const input = written === undefined ? node.fallback : written;
    if (!Array.isArray(input)) return this.add(keyPath, root, show(input), node.rule);
    const items: Reading[] = [];
    input.forEach((item, index) => {
      const itemPath = join(keyPath, String(index));
      const result = node.item.safeParse(item);
      if (result.success) items.push({ path: itemPath, root, shown: show(item), value: result.data });
      else for (const issue of result.error.issues) this.add(itemPath, root, show(item), issue.message);
    });
    this.readings.set(keyPath, { path: keyPath, root, shown: showWritten(written, node.fallback), value: items });
  }

  /** The typed config; only called when every value could be read. */
  build(node: Node, keyPath: string): unknown {
    if (node.kind === "value") return this.readings.get(keyPath)!.value;
    if (node.kind === "list") return (this.readings.get(keyPath)!.value as Reading[]).map((item) => item.value);
    return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, this.build(child, join(keyPath, key))]));
  }
}

const MISSING = "(missing)";

// ---------------------------------------------------------------------------------------------------------
// Limits of one value.

function atLeast(ms: number, min: number, why = ""): string[] {
  return ms < min ? [`at least ${formatDuration(min)}${why}`] : [];
}

function tenantLifetimeLimits(kind: LifetimeKind, ms: number, secret: boolean): string[] {
  const min = TENANT_MIN_LIFETIME_MS[kind];
  // Name the provider only where its minimum, not our unit of a minute, is what sets the limit.
  const why =
    min > MIN_LIFETIME_MS ? ` (the Auth0 provider refuses ${kind} lifetimes under ${PROVIDER_MIN_LIFETIME_HOURS[kind]} h)` : "";
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

// ---------------------------------------------------------------------------------------------------------
// Rules between values. Each runs when the values it reads could be read, and names the key to change.

function crossFieldRules(check: Check): void {
  const add = (reading: Reading, rule: string) => check.add(reading.path, reading.root, reading.shown, rule);
  /** `a` must not exceed `b`; `b`'s value is shown as the limit. */
  const notAbove = (a: string, b: string) => {
    const [x, y] = [check.get<number>(a), check.get<number>(b)];
    if (x && y && x.value > y.value) add(x, `must not exceed ${b} (${check.reveal(y.root, formatDuration(y.value))})`);
  };
  const plan = check.get<Plan>("plan");

  for (const kind of ["persistent", "ephemeral"] as const) {
    for (const which of ["idle", "absolute"] as const) {
      const lifetime = check.get<number>(`sessions.${kind}.${which}`);
      if (!plan || !lifetime || lifetime.value <= PLAN_LIMITS[plan.value][which]) continue;
      // The limit a secret plan sets would tell the plan.
      const limit = formatDuration(PLAN_LIMITS[plan.value][which]);
      add(lifetime, check.isSecret(plan.root) ? `more than the ${SECRET} plan allows` : `at most ${limit} on the ${plan.value} plan`);
    }
    notAbove(`sessions.${kind}.idle`, `sessions.${kind}.absolute`);
  }

  const kmsi = check.get<boolean>("keepMeSignedIn.enabled");
  if (kmsi?.value) {
    notAbove("keepMeSignedIn.trustedDevice.absolute", "sessions.persistent.absolute");
    notAbove("keepMeSignedIn.trustedDevice.idle", "sessions.persistent.idle");
    notAbove("keepMeSignedIn.trustedDevice.idle", "keepMeSignedIn.trustedDevice.absolute");
    const cookieMode = check.get<CookieMode>("sessions.cookieMode");
    if (cookieMode && cookieMode.value !== "non-persistent") {
      add(
        cookieMode,
        "must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)",
      );
    }
    if (plan?.value === "self-service") {
      add(
        kmsi,
        "api.session.setCookieMode, setExpiresAt and setIdleExpiresAt are Enterprise features: " +
          "set plan to enterprise or keepMeSignedIn.enabled to false",
      );
    }
  }

  if (plan?.value === "self-service") {
    const enterpriseOnly = [
      ["risk.networkBinding", (v: unknown) => v !== "off", "api.session.revoke", "off"],
      ["risk.connectionLifetimes", (v: unknown) => v === true, "api.session.setExpiresAt", "off"],
      ["risk.organizationIdle", (v: unknown) => v === true, "api.session.setIdleExpiresAt", "off"],
    ] as const;
    for (const [keyPath, enabled, method, off] of enterpriseOnly) {
      const reading = check.get(keyPath);
      if (reading && enabled(reading.value)) {
        add(reading, `${method} is an Enterprise feature: set plan to enterprise or ${keyPath} to ${off}`);
      }
    }
  }

  const seen = new Set<string>();
  const ours = new Set<string>(Object.values(ACTION_NAMES));
  for (const item of check.get<Reading<string>[]>("actions.keepBound")?.value ?? []) {
    if (ours.has(item.value)) add(item, "is the name of an Action this project manages");
    else if (seen.has(item.value)) add(item, "is listed twice");
    seen.add(item.value);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The page template: read from the path, and checked.

function readPageTemplate(check: Check, projectDir: string): StackConfig["pageTemplate"] | undefined {
  const reading = check.get<string>("pageTemplate");
  if (!reading) return undefined;
  const add = (rule: string) => check.add(reading.path, reading.root, reading.shown, rule);
  const templatePath = path.resolve(projectDir, reading.value);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(templatePath);
  } catch (error) {
    // The resolved path is a form of the configured one.
    add(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}: ${check.reveal(reading.root, templatePath)})`);
    return undefined;
  }
  if (bytes.length > PAGE_TEMPLATE_MAX_BYTES) {
    add(`is ${bytes.length} bytes; Auth0 allows at most ${PAGE_TEMPLATE_MAX_BYTES} (100 KB)`);
    return undefined;
  }
  const body = bytes.toString("utf8");
  for (const rule of pageTemplateProblems(body)) add(rule);
  return { path: templatePath, body };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers.

function decodeJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  // Text that is not an object or a list is left as written, so the section reports it as not an object.
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { ok: true, value: text };
  try {
    // JSON.parse makes `__proto__` an own property like any other key; it never sets a prototype.
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/** An unknown key's value is shown decoded when it is JSON of an object or list, as it was most likely set. */
function decodeForDisplay(written: unknown): unknown {
  if (typeof written !== "string") return written;
  const decoded = decodeJson(written);
  return decoded.ok ? decoded.value : written;
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The value as written, or the default it falls back to. */
function showWritten(written: unknown, fallback: unknown): string {
  return written === undefined ? `${show(fallback)} (default)` : show(written);
}

function show(input: unknown): string {
  return JSON.stringify(input) ?? String(input);
}
