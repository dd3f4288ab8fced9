/** What every part of the login area gets: the session layer (session/) and what only logins use. */
import type { AuthorizationCodes } from "../../oidc/codes";
import type { SessionContext } from "../../session/context";
import type { ActionExecutions } from "./action-executions";

export interface LoginContext extends SessionContext {
  /** Recent Action runs with their console output, for debugging (Auth0's real-time logs). */
  executions: ActionExecutions;
  /** Per-Action time limit; Auth0's is 20 s. */
  actionTimeoutMs: number;
  /** Authorization codes handed to applications, redeemed at POST /oauth/token (oidc/). */
  codes: AuthorizationCodes;
}
