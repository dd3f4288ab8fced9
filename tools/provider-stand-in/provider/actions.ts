/**
 * auth0.Action, auth0.TriggerActions and the `auth0.getAction` data source (terraform-provider-auth0 v1.53.0,
 * internal/auth0/action/) with go-auth0 v1.45.0 (management/actions.go).
 */
import { defined } from "./tenant";
import { goDurationMs, retryUntil, type ProviderContext, type ResourceType } from "./types";

type Json = Record<string, any>;

/** The Action's default create timeout (resource.go:25-27), which its deploy waits also use (:270-335). */
const ACTION_TIMEOUT_DEFAULT = "6m";

/** The data source's error when the name matches no Action or more than one (data_source.go:68-72). */
export function actionNotFound(name: string): string {
  return `No action found with "name" = ${JSON.stringify(name)}`;
}

/**
 * The runtime on the wire: `node18` is sent as `node18-actions` unless the Action supports custom-token-exchange
 * (expand.go:49-57, 62-69).
 */
export function wireRuntime(runtime: string | undefined, triggerIds: string[]): string | undefined {
  return runtime === "node18" && !triggerIds.includes("custom-token-exchange") ? "node18-actions" : runtime;
}

/** flattenAction (flatten.go:9-35): `node18-actions` reads back as `node18`. */
function flattenAction(action: Json): Json {
  const trigger = action.supported_triggers?.[0];
  return {
    name: action.name,
    code: action.code,
    runtime: action.runtime === "node18-actions" ? "node18" : action.runtime,
    supportedTriggers: trigger && { id: trigger.id, version: trigger.version },
    dependencies: action.dependencies?.length
      ? action.dependencies.map((d: Json) => ({ name: d.name, version: d.version }))
      : undefined,
  };
}

async function readAction(ctx: ProviderContext, id: string): Promise<Json | undefined> {
  const res = await ctx.api.call("GET", `/api/v2/actions/actions/${encodeURIComponent(id)}`, undefined, [404]);
  return res.status === 404 ? undefined : res.json;
}

/**
 * deployAction and waitForActionDeployed (resource.go:270-335): poll until built (a failed build stops at once), POST /deploy, poll until
 * `deployed_version.deployed`, each within the create timeout.
 */
async function deployAction(ctx: ProviderContext, id: string, name: string, timeout: string): Promise<void> {
  const timeoutMs = goDurationMs(timeout) * ctx.timeScale;
  const quoted = JSON.stringify(name);
  try {
    await retryUntil(timeoutMs, async () => {
      const action = (await readAction(ctx, id))!;
      if (action.status === "failed")
        throw new Error(`action ${quoted} failed to build, check the Auth0 UI for errors`);
      if (action.status === "built") return { done: true, value: undefined };
      return {
        done: false,
        error: `expected action ${quoted} status ${JSON.stringify(action.status)} to equal "built"`,
      };
    });
  } catch (error) {
    throw new Error(`action ${quoted} never reached built state: ${(error as Error).message}`, { cause: error });
  }
  await ctx.api.call("POST", `/api/v2/actions/actions/${encodeURIComponent(id)}/deploy`);
  try {
    await retryUntil(timeoutMs, async () => {
      const action = (await readAction(ctx, id))!;
      if (action.deployed_version?.deployed === true) return { done: true, value: undefined };
      return { done: false, error: `action ${quoted} not deployed yet` };
    });
  } catch (error) {
    throw new Error(`action ${quoted} deploy never completed: ${(error as Error).message}`, { cause: error });
  }
}

