import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../config";

/** Every key of a real `Pulumi.<stack>.yaml`, as YAML holds the values. */
export function loadStackFile(stack: string): Record<string, unknown> {
  const file = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
  const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  return doc.config ?? {};
}

/** Config values the way the Pulumi engine hands them to a program: strings, with objects as JSON text. */
export function asPulumiHandsOver(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}
