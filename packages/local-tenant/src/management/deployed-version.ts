/**
 * The one place a deployed Action version is made: by POST .../deploy (from the draft) and by POST
 * .../versions/{id}/deploy (a copy of an earlier version). Either way Auth0 numbers it after the last, builds it
 * (built_at about 80 ms after created_at, as the recordings show), makes it the deployed one and the others not.
 */
import type { ActionRecord, ActionVersion } from "../store/state";
import { isoNano, nowNs, plusMs } from "../util/clock";
import { uuid } from "../util/ids";

/** What a version holds besides its identity, number, timestamps and deployed flag. */
export type VersionContent = Pick<
  ActionVersion,
  "code" | "dependencies" | "secrets" | "runtime" | "supported_triggers"
>;

/** Adds a new deployed version of `content` to `action` and returns it; the previous ones are no longer deployed. */
export function deployNewVersion(action: ActionRecord, content: VersionContent): ActionVersion {
  const created = nowNs();
  const built = plusMs(created, 80);
  const version: ActionVersion = {
    id: uuid(),
    number: action.versions.length + 1,
    code: content.code,
    dependencies: structuredClone(content.dependencies),
    secrets: content.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
    runtime: content.runtime,
    supported_triggers: structuredClone(content.supported_triggers),
    created_at: isoNano(created),
    built_at: isoNano(built),
    updated_at: isoNano(plusMs(built, 0.5)),
    deployed: true,
  };
  for (const previous of action.versions) previous.deployed = false;
  action.versions.push(version);
  action.deployed_version_id = version.id;
  return version;
}