/** create POSTs the Action (expand.go:17-59, field order of go-auth0's Action), deploys it, reads it (resource.go:210-237). */
export const actionType: ResourceType = {
  inputs: ["name", "code", "runtime", "deploy", "supportedTriggers", "secrets", "dependencies"],
  // runtime is Optional+Computed; name, code and the trigger Required; dependencies Optional (resource.go:35-99).
  // Secrets are never read back (flatten.go): the state keeps what was sent.
  fields: { name: {}, code: {}, supportedTriggers: {}, dependencies: {}, runtime: { computed: true } },
  async create(ctx, inputs, registration) {
    const triggers = [{ id: inputs.supportedTriggers.id, version: inputs.supportedTriggers.version }];
    const created = await ctx.api.call(
      "POST",
      "/api/v2/actions/actions",
      defined({
        name: inputs.name,
        supported_triggers: triggers,
        code: inputs.code,
        dependencies: inputs.dependencies,
        runtime: wireRuntime(
          inputs.runtime,
          triggers.map((t) => t.id),
        ),
        secrets: (inputs.secrets as Array<{ name: string; value: string }> | undefined)?.map((s) => ({
          name: s.name,
          value: s.value,
        })),
      }),
    );
    const id = created.json.id as string;
    if (inputs.deploy)
      await deployAction(ctx, id, inputs.name, registration.customTimeouts.create ?? ACTION_TIMEOUT_DEFAULT);
    return { id, outputs: flattenAction((await readAction(ctx, id))!) };
  },
  read: async (ctx, id) => {
    const action = await readAction(ctx, id);
    return action && flattenAction(action);
  },
  delete: async (ctx, state) => {
    await ctx.api.call("DELETE", `/api/v2/actions/actions/${encodeURIComponent(state.id)}`);
  },
};

/**
 * readTriggerBinding (resource_trigger_actions.go:89-115): `?page=N&per_page=100` until go-auth0's List.HasNext
 * (management_request.go:227-233) says there is no next page. Auth0 leaves `total` out of an empty page (recording
 * TestAccTriggerActions.yaml:435), which ends the loop; the local tenant still sends it there, so an empty page
 * ends it here too.
 */
async function readBindings(ctx: ProviderContext, trigger: string): Promise<Json> {
  const actions: Json[] = [];
  for (let page = 0; ; page++) {
    const list = (
      await ctx.api.call(
        "GET",
        `/api/v2/actions/triggers/${encodeURIComponent(trigger)}/bindings?page=${page}&per_page=100`,
      )
    ).json;
    for (const binding of list.bindings as Json[])
      actions.push({ id: binding.action.id, displayName: binding.display_name });
    const hasNext = Boolean(list.next) || (list.total ?? 0) > (list.start ?? 0) + (list.limit ?? 0);
    if (!hasNext || list.bindings.length === 0) break;
  }
  return { trigger, actions };
}

/** expandTriggerBindings (action/expand.go:135-151) → PATCH bindings (resource_trigger_actions.go:74-87, 117-127). */
async function writeBindings(
  ctx: ProviderContext,
  trigger: string,
  actions: Array<{ id: string; displayName: string }>,
): Promise<void> {
  await ctx.api.call("PATCH", `/api/v2/actions/triggers/${encodeURIComponent(trigger)}/bindings`, {
    bindings: actions.map((a) => ({ ref: { type: "action_id", value: a.id }, display_name: a.displayName })),
  });
}

export const triggerActionsType: ResourceType = {
  inputs: ["trigger", "actions"],
  // trigger is ForceNew; actions Required (resource_trigger_actions.go:30-70).
  fields: { trigger: { forceNew: true }, actions: {} },
  resolve: (inputs, ctx) => ({
    ...inputs,
    actions: inputs.actions.map((a: Json) => ({ id: ctx.realId(a.id), displayName: a.displayName })),
  }),
  async create(ctx, inputs) {
    await writeBindings(ctx, inputs.trigger, inputs.actions);
    return { id: inputs.trigger, outputs: await readBindings(ctx, inputs.trigger) };
  },
  read: (ctx, id) => readBindings(ctx, id),
  async update(ctx, state, inputs) {
    await writeBindings(ctx, state.id, inputs.actions);
    return readBindings(ctx, state.id);
  },
  // The delete empties the whole trigger (:129-137), Actions bound by others included.
  delete: (ctx, state) => writeBindings(ctx, state.id, []),
};

/**
 * `auth0.getAction` by name (data_source.go:39-72): one list request, `?actionName=<name>&per_page=50` (go-auth0
 * encodes the query with sorted keys, actions.go:243-255 for the page size), and exactly one match or the error.
 */
export async function getActionByName(ctx: ProviderContext, name: string): Promise<Json> {
  const query = new URLSearchParams([
    ["actionName", name],
    ["per_page", "50"],
  ]).toString();
  const found = (await ctx.api.call("GET", `/api/v2/actions/actions?${query}`)).json.actions as Json[];
  if (found.length !== 1) throw new Error(actionNotFound(name));
  const action = found[0];
  const flat = flattenAction(action);
  return {
    id: action.id,
    ...flat,
    supportedTriggers: action.supported_triggers.map((t: Json) => ({ id: t.id, version: t.version })),
  };
}
