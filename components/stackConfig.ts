import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, parseStackConfig, type StackConfig } from "./config";

/**
 * The current stack's `auth0-sessions:` keys, parsed and validated.
 *
 * All keys of the namespace are read (not just the known ones), so a misspelt key is reported instead of
 * silently falling back to a default. Problems are thrown as a `pulumi.RunError`, which Pulumi reports as the
 * message alone: the list of problems, without a stack trace in the way.
 */
export function readStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(prefix)) continue;
    raw[key.slice(prefix.length)] = value;
    if (isConfigSecret(key)) secretKeys.push(key.slice(prefix.length));
  }
  try {
    return parseStackConfig(raw, { secretKeys });
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

/** Whether a config key was set with `--secret`. The SDK has this at runtime but marks it internal. */
export function isConfigSecret(key: string): boolean {
  return (pulumi.runtime as unknown as { isConfigSecret(k: string): boolean }).isConfigSecret(key);
}
