/**
 * The bench's fence (issue #13): bench/ uses the local tenant only through its entry point and the tests only
 * through the test kit, so neither the tenant's internals nor the tests' helpers become the bench's API and can
 * be moved without breaking it. The test kit is held to the same fence, or the bench could reach test internals
 * through it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const LOCAL_TENANT = "packages/local-tenant";
/** The two ways to name the entry point: the package folder (its package.json `main`) or src/index itself. */
const LOCAL_TENANT_ENTRY = new Set([LOCAL_TENANT, `${LOCAL_TENANT}/src/index`]);
/** The workspace's npm name, under which node_modules links the same folder. */
const LOCAL_TENANT_NAME = (
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", LOCAL_TENANT, "package.json"), "utf8")) as {
    name: string;
  }
).name;
const TEST_KIT = "test/testkit";

/**
 * Every module a source file names: `import … from`, `export … from`, `import "…"`, `import("…")` and
 * `require("…")`, found by TypeScript's own scanner, so commented-out code and strings are not taken for imports.
 */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

const within = (target: string, folder: string) => target === folder || target.startsWith(`${folder}/`);

/**
 * Why `specifier`, imported by `fromFile` (a path relative to the repository, with `/`), crosses the fence, or
 * undefined when it does not. Node built-ins and npm packages pass; relative imports are resolved first, so a
 * folder merely named like `test` inside bench/ passes too.
 */
export function fenceViolation(fromFile: string, specifier: string): string | undefined {
  let target: string;
  if (specifier === LOCAL_TENANT_NAME || specifier.startsWith(`${LOCAL_TENANT_NAME}/`)) {
    target = LOCAL_TENANT + specifier.slice(LOCAL_TENANT_NAME.length);
  } else if (path.posix.isAbsolute(specifier)) {
    return "is an absolute path; name it relative to the importing file";
  } else if (specifier.startsWith(".")) {
    target = path.posix.join(path.posix.dirname(fromFile), specifier);
  } else {
    return undefined;
  }
  target = target.replace(/\/$/, "");
  if (target === ".." || target.startsWith("../")) return "resolves outside the repository";
  if (within(target, LOCAL_TENANT) && !LOCAL_TENANT_ENTRY.has(target.replace(/\.[cm]?[jt]s$/, ""))) {
    return `reaches past the local tenant's entry point; import ${LOCAL_TENANT}`;
  }
  if (within(target, "test") && !within(target, TEST_KIT)) {
    return `reaches into test internals; import ${TEST_KIT} (move what is needed there)`;
  }
  return undefined;
}

/** The fence's findings for one file, each line `<file>: <specifier> — <rule>`. */
export function fenceViolations(file: string, source: string): string[] {
  return importSpecifiers(source).flatMap((specifier) => {
    const why = fenceViolation(file, specifier);
    return why === undefined ? [] : [`${file}: ${specifier} — ${why}`];
  });
}
