/**
 * The environment of toolchain/pulumi-env.sh (offline Pulumi defaults, the toolchain on PATH), for Node code that
 * starts the Pulumi CLI: the main command, the drift command and the tests. One source: the shell script.
 * Whether the toolchain is ready is toolchain/ready.ts's question.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..");

/**
 * The passphrase of the local-only stacks: the local tenant's `local` stack (which stores no secrets: its
 * credentials come from the environment) and the tests' throwaway stacks. Not a secret, and never applied to
 * the user's own stacks.
 */
export const LOCAL_PASSPHRASE = "auth0-sessions-local-only";

export interface PulumiEnvOptions {
  /** Use LOCAL_PASSPHRASE unless a passphrase (or passphrase file) is already set. Local stacks only. */
  localPassphrase?: boolean;
}

/** `process.env` plus the script's defaults; variables set in `base` win, as they do for the script. */
export function pulumiEnv(base: NodeJS.ProcessEnv = process.env, options: PulumiEnvOptions = {}): NodeJS.ProcessEnv {
  const script = `source ${JSON.stringify(path.join(REPO_ROOT, "toolchain", "pulumi-env.sh"))} && env -0`;
  const out = execFileSync("bash", ["-c", script], { env: base, encoding: "utf8" });
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    out
      .split("\0")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  if (
    options.localPassphrase &&
    env.PULUMI_CONFIG_PASSPHRASE === undefined &&
    env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined
  ) {
    env.PULUMI_CONFIG_PASSPHRASE = LOCAL_PASSPHRASE;
  }
  return env;
}
