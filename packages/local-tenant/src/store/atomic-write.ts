/**
 * Crash-safe file replacement: write a temp file in the same folder, fsync it, rename it over the target, fsync
 * the folder. A reader (or the next start after a kill) sees either the whole old file or the whole new one,
 * never a torn mix, because rename(2) within one filesystem is atomic.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteHooks {
  /** Called after the temp file is written and fsynced, before the rename; tests throw here to simulate a crash. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

let sequence = 0;

/** Temp files are dot-files next to the target, so a leftover from a crash is easy to find and clean. */
export function tempPathFor(target: string): string {
  sequence += 1;
  return join(dirname(target), `.${basename(target)}.${process.pid}.${sequence}.tmp`);
}

export async function writeFileAtomic(target: string, data: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, "w", 0o600);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** Makes the rename itself durable; some filesystems refuse to fsync a folder, which is then harmless to skip. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on platforms without directory fsync.
  } finally {
    await handle?.close();
  }
}

/** Removes temp files a killed process left behind (they never hold the only copy of anything). */
export async function removeStaleTempFiles(target: string): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"))
      .map((name) => fs.rm(join(dir, name), { force: true })),
  );
}
