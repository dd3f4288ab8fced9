/**
 * The tenant's state in memory, persisted to one JSON file after every change.
 *
 * Handlers mutate `state` synchronously and then `await commit()` before answering, so a change is
 * acknowledged only once it is on disk. Writes go through one drain loop: concurrent commits never interleave
 * a write, and commits that arrive while a write is running are coalesced into the next write (which
 * snapshots the state after all of their mutations).
 */
import { promises as fs } from "node:fs";
import { removeStaleTempFiles, writeFileAtomic } from "./atomic-write";

export interface Revisioned {
  /** Incremented by every commit; the response to a change carries the revision that made it durable. */
  revision: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class DurableStore<T extends Revisioned> {
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;

  private constructor(
    readonly file: string,
    readonly state: T,
  ) {}

  /** Loads the file if it exists (through `upgrade`, for older shapes), otherwise starts from `fresh()` and writes it. */
  static async open<T extends Revisioned>(file: string, fresh: () => T, upgrade: (raw: unknown) => T): Promise<DurableStore<T>> {
    await removeStaleTempFiles(file);
    let text: string | undefined;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const store = new DurableStore(file, text === undefined ? fresh() : upgrade(JSON.parse(text) as unknown));
    if (text === undefined) await store.commit();
    return store;
  }

  /** Persists the current state; resolves with this change's revision once it is durable. */
  commit(): Promise<number> {
    this.state.revision += 1;
    const revision = this.state.revision;
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ resolve: () => resolve(revision), reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when no write is pending (used by stop()). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiters.length > 0) {
        const batch = this.waiters.splice(0);
        const text = `${JSON.stringify(this.state, null, 2)}\n`;
        try {
          await writeFileAtomic(this.file, text);
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
