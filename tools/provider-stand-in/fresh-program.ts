/**
 * Loads the Pulumi program (index.ts) anew for each run, without a test runner's module registry: every module
 * of this repository (node_modules excepted) is dropped from Node's require cache first, so the program and
 * the components it imports are evaluated again against the config and mocks of this run. The packages in
 * node_modules stay loaded: @pulumi/pulumi in particular must be the one instance on which the runner set its
 * mocks. Works the same under tsx (`npm start`) and under vitest (which loads node_modules natively).
 */
import { createRequire } from "node:module";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(ROOT, "index.ts");
const nodeRequire = createRequire(__filename);
// tsx's CommonJS API (tsx 4: `register()` puts its require hooks in place and returns their removal). Required
// rather than imported: it is reachable only through the package's "exports" map, which the project's
// moduleResolution ("node") does not read.
const tsx = nodeRequire("tsx/cjs/api") as { register(): () => void };

/** The program's module.exports: its outputs, or (an async program) the function that returns them. */
export function requireProgramFresh(): Record<string, unknown> | (() => Promise<unknown>) {
  for (const file of Object.keys(nodeRequire.cache)) {
    if (file.startsWith(ROOT + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`))
      delete nodeRequire.cache[file];
  }
  // Under tsx, TypeScript files already load through Node's require; elsewhere (vitest) tsx's hooks are put in
  // place for this one load.
  const unregister = nodeRequire.extensions[".ts"] ? undefined : tsx.register();
  try {
    return nodeRequire(PROGRAM) as Record<string, unknown> | (() => Promise<unknown>);
  } finally {
    unregister?.();
  }
}
