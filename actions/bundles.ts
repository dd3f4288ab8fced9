/**
 * Where the deployable Action bundles live, for the Pulumi components.
 *
 * The components run in CommonJS and cannot import tools/build-actions.mjs, so they read the files it wrote.
 * Not part of any bundle: it uses Node APIs that Actions do not get.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ACTION_NAMES, type ActionName } from "../auth0/names";

export type { ActionName };
/** The Actions that are bundled: one per name in auth0/names.ts (tools/build-actions.mjs keeps the same list). */
export const BUNDLED_ACTIONS = Object.keys(ACTION_NAMES) as ActionName[];

/** Absolute path of dist/actions/<name>.js, as written by `npm run build:actions`. */
export function actionBundlePath(name: ActionName): string {
  return path.resolve(__dirname, "..", "dist", "actions", `${name}.js`);
}

/** The bundle's code, exactly as every stack deploys it. Throws a pointer to the build step if it is missing. */
export function readActionBundle(name: ActionName): string {
  const file = actionBundlePath(name);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`Action bundle ${file} is unreadable; run \`npm run build:actions\` first`, { cause: error });
  }
}
