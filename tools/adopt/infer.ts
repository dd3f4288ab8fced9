/**
 * From what the tenant holds to the `auth0-sessions:` config that reproduces it.
 *
 * Every value is read from the tenant where the Management API shows it. Action secret values (trusted-device
 * lifetimes, risk switches) and the plan cannot be read back: they come from the current stack file when it has
 * them, else from the schema's defaults, and each is listed. Anything ambiguous (two Actions named kmsi, the
 * checkbox on both prompts, several custom domains) is a conflict that stops adopt.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readActionBundle } from "../../actions/bundles";
import { ACTION_NAMES, KMSI_FIELD, KMSI_SECRETS, LOGIN_SCREENS, RISK_SECRETS } from "../../auth0";
import { DEFAULTS, formatDuration, HOUR_MS, parseDuration, PLAN_LIMITS } from "../../config";
import { findCheckboxes, labelOf } from "../tenant/checkbox";
import { AUTH0_DEFAULT_COOKIE_MODE, certificatesOf, runtimeOf } from "../tenant/facts";
import { type ActionInfo, POST_LOGIN, type TenantSnapshot } from "../tenant/snapshot";

export interface Inference {
  /** The namespace keys to write (without the prefix), as YAML holds them. */
  config: Record<string, unknown>;
  /** The tenant's page template, to be written to `relativePath` (set when it differs from that file). */
  template?: { relativePath: string; body: string };
  /** What was found in the tenant, one line each. */
  found: string[];
  /** Values not read from the tenant: `<key>: <value> — <where it came from>`. */
  notInferred: string[];
  /** Where the adopted config differs from the tenant on purpose: what the first `pulumi up` will change. */
  changes: string[];
  /** Ambiguities that stop adopt. */
  conflicts: string[];
}

export interface InferOptions {
  stack: string;
  /** The project directory (page template paths are relative to it). */
  projectDir: string;
  /** The current stack file's `auth0-sessions:` keys (decrypted), or {} for a new stack. */
  current: Record<string, unknown>;
}

