/**
 * The READMEs point each local-tenant promise at the test that keeps it: every test file they name must exist,
 * and every local-tenant suite must be named by packages/local-tenant/README.md, so a pointer cannot go stale unnoticed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..", "..", "..");
const READMES = ["README.md", "packages/local-tenant/README.md"];

function namedTests(readme: string): string[] {
  return [
    ...new Set(
      readFileSync(join(ROOT, readme), "utf8").match(/(?:packages\/[\w-]+\/)?test\/[\w/.-]+\.test\.ts/g) ?? [],
    ),
  ];
}

describe("README test pointers", () => {
  it.each(READMES)("every test file %s names exists", (readme) => {
    const named = namedTests(readme);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });

  it("packages/local-tenant/README.md names every local-tenant suite", () => {
    const suites = readdirSync(join(ROOT, "packages/local-tenant/test"))
      .filter((f) => f.endsWith(".test.ts") && f !== "readme.test.ts")
      .map((f) => `packages/local-tenant/test/${f}`);
    expect(suites.filter((suite) => !namedTests("packages/local-tenant/README.md").includes(suite))).toEqual([]);
  });
});
