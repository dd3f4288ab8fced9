/**
 * The product (what `pulumi up` runs and what runs in Auth0) imports nothing else of the repository: no tool, test,
 * stand-in or local tenant code can end up in a deployment. tsconfig.product.json names the product's folders;
 * TypeScript's own module resolution lists every file those folders reach.
 */
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";

const PRODUCT = ["index.ts", "config/", "auth0/", "components/", "actions/", "internals/"];

function filesReachedBy(configFile: string): string[] {
  const read = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile));
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noLib: true, types: [] },
  });
  return program
    .getSourceFiles()
    .map((file) => path.relative(PROJECT_DIR, file.fileName))
    .filter((file) => !file.includes("node_modules") && !file.startsWith(".."));
}

describe("the product's boundary", () => {
  const reached = filesReachedBy(path.join(PROJECT_DIR, "tsconfig.product.json"));

  it("reaches only files of its own folders", () => {
    expect(reached.filter((file) => !PRODUCT.some((root) => file === root || file.startsWith(root)))).toEqual([]);
  });

  it("is the whole product: the program, the components and both Actions", () => {
    expect(reached).toEqual(
      expect.arrayContaining([
        "index.ts",
        "components/index.ts",
        "actions/kmsi.ts",
        "actions/risk.ts",
        "config/schema.ts",
      ]),
    );
  });
});