export function infer(snapshot: TenantSnapshot, options: InferOptions): Inference {
  const out: Inference = { config: {}, found: [], notInferred: [], changes: [], conflicts: [] };
  const current = (keyPath: string) => lookup(options.current, keyPath);
  /** A value the tenant cannot show: the stack file's, else the default; listed either way. */
  const unreadable = <T>(keyPath: string, fallback: T, why: string, source = "the default"): T => {
    const kept = current(keyPath);
    if (kept !== undefined) {
      out.notInferred.push(`${keyPath}: ${show(kept)} — ${why}; kept from the stack file`);
      return kept as T;
    }
    out.notInferred.push(`${keyPath}: ${show(fallback)} — ${why}; ${source}`);
    return fallback;
  };

  const postLoginActions = snapshot.actions.filter((a) => a.triggers.includes(POST_LOGIN));
  const ours = {
    kmsi: oneAction(snapshot.actions, ACTION_NAMES.kmsi, out),
    risk: oneAction(snapshot.actions, ACTION_NAMES.risk, out),
  };
  const checkboxes = findCheckboxes(snapshot.partials);

  // The provider refuses to update an Action that holds a secret it does not manage, and after an import it
  // manages none of the existing ones (flatten.go does not read secrets back; expand.go:196-248 "Unmanaged
  // Action Secret"): such a secret must go before the first pulumi up.
  const ourSecrets: Record<keyof typeof ours, readonly string[]> = {
    kmsi: Object.values(KMSI_SECRETS),
    risk: Object.values(RISK_SECRETS),
  };
  for (const key of ["kmsi", "risk"] as const) {
    const action = ours[key];
    if (!action) continue;
    const foreign = action.secrets.map((s) => s.name).filter((name) => !ourSecrets[key].includes(name));
    if (foreign.length > 0) {
      out.conflicts.push(
        `the ${action.name} Action holds secrets this project does not manage (${foreign.join(", ")}): the first pulumi up ` +
          'would fail with "Unmanaged Action Secret"; remove them from the Action first',
      );
    }
    if (action.code !== bundleOf(key))
      out.changes.push(`Action ${action.name}: pulumi up deploys this project's code (dist/actions/${key}.js)`);
  }

  // Keep Me Signed In: on when the tenant has the checkbox or the kmsi Action.
  const kmsiFound = checkboxes.length > 0 || ours.kmsi !== undefined;
  if (!kmsiFound)
    out.notInferred.push(
      `keepMeSignedIn.enabled: true — no checkbox and no ${ACTION_NAMES.kmsi} Action found; the default`,
    );
  const kmsiEnabled = kmsiFound || DEFAULTS.keepMeSignedIn.enabled;

  // Sessions: four lifetimes in hours, and the default cookie mode.
  const lifetime = (field: keyof TenantSnapshot["settings"], keyPath: string, fallback: string): string => {
    const hours = snapshot.settings[field];
    if (typeof hours !== "number") return unreadable(keyPath, fallback, `the tenant does not report ${snake(field)}`);
    const ms = hours * HOUR_MS;
    const text = formatDuration(ms);
    if (parseDuration(text) !== ms) out.changes.push(`${keyPath}: ${hours} h is not whole minutes; ${text} is written`);
    return keepSpelling(current(keyPath), text);
  };
  const persistent = {
    idle: lifetime("idleSessionLifetime", "sessions.persistent.idle", DEFAULTS.sessions.persistent.idle),
    absolute: lifetime("sessionLifetime", "sessions.persistent.absolute", DEFAULTS.sessions.persistent.absolute),
  };
  const ephemeral = {
    idle: lifetime("idleEphemeralSessionLifetime", "sessions.ephemeral.idle", DEFAULTS.sessions.ephemeral.idle),
    absolute: lifetime("ephemeralSessionLifetime", "sessions.ephemeral.absolute", DEFAULTS.sessions.ephemeral.absolute),
  };
  let cookieMode = snapshot.settings.cookieMode ?? AUTH0_DEFAULT_COOKIE_MODE;
  if (kmsiEnabled && cookieMode !== "non-persistent") {
    out.changes.push(
      `sessions.cookieMode: the tenant's default cookie is ${cookieMode}; Keep Me Signed In needs non-persistent, so pulumi up changes it`,
    );
    cookieMode = "non-persistent";
  }
  out.found.push(
    `tenant settings: sessions ${show(persistent)} persistent, ${show(ephemeral)} non-persistent, ` +
      `cookie ${snapshot.settings.cookieMode ?? `unset (${AUTH0_DEFAULT_COOKIE_MODE})`}`,
  );

  const plan = planOf(current("plan"), kmsiEnabled, persistent, ephemeral, out);

  // Custom domain: the one the stack file names, else the only one.
  const customDomain = customDomainOf(snapshot, current, out);

  // Login flow: from the prompt settings, and from the prompt that holds the checkbox; they must agree.
  const identifierFirst = snapshot.prompts.identifierFirst;
  const promptFlow = identifierFirst === undefined ? undefined : identifierFirst ? "identifier-first" : "classic";
  out.found.push(
    `prompts: ${snapshot.prompts.experience ?? "?"} experience, identifier first ${identifierFirst === undefined ? "not reported" : identifierFirst ? "on" : "off"}`,
  );
  if (snapshot.prompts.experience !== "new") {
    out.changes.push(
      `prompts: the ${snapshot.prompts.experience ?? "unreported"} Universal Login experience becomes new (partials need it)`,
    );
  }
  const checkboxPrompts = [...new Set(checkboxes.map((c) => c.prompt))];
  for (const c of checkboxes)
    out.found.push(`checkbox partial: prompt ${c.prompt}, screen ${c.screen}, ${c.insertionPoint}`);
  let loginFlow: string = promptFlow ?? DEFAULTS.loginFlow;
  if (checkboxPrompts.length > 1) {
    out.conflicts.push(
      `the ${KMSI_FIELD} checkbox is on both prompts ${checkboxPrompts.join(" and ")}: remove it from the prompt your login flow does not use`,
    );
  } else if (checkboxes.length > 1) {
    out.conflicts.push(
      `the ${KMSI_FIELD} checkbox is in ${checkboxes.length} partials of prompt ${checkboxes[0].prompt} ` +
        `(${checkboxes.map((c) => `${c.screen}/${c.insertionPoint}`).join(", ")}): keep one`,
    );
  } else if (checkboxes.length === 1) {
    const box = checkboxes[0];
    const boxFlow = flowOfPrompt(box.prompt);
    if (promptFlow !== undefined && boxFlow !== promptFlow) {
      out.conflicts.push(
        `the checkbox is on prompt ${box.prompt} (${boxFlow} flow) but identifier first is ${identifierFirst ? "on" : "off"} ` +
          `(${promptFlow} flow), so it never shows: move the partial or change identifier first`,
      );
    }
    loginFlow = boxFlow;
    const screen = LOGIN_SCREENS[boxFlow as keyof typeof LOGIN_SCREENS];
    if (box.screen !== screen.screen || box.insertionPoint !== "form-content-end") {
      out.changes.push(
        `checkbox partial: moves from ${box.screen}/${box.insertionPoint} to ${screen.screen}/form-content-end`,
      );
    }
  } else if (promptFlow === undefined) {
    out.notInferred.push(
      `loginFlow: ${show(DEFAULTS.loginFlow)} — the tenant reports no identifier-first setting; the default`,
    );
  }
  const flowPrompt = LOGIN_SCREENS[loginFlow as keyof typeof LOGIN_SCREENS].prompt;
  const otherPartials = Object.entries(snapshot.partials[flowPrompt] ?? {}).flatMap(([screen, points]) =>
    Object.keys(points ?? {})
      .filter(
        (point) =>
          !checkboxes.some((c) => c.prompt === flowPrompt && c.screen === screen && c.insertionPoint === point),
      )
      .map((point) => `${screen}/${point}`),
  );
  if (kmsiEnabled && otherPartials.length > 0) {
    out.changes.push(
      `prompt ${flowPrompt}: the partials ${otherPartials.join(", ")} are removed (the KMSI partial owns the prompt's partials)`,
    );
  }

  // The checkbox label, from the partial's <label>.
  let label: string = DEFAULTS.keepMeSignedIn.label;
  if (checkboxes.length === 1) {
    const read = labelOf(checkboxes[0].html);
    if (read !== undefined) label = keepSpelling(current("keepMeSignedIn.label"), read);
    else
      label = unreadable(
        "keepMeSignedIn.label",
        DEFAULTS.keepMeSignedIn.label,
        "the checkbox partial has no <label> text",
      );
  } else if (checkboxes.length === 0 && kmsiEnabled) {
    label = unreadable("keepMeSignedIn.label", DEFAULTS.keepMeSignedIn.label, "no checkbox partial in the tenant");
  }

  // Trusted-device lifetimes are kmsi Action secrets: never readable. Kept within the persistent lifetimes,
  // which the schema requires.
  const secretNote = (names: string[]) => `Action secret ${names.join(", ")}, whose value Auth0 never returns`;
  // A default longer than the tenant's persistent lifetime would fail the schema: the lifetime is used then.
  const trustedFallback = (key: "absolute" | "idle") => {
    const fallback: string = DEFAULTS.keepMeSignedIn.trustedDevice[key];
    const limit = persistent[key];
    return (parseDuration(fallback) ?? 0) > (parseDuration(limit) ?? Infinity)
      ? { value: limit, source: `sessions.persistent.${key}, as the default ${fallback} is longer` }
      : { value: fallback, source: "the default" };
  };
  const trustedKey = (key: "absolute" | "idle", secret: string) => {
    const fallback = trustedFallback(key);
    return unreadable<string>(
      `keepMeSignedIn.trustedDevice.${key}`,
      fallback.value,
      secretNote([secret]),
      fallback.source,
    );
  };
  const trusted = {
    absolute: trustedKey("absolute", KMSI_SECRETS.trustedAbsoluteMs),
    idle: trustedKey("idle", KMSI_SECRETS.trustedIdleMs),
  };

  const risk = {
    networkBinding: unreadable(
      "risk.networkBinding",
      DEFAULTS.risk.networkBinding,
      secretNote([RISK_SECRETS.networkBinding]),
    ),
    connectionLifetimes: unreadable(
      "risk.connectionLifetimes",
      DEFAULTS.risk.connectionLifetimes,
      secretNote([RISK_SECRETS.connectionLifetimes]),
    ),
    organizationIdle: unreadable(
      "risk.organizationIdle",
      DEFAULTS.risk.organizationIdle,
      secretNote([RISK_SECRETS.organizationIdle]),
    ),
  };

  // Runtime: our Actions' (kmsi's first), else the default.
  const runtimes = [ours.kmsi, ours.risk].filter((a): a is ActionInfo => a !== undefined).map((a) => a.runtime);
  let runtime: string = DEFAULTS.actions.runtime;
  if (runtimes.length === 0) {
    runtime = unreadable("actions.runtime", DEFAULTS.actions.runtime, "no kmsi or risk Action in the tenant");
  } else {
    const named = runtimeOf(runtimes[0]);
    if (named === undefined)
      out.changes.push(
        `actions.runtime: ${runtimes[0]} is not supported here; pulumi up moves the Actions to ${DEFAULTS.actions.runtime}`,
      );
    else runtime = named;
    if (runtimes.length === 2 && runtimeOf(runtimes[1]) !== runtime)
      out.changes.push(`actions.runtime: the risk Action moves from ${runtimes[1]} to ${runtime}`);
  }

  // keepBound: the post-login binding minus ours, in order.
  const ourNames = new Set<string>(Object.values(ACTION_NAMES));
  const kept = snapshot.postLogin.filter((b) => !ourNames.has(b.actionName)).map((b) => b.actionName);
  out.found.push(
    `post-login binding: ${snapshot.postLogin.length === 0 ? "empty" : snapshot.postLogin.map((b) => b.actionName).join(", ")}`,
  );
  for (const name of kept) {
    const named = postLoginActions.filter((a) => a.name === name);
    if (named.length > 1)
      out.conflicts.push(
        `${named.length} post-login Actions are named ${name}: actions.keepBound finds Actions by name; rename one`,
      );
  }
  const boundOurs = snapshot.postLogin.filter((b) => ourNames.has(b.actionName)).map((b) => b.actionName);
  const wantedOrder = [ACTION_NAMES.risk, ACTION_NAMES.kmsi].filter((n) => boundOurs.includes(n));
  const firstKept = snapshot.postLogin.findIndex((b) => !ourNames.has(b.actionName));
  const lastOurs = snapshot.postLogin.map((b) => ourNames.has(b.actionName)).lastIndexOf(true);
  if (boundOurs.join() !== wantedOrder.join() || (firstKept !== -1 && firstKept < lastOurs)) {
    out.changes.push("post-login binding: reordered to risk, kmsi, then the kept Actions");
  }

  // The page template: written next to the others unless the file the stack uses already holds it.
  const configured = (current("pageTemplate") as string | undefined) ?? DEFAULTS.pageTemplate;
  let pageTemplate = configured;
  if (snapshot.template === null) {
    out.notInferred.push(
      `pageTemplate: ${show(configured)} — the tenant has no page template; pulumi up creates it from this file`,
    );
  } else {
    out.found.push(`page template: ${Buffer.byteLength(snapshot.template)} bytes`);
    const absolute = path.resolve(options.projectDir, configured);
    const same = fs.existsSync(absolute) && fs.readFileSync(absolute, "utf8") === snapshot.template;
    if (!same) {
      // The shipped default template is shared by every stack: the tenant's goes into a file of this stack.
      pageTemplate = configured === DEFAULTS.pageTemplate ? `templates/${options.stack}.liquid` : configured;
      out.template = { relativePath: pageTemplate, body: snapshot.template };
    }
  }

  out.config = {
    plan,
    customDomain,
    sessions: { cookieMode, persistent, ephemeral },
    loginFlow,
    ...(pageTemplate !== DEFAULTS.pageTemplate || current("pageTemplate") !== undefined ? { pageTemplate } : {}),
    keepMeSignedIn: { enabled: kmsiEnabled, label, trustedDevice: trusted },
    risk,
    actions: { runtime, ...(kept.length > 0 || current("actions.keepBound") !== undefined ? { keepBound: kept } : {}) },
  };
  for (const action of snapshot.actions) {
    out.found.push(
      `Action ${action.name} (${action.triggers.join(", ") || "no trigger"}, ${action.runtime}, ` +
        `${action.deployedVersion === undefined ? "never deployed" : `deployed v${action.deployedVersion}`})`,
    );
  }
  return out;
}

