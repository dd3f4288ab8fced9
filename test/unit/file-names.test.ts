/**
 * One file-naming convention (issue #13): every file and folder the repository holds is kebab-case, lowercase
 * words joined by dashes, each dot-separated part alike (`kept-tenant-settings.ts`, `program-startup.test.ts`,
 * `tsconfig.pulumi.json`, `.prettierrc.json`). The only other names are those a tool or a source dictates, each
 * listed below with the reason.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";

const KEBAB = /^\.?[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** Names other tools or sources fix, with why. */
const DICTATED: { name: RegExp; why: string }[] = [
  { name: /^Pulumi(\.[a-z0-9-]+)?\.yaml$/, why: "the Pulumi CLI looks for Pulumi.yaml and Pulumi.<stack>.yaml" },
  { name: /^PulumiPolicy\.yaml$/, why: "the Pulumi CLI looks for a policy pack's PulumiPolicy.yaml" },
  { name: /^README\.md$/, why: "GitHub and npm show README.md" },
  { name: /^[a-z0-9]+(_[a-z0-9]+)*_test\.go$/, why: "go test only runs files ending in _test.go" },
  {
    name: /^TestAcc[A-Za-z_]+\.yaml$/,
    why: "a recording keeps the name terraform-provider-auth0 gave it (test/data/recordings/), so it can be traced",
  },
];

/** Every path git would commit: tracked files, and new ones not ignored. */
function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
  });
  return out.split("\0").filter((file) => file !== "");
}

/** Each file's name and each folder on its way, once. */
function namesOf(files: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of files) {
    const parts = file.split("/");
    parts.forEach((name, index) => {
      if (!names.has(name)) names.set(name, parts.slice(0, index + 1).join("/"));
    });
  }
  return names;
}

describe("file and folder names", () => {
  const files = repositoryFiles();

  it("are kebab-case, or a name a tool dictates", () => {
    const offenders = [...namesOf(files)]
      .filter(([name]) => !KEBAB.test(name) && !DICTATED.some((rule) => rule.name.test(name)))
      .map(([, where]) => where);
    expect(offenders).toEqual([]);
  });

  it.each([
    ["components/kept-tenant-settings.ts", true],
    ["test/unit/program-startup.test.ts", true],
    ["tsconfig.pulumi.json", true],
    [".prettierrc.json", true],
    ["keptTenantSettings.ts", false],
    ["universalLogin", false],
    ["stack_files.ts", false],
    ["Kms-partial.ts", false],
    ["kmsi--partial.ts", false],
    ["kmsi-.ts", false],
  ])("the rule reads %s as kebab-case: %s", (name, kebab) => {
    expect(KEBAB.test(path.basename(name))).toBe(kebab);
  });

  it("sees the whole repository, this file included", () => {
    expect(files).toContain("test/unit/file-names.test.ts");
    expect(files).toContain("components/universal-login/kmsi-partial.ts");
    expect(files.some((file) => file.startsWith("node_modules/"))).toBe(false);
  });
});
