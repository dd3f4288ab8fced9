/**
 * `npm run bench`: measures this project's costs, each against a floor measured the same way in the same run,
 * prints one markdown table (stdout; progress on stderr) and writes the rows as JSON (bench/results.json).
 *
 *   npm run bench                      every group, full number of runs (tens of minutes: the full test suite)
 *   npm run bench -- --quick           fewer runs, full suite skipped: a smoke check of the bench
 *   npm run bench -- --only actions    one group (or a comma list): preview, management-api, actions, tests, scale, tools
 *
 * Groups needing the Auth0 provider plugin print "blocked" where it is not installed. Groups run one after
 * another, never overlapping, so one's processes do not slow another's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiEnv, REPO_ROOT } from "../toolchain/pulumi-env";
import { auth0ProviderInstalled } from "../toolchain/ready";
import { buildActions } from "../test/testkit";
import { actionsGroup } from "./actions";
import type { BenchContext, FigureGroup } from "./context";
import { describeMachine } from "./machine";
import { managementApiGroup } from "./management-api";
import { parseOptions } from "./options";
import { previewGroup } from "./preview";
import { renderMarkdown, toJson, type Row } from "./report";
import { scaleGroup } from "./scale";
import { testSuitesGroup } from "./test-suites";
import { toolsGroup } from "./tools";

const GROUPS: FigureGroup[] = [previewGroup, managementApiGroup, actionsGroup, testSuitesGroup, scaleGroup, toolsGroup];

async function main(): Promise<void> {
  const options = parseOptions(
    process.argv.slice(2),
    GROUPS.map((g) => g.name),
  );
  const log = (message: string) =>
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const env = pulumiEnv();
  const providerInstalled = auth0ProviderInstalled(env);
  const machine = describeMachine(env, providerInstalled);
  const context: BenchContext = { quick: options.quick, env, providerInstalled, log };

  log("building the Action bundles (tools/build-actions.mjs)");
  await buildActions();

  const rows: Row[] = [];
  for (const group of GROUPS) {
    if (options.only.length > 0 && !options.only.includes(group.name)) continue;
    log(`group ${group.name}`);
    try {
      rows.push(...(await group.run(context)));
    } catch (error) {
      rows.push({
        group: group.name,
        figure: `group ${group.name}`,
        unit: "—",
        status: "failed",
        note: `failed: ${(error as Error).message}`,
        how: "—",
      });
    }
  }

  const out = path.resolve(REPO_ROOT, options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, toJson(machine, rows, options));
  process.stdout.write(renderMarkdown(machine, rows, options));
  log(`wrote ${path.relative(REPO_ROOT, out)}`);
}

main().then(
  // Exit even if a group left a handle open: the figures are written, nothing is pending.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