/** The one Action with our name; a second one is a conflict (which would the stack manage?). */
function oneAction(actions: ActionInfo[], name: string, out: Inference): ActionInfo | undefined {
  const named = actions.filter((a) => a.name === name);
  if (named.length > 1) {
    out.conflicts.push(
      `${named.length} Actions are named ${name} (${named.map((a) => a.id).join(", ")}): delete or rename all but one`,
    );
    return undefined;
  }
  const action = named[0];
  if (action && !action.triggers.includes(POST_LOGIN)) {
    out.conflicts.push(
      `the Action named ${name} is a ${action.triggers.join(", ")} Action, ours is ${POST_LOGIN}: rename it`,
    );
    return undefined;
  }
  return action;
}

function customDomainOf(
  snapshot: TenantSnapshot,
  current: (keyPath: string) => unknown,
  out: Inference,
): Record<string, unknown> {
  const wanted = current("customDomain.domain");
  const domains = snapshot.customDomains;
  for (const d of domains) {
    out.found.push(
      `custom domain ${d.domain} (${d.id}, ${d.type}, ${d.status}${d.certificateStatus ? `, certificate ${d.certificateStatus}` : ""})`,
    );
  }
  const chosen =
    typeof wanted === "string"
      ? domains.find((d) => d.domain === wanted)
      : domains.length === 1
        ? domains[0]
        : undefined;
  if (chosen === undefined) {
    if (domains.length > 1 && typeof wanted !== "string") {
      out.conflicts.push(
        `${domains.length} custom domains (${domains.map((d) => d.domain).join(", ")}): ` +
          "set customDomain.domain in the stack file to the one this stack manages",
      );
    }
    const fallback: Record<string, unknown> = {};
    for (const key of ["domain", "certificates", "verify"]) {
      const value = current(`customDomain.${key}`);
      if (value !== undefined) fallback[key] = value;
    }
    out.notInferred.push(
      `customDomain: ${show(fallback)} — ${typeof wanted === "string" ? `${wanted} is not in the tenant` : "no custom domain in the tenant"}` +
        `; ${Object.keys(fallback).length > 0 ? "kept from the stack file" : "there is no default"}; pulumi up creates it`,
    );
    return fallback;
  }
  const certificates = certificatesOf(chosen.type);
  if (certificates === undefined)
    out.conflicts.push(`custom domain ${chosen.domain} has type ${chosen.type}, which this project does not manage`);
  return { domain: chosen.domain, certificates: certificates ?? chosen.type, verify: chosen.status === "ready" };
}

