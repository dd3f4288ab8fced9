/**
 * Where the deployable Action bundles live, for the Pulumi components.
 *
 * The components run in CommonJS and cannot import tools/build-actions.mjs, so they read the files it wrote.
 * Not part of any bundle: it uses Node APIs that Actions do not get.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const ACTION_NAMES = ["kmsi", "risk"] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

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
