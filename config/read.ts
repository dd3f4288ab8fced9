import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, parseStackConfig, type StackConfig } from "./schema";

/**
 * The current stack's `auth0-sessions:` keys, parsed and validated.
 *
 * All keys of the namespace are read (not just the known ones), so a misspelt key is reported instead of
 * silently falling back to a default. Problems are thrown as a `pulumi.RunError`, which Pulumi reports as the
 * message alone: the list of problems, without a stack trace in the way.
 */
export function readStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const ours = Object.entries(pulumi.runtime.allConfig()).filter(([key]) => key.startsWith(prefix));
  // fromEntries defines own properties, so a key named `__proto__` is kept (and reported) like any other;
  // assigning it would set the object's prototype instead, or be dropped.
  const raw = Object.fromEntries(ours.map(([key, value]) => [key.slice(prefix.length), value]));
  // Secretness is per top-level key: `--path --secret` on a key inside an object makes the whole object secret.
  const secretKeys = ours.filter(([key]) => isConfigSecret(key)).map(([key]) => key.slice(prefix.length));
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
