/** The bench's pure helpers: summaries, pairing, formatting, the table and the command line. */
import { describe, expect, it } from "vitest";
import { order, pairRatios, paired, reason, summarize } from "../../bench/measure";
import { parseOptions } from "../../bench/options";
import { BLOCKED_PROVIDER, formatSummary, renderTable } from "../../bench/report";
import { failedTests, testsLine } from "../../bench/test-suites";

describe("summarize", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
  });

  it("refuses an empty list", () => {
    expect(() => summarize([])).toThrow(/no values/);
  });
});

describe("pairing", () => {
  it("divides pair by pair", () => {
    expect(pairRatios([2, 9], [1, 3])).toEqual([2, 3]);
    expect(() => pairRatios([1], [1, 2])).toThrow();
  });

  it("alternates which side goes first and leaves the warm-up out", async () => {
    const calls: string[] = [];
    let a = 10;
    const result = await paired(
      async () => (calls.push("a"), a++),
      async () => (calls.push("b"), 5),
      3,
      1,
    );
    expect(order(0)).toEqual(["a", "b"]);
    expect(order(1)).toEqual(["b", "a"]);
    expect(calls).toEqual(["a", "b", "b", "a", "a", "b", "b", "a"]);
    expect(result.a).toEqual([11, 12, 13]);
    expect(result.ratios).toEqual([11 / 5, 12 / 5, 13 / 5]);
  });
});

describe("report", () => {
  it("prints median (min–max), or one number when there is no spread", () => {
    expect(formatSummary({ median: 2.5, min: 2.25, max: 3.125, n: 3 })).toBe("2.50 (2.25–3.13)");
    expect(formatSummary({ median: 4092, min: 4092, max: 4092, n: 1 })).toBe("4,092");
  });

  it("prints a blocked row with its reason and floor, and no ratio", () => {
    const table = renderTable([
      {
        group: "preview",
        figure: "`pulumi preview` of dev",
        unit: "s",
        status: "blocked",
        note: BLOCKED_PROVIDER,
        floor: { label: "empty program", value: { median: 2, min: 1.5, max: 3, n: 5 }, unit: "s" },
        how: "x",
      },
    ]);
    expect(table.split("\n")[2]).toBe(
      "| `pulumi preview` of dev | s | blocked: Auth0 provider plugin not installed | empty program: 2.00 (1.50–3.00) s | — | — | x |",
    );
  });

  it("takes Pulumi's error line as a failure reason", () => {
    expect(reason("Updating\n  pulumi:providers:auth0 error: no resource plugin\nResources: 1 errored")).toBe(
      "pulumi:providers:auth0 error: no resource plugin",
    );
  });
});

describe("vitest output", () => {
  it("reads the summary line and the failed tests, once each, without colours", () => {
    const output = [
      "   × a.test.ts > x > fails 7ms",
      " \x1b[31mFAIL\x1b[39m  a.test.ts > x > fails",
      " FAIL  a.test.ts > x > fails",
      "      Tests  1 failed | 9 passed (10)",
    ].join("\n");
    expect(testsLine(output)).toBe("1 failed | 9 passed (10)");
    expect(failedTests(output)).toEqual(["a.test.ts > x > fails"]);
  });
});

describe("parseOptions", () => {
  const groups = ["preview", "actions"];

  it("reads --quick, --only (comma list or repeated) and --out", () => {
    expect(parseOptions(["--quick", "--only", "preview,actions", "--out=x.json"], groups)).toEqual({
      quick: true,
      only: ["preview", "actions"],
      out: "x.json",
    });
    expect(parseOptions([], groups)).toEqual({ quick: false, only: [], out: "bench/results.json" });
  });

  it("refuses an unknown group or argument", () => {
    expect(() => parseOptions(["--only", "nope"], groups)).toThrow(/unknown group "nope"/);
    expect(() => parseOptions(["--fast"], groups)).toThrow(/unknown argument/);
    expect(() => parseOptions(["--only"], groups)).toThrow(/needs a value/);
  });
});
