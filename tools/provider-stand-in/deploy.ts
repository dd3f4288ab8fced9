/**
 * deployStackToLocalTenant: a TEST STAND-IN FOR THE AUTH0 PULUMI PROVIDER AND ENGINE, for tests only.
 *
 * The real provider cannot be built on this machine, so `pulumi up --stack local` cannot run here. This helper
 * runs the REAL program (index.ts, through runProgram under Pulumi's mocks, with the stack's Pulumi.<stack>.yaml
 * config plus overrides), answers its data sources by reading the tenant as the provider does, diffs what it
 * declares against the previous deployment like the engine (provider/engine.ts), and makes, step by step, the
 * Management API requests terraform-provider-auth0 v1.53.0 (which @pulumi/auth0 at AUTH0_VERSION, toolchain/versions.env, wraps) makes with
 * go-auth0 v1.45.0: the same requests, in the same order, with the same bodies, and the same refusals. Paths are
 * under the provider's internal/auth0/ (go-auth0's management/ for GA); the modules under provider/ cite them
 * line by line.
 *
 *   step                                                                  provider source
 *   getTenant        GET /tenants/settings, flattened                      tenant/data_source.go:43-65, flatten.go:13-79
 *   getAction        GET /actions/actions?actionName=<name>&per_page=50;   action/data_source.go:39-72, GA actions.go:243-255
 *                    exactly one match, else `No action found with "name" = "<name>"`
 *   Tenant create    PATCH settings (configured fields only; lifetimes     tenant/resource.go:503-506, 552-571,
 *     = update       ≥ 1 h as whole hours, < 1 h as *_in_minutes), then    expand.go:13-47, 274-379,
 *                    PATCH null for each unset nullable field (create) or  GA tenant.go:229-296,
 *                    each changed to unset (update), then GET              recording TestAccTenant_Main.yaml
 *   Tenant delete    nothing                                                tenant/resource.go:573-575
 *   CustomDomain     POST {domain, type}, then GET; delete: DELETE          customdomain/resource.go:163-186, 207-215
 *   Verification     POST /verify until status is exactly "ready" within   customdomain/resource_verification.go:
 *                    the create timeout (default 5m), then GET the domain;  50-98; SDK helper/retry RetryContext
 *                    on timeout the last `custom domain has status "…"`;
 *                    delete: nothing                                        :100-102
 *   Prompt           PATCH /prompts, GET; delete: nothing                  prompt/resource.go:55-85
 *   Branding         GET /custom-domains (none: the provider's error),     branding/resource.go:108-185, 210-221
 *                    PUT the template; read: GET /branding, GET
 *                    /custom-domains, GET the template; delete: DELETE the
 *                    template if a custom domain exists
 *   Partials         create: id = prompt, PUT partials, GET by the id;     prompt/resource_screen_partials.go:
 *                    update: PUT the configured prompt, GET by the id;      109-145, flatten.go:39-89
 *                    delete: PUT {} to the id's prompt
 *   Action           POST (node18 sent as node18-actions), poll GET until  action/resource.go:210-335,
 *                    built, POST /deploy, poll GET until                   expand.go:17-69, flatten.go:9-35
 *                    deployed_version.deployed, GET; delete: DELETE
 *   TriggerActions   PATCH bindings, GET ?page=N&per_page=100 while        action/resource_trigger_actions.go:
 *                    HasNext; delete: PATCH {bindings: []}                  74-137, GA management_request.go:227-233
 *
 * What it does not imitate: the provider's backoff between polls (it polls every few milliseconds; only the order
 * of requests and the deadline count, and `timeScale` shrinks the deadlines for tests), its 800 ms sleep between
 * the tenant PATCHes, and the updates no test needs yet (CustomDomain, Action): those fail loudly, as does any
 * resource type or input it does not know.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { LocalTenant } from "../../packages/local-tenant";
import { getActionByName } from "./provider/actions";
import { Api, type Call } from "./provider/api";
import { refresh, runEngine, type Checkpoint, type Step } from "./provider/engine";
import { tenantAsRead } from "./provider/tenant";
import type { ProviderContext } from "./provider/types";
import { runProgram, type InvokeHandler, type ProgramRun } from "./run-program";
import { asPulumiHandsOver, loadStackFile } from "./stack-files";

const NAMESPACE = "auth0-sessions:";
const ROOT = path.resolve(__dirname, "..", "..");

export interface DeployOptions {
  stack: string;
  /** `auth0-sessions` keys (with or without the namespace) merged over the stack file's; objects merge deeply. */
  overrides?: Record<string, unknown>;
  /** The deployment this one follows on the same tenant: its checkpoint is what the engine diffs against. */
  previous?: Deployment;
  /** Read every resource of `previous` first, like `pulumi up --refresh` (the deploy and drift workflows). */
  refresh?: boolean;
  /** Publish a new custom domain's DNS records at once (the local tenant then verifies it). Default: false. */
  publishDns?: boolean;
  /** Called after each verify answer that is not `ready` (1-based), e.g. to publish the records then. */
  onVerifyPending?: (attempt: number) => void | Promise<void>;
  /** Multiplies the provider's timeouts (custom or default); default 1. */
  timeScale?: number;
}

