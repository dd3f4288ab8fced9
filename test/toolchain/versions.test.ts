/**
 * toolchain/versions.env is the one source of the toolchain's versions: bash and TypeScript read the same
 * values from it, and the places that cannot read it (npm's manifests, the language host's go.mod, the README's
 * prose) agree with it. No code, script or workflow states one of those versions itself.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { parseVersions, VERSION_KEYS, VERSIONS } from "../../toolchain/versions";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
const json = (file: string) => JSON.parse(read(file));
const LANGHOST = path.join(PROJECT_DIR, "toolchain", "langhost");

describe("parseVersions", () => {
  const lines = VERSION_KEYS.map((key, i) => `${key}=1.${i}.0`);
  const valid = Object.fromEntries(VERSION_KEYS.map((key, i) => [key, `1.${i}.0`]));
  const KNOWN = VERSION_KEYS.join(", ");
  const VALUE_RULE = "must be KEY=value (value: letters, digits and . _ + - / : @)";

  it("reads KEY=value lines, skipping comments and blank lines", () => {
    expect(parseVersions(["# versions", "", ...lines, ""].join("\n"))).toEqual(valid);
  });

  it.each([
    [
      "a quoted value",
      [`PULUMI_VERSION="1.0.0"`, ...lines.slice(1)],
      [`line 1: PULUMI_VERSION="1.0.0" — ${VALUE_RULE}`, "PULUMI_VERSION: (missing) — every key must be set"],
    ],
    [
      "spaces around =",
      [lines[0], "PULUMI_COMMIT = abc", ...lines.slice(2)],
      [`line 2: PULUMI_COMMIT = abc — ${VALUE_RULE}`, "PULUMI_COMMIT: (missing) — every key must be set"],
    ],
    ["an expansion", [...lines, "GO_VERSION=$GO"], [`line ${lines.length + 1}: GO_VERSION=$GO — ${VALUE_RULE}`]],
    ["a key set twice", [...lines, "NODE_VERSION=22"], ["NODE_VERSION: 22 — set twice (first: 1.3.0)"]],
    [
      "an unknown key and a missing one",
      [...lines.slice(0, -1), "NPM_VERSION=10.9.0"],
      [`NPM_VERSION: 10.9.0 — not a known key (${KNOWN})`, "ACTIONLINT_VERSION: (missing) — every key must be set"],
    ],
  ])("rejects %s, listing every problem", (_, text, problems) => {
    expect(() => parseVersions(text.join("\n"), "versions.env")).toThrow(
      new Error(
        `Invalid versions.env (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`,
      ),
    );
  });
});

describe("toolchain/versions.env", () => {
  it("bash reads the same values as TypeScript (the toolchain scripts source it)", () => {
    const script = `source toolchain/common.sh && for key in ${VERSION_KEYS.join(" ")}; do printf '%s=%s\\n' "$key" "\${!key}"; done`;
    const out = execFileSync("bash", ["-c", script], { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(parseVersions(out)).toEqual(VERSIONS);
  });

  it("@pulumi/pulumi is the CLI's version and @pulumi/auth0 the provider plugin's, in package.json and package-lock.json", () => {
    const expected = { "@pulumi/pulumi": VERSIONS.PULUMI_VERSION, "@pulumi/auth0": VERSIONS.AUTH0_VERSION };
    const pkg = json("package.json");
    const lock = json("package-lock.json");
    for (const [name, version] of Object.entries(expected)) {
      expect(pkg.dependencies[name], `package.json ${name}`).toBe(version);
      expect(lock.packages[""].dependencies[name], `package-lock.json root ${name}`).toBe(version);
      expect(lock.packages[`node_modules/${name}`].version, `package-lock.json node_modules/${name}`).toBe(version);
    }
    expect(json("policy/package.json").dependencies["@pulumi/pulumi"]).toBe(VERSIONS.PULUMI_VERSION);
  });

  it("every npm manifest pins each dependency exactly, so a clean install gets what the lock and the tests saw", () => {
    const manifests = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*package.json"], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
    })
      .split("\n")
      .filter((file) => file.endsWith("package.json"));
    expect(manifests).toContain("packages/local-tenant/package.json");
    const ranges = manifests.flatMap((file) => {
      const pkg = json(file) as Record<string, Record<string, string> | undefined>;
      return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].flatMap((field) =>
        Object.entries(pkg[field] ?? {})
          .filter(([, version]) => !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
          .map(([name, version]) => `${file} ${field}.${name}: ${version}`),
      );
    });
    expect(ranges).toEqual([]);
  });

  it("package.json's engines.node is the workflows' Node.js as a minimum", () => {
    expect(json("package.json").engines).toEqual({ node: `>=${VERSIONS.NODE_VERSION}` });
  });

  it("the language host's go.mod requires the SDK at the CLI's version, with the SDK's own go line and replace directives", () => {
    interface GoMod {
      Go: string;
      Require: { Path: string; Version: string }[];
      Replace: unknown[] | null;
    }
    const goMod = (file: string): GoMod =>
      JSON.parse(execFileSync("go", ["mod", "edit", "-json", file], { encoding: "utf8" }));
    const ours = goMod(path.join(LANGHOST, "go.mod"));
    expect(ours.Require.find((r) => r.Path === "github.com/pulumi/pulumi/sdk/v3")?.Version).toBe(
      `v${VERSIONS.PULUMI_VERSION}`,
    );
    expect(ours.Go).toBe(VERSIONS.GO_VERSION);
    // The release's own go.mod files, from the module cache (downloaded when missing).
    for (const module of ["sdk", "pkg"]) {
      const download = JSON.parse(
        execFileSync(
          "go",
          ["mod", "download", "-json", `github.com/pulumi/pulumi/${module}/v3@v${VERSIONS.PULUMI_VERSION}`],
          { cwd: LANGHOST, encoding: "utf8" },
        ),
      ) as { GoMod: string };
      const theirs = goMod(download.GoMod);
      expect(theirs.Go, `${module}/go.mod go line`).toBe(VERSIONS.GO_VERSION);
      if (module === "sdk") expect(ours.Replace).toEqual(theirs.Replace);
    }
  }, 300_000);
});

describe("the README states the versions of toolchain/versions.env", () => {
  // Whitespace-normalised, without the Performance section: its figures are a recorded run (bench/results.json).
  const readme = read("README.md")
    .replace(/\n## Performance\n[\s\S]*?(?=\n## )/, "\n")
    .replace(/\s+/g, " ");
  const minor = VERSIONS.PULUMI_VERSION.split(".").slice(0, 2).join(".");
  it.each([
    ["the Pulumi CLI", /\bPulumi (?:CLI )?(\d+\.\d+\.\d+)/g, VERSIONS.PULUMI_VERSION],
    ["the minimum installed Pulumi", /\bat least (\d+\.\d+\.\d+)/g, VERSIONS.PULUMI_VERSION],
    ["Pulumi's Go modules", /pulumi\/(?:pkg|sdk)\/v3@v(\d+\.\d+\.\d+)/g, VERSIONS.PULUMI_VERSION],
    ["Pulumi's go.mod", /\bPulumi (\d+\.\d+)'s/g, minor],
    ["the Auth0 provider plugin", /\bresource auth0 (\d+\.\d+\.\d+)/g, VERSIONS.AUTH0_VERSION],
    ["pulumi-auth0's release", /\bthe v(\d+\.\d+\.\d+) release commit/g, VERSIONS.AUTH0_VERSION],
    ["pulumi-auth0's release commit", /\brelease commit `([0-9a-f]+)`/g, VERSIONS.AUTH0_PROVIDER_COMMIT.slice(0, 12)],
    ["Go", /\bGo (\d+\.\d+\.\d+) or newer/g, VERSIONS.GO_VERSION],
    ["Node.js", /\bNode\.js (\d+) or newer/g, VERSIONS.NODE_VERSION],
  ])("%s", (_, pattern, expected) => {
    const stated = [...readme.matchAll(pattern)].map((m) => m[1]);
    expect(stated.length).toBeGreaterThan(0);
    expect(stated).toEqual(stated.map(() => expected));
  });
});

describe("no other file pins a toolchain version", () => {
  const PINS = [
    "PULUMI_VERSION",
    "PULUMI_COMMIT",
    "AUTH0_VERSION",
    "AUTH0_PROVIDER_COMMIT",
    "ACTIONLINT_VERSION",
    "GO_VERSION",
  ] as const;
  // Checked above against versions.env, or a record of a past run, or input to a parser (any version would do).
  const EXEMPT = new Set([
    "toolchain/versions.env",
    "package.json",
    "package-lock.json",
    "policy/package.json",
    "README.md",
    "bench/results.json",
    "test/drift/report.test.ts",
    "test/drift/records.test.ts",
  ]);
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: PROJECT_DIR, encoding: "utf8" })
    .split("\n")
    .filter(
      (f) =>
        /\.(ts|mjs|js|sh|ya?ml|json|md)$|^\.ci\/run$/.test(f) &&
        !EXEMPT.has(f) &&
        fs.existsSync(path.join(PROJECT_DIR, f)),
    );

  it.each(PINS)("%s", (key) => {
    const pinned = files.filter((f) => read(f).includes(VERSIONS[key]));
    expect(pinned).toEqual([]);
  });
});
