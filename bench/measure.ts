/**
 * Measuring helpers shared by the figure groups: summaries (median, min, max), whole-process wall-clock timing,
 * paired runs against a floor (ratio pair by pair), and CPU time of in-process batches.
 *
 * Pure where it can be (summarize, pairRatios, order), so test/bench/measure.test.ts can check it without
 * running anything.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many values the summary is over. */
  n: number;
}

/** Median (the mean of the middle two for an even count), min and max. Throws on an empty list. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** a[i] / b[i] for each pair; the lists must be the same length. */
export function pairRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`pairRatios: ${a.length} values against ${b.length}`);
  return a.map((value, i) => value / b[i]);
}

/**
 * The order of the two commands in pair `i`: A then B, then B then A, and so on (ABBA). Alternating who goes
 * first keeps a machine that speeds up or slows down during the run from favouring one side.
 */
export function order(i: number): ["a", "b"] | ["b", "a"] {
  return i % 2 === 0 ? ["a", "b"] : ["b", "a"];
}

export interface Paired {
  a: number[];
  b: number[];
  /** a/b pair by pair. */
  ratios: number[];
}

/**
 * Runs `a` and `b` in pairs (after `warmup` uncounted pairs), alternating which goes first, and returns each
 * side's values and the ratio a/b pair by pair. Each function returns its own measurement (ms, µs, ...).
 */
export async function paired(
  a: () => Promise<number>,
  b: () => Promise<number>,
  runs: number,
  warmup = 1,
): Promise<Paired> {
  const result: Paired = { a: [], b: [], ratios: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const values: Record<"a" | "b", number> = { a: 0, b: 0 };
    for (const side of order(i)) values[side] = await (side === "a" ? a() : b());
    if (i < warmup) continue;
    result.a.push(values.a);
    result.b.push(values.b);
  }
  result.ratios = pairRatios(result.a, result.b);
  return result;
}

export interface Timed {
  /** Wall-clock milliseconds from spawn to the process's exit (its output streams closed). */
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command as a whole process and times it on the monotonic clock. Output is captured, not shown. */
export function timeCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - start, code: code ?? -1, stdout, stderr }));
  });
}

/** Wall-clock milliseconds of an async function. */
export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * CPU time (user + system, this process, all threads) per iteration of `fn`, in microseconds, over one batch
 * of `iterations` awaited one after another.
 */
export async function cpuPerIteration(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

/** The first `error:` line of a command's output (Pulumi's diagnostics), else its last lines: a one-line reason. */
export function reason(text: string): string {
  const line = text.split("\n").find((l) => /\berror:/.test(l));
  return line ? line.trim().slice(0, 400) : tail(text);
}

/** The last lines of a command's output, for a one-line failure reason. */
export function tail(text: string, lines = 3): string {
  return text.trim().split("\n").slice(-lines).join(" | ").slice(0, 400);
}
