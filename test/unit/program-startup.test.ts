/**
 * How Pulumi starts the program (README, "Performance"): Pulumi.yaml's runtime options, the program's own
 * tsconfig (transpile-only) and program-preload.cjs (modules used only for function serialization load on use).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";

const project = parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
  runtime: { name: string; options: Record<string, unknown> };
};

/** A tsconfig file as Pulumi's language runtime reads it (@pulumi/pulumi tsutils.loadTypeScriptCompilerOptions). */
function readTsconfig(name: string): {
  extends?: string;
  compilerOptions: Record<string, unknown>;
  files?: string[];
  include?: string[];
} {
  const file = path.join(PROJECT_DIR, name);
  const { config, error } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return config;
}

describe("Pulumi.yaml's runtime options", () => {
  it("runs the program through ts-node with tsconfig.pulumi.json and the preload", () => {
    expect(project.runtime).toEqual({
      name: "nodejs",
      options: {
        typescript: true,
        packagemanager: "npm",
        tsconfig: "tsconfig.pulumi.json",
        nodeargs: "--require ./program-preload.cjs",
      },
    });
  });
});

describe("tsconfig.pulumi.json", () => {
  const program = readTsconfig("tsconfig.pulumi.json");
  const whole = readTsconfig("tsconfig.json");

  it("is transpile-only (noCheck), compiles from index.ts and walks no other folder", () => {
    expect(program.compilerOptions.noCheck).toBe(true);
    expect([program.extends, program.files, program.include]).toEqual(["./tsconfig.json", ["index.ts"], []]);
  });

  // Pulumi spreads only the file's own compilerOptions over its defaults (ES2020, nodenext), so the program's
  // emit settings are restated there; they must stay those of the tree's type-checking config.
  it("restates exactly tsconfig.json's target, module and moduleResolution", () => {
    const restated = ["target", "module", "moduleResolution"] as const;
    expect(Object.keys(program.compilerOptions).sort()).toEqual([...restated, "noCheck"].sort());
    for (const key of restated) expect([key, program.compilerOptions[key]]).toEqual([key, whole.compilerOptions[key]]);
  });

  it("leaves type checking to tsconfig.json, which refuses what a per-file transpile would get wrong", () => {
    expect([whole.compilerOptions.noCheck, whole.compilerOptions.isolatedModules]).toEqual([undefined, true]);
  });
});

