/**
 * deployStackToLocalTenant: a TEST STAND-IN FOR THE AUTH0 PULUMI PROVIDER, for tests only.
 *
 * The real provider cannot be built on this machine (the Go module proxy refuses its sources), so
 * `pulumi up --stack local` cannot run here. This helper runs the REAL program (index.ts, through runProgram
 * under Pulumi's mocks, with the stack's Pulumi.<stack>.yaml config plus overrides) and then makes, for every
 * resource the program registered, the Management API calls the Auth0 provider makes to create it, with the
 * registration's exact inputs. Request shapes come from the provider's recorded traffic
 * (/work/shared/auth0-recordings): what the local tenant serves afterwards — tenant session settings, page
 * template, partials, Action bundles and their binding order — is exactly what the program declares.
 *
 * It creates; it does not diff, update or delete (deploy to a fresh tenant). Each translator accepts only the
 * inputs it knows how to send and throws on any other, so a resource type or input the program starts using
 * later fails here loudly instead of being dropped.
 *
 *   auth0.Tenant                     PATCH /api/v2/tenants/settings  (lifetimes in hours, session_cookie)
 *   auth0.CustomDomain               POST  /api/v2/custom-domains
 *   auth0.CustomDomainVerification   POST  /api/v2/custom-domains/{id}/verify
 *   auth0.Prompt                     PATCH /api/v2/prompts
 *   auth0.Branding                   PATCH /api/v2/branding (colors, logo, favicon, font, if any), then
 *                                    PUT   /api/v2/branding/templates/universal-login (the template as a JSON string)
 *   auth0.PromptScreenPartials       PUT   /api/v2/prompts/{prompt}/partials  {screen: {insertion-point: html}}
 *   auth0.Action                     POST  /api/v2/actions/actions, GET until built, POST .../deploy
 *   auth0.TriggerActions             PATCH /api/v2/actions/triggers/{trigger}/bindings
 *                                          {bindings: [{ref: {type: "action_id", value}, display_name}]}
 *
 * Resource ids under the mocks are `<name>-id`; references between resources (custom domain → verification,
 * Actions → binding) are mapped to the ids the tenant hands out.
 */
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import type { LocalTenant } from "../../local-tenant/index";
import { TenantClient, type Response } from "../local-tenant/helpers/client";
import { runProgram, type ProgramRun, type Registration } from "./pulumiProgram";
import { asPulumiHandsOver, loadStackFile } from "./stackFiles";

const NAMESPACE = "auth0-sessions:";
const ROOT = path.resolve(__dirname, "..", "..");

export interface DeployOptions {
  stack: string;
  /** `auth0-sessions` keys (with or without the namespace) merged over the stack file's; objects merge deeply. */
  overrides?: Record<string, unknown>;
}

export interface Deployment {
  run: ProgramRun;
  /** The `auth0-sessions` config the program ran with (no namespace), overrides applied. */
  config: Record<string, unknown>;
  /** Every Management API call made, in order. */
  calls: Array<{ method: string; path: string; status: number }>;
  /** Registration name → the id the tenant gave the resource (actions, custom domains). */
  ids: Record<string, string>;
}

/** Order of creation: what a resource depends on comes first, as the engine would order it. */
const TYPE_ORDER = [
  "auth0:index/tenant:Tenant",
  "auth0:index/customDomain:CustomDomain",
  "auth0:index/customDomainVerification:CustomDomainVerification",
  "auth0:index/prompt:Prompt",
  "auth0:index/branding:Branding",
  "auth0:index/promptScreenPartials:PromptScreenPartials",
  "auth0:index/action:Action",
  "auth0:index/triggerActions:TriggerActions",
] as const;

const ACTION_BUILD_TIMEOUT_MS = 30_000;

