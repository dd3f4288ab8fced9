/**
 * Child process for the kill-during-write test: rewrites one file with writeFileAtomic as fast as it can,
 * each version a self-checking JSON document (its padding length is recorded inside it). Prints "ready" once
 * the first version is on disk; the parent then kills it with SIGKILL at an arbitrary moment.
 */
import { writeFileAtomic } from "../../src/store/atomic-write";

const target = process.argv[2];

async function main(): Promise<void> {
  for (let seq = 0; ; seq++) {
    const size = 200_000 + ((seq * 7919) % 300_000);
    await writeFileAtomic(target, JSON.stringify({ seq, size, pad: "x".repeat(size) }));
    if (seq === 0) process.stdout.write("ready\n");
  }
}

void main();
