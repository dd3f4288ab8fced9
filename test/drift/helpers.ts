/**
 * Running the real drift command (tools/drift/cli.ts through tsx, as `npm run drift` does) on a throwaway project
 * directory, and fingerprints of directories to prove it changed nothing.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../config";
import { type CliResult, run } from "../testkit";

/** What tools/drift/cli.ts needs next to it: it takes the project directory from its own location. */
const DRIFT_SCRIPTS = ["tools/drift", "toolchain"];

export function addDriftScripts(dir: string): void {
  for (const entry of DRIFT_SCRIPTS) {
    fs.cpSync(path.join(PROJECT_DIR, entry), path.join(dir, entry), { recursive: true });
  }
}

/** `npm run drift -- <args>` in `dir` (the lead's package.json script is `tsx tools/drift/cli.ts`). */
export function runDrift(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const tsx = path.join(PROJECT_DIR, "node_modules", ".bin", "tsx");
  return run(tsx, ["tools/drift/cli.ts", ...args], dir, env);
}

/** Every file under `dir` (symlinks not followed) with the SHA-256 of its content. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    if (!fs.existsSync(at)) return;
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        out[path.relative(dir, full)] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
    }
  };
  walk(dir);
  return out;
}
