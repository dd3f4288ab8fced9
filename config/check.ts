/**
 * The state of one parse: every value read against the schema, and every problem found so far. A value that
 * cannot be read (malformed, or inside a section that is not an object) skips only the checks that need it;
 * every other value of its section and every rule that does not read it still reports.
 */
import { join, type List, type Node, type Value } from "./schema";
import { MISSING, SECRET, listed, show, showWritten, type ConfigProblem } from "./problems";

/** What was read for one value key: how to show it, and its parsed value when it could be read. */
export interface Reading<T = unknown> {
  path: string;
  /** The top-level key it belongs to, which decides whether it is secret. */
  root: string;
  /** The value as written (JSON), `(missing)`, or the default with `(default)`. */
  shown: string;
  value: T;
}

/** The state of one parse: the problems found so far and every value that could be read. */
export class Check {
  readonly problems: ConfigProblem[] = [];
  private readonly readings = new Map<string, Reading>();

  constructor(private readonly secretRoots: ReadonlySet<string>) {}

  isSecret(root: string): boolean {
    return this.secretRoots.has(root);
  }

  /** `text`, or `[secret]` when the value of `root` is secret: for any text that is or derives from it. */
  reveal(root: string, text: string): string {
    return this.isSecret(root) ? SECRET : text;
  }

  add(keyPath: string, root: string, shown: string, rule: string): void {
    this.problems.push({ path: keyPath, value: this.reveal(root, shown), rule });
  }

  /** A value key that could be read, or undefined (malformed, required and missing, or in a bad section). */
  get<T>(keyPath: string): Reading<T> | undefined {
    return this.readings.get(keyPath) as Reading<T> | undefined;
  }

  /** Reads `written` (undefined when absent) as `node`, recording its problems and the values it holds. */
  read(node: Node, written: unknown, keyPath: string, root: string): void {
    if (node.kind === "value") return this.readValue(node, written, keyPath, root);
    if (node.kind === "list") return this.readList(node, written, keyPath, root);
    const rule = `an object with ${listed(Object.keys(node.fields))}`;
    if (written === undefined && node.required) return this.add(keyPath, root, MISSING, `required: ${rule}`);
    if (written !== undefined && !isObject(written)) return this.add(keyPath, root, show(written), rule);
    const object = written ?? {};
    // Own keys only: `constructor`, `toString` or `__proto__` are unknown keys like any other.
    for (const key of Object.keys(object)) {
      if (!Object.hasOwn(node.fields, key)) this.add(join(keyPath, key), root, show(object[key]), "unknown key");
    }
    for (const [key, child] of Object.entries(node.fields)) {
      this.read(child, Object.hasOwn(object, key) ? object[key] : undefined, join(keyPath, key), root);
    }
  }

  private readValue(node: Value, written: unknown, keyPath: string, root: string): void {
    if (written === undefined && node.fallback === undefined) {
      const message = node.schema.safeParse(undefined).error?.issues[0]?.message ?? "a value";
      return this.add(keyPath, root, MISSING, `required: ${message}`);
    }
    const shown = showWritten(written, node.fallback);
    const result = node.schema.safeParse(written === undefined ? node.fallback : written);
    if (!result.success) {
      for (const issue of result.error.issues) this.add(keyPath, root, shown, issue.message);
      return;
    }
    this.readings.set(keyPath, { path: keyPath, root, shown, value: result.data });
    for (const rule of node.limits?.(result.data, this.isSecret(root)) ?? []) {
      this.add(keyPath, root, shown, rule);
    }
  }

  /** A list's reading holds the readings of the items that could be read, each under its own path (`keepBound.2`). */
  private readList(node: List, written: unknown, keyPath: string, root: string): void {
    const input = written === undefined ? node.fallback : written;
    if (!Array.isArray(input)) return this.add(keyPath, root, show(input), node.rule);
    const items: Reading[] = [];
    input.forEach((item, index) => {
      const itemPath = join(keyPath, String(index));
      const result = node.item.safeParse(item);
      if (result.success) items.push({ path: itemPath, root, shown: show(item), value: result.data });
      else for (const issue of result.error.issues) this.add(itemPath, root, show(item), issue.message);
    });
    this.readings.set(keyPath, { path: keyPath, root, shown: showWritten(written, node.fallback), value: items });
  }

  /** The typed config; only called when every value could be read. */
  build(node: Node, keyPath: string): unknown {
    if (node.kind === "value") return this.readings.get(keyPath)!.value;
    if (node.kind === "list") return (this.readings.get(keyPath)!.value as Reading[]).map((item) => item.value);
    return Object.fromEntries(
      Object.entries(node.fields).map(([key, child]) => [key, this.build(child, join(keyPath, key))]),
    );
  }
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}
