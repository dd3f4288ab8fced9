/**
 * The config diff against the stack file, and writing the adopted keys into it.
 *
 * Only leaves that change are touched, through the `yaml` package's Document API, so every other key, the
 * comments and the layout of the file stay as they were. Strings a YAML 1.1 reader would take for booleans
 * (`on`, `off`, `yes`, `no`, ...) are written double-quoted, as the project's stack files have them.
 */
import * as fs from "node:fs";
import { Document, isMap, parseDocument, Scalar } from "yaml";
import { CONFIG_NAMESPACE, parseDuration } from "../../config";

export interface ConfigChange {
  /** Dotted key path under the namespace, e.g. `sessions.persistent.idle`. */
  path: string;
  before: unknown;
  after: unknown;
}

/** Leaf by leaf: what writing `next` over `current` changes. Arrays are leaves. */
export function configDiff(current: Record<string, unknown>, next: Record<string, unknown>): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const walk = (before: unknown, after: unknown, keyPath: string) => {
    if (isPlainObject(after)) {
      for (const [key, value] of Object.entries(after))
        walk(isPlainObject(before) ? before[key] : undefined, value, keyPath ? `${keyPath}.${key}` : key);
      return;
    }
    if (!sameValue(before, after)) changes.push({ path: keyPath, before, after });
  };
  walk(current, next, "");
  return changes;
}

export function renderDiff(changes: ConfigChange[]): string {
  if (changes.length === 0) return "  (no change)\n";
  return changes
    .map((c) =>
      c.before === undefined
        ? `  + ${CONFIG_NAMESPACE}:${c.path}: ${show(c.after)}\n`
        : `  ~ ${CONFIG_NAMESPACE}:${c.path}: ${show(c.before)} → ${show(c.after)}\n`,
    )
    .join("");
}

/** The stack file's text with the changes applied (a new file when `existing` is undefined). */
export function applyChanges(existing: string | undefined, changes: ConfigChange[]): string {
  const doc = existing === undefined ? new Document({ config: {} }) : parseDocument(existing);
  if (!isMap(doc.get("config"))) doc.set("config", doc.createNode({}));
  for (const change of changes) {
    const [top, ...rest] = change.path.split(".");
    const keyPath = ["config", `${CONFIG_NAMESPACE}:${top}`, ...rest];
    // A parent that is missing or not a map (a JSON string, say) is replaced by a map.
    for (let depth = 2; depth < keyPath.length; depth++) {
      const parentPath = keyPath.slice(0, depth);
      if (!isMap(doc.getIn(parentPath))) doc.setIn(parentPath, doc.createNode({}));
    }
    doc.setIn(keyPath, node(doc, change.after));
  }
  return doc.toString({ lineWidth: 0 });
}

export function writeStackFile(file: string, changes: ConfigChange[]): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  fs.writeFileSync(file, applyChanges(existing, changes));
}

const YAML11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

function node(doc: Document, value: unknown): unknown {
  if (typeof value === "string" && YAML11_BOOLEANS.test(value)) {
    const scalar = new Scalar(value);
    scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
  }
  return doc.createNode(value);
}

/** Equal, or the same meaning in another spelling: `168h` and `7d`, `"true"` and `true`, `"on"` and `true`. */
function sameValue(before: unknown, after: unknown): boolean {
  if (JSON.stringify(before) === JSON.stringify(after)) return true;
  if (typeof before === "string" && typeof after === "string") {
    const a = parseDuration(before);
    if (a !== undefined && a === parseDuration(after)) return true;
  }
  const flag = (v: unknown) =>
    v === true || v === "true" || v === "on" ? true : v === false || v === "false" || v === "off" ? false : v;
  return typeof flag(before) === "boolean" && flag(before) === flag(after);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
