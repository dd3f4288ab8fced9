/**
 * Tenant logs: GET /api/v2/logs (and one event by id). The events are recorded by store/tenant-logs.ts (the
 * login and OIDC areas append "s"/"f"/... events there).
 *
 * Supported queries: `page`/`per_page`/`include_totals`, `sort=date:1|date:-1`, checkpoint paging with
 * `from=<log_id>&take=N`, and a Lucene-like `q` of `field:value` terms joined by AND.
 */
import { apiError, invalidQuery } from "../http/errors";
import type { Router } from "../http/router";
import type { LogEvent } from "../store/state";
import type { ManagementContext } from "./context";
import { paging } from "./validation";

export function registerLogs(router: Router, context: ManagementContext): void {
  router.add("GET", "/api/v2/logs", { scope: "read:logs" }, (request) => {
    const query = request.query;
    let events = filter(context.store.state.logs, query.get("q"));
    const from = query.get("from");
    if (from !== null) {
      const take = Number(query.get("take") ?? "50");
      if (!Number.isInteger(take) || take < 1 || take > 100)
        throw invalidQuery(`Value ${query.get("take")} is out of range 1..100`, "take");
      const start = events.findIndex((e) => e.log_id === from);
      return { status: 200, body: events.slice(start + 1, start + 1 + take) };
    }
    const sort = query.get("sort") ?? "date:-1";
    if (sort !== "date:-1" && sort !== "date:1") throw invalidQuery(`No enum match for: "${sort}"`, "sort");
    events = sort === "date:-1" ? [...events].reverse() : events;
    const { page, perPage } = paging(query, { perPage: 50, max: 100 });
    const slice = events.slice(page * perPage, (page + 1) * perPage);
    if (query.get("include_totals") === "true") {
      return {
        status: 200,
        body: { start: page * perPage, limit: perPage, length: slice.length, total: events.length, logs: slice },
      };
    }
    return { status: 200, body: slice };
  });

  router.add("GET", "/api/v2/logs/:id", { scope: "read:logs" }, (request) => {
    const event = context.store.state.logs.find((e) => e.log_id === request.params.id);
    if (!event) throw apiError(404, "log not found", "inexistent_log");
    return { status: 200, body: event };
  });
}

function filter(events: LogEvent[], q: string | null): LogEvent[] {
  if (q === null || q.trim() === "") return events;
  const terms = q.split(/\s+AND\s+/).map((term) => {
    const match = /^([\w.]+):"?([^"]*)"?$/.exec(term.trim());
    if (!match) throw invalidQuery(`Unsupported query term: ${term}`, "q");
    return { field: match[1], value: match[2] };
  });
  return events.filter((event) =>
    terms.every(({ field, value }) => {
      const found = lookup(event, field);
      // A search term matches a scalar field by its text; an object or a missing field never matches.
      return (
        (typeof found === "string" || typeof found === "number" || typeof found === "boolean") &&
        String(found) === value
      );
    }),
  );
}

/** A field of the event by dotted path; own properties only, so `q=constructor:...` or `__proto__` name nothing. */
function lookup(event: LogEvent, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === "object" && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      event,
    );
}
