/**
 * Reading a stack's config: the current stack's keys from the Pulumi runtime (`readStackConfig`), or any raw keys
 * (`parseStackConfig`), into a fully typed config, or one `ConfigError` that lists every problem, so an invalid
 * stack fails before any resource is declared and nothing reaches Auth0.
 *
 * Every problem at once: a value that cannot be read skips only the checks that need it (check.ts). A value that
 * can be read but breaks a limit is still compared by the rules between values (rules.ts).
 *
 * No secret restated: a problem that shows the value of a key set with `--secret`, or anything derived from it
 * (a normalised duration, a rounding, a resolved path), shows `[secret]` instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { isConfigSecret } from "../internals/pulumi";
import { PAGE_TEMPLATE_MAX_BYTES, pageTemplateProblems } from "../auth0";
import { Check } from "./check";
import { CONFIG_NAMESPACE, namespaceKeys } from "./namespace";
import { ConfigError, show } from "./problems";
import { crossFieldRules } from "./rules";
import { SCHEMA, type Parsed, type StackConfig } from "./schema";

export interface ParseOptions {
  /** Where relative `pageTemplate` paths are resolved: the project directory. */
  projectDir?: string;
  /**
   * Top-level keys (without the namespace) whose value is secret: set with `--secret`, or with `--path --secret`
   * on a key inside them. No problem shows their values, or anything derived from them.
   */
  secretKeys?: readonly string[];
}

/** The project directory: where the stack files are, and where relative `pageTemplate` paths start. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

/**
 * Parse and validate a stack's config.
 *
 * @param raw the stack file's `auth0-sessions:` keys without the prefix. Values may be as Pulumi hands them to a
 *   program (objects as JSON strings, booleans as "true"/"false") or as YAML holds them (objects, booleans).
 */
export function parseStackConfig(raw: Record<string, unknown>, options: ParseOptions = {}): StackConfig {
  const check = new Check(new Set(options.secretKeys ?? []));
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(SCHEMA.fields, key)) check.add(key, key, show(decodeForDisplay(raw[key])), "unknown key");
  }
  for (const [key, node] of Object.entries(SCHEMA.fields)) {
    let written = Object.hasOwn(raw, key) ? raw[key] : undefined;
    // Pulumi hands an object value to the program as JSON text. Only the keys that hold objects are decoded: a
    // string key (a path, a name) is taken exactly as written, even when it starts with `[` or `{`.
    if (node.kind === "section" && typeof written === "string") {
      const decoded = decodeJson(written);
      if (!decoded.ok) {
        check.add(key, key, show(written), "not valid JSON");
        continue;
      }
      written = decoded.value;
    }
    check.read(node, written, key, key);
  }
  crossFieldRules(check);
  const pageTemplate = readPageTemplate(check, options.projectDir ?? PROJECT_DIR);

  if (check.problems.length > 0 || pageTemplate === undefined) throw new ConfigError(check.problems);
  return { ...(check.build(SCHEMA, "") as Parsed), pageTemplate };
}

// ---------------------------------------------------------------------------------------------------------
// The page template: read from the path, and checked.

function readPageTemplate(check: Check, projectDir: string): StackConfig["pageTemplate"] | undefined {
  const reading = check.get<string>("pageTemplate");
  if (!reading) return undefined;
  const add = (rule: string) => check.add(reading.path, reading.root, reading.shown, rule);
  const templatePath = path.resolve(projectDir, reading.value);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(templatePath);
  } catch (error) {
    // The resolved path is a form of the configured one.
    add(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}: ${check.reveal(reading.root, templatePath)})`,
    );
    return undefined;
  }
  if (bytes.length > PAGE_TEMPLATE_MAX_BYTES) {
    add(`is ${bytes.length} bytes; Auth0 allows at most ${PAGE_TEMPLATE_MAX_BYTES} (100 KB)`);
    return undefined;
  }
  const body = bytes.toString("utf8");
  for (const rule of pageTemplateProblems(body)) add(rule);
  return { path: templatePath, body };
}

// ---------------------------------------------------------------------------------------------------------
// JSON text, as Pulumi hands over object values.

function decodeJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  // Text that is not an object or a list is left as written, so the section reports it as not an object.
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { ok: true, value: text };
  try {
    // JSON.parse makes `__proto__` an own property like any other key; it never sets a prototype.
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/** An unknown key's value is shown decoded when it is JSON of an object or list, as it was most likely set. */
function decodeForDisplay(written: unknown): unknown {
  if (typeof written !== "string") return written;
  const decoded = decodeJson(written);
  return decoded.ok ? decoded.value : written;
}

// ---------------------------------------------------------------------------------------------------------
// The current stack.

/**
 * The current stack's `auth0-sessions:` keys, parsed and validated.
 *
 * All keys of the namespace are read (not just the known ones), so a misspelt key is reported instead of
 * silently falling back to a default. Problems are thrown as a `pulumi.RunError`, which Pulumi reports as the
 * message alone: the list of problems, without a stack trace in the way.
 */
export function readStackConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  const raw = namespaceKeys(all);
  // Secretness is per top-level key: `--path --secret` on a key inside an object makes the whole object secret.
  const secretKeys = Object.keys(raw).filter((key) => isConfigSecret(`${CONFIG_NAMESPACE}:${key}`));
  try {
    return parseStackConfig(raw, { secretKeys });
  } catch (error) {
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

export { isConfigSecret };
