/**
 * Drift results → exit code, text table, JSON and Markdown (GitHub job summary). Pure.
 */
import { ORIGINS, type Origin, SECRET, UNKNOWN, type DriftRecord } from "./records";

export interface StackResult {
  stack: string;
  /** Differences found before the check stopped (all of them when it did not fail). */
  records: DriftRecord[];
  /** One line: why the check of this stack failed. */
  error?: string;
}

export type Status = "no-drift" | "drift" | "error";

/** 0 no drift, 2 drift, 1 the check failed for at least one stack (then the drift found is incomplete). */
export const EXIT_CODES = { "no-drift": 0, error: 1, drift: 2 } as const satisfies Record<Status, number>;

export function statusOf(result: StackResult): Status {
  if (result.error !== undefined) return "error";
  return result.records.length > 0 ? "drift" : "no-drift";
}

export function overallStatus(results: readonly StackResult[]): Status {
  const statuses = results.map(statusOf);
  if (statuses.includes("error")) return "error";
  return statuses.includes("drift") ? "drift" : "no-drift";
}

export function exitCodeOf(results: readonly StackResult[]): number {
  return EXIT_CODES[overallStatus(results)];
}

const ABSENT = "(absent)";
/**
 * What each origin means, in the words of the report. Each says only what the check can show (records.ts): a
 * difference it cannot explain is `differs`, never blamed on the tenant or the program.
 */
export const ORIGIN_MEANINGS: Readonly<Record<Origin, string>> = {
  tenant: "changed in the tenant outside Pulumi",
  rounding:
    "the Auth0 provider sends tenant lifetimes in whole hours (whole minutes under 1 h): the tenant holds the declared value rounded, and deploying again changes nothing",
  code: "program change not deployed yet",
  undeclared: "a setting the tenant has and the stack does not declare",
  differs: "tenant and program differ for no reason the check can name",
  unknown: "not refreshed",
};

/** The legend line for the origins that occur in `results`, in a fixed order; undefined when none do. */
export function originLegend(results: readonly StackResult[]): string | undefined {
  const used = new Set(results.flatMap((result) => result.records.map((record) => record.origin)));
  const parts = ORIGINS.filter((origin) => used.has(origin)).map((origin) => `${origin} = ${ORIGIN_MEANINGS[origin]}`);
  return parts.length > 0 ? `origin: ${parts.join("; ")}` : undefined;
}
const MAX_CELL = 60;

/** A value for a table cell: JSON (strings quoted), `(absent)`, `[secret]`, `[unknown]`; long values cut. */
export function formatValue(record: DriftRecord, key: "declared" | "actual"): string {
  if (!(key in record) || record[key] === undefined) return ABSENT;
  const value = record[key];
  if (value === SECRET || value === UNKNOWN) return value;
  // create/delete records hold plain words (`exists`, `missing`) rather than property values.
  if (record.field.startsWith("(") && typeof value === "string") return value;
  // JSON.stringify gives undefined only for a function or a symbol, which no Pulumi diff holds: show the type.
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** `sessions-tenant (auth0:index/tenant:Tenant)`: the name, and the type for the reader to recognise it. */
export function resourceLabel(record: DriftRecord): string {
  return `${record.name} (${record.type})`;
}

function summaryLine(result: StackResult): string {
  switch (statusOf(result)) {
    case "error":
      return `${result.stack}: check failed: ${result.error}`;
    case "no-drift":
      return `${result.stack}: no drift`;
    case "drift": {
      const resources = new Set(result.records.map((r) => r.urn)).size;
      const fields = result.records.length;
      return `${result.stack}: drift in ${resources} resource${resources === 1 ? "" : "s"} (${fields} field${fields === 1 ? "" : "s"})`;
    }
  }
}

/** The text report: one table of every drifted field of every stack, then one summary line per stack. */
export function renderTable(results: readonly StackResult[]): string {
  const header = ["STACK", "RESOURCE", "FIELD", "DECLARED", "ACTUAL", "ORIGIN"];
  const rows = results.flatMap((result) =>
    result.records.map((r) => [
      r.stack,
      resourceLabel(r),
      r.field,
      formatValue(r, "declared"),
      formatValue(r, "actual"),
      r.origin,
    ]),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    lines.push(line(header), ...rows.map(line), "");
  }
  lines.push(...results.map(summaryLine));
  const legend = originLegend(results);
  if (legend !== undefined) lines.push(legend);
  return `${lines.join("\n")}\n`;
}

export interface JsonReport {
  status: Status;
  exitCode: number;
  stacks: {
    stack: string;
    status: Status;
    error?: string;
    drift: Omit<DriftRecord, "stack">[];
  }[];
}

/** The JSON report (`--json`): values as JSON values, absent ones left out, secrets `[secret]`. */
export function toJsonReport(results: readonly StackResult[]): JsonReport {
  return {
    status: overallStatus(results),
    exitCode: exitCodeOf(results),
    stacks: results.map((result) => ({
      stack: result.stack,
      status: statusOf(result),
      ...(result.error !== undefined ? { error: result.error } : {}),
      drift: result.records.map(({ stack: _stack, ...record }) => record),
    })),
  };
}

export function renderJson(results: readonly StackResult[]): string {
  return `${JSON.stringify(toJsonReport(results), null, 2)}\n`;
}

/** Markdown for `$GITHUB_STEP_SUMMARY`: a heading per stack naming its status, and a table of drifted fields. */
export function renderMarkdown(results: readonly StackResult[]): string {
  const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const code = (text: string) => (text === "" ? "" : `\`${cell(text).replace(/`/g, "'")}\``);
  const out: string[] = [];
  for (const result of results) {
    const status = statusOf(result);
    const title = { "no-drift": "no drift", drift: "drift", error: "check failed" }[status];
    out.push(`### Drift check: \`${result.stack}\` — ${title}`, "");
    if (status === "error") out.push(cell(result.error ?? ""), "");
    if (result.records.length > 0) {
      out.push(summaryLine({ stack: result.stack, records: result.records }), "");
      out.push("| resource | type | field | declared | actual | origin |", "| --- | --- | --- | --- | --- | --- |");
      for (const r of result.records) {
        out.push(
          `| ${code(r.name)} | ${code(r.type)} | ${code(r.field)} | ${code(formatValue(r, "declared"))} | ${code(formatValue(r, "actual"))} | ${r.origin} |`,
        );
      }
      out.push("");
    }
  }
  const legend = originLegend(results);
  if (legend !== undefined) out.push(`_${legend}_`, "");
  return `${out.join("\n")}`;
}
