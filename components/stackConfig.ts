import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, parseStackConfig, type StackConfig } from "./config";

/**
 * The current stack's `auth0-sessions:` keys, parsed and validated.
 *
 * All keys of the namespace are read (not just the known ones), so a misspelt key is reported instead of
 * silently falling back to a default.
 */
export function readStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  return parseStackConfig(raw);
}
