/**
 * The last Action runs, with what they logged and how they ended: the local stand-in for Auth0's real-time
 * Action logs. Kept in memory only (a restart clears it), capped so a long session cannot grow it unbounded.
 */
export interface ActionExecution {
  /** Login-clock time of the run. */
  date: string;
  action: string;
  session_id?: string;
  logs: string[];
  error?: string;
}

const MAX_EXECUTIONS = 200;

export class ActionExecutions {
  private readonly entries: ActionExecution[] = [];

  add(execution: ActionExecution): void {
    this.entries.push(execution);
    if (this.entries.length > MAX_EXECUTIONS) this.entries.splice(0, this.entries.length - MAX_EXECUTIONS);
  }

  /** Oldest first. */
  list(): ActionExecution[] {
    return structuredClone(this.entries);
  }
}
