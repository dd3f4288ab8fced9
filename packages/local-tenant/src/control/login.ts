/**
 * Test-control routes of the login area, under /__local (unauthenticated, loopback only, not logged, like the
 * rest of the control plane, routes.ts). start.ts registers them once the login area exists, after its routes:
 *
 * - GET /__local/clock                 the login clock: {now, nowMs, frozen, offsetMs}
 * - POST /__local/clock                {"set": "2030-01-01T00:00:00Z" | ms, "frozen"?: bool} or {"advanceMs": n}
 *                                      or {"freeze": true}; answers the new clock
 * - DELETE /__local/clock              back to real time
 * - GET /__local/callback              a stand-in application callback: shows the code or error it received
 *                                      (the seeded test application allows `{tenant}/__local/callback`)
 * - GET /__local/sessions              the live sessions (without cookie hashes)
 * - GET /__local/action-executions     the last Action runs with their console output
 */
import { apiError } from "../http/errors";
import type { Router } from "../http/router";
import type { TenantClock } from "../session/clock";
import type { LoginContext } from "../login/state/context";
import { escapeHtml } from "../http/html";
import { htmlPage } from "../http/pages";
import { Sessions } from "../session/sessions";

export function registerLoginControlRoutes(router: Router, context: LoginContext): void {
  const clock = context.clock;
  router.add("GET", "/__local/clock", {}, () => ({ status: 200, body: clock.state() }));
  router.add("POST", "/__local/clock", {}, (request) => {
    const patch = request.body.kind === "json" ? request.body.value : undefined;
    if (patch === null || typeof patch !== "object" || Array.isArray(patch))
      throw apiError(400, "Expected a JSON object: {set, frozen} or {advanceMs} or {freeze}");
    try {
      applyClockPatch(clock, patch as Record<string, unknown>);
    } catch (error) {
      if (error instanceof RangeError) throw apiError(400, error.message);
      throw error;
    }
    return { status: 200, body: clock.state() };
  });
  router.add("DELETE", "/__local/clock", {}, () => {
    clock.reset();
    return { status: 200, body: clock.state() };
  });

  router.add("GET", "/__local/callback", {}, (request) => {
    const rows = [...request.query].map(
      ([key, value]) => `<tr><th>${escapeHtml(key)}</th><td id="${escapeHtml(key)}">${escapeHtml(value)}</td></tr>`,
    );
    const title = request.query.has("error") ? "The login failed" : "Logged in";
    return htmlPage(
      200,
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><table>${rows.join("")}</table></body></html>`,
    );
  });

  router.add("GET", "/__local/sessions", {}, () => ({
    status: 200,
    body: new Sessions(context).all().map(({ cookie_hash: _hash, ...session }) => session),
  }));
  router.add("GET", "/__local/action-executions", {}, () => ({ status: 200, body: context.executions.list() }));
}

function applyClockPatch(clock: TenantClock, patch: Record<string, unknown>): void {
  if (patch.set !== undefined) {
    const ms = typeof patch.set === "string" ? Date.parse(patch.set) : typeof patch.set === "number" ? patch.set : NaN;
    if (Number.isNaN(ms))
      throw new RangeError(`set must be an ISO date or epoch milliseconds, got ${JSON.stringify(patch.set)}`);
    clock.set(ms, { frozen: patch.frozen !== false });
  } else if (patch.advanceMs !== undefined) {
    if (typeof patch.advanceMs !== "number") throw new RangeError("advanceMs must be a number");
    clock.advance(patch.advanceMs);
  } else if (patch.freeze === true) {
    clock.freeze();
  } else {
    throw new RangeError("Expected one of set, advanceMs, freeze");
  }
}
