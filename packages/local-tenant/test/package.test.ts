/**
 * packages/local-tenant is its own package, an npm workspace of the root like policy/: `npm ci` at the root
 * installs its dependencies into the root node_modules. Its one entry point is src/index.ts, and nothing outside
 * the package imports deeper than that; nor does the package, its tests included, import anything outside itself
 * but Node's built-ins and npm packages, so it can be read, tested and moved on its own.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PACKAGE_DIR = path.join(ROOT, "packages", "local-tenant");
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const pkg = readJson(path.join(PACKAGE_DIR, "package.json"));
const lock = readJson(path.join(ROOT, "package-lock.json"));

it("is a workspace of the root, recorded in the lock file", () => {
  expect(readJson(path.join(ROOT, "package.json")).workspaces).toContain("packages/local-tenant");
  expect(lock.packages[`node_modules/${pkg.name}`]).toEqual({ resolved: "packages/local-tenant", link: true });
  expect(lock.packages["packages/local-tenant"].dependencies).toEqual(pkg.dependencies);
});

describe.each(Object.keys(pkg.dependencies))("%s", (name) => {
  it("is pinned to an exact version, the one the root node_modules holds", () => {
    expect(pkg.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    const resolved = require.resolve(`${name}/package.json`, { paths: [PACKAGE_DIR] });
    expect(resolved).toBe(path.join(ROOT, "node_modules", name, "package.json"));
    expect(readJson(resolved).version).toBe(pkg.dependencies[name]);
  });
});

it("has one entry point, src/index.ts", () => {
  expect(pkg.main).toBe("src/index.ts");
  expect(fs.existsSync(path.join(PACKAGE_DIR, pkg.main))).toBe(true);
});

/** Every import, export-from, import() and require() in `source`, by TypeScript's own scanner (none in comments). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map(({ fileName }) => fileName);
}

/**
 * Why `specifier`, imported by `file` (a path from the repository root, outside the package, with `/`), reaches
 * past the package's entry point, or undefined when it does not.
 */
function pastEntry(file: string, specifier: string): string | undefined {
  if (specifier === pkg.name || specifier.startsWith(`${pkg.name}/`))
    return specifier === pkg.name ? undefined : "names a file inside the package";
  if (!specifier.startsWith(".")) return undefined;
  const target = path.posix.join(path.posix.dirname(file), specifier);
  if (target !== "packages/local-tenant" && !target.startsWith("packages/local-tenant/")) return undefined;
  const entries = ["packages/local-tenant", "packages/local-tenant/src", "packages/local-tenant/src/index"];
  return entries.includes(target.replace(/\.ts$/, "")) ? undefined : "names a file inside the package";
}

describe("what code outside the package imports of it", () => {
  it.each([
    ["tools/local-up.ts", "../packages/local-tenant", undefined],
    ["test/testkit/index.ts", "../../packages/local-tenant/src/index", undefined],
    ["bench/run.ts", "auth0-sessions-local-tenant", undefined],
    ["test/tools/adopt.test.ts", "../../packages/local-tenant/src/session/seed", "names a file inside the package"],
    ["bench/run.ts", "../packages/local-tenant/src/store/state.ts", "names a file inside the package"],
    ["bench/run.ts", "auth0-sessions-local-tenant/src/oidc/codes", "names a file inside the package"],
    ["tools/x.ts", "../config", undefined],
  ])("%s importing %s: %s", (file, specifier, why) => {
    expect(pastEntry(file, specifier)).toBe(why);
  });

  it("is only its entry point", () => {
    const outside = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter(
        (file) =>
          /\.[cm]?[jt]s$/.test(file) &&
          !file.startsWith("packages/local-tenant/") &&
          fs.existsSync(path.join(ROOT, file)),
      );
    expect(outside.length).toBeGreaterThan(50);
    const deep = outside.flatMap((file) =>
      importsOf(fs.readFileSync(path.join(ROOT, file), "utf8")).flatMap((specifier) => {
        const why = pastEntry(file, specifier);
        return why === undefined ? [] : [`${file}: ${specifier} — ${why}`];
      }),
    );
    expect(deep).toEqual([]);
  });
});

