/**
 * The stack configuration (namespace `auth0-sessions`), parsed once by one zod schema.
 *
 * This file is the single owner of every default and limit: the components, the docs and the tests read them
 * from here. `parseStackConfig` either returns a fully typed config or throws one `ConfigError` that lists every
 * problem, so an invalid stack fails before any resource is declared and nothing reaches Auth0.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { DAY_MS, MINUTE_MS, formatDuration, parseDuration } from "./duration";
import { PAGE_TEMPLATE_MAX_BYTES, pageTemplateProblems } from "./pageTemplate";

export const CONFIG_NAMESPACE = "auth0-sessions";

/** Auth0 session lifetime limits per plan (seeds 001 and 004): maxima for idle and absolute, persistent or not. */
export const PLAN_LIMITS: Record<(typeof CHOICES.plan)[number], { idle: number; absolute: number }> = {
  "self-service": { idle: 3 * DAY_MS, absolute: 30 * DAY_MS },
  enterprise: { idle: 100 * DAY_MS, absolute: 365 * DAY_MS },
};
export const MIN_LIFETIME_MS = MINUTE_MS;
/** Short enough that the escaped label keeps the partial far below Auth0's 10,000-character limit. */
export const LABEL_MAX_CHARS = 200;
/** Stacks whose tenant serves real users: their tenant settings and custom domain are protected. */
export const PRODUCTION_STACKS: readonly string[] = ["prod"];
/** The names our two Actions get in the tenant; kept external Actions may not reuse them. */
export const ACTION_NAMES = { kmsi: "kmsi", risk: "risk" } as const;
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

const DURATION_RULE = "a duration of whole minutes like 30m, 12h, 7d or 1d12h";
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

const duration = z.string({ error: DURATION_RULE }).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: DURATION_RULE });
    return z.NEVER;
  }
  if (ms < MIN_LIFETIME_MS) {
    ctx.addIssue({ code: "custom", message: `at least ${formatDuration(MIN_LIFETIME_MS)}` });
    return z.NEVER;
  }
  return ms;
});

