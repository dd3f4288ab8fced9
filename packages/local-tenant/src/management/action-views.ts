/**
 * How actions, versions and bindings look in responses, field for field as in the recordings.
 *
 * Three representations of an action appear there: the full one (GET/PATCH), the summary embedded in deploy
 * answers and bindings (no code, `updated_at` equal to `created_at`, `all_changes_deployed` false), and the
 * versions (`current_version` is compact with status "BUILT"; `deployed_version` and version lists are full).
 */
import type { ActionRecord, ActionVersion, BindingRecord, TenantState } from "../store/state";

export function actionView(action: ActionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: action.id,
    name: action.name,
    supported_triggers: structuredClone(action.supported_triggers),
    created_at: action.created_at,
    updated_at: action.updated_at,
    code: action.code,
    dependencies: structuredClone(action.dependencies),
    runtime: action.runtime,
    status: action.status,
    secrets: action.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
  };
  Object.assign(out, versionFields(action));
  out.all_changes_deployed = action.all_changes_deployed;
  return out;
}

/** `current_version` and `deployed_version`, present once the action has been deployed. */
function versionFields(action: ActionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const current = action.versions.at(-1);
  if (current) out.current_version = currentVersionView(current);
  const deployed = action.versions.find((v) => v.id === action.deployed_version_id);
  if (deployed) out.deployed_version = versionView(deployed);
  return out;
}

export function actionSummary(action: ActionRecord): Record<string, unknown> {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: structuredClone(action.supported_triggers),
    created_at: action.created_at,
    updated_at: action.created_at,
    ...versionFields(action),
    all_changes_deployed: false,
  };
}

function currentVersionView(version: ActionVersion): Record<string, unknown> {
  return {
    id: version.id,
    code: version.code,
    runtime: version.runtime,
    status: "BUILT",
    number: version.number,
    build_time: version.built_at,
    created_at: version.created_at,
    updated_at: version.updated_at,
  };
}

export function versionView(version: ActionVersion): Record<string, unknown> {
  return {
    code: version.code,
    dependencies: structuredClone(version.dependencies),
    id: version.id,
    deployed: version.deployed,
    number: version.number,
    built_at: version.built_at,
    secrets: structuredClone(version.secrets),
    status: "built",
    created_at: version.created_at,
    updated_at: version.updated_at,
    runtime: version.runtime,
    supported_triggers: structuredClone(version.supported_triggers),
  };
}

/** The answer to POST .../deploy: the new version before its build is recorded, with the action summary. */
export function deployView(version: ActionVersion, action: ActionRecord): Record<string, unknown> {
  return {
    code: version.code,
    dependencies: structuredClone(version.dependencies),
    id: version.id,
    deployed: false,
    number: version.number,
    secrets: structuredClone(version.secrets),
    status: "built",
    created_at: version.created_at,
    updated_at: version.created_at,
    runtime: version.runtime,
    supported_triggers: structuredClone(version.supported_triggers),
    action: { ...actionSummary({ ...action, versions: [], deployed_version_id: null }) },
  };
}

export function bindingView(binding: BindingRecord, state: TenantState): Record<string, unknown> {
  const action = state.actions.find((a) => a.id === binding.action_id);
  return {
    id: binding.id,
    trigger_id: binding.trigger_id,
    action: action ? actionSummary(action) : { id: binding.action_id },
    created_at: binding.created_at,
    updated_at: binding.updated_at,
    display_name: binding.display_name,
  };
}
