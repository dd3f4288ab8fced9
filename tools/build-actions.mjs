// @ts-check
/**
 * Bundles each Auth0 Action (actions/<name>.ts) into one self-contained CommonJS file, dist/actions/<name>.js.
 *
 * These files are exactly the code every stack deploys: one bundle for all stacks, with per-stack parameters
 * arriving at runtime through event.secrets. Run as `npm run build:actions`, or import buildActions().
 */
import * as esbuild from "esbuild";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The Actions we deploy, by source file name under actions/. */
export const ACTION_NAMES = Object.freeze(/** @type {const} */ (["kmsi", "risk"]));
export const DEFAULT_SOURCE_DIR = path.join(ROOT, "actions");
export const DEFAULT_OUT_DIR = path.join(ROOT, "dist", "actions");

/**
 * Rejects every import that is not a relative file (npm packages and Node built-ins alike). The deployed Action
 * declares no dependencies, so anything left for require() at runtime would fail on the first login.
 * @type {esbuild.Plugin}
 */
const selfContained = {
  name: "self-contained",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => ({
      errors: [{ text: `"${args.path}" is not a relative import; an Action bundle must be self-contained` }],
    }));
  },
};

/**
 * @typedef {object} ActionBundle
 * @property {string} name     Action name, e.g. "kmsi".
 * @property {string} source   Absolute path of the TypeScript entry.
 * @property {string} path     Absolute path of the written bundle.
 * @property {string} contents The bundle's code, as deployed.
 */

/**
 * @param {string} name
 * @param {string} sourceDir
 * @returns {Promise<string>}
 */
async function bundle(name, sourceDir) {
  const source = path.join(sourceDir, `${name}.ts`);
  const label = path.relative(ROOT, source).split(path.sep).join("/");
  const result = await esbuild.build({
    // A tiny CommonJS entry so the bundle ends in a plain `exports.onExecutePostLogin = ...`, the shape Auth0
    // documents, rather than esbuild's getter-based module.exports interop.
    stdin: {
      contents: `import { onExecutePostLogin } from ${JSON.stringify(`./${name}.ts`)};\nexports.onExecutePostLogin = onExecutePostLogin;\n`,
      resolveDir: sourceDir,
      sourcefile: `${name}.entry.js`,
      loader: "js",
    },
    bundle: true,
    platform: "node",
    // Auth0 runs Actions on node18 or node22; node18 syntax works on both.
    target: "node18",
    format: "cjs",
    // Unminified so the code shown in the Auth0 dashboard is readable and reviewable.
    minify: false,
    charset: "utf8",
    banner: { js: `// Auth0 post-login Action built from ${label} by tools/build-actions.mjs. Do not edit.` },
    plugins: [selfContained],
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error(`esbuild produced no single output for ${label}`);
  return output.text;
}

/**
 * Builds every Action and writes dist/actions/<name>.js. Writes are atomic (temp file + rename), so concurrent
 * builds, e.g. from parallel test files, never expose a half-written bundle; the output is deterministic.
 * @param {{ names?: readonly string[], sourceDir?: string, outDir?: string }} [options]
 * @returns {Promise<ActionBundle[]>}
 */
export async function buildActions(options = {}) {
  const { names = ACTION_NAMES, sourceDir = DEFAULT_SOURCE_DIR, outDir = DEFAULT_OUT_DIR } = options;
  const contents = await Promise.all(names.map((name) => bundle(name, sourceDir)));
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    names.map(async (name, i) => {
      const file = path.join(outDir, `${name}.js`);
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temp, contents[i]);
      await rename(temp, file);
      return { name, source: path.join(sourceDir, `${name}.ts`), path: file, contents: contents[i] };
    }),
  );
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    for (const built of await buildActions()) {
      console.log(`built ${path.relative(ROOT, built.path)} (${Buffer.byteLength(built.contents)} bytes)`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