describe("program-preload.cjs", () => {
  /** Runs `script` in a fresh Node.js (with the preload when asked) in the project directory; returns its JSON. */
  function node(script: string, preload: boolean): any {
    const args = [...(preload ? ["--require", "./program-preload.cjs"] : []), "-e", script];
    return JSON.parse(execFileSync(process.execPath, args, { cwd: PROJECT_DIR, encoding: "utf8" }));
  }
  const DEFERRED = ["@npmcli/arborist", "normalize-package-data", "fdir", "@pulumi/pulumi/automation"];
  // For each module: whether require.cache holds a stand-in (a Proxy) for it, and how many of its files loaded.
  const inspect = `(name) => { const dir = "/node_modules/" + name + "/";
    const files = Object.keys(require.cache).filter((f) => f.includes(dir) && require.cache[f].loaded);
    return [name, files.some((f) => require("node:util").types.isProxy(require.cache[f].exports)), files.length]; }`;

  it("leaves arborist, normalize-package-data, fdir and the Automation API as stand-ins while @pulumi/pulumi and @pulumi/auth0 load", () => {
    const script = `require("@pulumi/pulumi"); require("@pulumi/auth0");
      console.log(JSON.stringify(${JSON.stringify(DEFERRED)}.map(${inspect})));`;
    expect(node(script, true)).toEqual(DEFERRED.map((name) => [name, true, 1]));
    for (const [name, standIn, files] of node(script, false))
      expect([name, standIn, files > 0]).toEqual([name, false, true]);
  });

  it("loads the real modules on first use: function serialization finds the same code paths", async () => {
    const script = `const pulumi = require("@pulumi/pulumi");
      pulumi.runtime.computeCodePaths({ extraIncludePackages: ["zod"] }).then((paths) =>
        console.log(JSON.stringify({ paths: [...paths.keys()].sort(), arborist: (${inspect})("@npmcli/arborist") })));`;
    const withPreload = node(script, true);
    expect(withPreload.paths).toContain("node_modules/zod");
    // The stand-in stays in the one module that required it; require.cache now holds the real package.
    expect(withPreload.arborist.slice(0, 2)).toEqual(["@npmcli/arborist", false]);
    expect(withPreload).toEqual(node(script, false));
  });

  it("loads the real Automation API on first use, through the SDK's index and its own path", () => {
    const script = `const pulumi = require("@pulumi/pulumi"); const direct = require("@pulumi/pulumi/automation");
      console.log(JSON.stringify([typeof pulumi.automation.LocalWorkspace, direct.LocalWorkspace === pulumi.automation.LocalWorkspace,
        Object.keys(pulumi.automation).includes("LocalWorkspace"), (${inspect})("@pulumi/pulumi/automation")[1]]));`;
    expect(node(script, true)).toEqual(["function", true, true, false]);
  });

  it("leaves zod's 63 locales behind one stand-in while zod loads, with English messages and every locale on first use", () => {
    // How many files of zod/v4/locales/ have loaded, and whether the index is a stand-in (a Proxy).
    const locales = `() => { const files = Object.keys(require.cache).filter((f) => f.includes("/zod/v4/locales/") && require.cache[f].loaded);
      return [files.length, files.some((f) => require("node:util").types.isProxy(require.cache[f].exports))]; }`;
    const script = `const { z } = require("zod"); const atLoad = (${locales})();
      const message = z.number().safeParse("1").error.issues[0].message;
      const french = (z.config(z.locales.fr()), z.number().safeParse("1").error.issues[0].message);
      console.log(JSON.stringify({ atLoad, message, french, afterUse: (${locales})()[0] }));`;
    const withPreload = node(script, true);
    const without = node(script, false);
    // Under the preload: the index stand-in and English (locales/en.cjs, which zod requires itself); without: the
    // index and all 63 locales.
    expect(withPreload.atLoad).toEqual([2, true]);
    expect(without.atLoad).toEqual([64, false]);
    expect(withPreload.message).toBe("Invalid input: expected number, received string");
    expect([withPreload.message, withPreload.french]).toEqual([without.message, without.french]);
    expect(withPreload.french).toMatch(/^Entrée invalide/);
    expect(withPreload.afterUse).toBe(without.afterUse);
  });

  it("formats debuggablePromise's stack trace only when it is read, with the same frames from the caller on", () => {
    // Counts the frames Error.prepareStackTrace formats: none at the call under the preload, 9 without it.
    const script = `const d = require("@pulumi/pulumi/runtime/debuggable"); let formatted = 0;
      Error.prepareStackTrace = (e, frames) => ((formatted += frames.length), [String(e), ...frames.map((f) => "    at " + f)].join("\\n"));
      const p = new Promise(() => {}); (function caller() { d.debuggablePromise(p, "never resolves"); })(); const atCall = formatted;
      const [leaks] = d.leakedPromises(); const text = d.promiseDebugString(p).split("\\n");
      console.log(JSON.stringify({ atCall, leaks: leaks.size, head: text.slice(0, 3), frames: text.slice(3).map((l) => l.trim().split(" ")[1]) }));`;
    const withPreload = node(script, true);
    const without = node(script, false);
    expect(withPreload.atCall).toBe(0);
    expect(without.atCall).toBe(9);
    expect([withPreload.leaks, withPreload.head]).toEqual([1, ["CONTEXT(0): never resolves", "STACK_TRACE:", "Error"]]);
    expect([without.leaks, without.head]).toEqual([1, ["CONTEXT(0): never resolves", "STACK_TRACE:", "Error"]]);
    // The original's first frame is debuggablePromise itself; the rest are the same frames.
    expect(without.frames[0]).toBe("Object.debuggablePromise");
    expect(withPreload.frames[0]).toBe("caller");
    expect(withPreload.frames.slice(0, 8)).toEqual(without.frames.slice(1, 9));
  });
});
