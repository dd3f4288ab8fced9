/**
 * Figure group "tests": wall-clock time of the unit suite (`npx vitest run test/unit`) and of the full suite
 * (`npx vitest run`), each as a whole process, against the floor of vitest starting and finding no test (same
 * npx, same config).
 *
 * The full suite takes minutes, so it runs once (said in the row); `--quick` skips it.
 */
import { REPO_ROOT } from "../toolchain/pulumi-env";
import type { BenchContext, FigureGroup } from "./context";
import { paired, summarize, tail, timeCommand, type Timed } from "./measure";
import type { Row } from "./report";

/** A filter no test file matches: vitest loads its config, finds nothing and exits 0. */
const FLOOR_ARGS = ["vitest", "run", "--passWithNoTests", "bench/__no_test_matches_this__"];
const FLOOR_LABEL = "`npx vitest run` finding no test";

// eslint-disable-next-line no-control-regex
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, "");

/** vitest's own summary line, e.g. "212 passed | 3 skipped (215)". */
export function testsLine(output: string): string {
  return (
    plain(output)
      .match(/^\s*Tests\s+(.+)$/m)?.[1]
      ?.trim() ?? "no summary"
  );
}

/** The failed tests vitest lists ("FAIL  file > describe > test"), at most three. */
export function failedTests(output: string): string[] {
  const names = [...plain(output).matchAll(/^\s*FAIL\s+(.+)$/gm)].map((m) => m[1].trim());
  return [...new Set(names)].slice(0, 3);
}

/** As a developer types it, in the bench's own environment. */
function npx(args: string[]): Promise<Timed> {
  return timeCommand("npx", args, { cwd: REPO_ROOT, env: process.env });
}

async function run(context: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const outcomes: string[] = [];
  const failures: string[] = [];
  /** Times one run; a suite's summary line goes to `outcomes`, any failure (floor or suite) to `failures`. */
  const timed = (args: string[], suite: boolean) => async () => {
    const result = await npx(args);
    const output = result.stdout + result.stderr;
    if (result.code !== 0) {
      const failed = failedTests(output);
      failures.push(
        `exit ${result.code}, tests ${testsLine(output)}${failed.length > 0 ? `; failed: ${failed.join("; ")}` : `: ${tail(output, 1)}`}`,
      );
    } else if (suite) outcomes.push(testsLine(output));
    return result.ms / 1000;
  };

  const unitRuns = context.quick ? 1 : 3;
  context.log(`tests: unit suite, ${unitRuns} pair(s) with the vitest floor`);
  const unit = await paired(timed(["vitest", "run", "test/unit"], true), timed(FLOOR_ARGS, false), unitRuns, 0);
  const floor = { label: FLOOR_LABEL, value: summarize(unit.b), unit: "s" };
  rows.push({
    group: "tests",
    figure: "unit suite `npx vitest run test/unit`",
    unit: "s",
    status: "measured",
    value: summarize(unit.a),
    ...(failures.length > 0 ? { note: `FAILED: ${failures.join("; ")}` } : {}),
    floor,
    ratio: summarize(unit.ratios),
    how: `whole process, wall clock; ${unitRuns} run(s) paired with the floor, alternating, no warm-up; ratio pair by pair; tests: ${outcomes[0] ?? "?"}`,
  });

  if (context.quick) {
    rows.push({
      group: "tests",
      figure: "full suite `npx vitest run`",
      unit: "s",
      status: "skipped",
      note: "skipped (--quick)",
      floor,
      how: "takes minutes",
    });
    return rows;
  }
  context.log("tests: full suite, 1 run (minutes)");
  failures.length = 0;
  outcomes.length = 0;
  const full = await timed(["vitest", "run"], true)();
  rows.push({
    group: "tests",
    figure: "full suite `npx vitest run`",
    unit: "s",
    status: "measured",
    value: summarize([full]),
    ...(failures.length > 0 ? { note: `FAILED: ${failures.join("; ")}` } : {}),
    floor,
    ratio: summarize([full / floor.value.median]),
    how: `whole process, wall clock; ONE run (it takes minutes), so no spread; ratio against the floor's median above; tests: ${outcomes[0] ?? "see note"}`,
  });
  return rows;
}

export const testSuitesGroup: FigureGroup = { name: "tests", run };
