/**
 * A stack's config as adopt and audit need it: the `auth0-sessions:` keys and the tenant credentials.
 *
 * The stack file (`Pulumi.<stack>.yaml`) is read directly, so a stack that exists only as a file (not yet in a
 * backend) works. The Pulumi CLI is asked (`pulumi config --show-secrets --json`) only when a value that is
 * needed is encrypted in the file (`secure:`) or the file imports an ESC environment, because only the CLI can
 * decrypt or resolve those. The `AUTH0_DOMAIN`, `AUTH0_CLIENT_ID` and `AUTH0_CLIENT_SECRET` environment
 * variables win over the stack config, as they do for the Auth0 provider.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { pulumiEnv } from "../../toolchain/pulumi-env";
import type { Credentials } from "./snapshot";

export interface StackFile {
  stack: string;
  /** Absolute path of `Pulumi.<stack>.yaml`. */
  path: string;
  exists: boolean;
  /** The file's `config:` keys as YAML holds them (a `secure:` value is `{ secure: "…" }`). */
  config: Record<string, unknown>;
  /** Whether the file imports an ESC environment (`environment:`), whose values only the CLI can resolve. */
  importsEnvironment: boolean;
}

export function stackFilePath(projectDir: string, stack: string): string {
  return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

export function readStackFile(projectDir: string, stack: string): StackFile {
  const file = stackFilePath(projectDir, stack);
  if (!fs.existsSync(file)) return { stack, path: file, exists: false, config: {}, importsEnvironment: false };
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message.split("\n")[0]}`);
  const root = (doc.toJS() ?? {}) as { config?: Record<string, unknown>; environment?: unknown };
  return {
    stack,
    path: file,
    exists: true,
    config: root.config ?? {},
    importsEnvironment: root.environment !== undefined,
  };
}

export function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;
}

export interface ResolvedConfig {
  /** Every key, decrypted when the CLI was asked. */
  config: Record<string, unknown>;
  /** Keys (with namespace) that are secrets. */
  secretKeys: string[];
}

/**
 * The stack's config with the values `needed` decrypted. Reads the file alone when none of them is encrypted
 * and no environment is imported; otherwise asks the Pulumi CLI, once.
 */
export async function resolveConfig(
  file: StackFile,
  needed: (key: string) => boolean,
  options: CliOptions,
): Promise<ResolvedConfig> {
  const secretKeys = Object.entries(file.config)
    .filter(([, v]) => isSecure(v))
    .map(([k]) => k);
  if (!file.importsEnvironment && !secretKeys.some(needed)) return { config: file.config, secretKeys };
  options.log?.(`decrypting the config of stack ${file.stack} (pulumi config --show-secrets --json)`);
  const listed = await pulumiJson(["config", "--show-secrets", "--json", "--stack", file.stack], options);
  const config: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [key, entry] of Object.entries(
    listed as Record<string, { value?: string; objectValue?: unknown; secret: boolean }>,
  )) {
    config[key] = entry.objectValue ?? entry.value;
    if (entry.secret) secrets.push(key);
  }
  return { config, secretKeys: secrets };
}

export interface CliOptions {
  projectDir: string;
  /** The environment the CLI runs with; toolchain/pulumi-env.sh defaults are applied over it. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Runs the project's Pulumi CLI and parses its JSON output; the error says what the CLI said, on one line. */
export function pulumiJson(args: string[], options: CliOptions): Promise<unknown> {
  const env = pulumiEnv(options.env ?? process.env);
  return new Promise((resolve, reject) => {
    execFile(
      "pulumi",
      [...args, "--non-interactive"],
      { cwd: options.projectDir, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const said =
            `${stderr}`
              .split("\n")
              .map((l) => l.trim())
              .find((l) => l !== "") ?? error.message;
          reject(new Error(`pulumi ${args.slice(0, 2).join(" ")}: ${said.replace(/^error: /, "")}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`pulumi ${args.slice(0, 2).join(" ")} printed no JSON`));
        }
      },
    );
  });
}

const CREDENTIALS = [
  { key: "domain", config: "auth0:domain", env: "AUTH0_DOMAIN", set: "pulumi config set auth0:domain <tenant host>" },
  { key: "clientId", config: "auth0:clientId", env: "AUTH0_CLIENT_ID", set: "pulumi config set auth0:clientId <id>" },
  {
    key: "clientSecret",
    config: "auth0:clientSecret",
    env: "AUTH0_CLIENT_SECRET",
    set: "pulumi config set --secret auth0:clientSecret",
  },
] as const;

/** Whether a config key holds a credential that the environment does not already give. */
export function credentialNeeded(key: string, env: NodeJS.ProcessEnv): boolean {
  return CREDENTIALS.some((c) => c.config === key && !env[c.env]);
}

/**
 * The tenant credentials: environment first, then the stack config. Throws one error naming every missing
 * value (in the house style, `<key>: (missing) — <rule>`); never shows a secret.
 */
export function credentialsOf(config: Record<string, unknown>, env: NodeJS.ProcessEnv): Credentials {
  const found: Partial<Record<(typeof CREDENTIALS)[number]["key"], string>> = {};
  const missing: string[] = [];
  for (const c of CREDENTIALS) {
    const value = env[c.env] || (typeof config[c.config] === "string" ? (config[c.config] as string) : undefined);
    if (value) found[c.key] = value;
    else missing.push(`${c.config}: (missing) — set ${c.env} or \`${c.set}\``);
  }
  if (missing.length > 0) throw new Error(`no Auth0 credentials for this stack:\n${missing.join("\n")}`);
  return found as Credentials;
}
