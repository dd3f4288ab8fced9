import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, PROJECT_DIR } from "../../config/schema";

/** Every key of a real `Pulumi.<stack>.yaml`, as YAML holds the values. */
export function loadStackFile(stack: string): Record<string, unknown> {
  const file = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
  const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  return doc.config ?? {};
}

/** The `auth0-sessions:` keys of a stack file without the prefix: the `raw` that `parseStackConfig` takes. */
export function namespaceKeys(config: Record<string, unknown>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

/** Config values the way the Pulumi engine hands them to a program: strings, with objects as JSON text. */
export function asPulumiHandsOver(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}
