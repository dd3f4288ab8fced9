/** Registers every Management API area on the router; a new area is one more line here. */
import type { Router } from "../http/router";
import { registerActionListFilters } from "./action-list-filters";
import { registerActionVersionDeploy } from "./action-version-deploy";
import { registerActions } from "./actions";
import { registerBindings } from "./bindings";
import { registerBranding } from "./branding";
import type { ManagementContext } from "./context";
import { registerCustomDomains } from "./custom-domains";
import { registerLogs } from "./logs";
import { registerPartials } from "./partials";
import { registerPrompts } from "./prompts";
import { registerFieldsProjection } from "./query-fields";
import { registerTemplates } from "./templates";
import { registerTenantSettings } from "./tenant-settings";

export function registerManagementApi(router: Router, context: ManagementContext): void {
  // The whole router (these routes, the login area's and the control plane's) shares this one state: each
  // handler runs in its own turn, so no handler reads a change before it is durable (store/durable-store.ts).
  router.serializeWith((work) => context.store.exclusive(work));
  registerTenantSettings(router, context);
  registerCustomDomains(router, context);
  registerBranding(router, context);
  registerTemplates(router, context);
  registerPrompts(router, context);
  registerPartials(router, context);
  registerActions(router, context);
  registerBindings(router, context);
  registerLogs(router, context);
  registerActionVersionDeploy(router, context);
  // Rules spanning routes of several areas, applied to them once all are registered.
  registerFieldsProjection(router);
  registerActionListFilters(router);
}
