/**
 * The `installed` and `deployed` filters of GET /api/v2/actions/actions (auth0 SDK 7.1.0
 * ListActionsRequestParameters: "installed: Optional. When true, return only installed actions. When false, return
 * only custom actions. Returns all actions by default."; "deployed: Optional filter to only retrieve actions that
 * are deployed."). triggerId, actionName and deployed=true are applied by actions.ts itself.
 *
 * Installed actions are Marketplace integrations; the local tenant has none, so installed=true lists nothing and
 * installed=false lists every (custom) action. Both parameters must be booleans (Auth0's query validation error
 * otherwise).
 */
import type { Router } from "../http/router";
import { queryBoolean } from "./query-fields";

export function registerActionListFilters(router: Router): void {
  router.wrap("GET", "/api/v2/actions/actions", (inner) => async (request) => {
    queryBoolean(request.query, "deployed");
    const installed = queryBoolean(request.query, "installed");
    const reply = await inner(request);
    if (installed !== true || reply.status !== 200) return reply;
    return { ...reply, body: { ...(reply.body as Record<string, unknown>), actions: [], total: 0 } };
  });
}
