/**
 * /api/v2/actions/actions: create, list, read, update, delete, deploy, versions; and GET /actions/triggers.
 *
 * Creating or updating an action starts an asynchronous build (see action-builds.ts); only a built action can
 * be deployed, deploying creates a numbered version that becomes `deployed_version`, and an action bound to
 * a trigger cannot be deleted (409) unless `force=true`, which unbinds it first.
 */
import { apiError, invalidBody } from "../http/errors";
import type { Router } from "../http/router";
import type { ActionRecord, ActionVersion, Dependency, StoredSecret, Trigger } from "../store/state";
import { isoNano, nowNs, plusMs } from "../util/clock";
import { uuid } from "../util/ids";
import { actionSummary, actionView, deployView, versionView } from "./action-views";
import { noContent, saved, type ManagementContext } from "./context";
import { deployNewVersion } from "./deployed-version";
import { DEFAULT_RUNTIME, RUNTIMES, TRIGGER_VERSIONS } from "./triggers";
import {
  asObject,
  expectArray,
  expectEnum,
  expectString,
  objectBody,
  paging,
  rejectUnknown,
  requireProps,
  type Obj,
} from "./validation";

const CODE_MAX_LENGTH = 100 * 1024;
const FIELDS = ["name", "supported_triggers", "code", "dependencies", "runtime", "secrets"] as const;

export function registerActions(router: Router, context: ManagementContext): void {
  const state = () => context.store.state;
  const find = (id: string): ActionRecord => {
    const action = state().actions.find((a) => a.id === id);
    if (!action) throw apiError(404, "That action does not exist.", "inexistent_action");
    return action;
  };

  router.add("POST", "/api/v2/actions/actions", { scope: "create:actions" }, async (request) => {
    const body = objectBody(request);
    rejectUnknown(body, FIELDS);
    requireProps(body, ["name", "supported_triggers"]);
    const input = validate(body);
    const created = nowNs();
    const action: ActionRecord = {
      id: uuid(),
      name: input.name!,
      supported_triggers: input.supported_triggers!,
      created_at: isoNano(created),
      updated_at: isoNano(plusMs(created, 0.01)),
      code: input.code ?? "",
      dependencies: input.dependencies ?? [],
      runtime: input.runtime ?? DEFAULT_RUNTIME,
      status: "pending",
      secrets: mergeSecrets([], input.secrets ?? [], isoNano(created)),
      versions: [],
      deployed_version_id: null,
      all_changes_deployed: false,
      build_generation: 0,
    };
    state().actions.push(action);
    context.builds.start(action);
    return saved(context, { status: 201, body: actionView(action) });
  });

  router.add("GET", "/api/v2/actions/actions", { scope: "read:actions" }, (request) => {
    const { page, perPage } = paging(request.query, { perPage: 50, max: 100 });
    const triggerId = request.query.get("triggerId");
    const actionName = request.query.get("actionName");
    const deployed = request.query.get("deployed");
    const matching = state().actions.filter(
      (a) =>
        (triggerId === null || a.supported_triggers.some((t) => t.id === triggerId)) &&
        (actionName === null || a.name === actionName) &&
        (deployed !== "true" || a.deployed_version_id !== null),
    );
    return {
      status: 200,
      body: {
        actions: matching.slice(page * perPage, (page + 1) * perPage).map(actionView),
        total: matching.length,
        page,
        per_page: perPage,
      },
    };
  });

  router.add("GET", "/api/v2/actions/actions/:id", { scope: "read:actions" }, (request) => ({
    status: 200,
    body: actionView(find(request.params.id)),
  }));

  router.add("PATCH", "/api/v2/actions/actions/:id", { scope: "update:actions" }, async (request) => {
    const action = find(request.params.id);
    const body = objectBody(request);
    rejectUnknown(body, FIELDS);
    const input = validate(body);
    if (input.supported_triggers) {
      // Auth0 refuses to move a bound action to triggers its bindings do not use.
      const bound = Object.entries(state().bindings)
        .filter(([, list]) => list.some((b) => b.action_id === action.id))
        .map(([trigger]) => trigger);
      if (bound.some((trigger) => !input.supported_triggers!.some((t) => t.id === trigger)))
        throw apiError(400, "can't upgrade to this trigger.");
    }
    const now = isoNano();
    if (input.name !== undefined) action.name = input.name;
    if (input.supported_triggers !== undefined) action.supported_triggers = input.supported_triggers;
    if (input.code !== undefined) action.code = input.code;
    if (input.dependencies !== undefined) action.dependencies = input.dependencies;
    if (input.runtime !== undefined) action.runtime = input.runtime;
    if (input.secrets !== undefined) action.secrets = mergeSecrets(action.secrets, input.secrets, now);
    action.updated_at = now;
    action.all_changes_deployed = false;
    context.builds.start(action);
    return saved(context, { status: 200, body: actionView(action) });
  });

  router.add("DELETE", "/api/v2/actions/actions/:id", { scope: "delete:actions" }, async (request) => {
    const action = find(request.params.id);
    const bindings = state().bindings;
    const bound = Object.values(bindings).some((list) => list.some((b) => b.action_id === action.id));
    if (bound && request.query.get("force") !== "true")
      throw apiError(409, "Unable to delete an action bound to a trigger.");
    for (const trigger of Object.keys(bindings))
      bindings[trigger] = bindings[trigger].filter((b) => b.action_id !== action.id);
    state().actions = state().actions.filter((a) => a !== action);
    return saved(context, noContent());
  });

  router.add("POST", "/api/v2/actions/actions/:id/deploy", { scope: "create:actions" }, async (request) => {
    const action = find(request.params.id);
    if (action.status !== "built") {
      throw apiError(
        400,
        `Unable to deploy the action: its build status is "${action.status}", it must be "built".`,
        "invalid_action_status",
      );
    }
    const version = deployNewVersion(action, action);
    action.all_changes_deployed = true;
    return saved(context, { status: 200, body: deployView(version, action) });
  });

  router.add("GET", "/api/v2/actions/actions/:id/versions", { scope: "read:actions" }, (request) => {
    const action = find(request.params.id);
    const { page, perPage } = paging(request.query, { perPage: 20, max: 100 });
    const newestFirst = [...action.versions].reverse();
    return {
      status: 200,
      body: {
        total: newestFirst.length,
        page,
        per_page: perPage,
        versions: newestFirst.slice(page * perPage, (page + 1) * perPage).map((v) => versionWithAction(v, action)),
      },
    };
  });

  router.add("GET", "/api/v2/actions/actions/:id/versions/:versionId", { scope: "read:actions" }, (request) => {
    const action = find(request.params.id);
    const version = action.versions.find((v) => v.id === request.params.versionId);
    if (!version) throw apiError(404, "That action version does not exist.", "inexistent_action_version");
    return { status: 200, body: versionWithAction(version, action) };
  });

  router.add("GET", "/api/v2/actions/triggers", { scope: "read:actions" }, () => ({
    status: 200,
    body: {
      triggers: Object.entries(TRIGGER_VERSIONS).flatMap(([id, versions]) =>
        versions.map((version, i) => ({
          id,
          version,
          status: i === versions.length - 1 ? "CURRENT" : "DEPRECATED",
          runtimes: [...RUNTIMES],
          default_runtime: DEFAULT_RUNTIME,
        })),
      ),
    },
  }));
}

