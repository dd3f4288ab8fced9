/**
 * The tenant's log events, as the login and OIDC areas record them ("s", "f", "fsa", ...): persisted with the
 * rest of the state and capped, oldest dropped first, like Auth0's retention. GET /api/v2/logs
 * (management/logs.ts) reads them. Here, below every area, so that recording an event needs only the store.
 */
import { isoMilli } from "../util/clock";
import { logId } from "../util/ids";
import type { DurableStore } from "./durable-store";
import type { Json, LogEvent, TenantState } from "./state";

export const MAX_LOG_EVENTS = 10_000;

export type NewLogEvent = { type: string; description?: string; date?: string } & { [key: string]: Json | undefined };

export class TenantLogs {
  constructor(private readonly store: DurableStore<TenantState>) {}

  /** Adds an event (with log_id and date) and resolves once it is durable. */
  async append(event: NewLogEvent): Promise<LogEvent> {
    const date = event.date ?? isoMilli();
    const stored: LogEvent = { ...event, date, log_id: logId(new Date(date)) };
    const logs = this.store.state.logs;
    logs.push(stored);
    if (logs.length > MAX_LOG_EVENTS) logs.splice(0, logs.length - MAX_LOG_EVENTS);
    await this.store.commit();
    return structuredClone(stored);
  }

  /** Oldest first. */
  list(): LogEvent[] {
    return structuredClone(this.store.state.logs);
  }
}
