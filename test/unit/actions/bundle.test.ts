/** The bundles themselves: what npm run build:actions writes is what Auth0 gets, so check its shape. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_ACTIONS, actionBundlePath, readActionBundle } from "../../../actions/bundles";
import { buildActions, buildScript, type BuiltBundle } from "../../testkit";
import { loadBundle } from "./harness";

let built: BuiltBundle[];
beforeAll(async () => {
  built = await buildActions();
});

describe.each(BUNDLED_ACTIONS)("dist/actions/%s.js", (name) => {
  const bundle = (): BuiltBundle => {
    const found = built.find((b) => b.name === name);
    if (!found) throw new Error(`no bundle for ${name}`);
    return found;
  };

  it("is written where the components read it, with the returned contents", async () => {
    const file = path.resolve(__dirname, "..", "..", "..", "dist", "actions", `${name}.js`);
    expect(bundle().path).toBe(file);
    expect(actionBundlePath(name)).toBe(file);
    expect(await readFile(file, "utf8")).toBe(bundle().contents);
    expect(readActionBundle(name)).toBe(bundle().contents);
  });

  it("opens with a banner naming its source file", () => {
    expect(bundle().contents.split("\n")[0]).toBe(
      `// Auth0 post-login Action built from actions/${name}.ts by tools/build-actions.mjs. Do not edit.`,
    );
  });

  it("is self-contained CommonJS exporting onExecutePostLogin via exports", () => {
    const code = bundle().contents;
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).not.toContain("module.exports");
    expect(code).toMatch(/^exports\.onExecutePostLogin = onExecutePostLogin;$/m);
  });

  it("never contains the misspelled cookie mode", () => {
    expect(bundle().contents).not.toContain("nonpersistent");
  });

  it("is readable (not minified)", () => {
    expect(bundle().contents).toContain("async function onExecutePostLogin(event, api)");
  });

  it("loads in a bare vm context and exports a function", () => {
    expect(typeof loadBundle(name, [])).toBe("function");
  });

  it("is deterministic: one bundle for every stack", async () => {
    const again = await buildActions();
    expect(again.find((b) => b.name === name)?.contents).toBe(bundle().contents);
  });
});

describe("build script", () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "actions-build-"));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it.each([
    [
      "an npm package",
      'import { z } from "zod";\nexport async function onExecutePostLogin() { z.string(); }\n',
      '"zod"',
    ],
    [
      "a Node built-in",
      'import { randomUUID } from "node:crypto";\nexport async function onExecutePostLogin() { randomUUID(); }\n',
      '"node:crypto"',
    ],
  ])("refuses an Action that imports %s", async (_what, source, shown) => {
    await writeFile(path.join(workDir, "bad.ts"), source);
    const { buildActions: build } = await buildScript();
    await expect(build({ names: ["bad"], sourceDir: workDir, outDir: path.join(workDir, "out") })).rejects.toThrow(
      `${shown} is not a relative import; an Action bundle must be self-contained`,
    );
  });
});