export async function deployStackToLocalTenant(tenant: LocalTenant, options: DeployOptions): Promise<Deployment> {
  await buildActionBundles();
  const stackConfig = loadStackFile(options.stack);
  const merged: Record<string, unknown> = { ...stackConfig };
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    const full = key.startsWith(NAMESPACE) ? key : `${NAMESPACE}${key}`;
    merged[full] = deepMerge(merged[full], value);
  }

  const api = new Api(tenant);
  await api.login();
  // auth0.getAction (actions.keepBound) looks up Actions that already exist in the tenant, by name, whatever
  // their trigger: the program itself refuses one that is not a post-login Action.
  const existing = await api.call("GET", "/api/v2/actions/actions?per_page=100");
  type Listed = { name: string; id: string; supported_triggers: { id: string }[] };
  const tenantActions = Object.fromEntries(
    (existing.json.actions as Listed[]).map((a) => [a.name, { id: a.id, trigger: a.supported_triggers[0]?.id ?? "" }]),
  );

  const run = await runProgram({ stack: options.stack, config: asPulumiHandsOver(merged), tenantActions });
  const ids: Record<string, string> = {};
  const mockIds = new Map<string, string>();
  const realId = (mockId: string) => mockIds.get(mockId) ?? mockId;

  const custom = run.registrations.filter((r) => r.custom);
  const unknown = custom.filter((r) => !(TYPE_ORDER as readonly string[]).includes(r.type));
  if (unknown.length > 0) throw new Error(`localDeploy cannot create ${unknown.map((r) => `${r.type} ${r.name}`).join(", ")}`);
  for (const type of TYPE_ORDER) {
    for (const registration of custom.filter((r) => r.type === type)) {
      const id = await create(api, registration, realId);
      if (id !== undefined) {
        ids[registration.name] = id;
        mockIds.set(`${registration.name}-id`, id);
      }
    }
  }
  const config = Object.fromEntries(Object.entries(merged).filter(([k]) => k.startsWith(NAMESPACE)).map(([k, v]) => [k.slice(NAMESPACE.length), v]));
  return { run, config, calls: api.calls, ids };
}

/** Creates one resource; returns the id the tenant assigned, for resources others refer to. */
async function create(api: Api, registration: Registration, realId: (mockId: string) => string): Promise<string | undefined> {
  const inputs = registration.inputs;
  const where = `${registration.type} ${registration.name}`;
  switch (registration.type) {
    case "auth0:index/tenant:Tenant": {
      known(inputs, ["sessionLifetime", "idleSessionLifetime", "ephemeralSessionLifetime", "idleEphemeralSessionLifetime", "sessionCookie"], where);
      await api.call("PATCH", "/api/v2/tenants/settings", {
        session_lifetime: inputs.sessionLifetime,
        idle_session_lifetime: inputs.idleSessionLifetime,
        ephemeral_session_lifetime: inputs.ephemeralSessionLifetime,
        idle_ephemeral_session_lifetime: inputs.idleEphemeralSessionLifetime,
        ...(inputs.sessionCookie ? { session_cookie: { mode: inputs.sessionCookie.mode } } : {}),
      });
      return undefined;
    }
    case "auth0:index/customDomain:CustomDomain": {
      known(inputs, ["domain", "type"], where);
      const res = await api.call("POST", "/api/v2/custom-domains", { domain: inputs.domain, type: inputs.type });
      return res.json.custom_domain_id as string;
    }
    case "auth0:index/customDomainVerification:CustomDomainVerification": {
      known(inputs, ["customDomainId"], where);
      await api.call("POST", `/api/v2/custom-domains/${encodeURIComponent(realId(inputs.customDomainId))}/verify`);
      return undefined;
    }
    case "auth0:index/prompt:Prompt": {
      known(inputs, ["universalLoginExperience", "identifierFirst", "webauthnPlatformFirstFactor"], where);
      await api.call("PATCH", "/api/v2/prompts", defined({
        universal_login_experience: inputs.universalLoginExperience,
        identifier_first: inputs.identifierFirst,
        webauthn_platform_first_factor: inputs.webauthnPlatformFirstFactor,
      }));
      return undefined;
    }
    case "auth0:index/branding:Branding": {
      known(inputs, ["universalLogin", "colors", "logoUrl", "faviconUrl", "font"], where);
      const branding = defined({ colors: inputs.colors, logo_url: inputs.logoUrl, favicon_url: inputs.faviconUrl, font: inputs.font });
      if (Object.keys(branding).length > 0) await api.call("PATCH", "/api/v2/branding", branding);
      const body = inputs.universalLogin?.body;
      // go-auth0 sends the template as a JSON string (recorded).
      if (typeof body === "string") await api.call("PUT", "/api/v2/branding/templates/universal-login", body);
      return undefined;
    }
    case "auth0:index/promptScreenPartials:PromptScreenPartials": {
      known(inputs, ["promptType", "screenPartials"], where);
      const screens: Record<string, Record<string, string>> = {};
      for (const partial of inputs.screenPartials as Array<{ screenName: string; insertionPoints: Record<string, string> }>) {
        screens[partial.screenName] = Object.fromEntries(Object.entries(partial.insertionPoints).map(([point, html]) => [kebab(point), html]));
      }
      await api.call("PUT", `/api/v2/prompts/${encodeURIComponent(inputs.promptType)}/partials`, screens);
      return undefined;
    }
    case "auth0:index/action:Action": {
      known(inputs, ["name", "code", "runtime", "deploy", "supportedTriggers", "secrets", "dependencies"], where);
      const created = await api.call("POST", "/api/v2/actions/actions", defined({
        name: inputs.name,
        supported_triggers: [{ id: inputs.supportedTriggers.id, version: inputs.supportedTriggers.version }],
        code: inputs.code,
        runtime: inputs.runtime,
        dependencies: inputs.dependencies,
        secrets: (inputs.secrets as Array<{ name: string; value: string }> | undefined)?.map((s) => ({ name: s.name, value: s.value })),
      }));
      const id = created.json.id as string;
      await waitUntilBuilt(api, id);
      if (inputs.deploy) await api.call("POST", `/api/v2/actions/actions/${id}/deploy`);
      return id;
    }
    case "auth0:index/triggerActions:TriggerActions": {
      known(inputs, ["trigger", "actions"], where);
      const bindings = (inputs.actions as Array<{ id: string; displayName: string }>).map((a) => ({
        ref: { type: "action_id", value: realId(a.id) },
        display_name: a.displayName,
      }));
      await api.call("PATCH", `/api/v2/actions/triggers/${encodeURIComponent(inputs.trigger)}/bindings`, { bindings });
      return undefined;
    }
    default:
      throw new Error(`localDeploy cannot create ${where}`);
  }
}