/** The plan is not in the Management API: the stack file's, else enterprise when what was found needs it. */
function planOf(
  kept: unknown,
  kmsiEnabled: boolean,
  persistent: { idle: string; absolute: string },
  ephemeral: { idle: string; absolute: string },
  out: Inference,
): unknown {
  if (kept !== undefined) {
    out.notInferred.push(`plan: ${show(kept)} — the Management API does not report the plan; kept from the stack file`);
    return kept;
  }
  const selfService = PLAN_LIMITS["self-service"];
  const beyond = [persistent, ephemeral].some(
    (l) => (parseDuration(l.idle) ?? 0) > selfService.idle || (parseDuration(l.absolute) ?? 0) > selfService.absolute,
  );
  const plan = kmsiEnabled || beyond ? "enterprise" : "self-service";
  const why = kmsiEnabled
    ? "Keep Me Signed In needs it"
    : beyond
      ? "the lifetimes exceed the self-service limits"
      : "nothing found needs more";
  out.notInferred.push(`plan: ${show(plan)} — the Management API does not report the plan; ${why}`);
  return plan;
}

/** The bundle every stack deploys, or undefined when `npm run build:actions` has not run. */
function bundleOf(name: "kmsi" | "risk"): string | undefined {
  try {
    return readActionBundle(name);
  } catch {
    return undefined;
  }
}

function flowOfPrompt(prompt: string): string {
  return Object.entries(LOGIN_SCREENS).find(([, screen]) => screen.prompt === prompt)![0];
}

/** The stack file's spelling when it means the same duration or text (`168h` stays `168h`, not `7d`). */
function keepSpelling(written: unknown, inferred: string): string {
  if (typeof written !== "string") return inferred;
  if (written === inferred) return written;
  const a = parseDuration(written);
  return a !== undefined && a === parseDuration(inferred) ? written : written.trim() === inferred ? written : inferred;
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function lookup(input: unknown, keyPath: string): unknown {
  return keyPath.split(".").reduce<unknown>((node, key) => {
    if (node === null || typeof node !== "object") return undefined;
    return (node as Record<string, unknown>)[key];
  }, input);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