/** Pulumi hands booleans over as strings ("true"); YAML files hold real booleans. Accept both, nothing else. */
const flag = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean({ error: "true or false" }),
);
/** The risk switches read `on`/`off` in config; booleans are accepted for `pulumi config set --type bool`. */
const onOff = z.preprocess(
  (value) => (value === "on" || value === "true" ? true : value === "off" || value === "false" ? false : value),
  z.boolean({ error: "on or off" }),
);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(", ")}` });

const lifetimes = (defaults: { idle: string; absolute: string }) =>
  z.strictObject(
    { idle: duration.prefault(defaults.idle), absolute: duration.prefault(defaults.absolute) },
    { error: "an object with idle and absolute" },
  );

const schema = z.strictObject({
  plan: oneOf(CHOICES.plan),
  sessions: z
    .strictObject({
      cookieMode: oneOf(CHOICES.cookieMode).default(DEFAULTS.sessions.cookieMode),
      persistent: lifetimes(DEFAULTS.sessions.persistent).prefault({}),
      ephemeral: lifetimes(DEFAULTS.sessions.ephemeral).prefault({}),
    }, { error: "an object with cookieMode, persistent and ephemeral" })
    .prefault({}),
  customDomain: z.strictObject({
    domain: z
      .string({ error: "a host name like login.example.com" })
      .regex(HOST_NAME, { error: "a lowercase host name like login.example.com" })
      .refine((domain) => domain !== "auth0.com" && !domain.endsWith(".auth0.com"), {
        error: "must be your own domain, not under auth0.com",
      }),
    certificates: oneOf(CHOICES.certificates).default(DEFAULTS.customDomain.certificates),
    verify: flag.default(DEFAULTS.customDomain.verify),
    verifyTimeout: z.string({ error: DURATION_RULE }).transform((text, ctx) => {
      const ms = parseDuration(text);
      const rule =
        ms === undefined ? DURATION_RULE
        : ms < MINUTE_MS ? `at least ${formatDuration(MINUTE_MS)}`
        : ms > VERIFY_TIMEOUT_MAX_MS ? `at most ${formatDuration(VERIFY_TIMEOUT_MAX_MS)}, so the deploy job (30m) can finish`
        : undefined;
      if (rule === undefined) return ms as number;
      ctx.addIssue({ code: "custom", message: rule });
      return z.NEVER;
    }).prefault(DEFAULTS.customDomain.verifyTimeout),
  }, { error: "an object with domain, certificates and verify" }),
  loginFlow: oneOf(CHOICES.loginFlow).default(DEFAULTS.loginFlow),
  pageTemplate: z.string({ error: "a path to a Liquid template" }).min(1).default(DEFAULTS.pageTemplate),
  keepMeSignedIn: z
    .strictObject({
      enabled: flag.default(DEFAULTS.keepMeSignedIn.enabled),
      label: z
        .string({ error: "text" })
        .trim()
        .min(1, { error: "must not be empty" })
        .max(LABEL_MAX_CHARS, { error: `at most ${LABEL_MAX_CHARS} characters` })
        .default(DEFAULTS.keepMeSignedIn.label),
      trustedDevice: z
        .strictObject({
          absolute: duration.prefault(DEFAULTS.keepMeSignedIn.trustedDevice.absolute),
          idle: duration.prefault(DEFAULTS.keepMeSignedIn.trustedDevice.idle),
        }, { error: "an object with absolute and idle" })
        .prefault({}),
    }, { error: "an object with enabled, label and trustedDevice" })
    .prefault({}),
  risk: z
    .strictObject({
      networkBinding: oneOf(CHOICES.networkBinding).default(DEFAULTS.risk.networkBinding),
      connectionLifetimes: onOff.prefault(DEFAULTS.risk.connectionLifetimes),
      organizationIdle: onOff.prefault(DEFAULTS.risk.organizationIdle),
    }, { error: "an object with networkBinding, connectionLifetimes and organizationIdle" })
    .prefault({}),
  actions: z
    .strictObject({
      runtime: oneOf(CHOICES.runtime).default(DEFAULTS.actions.runtime),
      keepBound: z
        .array(z.string({ error: "an Action name" }).trim().min(1, { error: "an Action name" }), {
          error: "a list of post-login Action names",
        })
        .default([...DEFAULTS.actions.keepBound]),
    }, { error: "an object with runtime and keepBound" })
    .prefault({}),
});

type Parsed = z.output<typeof schema>;

/** The top-level keys of the namespace, in the order problems are reported. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Parsed)[];

/** The validated, typed stack config. Durations are milliseconds; the page template is read and checked. */
export type StackConfig = Omit<Parsed, "pageTemplate"> & {
  pageTemplate: { path: string; body: string };
};

export interface ConfigProblem {
  /** Dotted key path under the `auth0-sessions` namespace, e.g. `sessions.persistent.idle`. */
  path: string;
  /** How the offending value is shown: JSON of the value, `(missing)`, or the default with `(default)`. */
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
  /** Keys (without the namespace) set with `--secret`: their values are shown as `[secret]` in problems. */
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
  const problems: ConfigProblem[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const decoded = decodePulumiValue(value);
    if (decoded.ok) input[key] = decoded.value;
    else problems.push({ path: key, value: show(value), rule: "not valid JSON" });
  }

  // Each top-level key is parsed on its own so that one bad section does not hide the problems of the others,
  // and the cross-field rules below still run for every section that parsed.
  const parsed: Partial<Parsed> = {};
  for (const key of Object.keys(input)) {
    if (!(key in schema.shape)) problems.push({ path: key, value: showAt(input, key), rule: "unknown key" });
  }
  for (const key of CONFIG_KEYS) {
    if (problems.some((p) => p.path === key && p.rule === "not valid JSON")) continue;
    const result = schema.shape[key].safeParse(input[key]);
    if (result.success) (parsed as Record<string, unknown>)[key] = result.data;
    else for (const issue of result.error.issues) problems.push(...describeIssue(key, issue, input));
  }
  problems.push(...crossFieldProblems(parsed, input));

  let pageTemplate: StackConfig["pageTemplate"] | undefined;
  if (parsed.pageTemplate !== undefined) {
    const templatePath = path.resolve(options.projectDir ?? PROJECT_DIR, parsed.pageTemplate);
    const body = readTemplate(templatePath, parsed.pageTemplate, input, problems);
    if (body !== undefined) pageTemplate = { path: templatePath, body };
  }

  if (problems.length > 0 || pageTemplate === undefined) {
    // A decrypted secret must not end up in preview output, PR comments or logs.
    const secret = new Set(options.secretKeys ?? []);
    throw new ConfigError(problems.map((p) => (secret.has(p.path.split(".")[0]) ? { ...p, value: "[secret]" } : p)));
  }
  return { ...(parsed as Parsed), pageTemplate };
}

/** Rules that involve more than one key, or a key and the plan. Each names the key the user should change. */
function crossFieldProblems(config: Partial<Parsed>, input: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (keyPath: string, value: unknown, rule: string) =>
    problems.push({ path: keyPath, value: showAt(input, keyPath, value), rule });
  const { plan, sessions, keepMeSignedIn: kmsi, risk, actions } = config;

  for (const kind of sessions ? (["persistent", "ephemeral"] as const) : []) {
    const { idle, absolute } = sessions![kind];
    if (plan) checkPlanLimits(kind, idle, absolute, plan, add);
    if (idle > absolute) {
      add(
        `sessions.${kind}.idle`,
        formatDuration(idle),
        `must not exceed sessions.${kind}.absolute (${formatDuration(absolute)})`,
      );
    }
  }
  if (kmsi?.enabled) {
    const trusted = kmsi.trustedDevice;
    const persistent = sessions?.persistent;
    if (persistent && trusted.absolute > persistent.absolute) {
      add(
        "keepMeSignedIn.trustedDevice.absolute",
        formatDuration(trusted.absolute),
        `must not exceed sessions.persistent.absolute (${formatDuration(persistent.absolute)})`,
      );
    }
    if (persistent && trusted.idle > persistent.idle) {
      add(
        "keepMeSignedIn.trustedDevice.idle",
        formatDuration(trusted.idle),
        `must not exceed sessions.persistent.idle (${formatDuration(persistent.idle)})`,
      );
    }
    if (trusted.idle > trusted.absolute) {
      add(
        "keepMeSignedIn.trustedDevice.idle",
        formatDuration(trusted.idle),
        `must not exceed keepMeSignedIn.trustedDevice.absolute (${formatDuration(trusted.absolute)})`,
      );
    }
    if (sessions && sessions.cookieMode !== "non-persistent") {
      add(
        "sessions.cookieMode",
        sessions.cookieMode,
        "must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)",
      );
    }
    if (plan === "self-service") {
      add(
        "keepMeSignedIn.enabled",
        true,
        "api.session.setCookieMode, setExpiresAt and setIdleExpiresAt are Enterprise features: " +
          "set plan to enterprise or keepMeSignedIn.enabled to false",
      );
    }
  }

  if (plan === "self-service" && risk) {
    const enterpriseOnly = [
      ["risk.networkBinding", risk.networkBinding !== "off", risk.networkBinding, "api.session.revoke", "off"],
      ["risk.connectionLifetimes", risk.connectionLifetimes, "on", "api.session.setExpiresAt", "off"],
      ["risk.organizationIdle", risk.organizationIdle, "on", "api.session.setIdleExpiresAt", "off"],
    ] as const;
    for (const [keyPath, enabled, value, method, off] of enterpriseOnly) {
      if (enabled) {
        add(keyPath, value, `${method} is an Enterprise feature: set plan to enterprise or ${keyPath} to ${off}`);
      }
    }
  }

  const seen = new Set<string>();
  const ours = new Set<string>(Object.values(ACTION_NAMES));
  actions?.keepBound.forEach((name, index) => {
    const keyPath = `actions.keepBound.${index}`;
    if (ours.has(name)) add(keyPath, name, "is the name of an Action this project manages");
    else if (seen.has(name)) add(keyPath, name, "is listed twice");
    seen.add(name);
  });
  return problems;
}

function checkPlanLimits(
  kind: "persistent" | "ephemeral",
  idle: number,
  absolute: number,
  plan: Plan,
  add: (keyPath: string, value: unknown, rule: string) => void,
): void {
  const limits = PLAN_LIMITS[plan];
  if (idle > limits.idle) {
    add(`sessions.${kind}.idle`, formatDuration(idle), `at most ${formatDuration(limits.idle)} on the ${plan} plan`);
  }
  if (absolute > limits.absolute) {
    add(
      `sessions.${kind}.absolute`,
      formatDuration(absolute),
      `at most ${formatDuration(limits.absolute)} on the ${plan} plan`,
    );
  }
}

function readTemplate(
  absolutePath: string,
  configured: string,
  input: Record<string, unknown>,
  problems: ConfigProblem[],
): string | undefined {
  const add = (rule: string) => problems.push({ path: "pageTemplate", value: showAt(input, "pageTemplate", configured), rule });
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolutePath);
  } catch (error) {
    add(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}: ${absolutePath})`);
    return undefined;
  }
  if (bytes.length > PAGE_TEMPLATE_MAX_BYTES) {
    add(`is ${bytes.length} bytes; Auth0 allows at most ${PAGE_TEMPLATE_MAX_BYTES} (100 KB)`);
    return undefined;
  }
  const body = bytes.toString("utf8");
  for (const rule of pageTemplateProblems(body)) add(rule);
  return body;
}

/** Pulumi passes structured config values to programs as JSON text. */
function decodePulumiValue(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== "string") return { ok: true, value };
  const text = value.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function describeIssue(section: string, issue: z.core.$ZodIssue, input: Record<string, unknown>): ConfigProblem[] {
  const keyPath = [section, ...issue.path.map(String)].join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const full = keyPath ? `${keyPath}.${key}` : key;
      return { path: full, value: showAt(input, full), rule: "unknown key" };
    });
  }
  const rule = lookup(input, keyPath) === undefined ? `required: ${issue.message}` : issue.message;
  return [{ path: keyPath, value: showAt(input, keyPath), rule }];
}

function lookup(input: unknown, keyPath: string): unknown {
  return keyPath.split(".").reduce<unknown>((node, key) => {
    if (node === null || typeof node !== "object") return undefined;
    return (node as Record<string, unknown>)[key];
  }, input);
}

/** The value as the user wrote it, or the effective default when they did not write it. */
function showAt(input: Record<string, unknown>, keyPath: string, effective?: unknown): string {
  const written = lookup(input, keyPath);
  if (written !== undefined) return show(written);
  return effective === undefined ? "(missing)" : `${show(effective)} (default)`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