/** The provider polls the action until its build is done before deploying it. */
async function waitUntilBuilt(api: Api, id: string): Promise<void> {
  const deadline = Date.now() + ACTION_BUILD_TIMEOUT_MS;
  for (;;) {
    const status = (await api.call("GET", `/api/v2/actions/actions/${id}`)).json.status as string;
    if (status === "built") return;
    if (status === "failed") throw new Error(`action ${id} failed to build`);
    if (Date.now() > deadline) throw new Error(`action ${id} still ${status} after ${ACTION_BUILD_TIMEOUT_MS} ms`);
    await sleep(25);
  }
}

/** A Management API client that fails on any non-2xx answer and records every call. */
class Api {
  readonly calls: Deployment["calls"] = [];
  private readonly client: TenantClient;

  constructor(tenant: LocalTenant) {
    this.client = new TenantClient(tenant);
  }

  login(): Promise<string> {
    return this.client.login();
  }

  async call(method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
    const res = await this.client.send(method, pathAndQuery, body === undefined ? {} : { body });
    this.calls.push({ method, path: pathAndQuery, status: res.status });
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${pathAndQuery} answered ${res.status}: ${res.text}`);
    return res;
  }
}

function known(inputs: Record<string, unknown>, keys: string[], where: string): void {
  const extra = Object.keys(inputs).filter((key) => !keys.includes(key) && inputs[key] !== undefined);
  if (extra.length > 0) throw new Error(`localDeploy does not translate ${where} inputs: ${extra.join(", ")}`);
}

function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** formContentEnd → form-content-end: the provider's input names for Auth0's insertion points. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

/** dist/actions/*.js, rebuilt so the deployed code is never stale (the program reads the bundles from there). */
async function buildActionBundles(): Promise<void> {
  const script = (await import(pathToFileURL(path.join(ROOT, "scripts", "build-actions.mjs")).href)) as { buildActions(): Promise<unknown> };
  await script.buildActions();
}
