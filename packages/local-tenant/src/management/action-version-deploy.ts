/**
 * POST /api/v2/actions/actions/{id}/versions/{versionId}/deploy: rolling an Action back to an earlier version
 * (auth0 SDK 7.1.0 actions.versions.deploy: "Performs the equivalent of a roll-back of an action to an earlier,
 * specified version. Creates a new, deployed action version that is identical to the specified version. If this
 * action is currently bound to a trigger, the system will begin executing the newly-created version
 * immediately."; go-auth0 management/actions.go DeployVersion). The optional body `{"update_draft": true}` ("True
 * if the draft of the action should be updated with the reverted version") also puts that version's code,
 * dependencies, runtime and triggers back into the draft.
 *
 * The answer has the shape of POST .../deploy (the new version, action summary) plus `action_id`. Unknown action
 * or version: 404, as the other routes of actions.ts answer.
 */
import { apiError } from "../http/errors";
import type { Router } from "../http/router";
import { deployView } from "./action-views";
import { saved, type ManagementContext } from "./context";
import { deployNewVersion } from "./deployed-version";
import { expectBoolean, objectBody, rejectUnknown } from "./validation";

export function registerActionVersionDeploy(router: Router, context: ManagementContext): void {
  router.add(
    "POST",
    "/api/v2/actions/actions/:id/versions/:versionId/deploy",
    { scope: "create:actions" },
    async (request) => {
      const action = context.store.state.actions.find((a) => a.id === request.params.id);
      if (!action) throw apiError(404, "That action does not exist.", "inexistent_action");
      const source = action.versions.find((v) => v.id === request.params.versionId);
      if (!source) throw apiError(404, "That action version does not exist.", "inexistent_action_version");
      const body = objectBody(request, true);
      rejectUnknown(body, ["update_draft"]);
      const updateDraft = body.update_draft === undefined ? false : expectBoolean(body.update_draft, "update_draft");

      const version = deployNewVersion(action, source);
      if (updateDraft) {
        action.code = version.code;
        action.dependencies = structuredClone(version.dependencies);
        action.runtime = version.runtime;
        action.supported_triggers = structuredClone(version.supported_triggers);
        action.status = "built";
        action.updated_at = version.created_at;
      }
      action.all_changes_deployed =
        action.code === version.code &&
        JSON.stringify(action.dependencies) === JSON.stringify(version.dependencies) &&
        action.runtime === version.runtime;
      return saved(context, { status: 200, body: { ...deployView(version, action), action_id: action.id } });
    },
  );
}
