/**
 * How Pulumi starts the program (README, "Performance"): Pulumi.yaml's runtime options and the program's own
 * tsconfig (transpile-only).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../components/config";

const project = parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
  runtime: { name: string; options: Record<string, unknown> };
};

/** A tsconfig file as Pulumi's language runtime reads it (@pulumi/pulumi tsutils.loadTypeScriptCompilerOptions). */
function readTsconfig(name: string): { extends?: string; compilerOptions: Record<string, unknown>; files?: string[]; include?: string[] } {
  const file = path.join(PROJECT_DIR, name);
  const { config, error } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return config;
}

describe("Pulumi.yaml's runtime options", () => {
  it("runs the program through ts-node with tsconfig.pulumi.json", () => {
    expect(project.runtime).toEqual({
      name: "nodejs",
      options: { typescript: true, packagemanager: "npm", tsconfig: "tsconfig.pulumi.json" },
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