function versionWithAction(version: ActionVersion, action: ActionRecord): Record<string, unknown> {
  return { ...versionView(version), action_id: action.id, action: actionSummary(action) };
}

interface ActionInput {
  name?: string;
  supported_triggers?: Trigger[];
  code?: string;
  dependencies?: Dependency[];
  runtime?: string;
  secrets?: Array<{ name: string; value?: string }>;
}

function validate(body: Obj): ActionInput {
  const input: ActionInput = {};
  if (body.name !== undefined) input.name = expectString(body.name, "name", { minLength: 1, maxLength: 255 });
  if (body.supported_triggers !== undefined) {
    const list = expectArray(body.supported_triggers, "supported_triggers");
    if (list.length === 0) throw invalidBody("Array is too short (0), minimum 1", "supported_triggers");
    input.supported_triggers = list.map((item, i) => {
      const where = `supported_triggers[${i}]`;
      const trigger = asObject(item, where);
      rejectUnknown(trigger, ["id", "version"], where);
      requireProps(trigger, ["id", "version"], where);
      const id = expectEnum(trigger.id, Object.keys(TRIGGER_VERSIONS), `${where}.id`);
      const version = expectEnum(trigger.version, TRIGGER_VERSIONS[id], `${where}.version`);
      return { id, version };
    });
  }
  if (body.code !== undefined) input.code = expectString(body.code, "code", { maxLength: CODE_MAX_LENGTH });
  if (body.runtime !== undefined) input.runtime = expectEnum(body.runtime, RUNTIMES, "runtime");
  if (body.dependencies !== undefined) {
    input.dependencies = expectArray(body.dependencies, "dependencies").map((item, i) => {
      const where = `dependencies[${i}]`;
      const dep = asObject(item, where);
      rejectUnknown(dep, ["name", "version", "registry_url"], where);
      requireProps(dep, ["name", "version"], where);
      const out: Dependency = {
        name: expectString(dep.name, `${where}.name`, { minLength: 1 }),
        version: expectString(dep.version, `${where}.version`, { minLength: 1 }),
      };
      if (dep.registry_url !== undefined) out.registry_url = expectString(dep.registry_url, `${where}.registry_url`);
      return out;
    });
  }
  if (body.secrets !== undefined) {
    input.secrets = expectArray(body.secrets, "secrets").map((item, i) => {
      const where = `secrets[${i}]`;
      const secret = asObject(item, where);
      rejectUnknown(secret, ["name", "value"], where);
      requireProps(secret, ["name"], where);
      const out: { name: string; value?: string } = {
        name: expectString(secret.name, `${where}.name`, { minLength: 1 }),
      };
      if (secret.value !== undefined) out.value = expectString(secret.value, `${where}.value`);
      return out;
    });
  }
  return input;
}

/**
 * Replaces the secret list: names kept from before stay in their place (with the new value and time), new
 * names follow in request order, names not sent are dropped — the order the recordings show.
 */
function mergeSecrets(
  current: StoredSecret[],
  next: Array<{ name: string; value?: string }>,
  now: string,
): StoredSecret[] {
  const byName = new Map(next.map((s) => [s.name, s]));
  const kept = current
    .filter((s) => byName.has(s.name))
    .map((s) => ({ name: s.name, value: byName.get(s.name)!.value ?? s.value, updated_at: now }));
  const added = next
    .filter((s) => !current.some((c) => c.name === s.name))
    .map((s) => ({ name: s.name, value: s.value ?? "", updated_at: now }));
  return [...kept, ...added];
}
