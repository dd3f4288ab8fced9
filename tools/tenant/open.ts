/**
 * What adopt and audit do first: read the stack's config and credentials, then read the tenant.
 */
import { CONFIG_NAMESPACE, namespaceKeys } from "../../config";
import { credentialNeeded, credentialsOf, readStackFile, resolveConfig, type StackFile } from "./stack";
import { type Credentials, readTenant, type TenantSnapshot } from "./snapshot";

export interface ToolOptions {
  stack: string;
  /** The Pulumi project directory: stack files, page templates, and where the Pulumi CLI runs. */
  projectDir: string;
  /** Environment for credentials (AUTH0_*) and the Pulumi CLI. */
  env: NodeJS.ProcessEnv;
  /** Progress lines, for stderr. */
  log: (line: string) => void;
  /** An extra CA for the tenant (tests); the CLI relies on NODE_EXTRA_CA_CERTS. */
  ca?: string;
}

export interface OpenedStack {
  file: StackFile;
  /** The `auth0-sessions:` keys without the prefix, decrypted. */
  raw: Record<string, unknown>;
  /** Secret keys of the namespace, without the prefix (shown as [secret] in config problems). */
  secretKeys: string[];
  credentials: Credentials;
}

export async function openStack(options: ToolOptions): Promise<OpenedStack> {
  const file = readStackFile(options.projectDir, options.stack);
  options.log(file.exists ? `stack ${options.stack}: ${file.path}` : `stack ${options.stack}: no ${file.path} yet`);
  const prefix = `${CONFIG_NAMESPACE}:`;
  const resolved = await resolveConfig(file, (key) => key.startsWith(prefix) || credentialNeeded(key, options.env), {
    projectDir: options.projectDir,
    env: options.env,
    log: options.log,
  });
  return {
    file,
    raw: namespaceKeys(resolved.config),
    secretKeys: resolved.secretKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
    credentials: credentialsOf(resolved.config, options.env),
  };
}

export function readStackTenant(opened: OpenedStack, options: ToolOptions): Promise<TenantSnapshot> {
  return readTenant(opened.credentials, { log: options.log, ca: options.ca });
}
