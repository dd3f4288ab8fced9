/**
 * The tenant's state in memory, persisted to one JSON file after every change.
 *
 * Handlers mutate `state` synchronously and then `await commit()` before answering, so a change is
 * acknowledged only once it is on disk. Writes go through one drain loop: concurrent commits never interleave
 * a write, and commits that arrive while a write is running are coalesced into the next write (which
 * snapshots the state after all of their mutations).
 *
 * A refused write leaves no trace: the store keeps the text of the last durable state, and when a write fails
 * it puts that state back (in place, so `state` stays the same object) and rejects every commit whose change
 * the rollback undid. What other requests may see is governed by `exclusive()`: the router runs every handler
 * inside it, one at a time and only once no write is pending, so a handler never reads a change that is not yet
 * durable (it was either written or rolled back before the handler started).
 */
import { promises as fs } from "node:fs";
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteHooks } from "./atomic-write";

export interface Revisioned {
  /** Incremented by every commit; the response to a change carries the revision that made it durable. */
  revision: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One handler's turn; `rollbacks` is the store's count when it started. */
interface Section {
  active: boolean;
  rollbacks: number;
}

/** Rejects a commit whose change a failed write (its own or an earlier one) took back. */
export class StateRolledBack extends Error {
  constructor(readonly cause: unknown) {
    super(
      `the state folder refused the write; the change was rolled back (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
}

export class DurableStore<T extends Revisioned> {
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  /** The file's content as last written (or loaded): what a rollback restores. */
  private durableText: string;
  /** Counts rollbacks, so a handler learns that changes it made before one were undone. */
  private rollbacks = 0;
  /**
   * The section running now. Sections run one at a time (`exclusive`), so a field is enough. Not an
   * AsyncLocalStorage: that turns on async hooks, and with the Action sandbox's `microtaskMode: "afterEvaluate"`
   * contexts Node 20 then aborts the process (`Assertion failed: (env_->execution_async_id()) == (0)`).
   */
  private current: Section | undefined;
  private turn: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    readonly state: T,
    /** Passed to every write; tests hold or fail writes with them. */
    private readonly hooks: AtomicWriteHooks,
  ) {
    this.durableText = serialize(state);
  }

  /** Loads the file if it exists (through `upgrade`, for older shapes), otherwise starts from `fresh()` and writes it. */
  static async open<T extends Revisioned>(
    file: string,
    fresh: () => T,
    upgrade: (raw: unknown) => T,
    hooks: AtomicWriteHooks = {},
  ): Promise<DurableStore<T>> {
    await removeStaleTempFiles(file);
    let text: string | undefined;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const store = new DurableStore(file, text === undefined ? fresh() : upgrade(JSON.parse(text) as unknown), hooks);
    if (text === undefined) await store.commit();
    return store;
  }

  /**
   * Persists the current state; resolves with this change's revision once it is durable. Rejects (with the
   * state rolled back to the last durable one) when the write fails, or when a rollback since the calling
   * handler started has already undone part of what it is committing.
   */
  commit(): Promise<number> {
    const section = this.current;
    if (section?.active && section.rollbacks !== this.rollbacks) {
      // The section's cleanup puts the durable state back once no write is pending.
      return Promise.reject(new StateRolledBack("an earlier write failed while this change was being made"));
    }
    this.state.revision += 1;
    const revision = this.state.revision;
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ resolve: () => resolve(revision), reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Runs `work` alone: after every earlier section has ended and no write is pending, and before any later one
   * starts. If `work` fails, or a rollback happened while it ran, whatever it changed without committing is
   * taken back too.
   */
  exclusive<R>(work: () => R | Promise<R>): Promise<R> {
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise<void>((done) => (release = done));
    return (async () => {
      await previous;
      const section: Section = { active: true, rollbacks: 0 };
      let failed = false;
      try {
        // Background commits (action builds) also write; their changes are durable or rolled back first.
        await this.idle();
        section.rollbacks = this.rollbacks;
        this.current = section;
        try {
          return await work();
        } finally {
          this.current = undefined;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        section.active = false;
        if (failed || section.rollbacks !== this.rollbacks) {
          await this.idle();
          if (serialize(this.state) !== this.durableText) this.restore();
        }
        release();
      }
    })();
  }

  /** Resolves when no write is pending (used by stop()). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiters.length > 0) {
        const batch = this.waiters.splice(0);
        const text = serialize(this.state);
        try {
          await writeFileAtomic(this.file, text, this.hooks);
          this.durableText = text;
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          // Changes committed while this write ran were made on top of the refused one: the rollback undoes
          // them as well, so their commits fail too.
          const undone = [...batch, ...this.waiters.splice(0)];
          this.restore();
          const reason = new StateRolledBack(error);
          for (const waiter of undone) waiter.reject(reason);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /**
   * Puts the last durable state back into the same object (holders of `store.state` keep a valid reference).
   * Called only when no write is running or queued, so memory and file agree afterwards.
   */
  private restore(): void {
    this.rollbacks += 1;
    const durable = JSON.parse(this.durableText) as T;
    const target = this.state as Record<string, unknown>;
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, durable);
  }
}

function serialize(state: unknown): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
