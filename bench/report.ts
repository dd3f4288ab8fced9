/**
 * The bench's rows and how they are printed: one markdown table (figure, unit, median (min–max), floor, ratio,
 * runs, how measured) and the same rows as JSON.
 */
import type { Machine } from "./machine";
import type { Summary } from "./measure";

export type RowStatus = "measured" | "blocked" | "failed" | "skipped";

export interface Row {
  /** Figure group, as `--only` names it. */
  group: string;
  /** What is measured, e.g. "`pulumi preview --stack dev`". */
  figure: string;
  unit: string;
  status: RowStatus;
  /** The measured values (absent unless status is "measured"). */
  value?: Summary;
  /** What the figure is compared with, measured the same way in the same run. */
  floor?: { label: string; value?: Summary; unit?: string };
  /** figure / floor, pair by pair where the runs were paired. */
  ratio?: Summary;
  /** Why a row is blocked, failed or skipped; or a remark on a measured row. */
  note?: string;
  how: string;
}

export const BLOCKED_PROVIDER = "blocked: Auth0 provider plugin not installed";

/** Three significant digits, no exponent for the sizes met here. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/** "12.3 (11.9–13.0)", or the bare number when every value was the same or there was one. */
export function formatSummary(summary: Summary): string {
  const median = formatNumber(summary.median);
  if (summary.n === 1 || summary.min === summary.max) return median;
  return `${median} (${formatNumber(summary.min)}–${formatNumber(summary.max)})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function valueCell(row: Row): string {
  if (row.status === "measured" && row.value) return formatSummary(row.value) + (row.note ? ` — ${row.note}` : "");
  return row.note ?? row.status;
}

function floorCell(row: Row): string {
  if (!row.floor) return "—";
  const { label, value, unit } = row.floor;
  return value ? `${label}: ${formatSummary(value)}${unit ? ` ${unit}` : ""}` : label;
}

export function renderTable(rows: readonly Row[]): string {
  const lines = [
    "| figure | unit | median (min–max) | floor | ratio | runs | how measured |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of rows) {
    const ratio = row.ratio ? `${formatSummary(row.ratio)}×` : "—";
    const runs = row.value ? String(row.value.n) : "—";
    lines.push(
      `| ${[row.figure, row.unit, valueCell(row), floorCell(row), ratio, runs, row.how].map(cell).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

export function renderMachine(machine: Machine): string {
  return [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; load average at start ${machine.loadAverage.join(" / ")}`,
    `Node.js ${machine.node}, Pulumi ${machine.pulumi}, Auth0 provider plugin: ${machine.auth0Provider ? "installed" : "not installed"}; ${machine.date}`,
  ].join("\n");
}

export function renderMarkdown(
  machine: Machine,
  rows: readonly Row[],
  options: { quick: boolean; only: readonly string[] },
): string {
  const mode = [
    options.quick ? "--quick" : "full run",
    options.only.length > 0 ? `--only ${options.only.join(",")}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${renderMachine(machine)}\nMode: ${mode}\n\n${renderTable(rows)}\n`;
}

export function toJson(
  machine: Machine,
  rows: readonly Row[],
  options: { quick: boolean; only: readonly string[] },
): string {
  return `${JSON.stringify({ machine, options, rows }, null, 2)}\n`;
}
