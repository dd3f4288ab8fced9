/**
 * Figure group "preview": `pulumi preview` of the dev and prod stacks through the real engine, against the
 * floor of an empty program (index.ts declares nothing) previewed by the same engine, on throwaway copies of
 * the project (test/testkit/pulumiCli.ts), in pairs, in the same run.
 *
 * Without the Auth0 provider plugin a preview of our program cannot complete: the row says "blocked", and a
 * separate, labelled row gives what the engine does get to do: run our program up to provider registration
 * (config validation and component registration), where it exits 1 at the missing plugin.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../config";
import { copyProject, type ProjectCopy } from "../test/testkit";
import type { BenchContext, FigureGroup } from "./context";
import { paired, summarize, tail, timeCommand } from "./measure";
import { BLOCKED_PROVIDER, type Row } from "./report";

const STACKS = ["dev", "prod"] as const;
const COMPONENTS = [
  "auth0-sessions:index:CustomDomain",
  "auth0-sessions:index:SessionActions",
  "auth0-sessions:index:TenantSessions",
  "auth0-sessions:index:UniversalLogin",
];
const MISSING_PLUGIN = "no resource plugin 'pulumi-resource-auth0' found";
const EMPTY_PROGRAM = "// The bench's floor: a Pulumi program that declares nothing.\nexport {};\n";

interface PreviewJson {
  steps?: { urn: string }[];
  diagnostics?: { message: string; severity: string }[];
}

const typeOf = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? urn;

function parse(stdout: string): PreviewJson {
  try {
    return JSON.parse(stdout) as PreviewJson;
  } catch {
    return {};
  }
}

/** Why a run does not show what the figure claims to measure, or undefined when it does. */
type Check = (code: number, json: PreviewJson, output: string) => string | undefined;

const completes: Check = (code, _json, output) => (code === 0 ? undefined : `exit ${code}: ${tail(output)}`);

/** Exit 1 at the missing plugin, after our four components were registered and nothing else failed. */
const stopsAtPlugin: Check = (code, json, output) => {
  if (code !== 1) return `expected exit 1 at the missing plugin, got ${code}: ${tail(output)}`;
  const types = (json.steps ?? []).map((s) => typeOf(s.urn));
  const missing = COMPONENTS.filter((t) => !types.includes(t));
  if (missing.length > 0) return `components not registered: ${missing.join(", ")}`;
  const errors = (json.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message);
  if (errors.length !== 1 || !errors[0].includes(MISSING_PLUGIN)) return `unexpected errors: ${tail(errors.join(" "))}`;
  return undefined;
};

function previewer(project: ProjectCopy, stack: string, check: Check): () => Promise<number> {
  return async () => {
    const run = await timeCommand("pulumi", ["preview", "--stack", stack, "--json", "--non-interactive"], { cwd: project.dir, env: project.env });
    const json = parse(run.stdout);
    const problem = check(run.code, json, `${(json.diagnostics ?? []).map((d) => d.message).join(" ")} ${run.stderr}`);
    if (problem) throw new Error(problem);
    return run.ms / 1000;
  };
}

async function initStacks(project: ProjectCopy): Promise<void> {
  for (const stack of STACKS) {
    const init = await project.pulumi(["stack", "init", stack]);
    if (init.code !== 0) throw new Error(`pulumi stack init ${stack}: ${tail(init.stderr)}`);
  }
}

async function run(context: BenchContext): Promise<Row[]> {
  const runs = context.quick ? 2 : 5;
  const stackFiles = Object.fromEntries(STACKS.map((s) => [s, fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${s}.yaml`), "utf8")]));
  const program = copyProject(stackFiles);
  const empty = copyProject(stackFiles);
  fs.writeFileSync(path.join(empty.dir, "index.ts"), EMPTY_PROGRAM);
  const rows: Row[] = [];
  try {
    await initStacks(program);
    await initStacks(empty);
    for (const stack of STACKS) {
      const floorLabel = "empty program, `pulumi preview`";
      const how = `\`pulumi preview --stack ${stack} --json\`, whole process, wall clock; ${runs} pairs with the empty program (same stack config, engine and env) after 1 warm-up pair, alternating which goes first; ratio pair by pair`;
      const floorRun = previewer(empty, stack, completes);
      const target = previewer(program, stack, context.providerInstalled ? completes : stopsAtPlugin);
      context.log(`preview ${stack}: ${runs} pairs`);
      try {
        const result = await paired(target, floorRun, runs);
        const floor = { label: floorLabel, value: summarize(result.b), unit: "s" };
        if (context.providerInstalled) {
          rows.push({ group: "preview", figure: `\`pulumi preview\` of ${stack}`, unit: "s", status: "measured", value: summarize(result.a), floor, ratio: summarize(result.ratios), how });
        } else {
          rows.push({ group: "preview", figure: `\`pulumi preview\` of ${stack}`, unit: "s", status: "blocked", note: BLOCKED_PROVIDER, floor, how: "cannot complete without the provider" });
          rows.push({
            group: "preview",
            figure: `NOT a preview: real engine runs our program for ${stack} up to provider registration (config validation + component registration), exits 1 at the missing plugin`,
            unit: "s",
            status: "measured",
            value: summarize(result.a),
            floor,
            ratio: summarize(result.ratios),
            how: `${how}; each run checked: exit 1, the 4 components registered, the only error the missing plugin`,
          });
        }
      } catch (error) {
        rows.push({ group: "preview", figure: `\`pulumi preview\` of ${stack}`, unit: "s", status: "failed", note: `failed: ${(error as Error).message}`, how });
      }
    }
  } finally {
    program.remove();
    empty.remove();
  }
  return rows;
}

export const previewGroup: FigureGroup = { name: "preview", run };
