/**
 * How config problems are reported: one `ConfigError` listing every problem, each line
 * `<key>: <value> — <rule>`, and `[secret]` wherever a value set with `--secret` (or anything derived from it)
 * would be shown. Pulumi scrubs a secret from its output only where it appears exactly as written.
 */
import { CONFIG_NAMESPACE } from "./namespace";

/** What a problem shows instead of a secret value, or of anything derived from one. */
export const SECRET = "[secret]";
/** How a required key that is absent is shown. */
export const MISSING = "(missing)";

export interface ConfigProblem {
  /** Dotted key path under the `auth0-sessions` namespace, e.g. `sessions.persistent.idle`. */
  path: string;
  /** How the offending value is shown: JSON of the value, `(missing)`, the default with `(default)`, or `[secret]`. */
  value: string;
  rule: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid ${CONFIG_NAMESPACE} stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `${p.path}: ${p.value} — ${p.rule}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** The value as written, or the default it falls back to. */
export function showWritten(written: unknown, fallback: unknown): string {
  return written === undefined ? `${show(fallback)} (default)` : show(written);
}

export function show(input: unknown): string {
  return JSON.stringify(input) ?? String(input);
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
