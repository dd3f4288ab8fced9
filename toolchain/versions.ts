/**
 * toolchain/versions.env for TypeScript: the toolchain's versions (tests, bench, scripts). The file is also
 * sourced by bash and appended to $GITHUB_ENV by the workflows, so it is parsed here by the strictest of those
 * rules, and every problem is reported at once.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const VERSIONS_FILE = path.join(__dirname, "versions.env");

/** Every key the file must define, and nothing else. */
export const VERSION_KEYS = [
  "PULUMI_VERSION",
  "PULUMI_COMMIT",
  "GO_VERSION",
  "NODE_VERSION",
  "AUTH0_VERSION",
  "AUTH0_PROVIDER_COMMIT",
  "AUTH0_UPSTREAM_VERSION",
  "ACTIONLINT_VERSION",
] as const;
export type Versions = Record<(typeof VERSION_KEYS)[number], string>;

// A value bash, $GITHUB_ENV and a reader all take literally: no quotes, spaces, `$`, backticks or `#`.
const LINE = /^([A-Z][A-Z0-9_]*)=([A-Za-z0-9._+\-/:@]+)$/;

/** Parses the file's text; `file` names it in the error, which lists every problem, one per line. */
export function parseVersions(text: string, file = "toolchain/versions.env"): Versions {
  const problems: string[] = [];
  const values = new Map<string, string>();
  text.split("\n").forEach((line, index) => {
    if (line === "" || line.startsWith("#")) return;
    const match = LINE.exec(line);
    if (!match) {
      problems.push(`line ${index + 1}: ${line} — must be KEY=value (value: letters, digits and . _ + - / : @)`);
      return;
    }
    const [, key, value] = match;
    if (!(VERSION_KEYS as readonly string[]).includes(key))
      problems.push(`${key}: ${value} — not a known key (${VERSION_KEYS.join(", ")})`);
    else if (values.has(key)) problems.push(`${key}: ${value} — set twice (first: ${values.get(key)})`);
    else values.set(key, value);
  });
  for (const key of VERSION_KEYS) if (!values.has(key)) problems.push(`${key}: (missing) — every key must be set`);
  if (problems.length > 0) {
    throw new Error(
      `Invalid ${file} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
  return Object.fromEntries(values) as Versions;
}

export const VERSIONS: Versions = parseVersions(fs.readFileSync(VERSIONS_FILE, "utf8"));
