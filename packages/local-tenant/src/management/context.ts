/** What every Management API area gets: the durable state, the plan, fault settings and the action builder. */
import type { Faults } from "../control/faults";
import { JSON_CONTENT_TYPE } from "../http/respond";
import type { Reply } from "../http/router";
import type { Plan } from "../plan";
import type { DurableStore } from "../store/durable-store";
import type { TenantState } from "../store/state";
import type { ActionBuilds } from "./action-builds";

export interface ManagementContext {
  store: DurableStore<TenantState>;
  plan: Plan;
  faults: Faults;
  builds: ActionBuilds;
  /** Tenant name used where Auth0 embeds it (custom domain CNAME targets). */
  tenantName: string;
}

/** Header carrying the state revision a change was persisted as (tests check it against the file). */
export const REVISION_HEADER = "X-Local-Tenant-Revision";

/** Commits the state and only then returns the reply: a change is acknowledged once it is durable. */
export async function saved(context: ManagementContext, reply: Reply): Promise<Reply> {
  const revision = await context.store.commit();
  return { ...reply, headers: { ...reply.headers, [REVISION_HEADER]: String(revision) } };
}

/**
 * The empty 204 of a delete, labelled JSON all the same: every recorded 204 carries
 * `Content-Type: application/json; charset=utf-8` (e.g. shared/auth0-recordings/TestAccCustomDomain.yaml,
 * interaction 8, DELETE /api/v2/custom-domains/:id; TestAccBranding.yaml 35, TestAccAction.yaml 47).
 */
export function noContent(): Reply {
  return { status: 204, headers: { "Content-Type": JSON_CONTENT_TYPE } };
}
