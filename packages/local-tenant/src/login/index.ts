/**
 * Universal Login for the local tenant: /authorize, the login screens rendered through the deployed page
 * template and partials, sessions with the `auth0` cookies, the post-login Actions in a sandbox, login logs,
 * and a controllable login clock. start.ts creates it and registers its routes on the tenant's router.
 *
 * The area's one entry: it builds the login context, registers the routes and re-exports what the package
 * shows. Inside, one folder per job, each importing only those listed after it:
 *
 *   routes/           the HTTP handlers: GET /authorize, the /u/login screens, the end of every authentication
 *                     (complete.ts, which hands the result over through oidc/'s codes and response modes)
 *   rendering/        what the browser is shown: page template (liquidjs), head, widget, screens
 *   action-runtime/   the post-login Actions: the event, the node:vm sandbox, the bound Actions in order
 *   state/            what only logins hold: transactions, lifetimes, Action runs, and LoginContext
 *
 * Below it: session/ (sessions and their cookies, the seeded directory, login logs, the login clock, shared with
 * oidc/), oidc/ (codes, response modes) and http/ (HTML pages, redirects, escaping). Nothing there imports login/.
 *
 * Its /__local routes (clock, callback, sessions, Action runs) are in control/login.ts with the other /__local
 * routes.
 */
import type { TenantLogs } from "../store/tenant-logs";
import type { Router } from "../http/router";
import type { AuthorizationCodes } from "../oidc/codes";
import type { Plan } from "../plan";
import type { DurableStore } from "../store/durable-store";
import type { SessionRecord, TenantState } from "../store/state";
import { authorize } from "./routes/authorize";
import { TenantClock } from "../session/clock";
import type { LoginContext } from "./state/context";
import { Directory } from "../session/directory";
import { ActionExecutions, type ActionExecution } from "./state/action-executions";
import { ACTION_TIMEOUT_MS } from "./action-runtime/sandbox";
import { SCREENS } from "./rendering/screens";
import { showScreen, submitScreen } from "./routes/screen-routes";
import { loadSeed, type LoginSeedInput } from "../session/seed";
import { Sessions } from "../session/sessions";

export { TenantClock } from "../session/clock";
export { loadSeed, type LoginSeedInput } from "../session/seed";
export { ASN_HEADER, IP_HEADER } from "../session/client-network";
// The post-login Action runtime on its own (the bench): the event a login builds and the sandbox.
export { postLoginEvent } from "./action-runtime/event";
export { runInSandbox, type SandboxResult } from "./action-runtime/sandbox";

export interface LoginOptions {
  /**
   * Sections replacing those of session/seed.json (applications, resource_servers, connections, organizations,
   * users).
   */
  seed?: LoginSeedInput;
  /** Per-Action time limit; default 20 s as on Auth0. */
  actionTimeoutMs?: number;
}

/** What tests get as `tenant.login`. */
export interface LoginArea {
  /** Live sessions, as stored (cookie hashes included). */
  sessions(): SessionRecord[];
  /** The last Action runs with their console output. */
  actionExecutions(): ActionExecution[];
}

export interface LoginParts {
  store: DurableStore<TenantState>;
  plan: Plan;
  logs: TenantLogs;
  tenantName: string;
  tenantUrl: () => string;
  /** Shared with the token endpoint, which redeems what logins issue. */
  codes: AuthorizationCodes;
}

export async function createLogin(
  parts: LoginParts,
  options: LoginOptions = {},
): Promise<{ context: LoginContext; area: LoginArea }> {
  const directory = await Directory.build(loadSeed(options.seed), parts.tenantUrl);
  const context: LoginContext = {
    store: parts.store,
    plan: parts.plan,
    logs: parts.logs,
    tenantName: parts.tenantName,
    clock: new TenantClock(),
    directory,
    executions: new ActionExecutions(),
    actionTimeoutMs: options.actionTimeoutMs ?? ACTION_TIMEOUT_MS,
    codes: parts.codes,
  };
  const area: LoginArea = {
    sessions: () => new Sessions(context).all(),
    actionExecutions: () => context.executions.list(),
  };
  return { context, area };
}

export function registerLogin(router: Router, context: LoginContext): void {
  // Handlers receive the server's ClientRequest (the Request plus the socket address).
  router.add("GET", "/authorize", {}, (request) => authorize(context, request));
  for (const screen of Object.values(SCREENS)) {
    router.add("GET", screen.path, {}, (request) => showScreen(context, request, screen));
    router.add("POST", screen.path, {}, (request) => submitScreen(context, request, screen));
  }
}
