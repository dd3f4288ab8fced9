/**
 * packages/local-tenant is its own package, an npm workspace of the root like policy/: `npm ci` at the root
 * installs its dependencies into the root node_modules. Its one entry point is src/index.ts, and nothing outside
 * the package imports deeper than that.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
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

it("is imported from outside only through its entry point", () => {
  const outside = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.mjs"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => file && !file.startsWith("packages/local-tenant/") && fs.existsSync(path.join(ROOT, file)));
  const deep = outside.flatMap((file) =>
    [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/from "([^"]*packages\/local-tenant\/[^"]+)"/g)].map(
      (m) => `${file}: ${m[1]}`,
    ),
  );
  expect(outside.length).toBeGreaterThan(50);
  expect(deep).toEqual([]);
});
