/**
 * The official clients against a fresh local tenant: every case of cases/*.ts is one test, and the README's
 * conformance table is derived from the results (it must match; `UPDATE_README=1` rewrites it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { authenticationClientCases } from "./cases/authentication-client";
import { managementClientCases } from "./cases/management-client";
import { openidClientCases } from "./cases/openid-client";
import { type ConformanceCase, conformanceTable, README_END, README_START } from "./conformance";
import { type ClientsEnv, startClientsTenant } from "./support/env";

const CASES: ConformanceCase[] = [...openidClientCases, ...authenticationClientCases, ...managementClientCases];
const README = join(PROJECT_DIR, "packages", "local-tenant", "README.md");

let env: ClientsEnv;
const passed = new Set<ConformanceCase>();
beforeAll(async () => {
  env = await startClientsTenant();
});
afterAll(async () => {
  await env?.stop();
});

describe.each([...new Set(CASES.map((c) => c.client))])("%s", (client) => {
  for (const c of CASES.filter((x) => x.client === client)) {
    it(`${c.call} → ${c.expected}`, async () => {
      await c.run(env);
      passed.add(c);
    });
  }
});

describe("README", () => {
  it("shows the conformance table these results give", () => {
    const table = conformanceTable(CASES, (c) => passed.has(c));
    const text = readFileSync(README, "utf8");
    const start = text.indexOf(README_START);
    const end = text.indexOf(README_END);
    if (process.env.UPDATE_README && start >= 0 && end > start) {
      writeFileSync(README, `${text.slice(0, start)}${table}${text.slice(end + README_END.length)}`);
      return;
    }
    expect(start, `${README} has no ${README_START} marker`).toBeGreaterThanOrEqual(0);
    expect(text.slice(start, end + README_END.length)).toBe(table);
  });
});
