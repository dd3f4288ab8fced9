/**
 * The toolchain's Go code (toolchain/langhost, toolchain/auth0-shim) is held to gofmt, go vet and its own Go
 * tests by toolchain/check-go.sh, here and so in `npm test`; the check fails on an unformatted file and on a
 * vet finding (shown on copies of toolchain/). Quick when Go's caches are warm; the first run compiles the SDK.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";

const TOOLCHAIN = path.join(PROJECT_DIR, "toolchain");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-toolchain-go-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function checkGo(toolchainDir: string): { code: number; stdout: string } {
  const result = spawnSync("bash", [path.join(toolchainDir, "check-go.sh")], { encoding: "utf8" });
  return { code: result.status ?? -1, stdout: `${result.stdout}${result.stderr}` };
}

/** A copy of toolchain/ (as <scratch>/<name>/toolchain, so its scripts see <scratch>/<name> as the repository). */
function copyToolchain(name: string): string {
  const dir = path.join(scratch, name, "toolchain");
  fs.cpSync(TOOLCHAIN, dir, { recursive: true });
  return dir;
}

describe("toolchain/check-go.sh", () => {
  it("passes: gofmt clean, go vet and go test clean for the language host", () => {
    const shimSources = path.join(PROJECT_DIR, ".tools", "src", "pulumi-auth0", "upstream", "go.mod");
    const shimLine = fs.existsSync(shimSources)
      ? "go vet: clean (toolchain/auth0-shim, inside terraform-provider-auth0)"
      : "go vet: toolchain/auth0-shim not vetted (terraform-provider-auth0's sources are not in .tools/src)";
    expect(checkGo(TOOLCHAIN)).toEqual({
      code: 0,
      stdout: [
        "gofmt: clean",
        "go vet: clean (toolchain/langhost)",
        "go test: ok (toolchain/langhost)",
        shimLine,
        "",
      ].join("\n"),
    });
  }, 600_000);

  it("fails on a file gofmt would change, naming it", () => {
    const dir = copyToolchain("unformatted");
    const file = path.join(dir, "langhost", "options.go");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("\ttypescript     bool\n", "\ttypescript bool\n"));
    expect(checkGo(dir)).toEqual({
      code: 1,
      stdout: "gofmt: not formatted (gofmt -w <file>):\ntoolchain/langhost/options.go\n",
    });
  });

  it("fails on a go vet finding, with vet's message", () => {
    const dir = copyToolchain("vet");
    const file = path.join(dir, "langhost", "main.go");
    const source = fs.readFileSync(file, "utf8");
    const from = 'fmt.Printf("%d\\n", handle.Port)';
    expect(source).toContain(from);
    fs.writeFileSync(file, source.replace(from, 'fmt.Printf("%s\\n", handle.Port)'));
    const { code, stdout } = checkGo(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^gofmt: clean\n/);
    expect(stdout).toContain("fmt.Printf format %s has arg handle.Port of wrong type int");
  }, 600_000);
});
