/**
 * The Action bundles built now, through the build script itself (tools/build-actions.mjs), so a test or the
 * bench never runs against a stale dist/.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_DIR } from "../../config";

export interface BuiltBundle {
  name: string;
  source: string;
  path: string;
  contents: string;
}

export interface BuildScript {
  buildActions: (options?: {
    names?: readonly string[];
    sourceDir?: string;
    outDir?: string;
  }) => Promise<BuiltBundle[]>;
}

/** The build script's API. Imported by URL because it is an .mjs file TypeScript has no declarations for. */
export async function buildScript(): Promise<BuildScript> {
  const url = pathToFileURL(path.join(PROJECT_DIR, "tools", "build-actions.mjs")).href;
  return (await import(url)) as BuildScript;
}

/** Builds every bundle into dist/actions/ now. */
export async function buildActions(): Promise<BuiltBundle[]> {
  return (await buildScript()).buildActions();
}
