/**
 * Is the toolchain ready? For TypeScript (tests, bench, the drift and local-up commands), the answer of
 * toolchain/ready.sh, which the shell scripts source: one definition of "ready" for the whole project.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { pulumiEnv } from "./pulumi-env";

export const BOOTSTRAP = path.join(__dirname, "bootstrap.sh");
const READY = path.join(__dirname, "ready.sh");

export interface ToolchainStatus {
  /** The `pulumi` the project's environment runs, when usable; undefined when toolchain/bootstrap.sh must run. */
  pulumi?: string;
  /** Its version, as `pulumi version` prints it (v-prefixed). */
  pulumiVersion?: string;
  /** The Auth0 provider plugin, when installed where that Pulumi looks for plugins ($PULUMI_HOME/plugins). */
  auth0Provider?: string;
  /** Where the bootstrap wrote whether the provider could be obtained, and if not why (.tools/auth0-provider.status). */
  auth0ProviderStatusFile: string;
}

/** The toolchain as `env` (toolchain/pulumi-env.sh's environment by default) sees it. Takes a few milliseconds. */
export function toolchainStatus(env: NodeJS.ProcessEnv = pulumiEnv()): ToolchainStatus {
  const fields = new Map(
    execFileSync("bash", [READY], { env, encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const),
  );
  const value = (key: string) => fields.get(key) || undefined;
  return {
    pulumi: value("pulumi"),
    pulumiVersion: value("pulumi_version"),
    auth0Provider: value("auth0_provider"),
    auth0ProviderStatusFile: fields.get("auth0_provider_status") ?? "",
  };
}

/** Whether the Auth0 provider plugin of toolchain/versions.env is installed where the project's Pulumi looks. */
export function auth0ProviderInstalled(env: NodeJS.ProcessEnv = pulumiEnv()): boolean {
  return toolchainStatus(env).auth0Provider !== undefined;
}

/** Runs toolchain/bootstrap.sh --quiet (quick when ready), its output on stderr; throws when it fails. */
export function bootstrapToolchain(env: NodeJS.ProcessEnv = process.env): void {
  execFileSync("bash", [BOOTSTRAP, "--quiet"], { env, stdio: ["ignore", 2, 2] });
}
