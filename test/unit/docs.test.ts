/**
 * The schema owns every default and limit; the README's reference table and Pulumi.yaml must agree with it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, CONFIG_OBJECT_KEYS, CONFIG_PATHS, parseStackConfig, PROJECT_DIR } from "../../config";
import { CONFIG_ROWS, configReferenceMarkdown, replaceConfigReference } from "../../config/reference";

const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
const project = parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
  name: string;
  config: Record<string, { type: string; description?: string; default?: unknown }>;
};
const MINIMAL = { plan: "enterprise", customDomain: { domain: "login.example.com" } };

describe("the README's config reference", () => {
  it("is exactly the table generated from the schema (run `npm run docs:config` after changing it)", () => {
    expect(replaceConfigReference(readme, configReferenceMarkdown())).toBe(readme);
  });

  it("has one row for every key the schema knows, in the schema's order", () => {
    expect(CONFIG_ROWS.map((row) => row[0])).toEqual(CONFIG_PATHS);
    expect(CONFIG_PATHS).toContain("sessions.persistent.idle");
  });
});

describe("Pulumi.yaml's typed config block", () => {
  it("declares exactly the schema's top-level keys, each with a type and a description", () => {
    expect(project.name).toBe("auth0-sessions");
    expect(Object.keys(project.config)).toEqual(CONFIG_KEYS);
    for (const [key, declaration] of Object.entries(project.config)) {
      // The object keys are the only ones the program decodes from JSON; every other key is a string as written.
      const expectedType = (CONFIG_OBJECT_KEYS as string[]).includes(key) ? "object" : "string";
      expect([key, declaration.type]).toEqual([key, expectedType]);
      expect(declaration.description?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it("leaves the keys the schema requires without a default, so the engine asks for them", () => {
    const required = Object.entries(project.config)
      .filter(([, d]) => d.default === undefined)
      .map(([key]) => key);
    expect(required).toEqual(["plan", "customDomain"]);
    for (const key of required) {
      const { [key as keyof typeof MINIMAL]: _omitted, ...rest } = MINIMAL;
      expect(() => parseStackConfig(rest)).toThrow(`${key}: (missing) — required:`);
    }
  });

  it("has defaults that change nothing: the schema's own defaults apply either way", () => {
    const baseline = parseStackConfig(MINIMAL);
    for (const [key, declaration] of Object.entries(project.config)) {
      if (declaration.default === undefined) continue;
      expect([key, parseStackConfig({ ...MINIMAL, [key]: declaration.default })]).toEqual([key, baseline]);
    }
  });
});
