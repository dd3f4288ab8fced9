/**
 * /__local/*: the test-control plane, outside Auth0's API. It is not authenticated (the server listens on
 * loopback only), not logged and never subject to fault injection.
 *
 * - GET /__local/requests, DELETE /__local/requests: the request log, and clearing it;
 * - GET /__local/faults, POST /__local/faults (a JSON patch of FaultSettings), DELETE /__local/faults (reset);
 * - POST /__local/logs: logs.ts;
 * - /__local/dns: dns.ts; the login area's clock, callback, sessions and Action runs: login.ts (start.ts registers
 *   those after the login routes, since they need the login area).
 */
import { apiError } from "../http/errors";
import type { Router } from "../http/router";
import { registerDnsRoutes } from "./dns";
import type { Faults } from "./faults";
import type { RequestLog } from "./request-log";

export const CONTROL_PREFIX = "/__local/";

export function registerControlRoutes(router: Router, log: RequestLog, faults: Faults): void {
  router.add("GET", "/__local/requests", {}, () => ({ status: 200, body: log.entries() }));
  router.add("DELETE", "/__local/requests", {}, () => {
    log.clear();
    return { status: 204 };
  });

  router.add("GET", "/__local/faults", {}, () => ({ status: 200, body: faults.get() }));
  router.add("POST", "/__local/faults", {}, (request) => {
    if (request.body.kind !== "json" || request.body.value === null || typeof request.body.value !== "object") {
      throw apiError(400, "Expected a JSON object of fault settings");
    }
    try {
      return { status: 200, body: faults.set(request.body.value) };
    } catch (error) {
      if (error instanceof RangeError) throw apiError(400, error.message);
      throw error;
    }
  });
  router.add("DELETE", "/__local/faults", {}, () => ({ status: 200, body: faults.reset() }));
  registerDnsRoutes(router);
}
