/** The audit's output: a table for people, JSON for machines. */
import type { CheckRow } from "./checks";

const MARK = { ok: "ok", finding: "FINDING", "not checked": "NOT CHECKED" } as const;

export function renderTable(stack: string, rows: CheckRow[]): string {
  const header = ["", "check", "expected", "found", "fix"];
  const cells = rows.map((r) => [MARK[r.status], r.check, r.expected, r.found, r.fix]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : text.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const findings = rows.filter((r) => r.status === "finding").length;
  const skipped = rows.filter((r) => r.status === "not checked").length;
  return (
    `Audit of stack ${stack}: ${findings === 0 ? "no finding" : `${findings} finding${findings === 1 ? "" : "s"}`}` +
    `${skipped > 0 ? `, ${skipped} not checked` : ""} (${rows.length} checks)\n\n` +
    [line(header), ...cells.map(line)].join("\n") +
    "\n"
  );
}

export function renderJson(stack: string, rows: CheckRow[]): string {
  return `${JSON.stringify({ stack, findings: rows.filter((r) => r.status === "finding").length, checks: rows }, null, 2)}\n`;
}
