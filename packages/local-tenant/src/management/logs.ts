/**
 * Tenant logs: GET /api/v2/logs (and one event by id), plus the in-process `append` other areas use (the
 * login feature will record "s"/"f"/... events here). Events are persisted with the rest of the state and
 * capped, oldest dropped first, like Auth0's retention.
 *
 * Supported queries: `page`/`per_page`/`include_totals`, `sort=date:1|date:-1`, checkpoint paging with
 * `from=<log_id>&take=N`, and a Lucene-like `q` of `field:value` terms joined by AND.
 */
import { apiError, invalidQuery } from "../http/errors";
import type { Router } from "../http/router";
import type { Json, LogEvent } from "../store/state";
import { isoMilli } from "../util/clock";
import { logId } from "../util/ids";
import type { ManagementContext } from "./context";
import { paging } from "./validation";

export const MAX_LOG_EVENTS = 10_000;

export type NewLogEvent = { type: string; description?: string; date?: string } & { [key: string]: Json | undefined };

export class TenantLogs {
  constructor(private readonly context: ManagementContext) {}

  /** Adds an event (with log_id and date) and resolves once it is durable. */
  async append(event: NewLogEvent): Promise<LogEvent> {
    const date = event.date ?? isoMilli();
    const stored: LogEvent = { ...event, date, log_id: logId(new Date(date)) };
    const logs = this.context.store.state.logs;
    logs.push(stored);
    if (logs.length > MAX_LOG_EVENTS) logs.splice(0, logs.length - MAX_LOG_EVENTS);
    await this.context.store.commit();
    return structuredClone(stored);
  }

  /** Oldest first. */
  list(): LogEvent[] {
    return structuredClone(this.context.store.state.logs);
  }
}

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

  // Lets out-of-process features (and tests) add events the way the in-process API does.
  router.add("POST", "/__local/logs", {}, async (request) => {
    const body = request.body.kind === "json" ? (request.body.value as NewLogEvent) : undefined;
    if (!body || typeof body.type !== "string") throw apiError(400, "A log event needs a string type");
    return { status: 201, body: await new TenantLogs(context).append(body) };
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
