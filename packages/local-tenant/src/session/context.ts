/**
 * What the tenant's session layer needs, for the login screens (login/) and the OpenID Connect endpoints (oidc/)
 * alike: the durable state, the plan, the login clock, tenant logs, the seeded directory and the tenant's name.
 */
import type { TenantLogs } from "../store/tenant-logs";
import type { Plan } from "../plan";
import type { DurableStore } from "../store/durable-store";
import type { TenantState } from "../store/state";
import type { TenantClock } from "./clock";
import type { Directory } from "./directory";

export interface SessionContext {
  store: DurableStore<TenantState>;
  plan: Plan;
  clock: TenantClock;
  logs: TenantLogs;
  directory: Directory;
  /** Auth0's `event.tenant.id`. */
  tenantName: string;
}

/** ISO 8601 for a login-clock instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
