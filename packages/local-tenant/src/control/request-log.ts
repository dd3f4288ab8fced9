/**
 * What the tenant was asked and how it answered, for tests that assert on traffic (retries after a 429, the
 * order of provider calls). Kept in memory only: it describes this process's run, not the tenant.
 */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without "?" ("" when none), kept apart so path assertions stay simple. */
  query: string;
  status: number;
  /** Wall time from the request's arrival to the end of the response. */
  ms: number;
  /** Set when fault injection produced the answer. */
  fault?: "rate_limit" | "unavailable";
}

/** Enough for any test run; the oldest entries are dropped beyond it so a long-lived tenant does not grow. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private list: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.list.push(entry);
    if (this.list.length > MAX_ENTRIES) this.list.splice(0, this.list.length - MAX_ENTRIES);
  }

  /** A copy, oldest first. */
  entries(): RequestLogEntry[] {
    return this.list.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.list = [];
  }
}
