/** What every part of the login area gets: the durable state, the plan, the login clock, tenant logs, the seed. */
import type { TenantLogs } from "../../management/logs";
import type { AuthorizationCodes } from "../../oidc/codes";
import type { Plan } from "../../plan";
import type { DurableStore } from "../../store/durable-store";
import type { TenantState } from "../../store/state";
import type { ActionExecutions } from "./action-executions";
import type { TenantClock } from "./clock";
import type { Directory } from "./directory";

export interface LoginContext {
  store: DurableStore<TenantState>;
  plan: Plan;
  clock: TenantClock;
  logs: TenantLogs;
  directory: Directory;
  /** Recent Action runs with their console output, for debugging (Auth0's real-time logs). */
  executions: ActionExecutions;
  /** Auth0's `event.tenant.id`. */
  tenantName: string;
  /** Per-Action time limit; Auth0's is 20 s. */
  actionTimeoutMs: number;
  /** Authorization codes handed to applications, redeemed at POST /oauth/token (oidc/). */
  codes: AuthorizationCodes;
}

/** ISO 8601 for a login-clock instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