/**
 * Why `specifier`, imported by `file` (a path inside the package, with `/`), leaves the package, or undefined when
 * it stays inside: a relative path is resolved first; a bare name is a Node built-in or an npm package.
 */
function leavesPackage(file: string, specifier: string): string | undefined {
  if (path.posix.isAbsolute(specifier)) return "is an absolute path";
  if (!specifier.startsWith(".")) return undefined;
  const target = path.posix.join(path.posix.dirname(file), specifier);
  return target === ".." || target.startsWith("../") ? "resolves outside packages/local-tenant" : undefined;
}

describe("what the package imports", () => {
  it.each([
    ["src/start.ts", "./http/server"],
    ["src/login/routes/authorize.ts", "../../store/state"],
    ["test/auth.test.ts", "../src/index"],
    ["test/helpers/tenant.ts", "../../src/index"],
    ["test/auth.test.ts", "./helpers/tenant"],
    ["src/start.ts", "node:fs"],
    ["src/tls/ca.ts", "node-forge"],
    ["test/auth.test.ts", "vitest"],
  ])("%s may import %s", (file, specifier) => {
    expect(leavesPackage(file, specifier)).toBeUndefined();
  });

  it.each([
    ["test/oidc.test.ts", "../../../test/browser/support/http-agent", "resolves outside packages/local-tenant"],
    ["test/deploy.test.ts", "../../../tools/provider-stand-in", "resolves outside packages/local-tenant"],
    ["src/index.ts", "../../../components", "resolves outside packages/local-tenant"],
    ["test/helpers/tenant.ts", "../../../policy", "resolves outside packages/local-tenant"],
    ["test/x.test.ts", "../..", "resolves outside packages/local-tenant"],
    ["src/x.ts", "/work/main/config", "is an absolute path"],
  ])("%s may not import %s", (file, specifier, why) => {
    expect(leavesPackage(file, specifier)).toBe(why);
  });

  it("holds no import, in src/ or test/, of anything outside the package but Node built-ins and npm packages", () => {
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: PACKAGE_DIR, encoding: "utf8" })
      .split("\n")
      .filter((file) => /\.[cm]?[jt]s$/.test(file) && fs.existsSync(path.join(PACKAGE_DIR, file)));
    expect(files).toEqual(expect.arrayContaining(["src/index.ts", "test/package.test.ts", "test/helpers/tenant.ts"]));
    const imports = files.flatMap((file) =>
      importsOf(fs.readFileSync(path.join(PACKAGE_DIR, file), "utf8")).map((specifier) => ({ file, specifier })),
    );
    expect(imports).toContainEqual({ file: "test/helpers/tenant.ts", specifier: "../../src/index" });
    const leaving = imports.flatMap(({ file, specifier }) => {
      const why = leavesPackage(file, specifier);
      return why === undefined ? [] : [`packages/local-tenant/${file}: ${specifier} — ${why}`];
    });
    expect(leaving).toEqual([]);

    // Each npm package it uses is declared: by src/ in dependencies, by test/ in either list.
    const npmName = (specifier: string) =>
      specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");
    const declared = (file: string) =>
      file.startsWith("src/") ? pkg.dependencies : { ...pkg.dependencies, ...pkg.devDependencies };
    const undeclared = imports
      .filter(({ specifier }) => !specifier.startsWith(".") && !specifier.startsWith("node:"))
      .filter(({ file, specifier }) => !Object.hasOwn(declared(file), npmName(specifier)))
      .map(({ file, specifier }) => `packages/local-tenant/${file}: ${specifier} — not in package.json`);
    expect([...new Set(undeclared)]).toEqual([]);
  });
});
