import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "./config";

export type ActionName = "kmsi" | "risk";

/** Where `npm run build:actions` writes the bundles: the exact code every stack deploys. */
export function actionBundlePath(name: ActionName): string {
  return path.join(PROJECT_DIR, "dist", "actions", `${name}.js`);
}

/** The bundled Action code; a missing bundle is an error that says how to build it, never an empty Action. */
export function readActionBundle(name: ActionName): string {
  const file = actionBundlePath(name);
  if (!fs.existsSync(file)) {
    throw new Error(`The ${name} Action bundle is missing (${file}): run \`npm run build:actions\` first.`);
  }
  return fs.readFileSync(file, "utf8");
}
