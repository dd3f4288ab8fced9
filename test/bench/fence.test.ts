/**
 * bench/ uses only the local tenant's entry point and the test kit, never test internals (issue #13): the rule
 * on import strings, good and bad, and the scan of every file under bench/ and test/testkit/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fenceViolation, fenceViolations, importSpecifiers } from "./fence";

const ROOT = path.resolve(__dirname, "..", "..");
const CODE = /\.[cm]?[jt]s$/;

const TEST_INTERNALS = "reaches into test internals; import test/testkit (move what is needed there)";
const PAST_ENTRY = "reaches past the local tenant's entry point; import packages/local-tenant";

describe("fenceViolation", () => {
  it.each([
    ["bench/tools.ts", "../packages/local-tenant"],
    ["bench/tools.ts", "../packages/local-tenant/"],
    ["bench/tools.ts", "../packages/local-tenant/src/index"],
    ["bench/tools.ts", "../packages/local-tenant/src/index.ts"],
    ["bench/tools.ts", "auth0-sessions-local-tenant"],
    ["bench/run.ts", "../test/testkit"],
    ["bench/preview.ts", "../test/testkit/pulumi-cli"],
    ["bench/run.ts", "./measure"],
    ["bench/run.ts", "./test/x"],
    ["bench/run.ts", "../config"],
    ["bench/tools.ts", "../tools/adopt/adopt"],
    ["bench/run.ts", "node:fs"],
    ["bench/scale.ts", "@pulumi/pulumi/automation"],
    ["bench/local-stack.ts", "yaml"],
    ["test/testkit/index.ts", "./pulumi-cli"],
    ["test/testkit/index.ts", "../../tools/provider-stand-in"],
    ["test/testkit/handmade-tenant.ts", "../../packages/local-tenant"],
  ])("%s may import %s", (file, specifier) => {
    expect(fenceViolation(file, specifier)).toBeUndefined();
  });

  it.each([
    ["bench/run.ts", "../test/unit/actions/harness", TEST_INTERNALS],
    ["bench/tools.ts", "../test/tools/helpers/handmade", TEST_INTERNALS],
    ["bench/tools.ts", "../test", TEST_INTERNALS],
    ["bench/tools.ts", "../test/testkit-old/x", TEST_INTERNALS],
    ["bench/tools.ts", "./../test/browser/support/http-agent", TEST_INTERNALS],
    ["test/testkit/index.ts", "../unit/actions/harness", TEST_INTERNALS],
    ["test/testkit/x/y.ts", "../../clients/support/env", TEST_INTERNALS],
    ["bench/actions.ts", "../packages/local-tenant/src/login/seed", PAST_ENTRY],
    ["bench/actions.ts", "../packages/local-tenant/src", PAST_ENTRY],
    ["bench/actions.ts", "../packages/local-tenant/src/index/x", PAST_ENTRY],
    ["bench/actions.ts", "../packages/local-tenant/test/helpers/tenant", PAST_ENTRY],
    ["bench/actions.ts", "../packages/local-tenant/package.json", PAST_ENTRY],
    ["bench/actions.ts", "auth0-sessions-local-tenant/src/client", PAST_ENTRY],
    ["test/testkit/pulumi-cli.ts", "../../packages/local-tenant/src/start", PAST_ENTRY],
    ["bench/run.ts", "../../shared/seeds/x", "resolves outside the repository"],
    [
      "bench/run.ts",
      "/work/main/test/unit/actions/harness",
      "is an absolute path; name it relative to the importing file",
    ],
  ])("%s may not import %s", (file, specifier, why) => {
    expect(fenceViolation(file, specifier)).toBe(why);
  });
});

describe("importSpecifiers", () => {
  it("finds every form of import and require, and nothing in comments or strings", () => {
    const source = [
      'import a from "./a";',
      'import type { B } from "../b";',
      'import "side-effect";',
      'export * from "./c";',
      'export { d } from "./d";',
      'const e = require("./e");',
      'async function f() { return import("./f"); }',
      '// import x from "../test/commented";',
      "const s = \"import y from '../test/in-a-string'\";",
    ].join("\n");
    expect(importSpecifiers(source)).toEqual(["./a", "../b", "side-effect", "./c", "./d", "./e", "./f"]);
  });
});

describe("fenceViolations", () => {
  it("names the file, the import and the rule for each import that crosses, and only those", () => {
    const source = [
      'import { ok, setUpLikeSeed000 } from "../test/tools/helpers/handmade";',
      'import { startLocalTenant } from "../packages/local-tenant";',
      'const { loadSeed } = require("../packages/local-tenant/src/login/seed");',
      'import { copyProject } from "../test/testkit";',
    ].join("\n");
    expect(fenceViolations("bench/tools.ts", source)).toEqual([
      `bench/tools.ts: ../test/tools/helpers/handmade — ${TEST_INTERNALS}`,
      `bench/tools.ts: ../packages/local-tenant/src/login/seed — ${PAST_ENTRY}`,
    ]);
  });
});

describe("the repository", () => {
  const files = ["bench", "test/testkit"].flatMap((dir) =>
    (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .map((file) => `${dir}/${file.split(path.sep).join("/")}`)
      .filter((file) => fs.statSync(path.join(ROOT, file)).isFile()),
  );
  const code = files.filter((file) => CODE.test(file));

  it("holds code under bench/ and test/testkit/ only in files the scan reads (the rest is data)", () => {
    expect(files.filter((file) => !CODE.test(file))).toEqual(["bench/results.json"]);
    expect(code).toEqual(expect.arrayContaining(["bench/run.ts", "bench/tools.ts", "bench/startup-probe.cjs"]));
    expect(code).toEqual(expect.arrayContaining(["test/testkit/index.ts", "test/testkit/build-actions.ts"]));
  });

  it("bench/ and test/testkit/ import the local tenant through its entry and the tests through the test kit", () => {
    const scanned = code.map((file) => ({ file, source: fs.readFileSync(path.join(ROOT, file), "utf8") }));
    // The scan sees the imports that matter: the tenant and the kit, as bench/tools.ts names them.
    const tools = scanned.find((s) => s.file === "bench/tools.ts")!;
    expect(importSpecifiers(tools.source)).toEqual(
      expect.arrayContaining(["../packages/local-tenant", "../test/testkit"]),
    );
    expect(scanned.flatMap(({ file, source }) => fenceViolations(file, source))).toEqual([]);
  });
});
