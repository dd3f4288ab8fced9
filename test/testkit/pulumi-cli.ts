/**
 * Runs the project's real Pulumi CLI (built by toolchain/bootstrap.sh) on a throwaway copy of the project,
 * with the offline defaults of toolchain/pulumi-env.sh and a backend of its own, so tests never touch the
 * working tree's stack files or state.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_DIR } from "../../config";
import { pulumiEnv } from "../../toolchain/pulumi-env";

export { auth0ProviderInstalled } from "../../toolchain/ready";

/** What a Pulumi program needs to run; everything else in the repository is left out of the copy. */
const PROJECT_FILES = [
  "Pulumi.yaml",
  "index.ts",
  "tsconfig.json",
  "tsconfig.pulumi.json",
  "program-preload.cjs",
  "package.json",
  "config",
  "auth0",
  "internals",
  "components",
  "actions",
  "templates",
  "dist",
];

export interface ProjectCopy {
  dir: string;
  env: NodeJS.ProcessEnv;
  pulumi(args: string[]): Promise<CliResult>;
  remove(): void;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A copy of the project with the given stack files, node_modules linked, and its own file backend. */
export function copyProject(stackFiles: Record<string, string>): ProjectCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-project-"));
  for (const entry of PROJECT_FILES) {
    fs.cpSync(path.join(PROJECT_DIR, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
  for (const [stack, yaml] of Object.entries(stackFiles))
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml);
  const backend = path.join(dir, ".backend");
  fs.mkdirSync(backend);
  const env = pulumiEnv({ ...process.env, PULUMI_BACKEND_URL: `file://${backend}` }, { localPassphrase: true });
  return {
    dir,
    env,
    pulumi: (args) => run("pulumi", [...args, "--non-interactive"], dir, env),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a command to completion, collecting its output; never rejects on a non-zero exit. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