export interface Deployment {
  run: ProgramRun;
  /** The `auth0-sessions` config the program ran with (no namespace), overrides applied. */
  config: Record<string, unknown>;
  /** Every Management API call made, in order, reads of the data sources included. */
  calls: Call[];
  /** What the engine did, per resource. */
  steps: Step[];
  /** Registration name → the id the tenant gave the resource. */
  ids: Record<string, string>;
  /** The engine's checkpoint after this deployment (the next one diffs against it). */
  checkpoint: Checkpoint;
}

/** `pulumi up`: runs the program and applies its diff against `previous` (nothing: everything is created). */
export function deployStackToLocalTenant(tenant: LocalTenant, options: DeployOptions): Promise<Deployment> {
  return run(tenant, options, false);
}

/** `pulumi preview`: the same, without a single write. */
export function previewStackOnLocalTenant(tenant: LocalTenant, options: DeployOptions): Promise<Deployment> {
  return run(tenant, options, true);
}

async function run(tenant: LocalTenant, options: DeployOptions, dryRun: boolean): Promise<Deployment> {
  await buildActionBundles();
  const merged: Record<string, unknown> = { ...loadStackFile(options.stack) };
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    const full = key.startsWith(NAMESPACE) ? key : `${NAMESPACE}${key}`;
    merged[full] = deepMerge(merged[full], value);
  }

  const api = new Api(tenant);
  await api.login();
  // A preview must not change the previous deployment's checkpoint: it works on a copy.
  const checkpoint: Checkpoint = new Map(
    [...(options.previous?.checkpoint ?? [])].map(([urn, state]) => [urn, dryRun ? structuredClone(state) : state]),
  );
  const ctx: ProviderContext = {
    api,
    realId: (mockId) => [...checkpoint.values()].find((s) => `${s.registration.name}-id` === mockId)?.id ?? mockId,
    timeScale: options.timeScale ?? 1,
    publishDns: options.publishDns ?? false,
    onVerifyPending: options.onVerifyPending,
  };
  if (options.refresh) await refresh(ctx, checkpoint);

  const invoke: InvokeHandler = async (token, args) => {
    if (token === "auth0:index/getTenant:getTenant")
      return tenantAsRead((await api.call("GET", "/api/v2/tenants/settings")).json);
    if (token === "auth0:index/getAction:getAction") return getActionByName(ctx, args.name);
    throw new Error(`the provider stand-in cannot answer the invoke ${token}`);
  };
  const programRun = await runProgram({ stack: options.stack, config: asPulumiHandsOver(merged), invoke });
  const steps = await runEngine(ctx, checkpoint, programRun.registrations, dryRun);

  const ids = Object.fromEntries([...checkpoint.values()].map((s) => [s.registration.name, s.id]));
  const config = Object.fromEntries(
    Object.entries(merged)
      .filter(([k]) => k.startsWith(NAMESPACE))
      .map(([k, v]) => [k.slice(NAMESPACE.length), v]),
  );
  return { run: programRun, config, calls: api.calls, steps, ids, checkpoint };
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
  const script = (await import(pathToFileURL(path.join(ROOT, "tools", "build-actions.mjs")).href)) as {
    buildActions(): Promise<unknown>;
  };
  await script.buildActions();
}
