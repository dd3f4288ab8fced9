/**
 * policy/ is its own package, an npm workspace of the root: `npm ci` at the root installs its dependencies,
 * deduplicated into the root node_modules, so the pack and the program load the same @pulumi/pulumi and
 * @pulumi/auth0 (the engine starts the pack in policy/, and Node.js resolves upwards from there).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../config";

const POLICY_DIR = path.join(PROJECT_DIR, "policy");
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const root = readJson(path.join(PROJECT_DIR, "package.json"));
const pack = readJson(path.join(POLICY_DIR, "package.json"));
const lock = readJson(path.join(PROJECT_DIR, "package-lock.json"));

const SHARED = ["@pulumi/auth0", "@pulumi/policy", "@pulumi/pulumi"] as const;
const rootVersion = (name: string): unknown => root.dependencies?.[name] ?? root.devDependencies?.[name];

it("is a workspace of the root, recorded in the lock file", () => {
  expect(root.workspaces).toEqual(["policy", "packages/local-tenant"]);
  expect(lock.packages[""].workspaces).toEqual(["policy", "packages/local-tenant"]);
  expect(lock.packages["node_modules/auth0-sessions-policy"]).toEqual({ resolved: "policy", link: true });
  expect(lock.packages.policy.dependencies).toEqual(pack.dependencies);
});

it("depends on exactly @pulumi/auth0, @pulumi/policy and @pulumi/pulumi", () => {
  expect(Object.keys(pack.dependencies).sort()).toEqual([...SHARED]);
  expect(pack.devDependencies).toBeUndefined();
});

describe.each(SHARED)("%s", (name) => {
  it("is pinned to an exact version, the root's", () => {
    expect(pack.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pack.dependencies[name]).toBe(rootVersion(name));
  });

  it("resolves from policy/ to the one copy in the root node_modules, at that version", () => {
    const fromPack = require.resolve(`${name}/package.json`, { paths: [POLICY_DIR] });
    expect(fromPack).toBe(path.join(PROJECT_DIR, "node_modules", name, "package.json"));
    // @pulumi/policy 1.21.0 ships a package.json whose version reads "v1.21.0".
    expect(readJson(fromPack).version.replace(/^v/, "")).toBe(pack.dependencies[name]);
    expect(lock.packages[`node_modules/${name}`].version).toBe(pack.dependencies[name]);
  });
});

it("declares a Node.js pack whose entry point is index.ts", () => {
  expect(parse(fs.readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8"))).toMatchObject({
    runtime: "nodejs",
  });
  expect(pack.main).toBe("index.ts");
  expect(fs.existsSync(path.join(POLICY_DIR, pack.main))).toBe(true);
});
