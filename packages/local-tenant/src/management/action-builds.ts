/**
 * Asynchronous action builds. Auth0 answers a create or update with status "pending" and builds in the
 * background; the provider polls GET until "built" (or "failed") before it deploys. Here the build takes
 * `buildDelayMs`: "building" after half of it, then "built" — or "failed" when fault injection names one of
 * the action's dependencies. Each transition is persisted like any other change (a refused write is tried again),
 * and builds that were running when the tenant stopped are finished after the next start.
 */
import type { Faults } from "../control/faults";
import type { DurableStore } from "../store/durable-store";
import type { ActionRecord, TenantState } from "../store/state";

export class ActionBuilds {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly store: DurableStore<TenantState>,
    private readonly faults: Faults,
    private readonly buildDelayMs: number,
  ) {}

  /** Marks the action pending and schedules its build; a newer start supersedes an older one. */
  start(action: ActionRecord): void {
    action.status = "pending";
    action.build_generation += 1;
    this.schedule(action.id, action.build_generation);
  }

  /** After a restart: finish the builds the previous process left pending or building. */
  resume(): void {
    for (const action of this.store.state.actions) {
      if (action.status === "pending" || action.status === "building")
        this.schedule(action.id, action.build_generation);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(actionId: string, generation: number): void {
    this.later(this.buildDelayMs / 2, () => this.transition(actionId, generation, "building"));
    this.later(this.buildDelayMs, () => {
      const action = this.current(actionId, generation);
      if (action)
        this.transition(actionId, generation, this.faults.buildFails(action.dependencies) ? "failed" : "built");
    });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  private current(actionId: string, generation: number): ActionRecord | undefined {
    const action = this.store.state.actions.find((a) => a.id === actionId);
    return action && action.build_generation === generation ? action : undefined;
  }

  private transition(actionId: string, generation: number, status: ActionRecord["status"]): void {
    const action = this.current(actionId, generation);
    if (!action || action.status === "built" || action.status === "failed") return;
    action.status = status;
    // A refused write rolls the status back (the store keeps no trace of it), so the step is tried again later:
    // otherwise the build would stay "pending" until the next start, and the provider would poll it forever.
    this.store.commit().catch(() => this.later(this.retryMs, () => this.transition(actionId, generation, status)));
  }

  /** How long a refused build step waits before it is tried again. */
  private get retryMs(): number {
    return Math.max(this.buildDelayMs / 2, 10);
  }
}
