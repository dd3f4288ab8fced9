/**
 * POST /__local/logs: lets out-of-process features (and tests) add a tenant log event the way the in-process API
 * (store/tenant-logs.ts) does.
 */
import { apiError } from "../http/errors";
import type { Router } from "../http/router";
import type { NewLogEvent, TenantLogs } from "../store/tenant-logs";

export function registerLogControlRoutes(router: Router, logs: TenantLogs): void {
  router.add("POST", "/__local/logs", {}, async (request) => {
    const body = request.body.kind === "json" ? (request.body.value as NewLogEvent) : undefined;
    if (!body || typeof body.type !== "string") throw apiError(400, "A log event needs a string type");
    return { status: 201, body: await logs.append(body) };
  });
}
