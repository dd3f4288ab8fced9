/**
 * Figure group "preview": `pulumi preview` of the dev and prod stacks through the real engine, against the
 * floor of an empty program (index.ts declares nothing) previewed by the same engine, on throwaway copies of
 * the project (test/testkit/pulumi-cli.ts), in pairs, in the same run.
 *
 * Without the Auth0 provider plugin a preview of our program cannot complete: the row says "blocked", and a
 * separate, labelled row gives what the engine does get to do: run our program up to provider registration
 * (config validation, the tenant read, component registration), where it exits 1 at the missing plugin. The
 * engine cannot answer the tenant read without the plugin either, so the probe answers it in the program's
 * process as the data source reads a fresh tenant (answeredReads below); with the plugin, the real read runs.
 *
 * Two last rows give the program's own start-up cost over both stacks' pairs (the same runs as the rows above),
 * against the goal of issue 13: the whole preview's wall clock, our program's minus the empty program's, pair by
 * pair; and, steadier on a shared machine, the CPU time of the program's own work in its Node.js process
 * (bench/startup-probe.cjs, added to the copies' nodeargs), our program's minus the empty program's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { PROJECT_DIR } from "../config";
import { staticInvoke } from "../tools/provider-stand-in";
import { copyProject, type ProjectCopy } from "../test/testkit";
import type { BenchContext, FigureGroup } from "./context";
import { paired, pairRatios, summarize, tail, timeCommand } from "./measure";
import { BLOCKED_PROVIDER, type Row } from "./report";

const STACKS = ["dev", "prod"] as const;
const COMPONENTS = [
  "auth0-sessions:index:CustomDomain",
  "auth0-sessions:index:SessionActions",
  "auth0-sessions:index:TenantSessions",
  "auth0-sessions:index:UniversalLogin",
];
const MISSING_PLUGIN = "no resource plugin 'pulumi-resource-auth0' found";
const GET_TENANT = "auth0:index/getTenant:getTenant";
const EMPTY_PROGRAM = "// The bench's floor: a Pulumi program that declares nothing.\nexport {};\n";
/** Issue 13: the program's own cost at most this much over the empty program's (seconds). */
const STARTUP_GOAL_S = 0.25;
const STARTUP_PROBE = path.join(__dirname, "startup-probe.cjs");

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

/** One side of the pairs: each run returns its wall-clock seconds and appends the probe's CPU seconds to `cpu`. */
interface Previewer {
  run: () => Promise<number>;
  /** CPU seconds of the program's own work (bench/startup-probe.cjs), one per run, warm-up included. */
  cpu: number[];
}

/**
 * Without the provider plugin the engine cannot answer the program's reads of the tenant, so the probe answers
 * them in the program's process, as the data source reads a fresh tenant (the provider stand-in's answer, the one
 * the tests use); the program then declares its components and the engine stops it at the first Auth0 resource.
 * Returns the env that tells the probe, or nothing when the plugin is installed and the real reads run.
 */
function answeredReads(project: ProjectCopy, providerInstalled: boolean): NodeJS.ProcessEnv {
  if (providerInstalled) return {};
  const file = path.join(project.dir, ".startup-invokes.json");
  const answer = staticInvoke();
  fs.writeFileSync(file, JSON.stringify({ [GET_TENANT]: answer(GET_TENANT, {}) }));
  return { AUTH0_SESSIONS_STARTUP_INVOKES: file };
}

function previewer(project: ProjectCopy, stack: string, check: Check, extraEnv: NodeJS.ProcessEnv = {}): Previewer {
  const probe = path.join(project.dir, ".startup-probe.json");
  const cpu: number[] = [];
  const run = async () => {
    fs.rmSync(probe, { force: true });
    const env = { ...project.env, ...extraEnv, AUTH0_SESSIONS_STARTUP_PROBE: probe };
    const run = await timeCommand("pulumi", ["preview", "--stack", stack, "--json", "--non-interactive"], {
      cwd: project.dir,
      env,
    });
    const json = parse(run.stdout);
    const problem = check(run.code, json, `${(json.diagnostics ?? []).map((d) => d.message).join(" ")} ${run.stderr}`);
    if (problem) throw new Error(problem);
    if (!fs.existsSync(probe))
      throw new Error("bench/startup-probe.cjs wrote nothing: the program's entry module did not return");
    // The probe's file, read after the run: what it wrote when the program's own work ended.
    cpu.push((JSON.parse(fs.readFileSync(probe, "utf8")) as { cpuMs: number }).cpuMs / 1000);
    return run.ms / 1000;
  };
  return { run, cpu };
}

/** Puts the probe first in the copy's nodeargs (the project's own options stay as they are, after it). */
function addStartupProbe(project: ProjectCopy): void {
  const file = path.join(project.dir, "Pulumi.yaml");
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const nodeargs = doc.getIn(["runtime", "options", "nodeargs"]);
  doc.setIn(
    ["runtime", "options", "nodeargs"],
    [`--require ${STARTUP_PROBE}`, ...(typeof nodeargs === "string" ? [nodeargs] : [])].join(" "),
  );
  fs.writeFileSync(file, doc.toString());
}

async function initStacks(project: ProjectCopy): Promise<void> {
  for (const stack of STACKS) {
    const init = await project.pulumi(["stack", "init", stack]);
    if (init.code !== 0) throw new Error(`pulumi stack init ${stack}: ${tail(init.stderr)}`);
  }
}

async function run(context: BenchContext): Promise<Row[]> {
  const runs = context.quick ? 2 : 5;
  const stackFiles = Object.fromEntries(
    STACKS.map((s) => [s, fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${s}.yaml`), "utf8")]),
  );
  const program = copyProject(stackFiles);
  const empty = copyProject(stackFiles);
  fs.writeFileSync(path.join(empty.dir, "index.ts"), EMPTY_PROGRAM);
  addStartupProbe(program);
  addStartupProbe(empty);
  const rows: Row[] = [];
  const pooled: Pooled = { stacks: [], wall: emptyPool(), cpu: emptyPool() };
  try {
    await initStacks(program);
    await initStacks(empty);
    for (const stack of STACKS) {
      const floorLabel = "empty program, `pulumi preview`";
      const how = `\`pulumi preview --stack ${stack} --json\`, whole process, wall clock; ${runs} pairs with the empty program (same stack config, engine and env) after 1 warm-up pair, alternating which goes first; ratio pair by pair`;
      const floorRun = previewer(empty, stack, completes);
      const target = previewer(
        program,
        stack,
        context.providerInstalled ? completes : stopsAtPlugin,
        answeredReads(program, context.providerInstalled),
      );
      context.log(`preview ${stack}: ${runs} pairs`);
      try {
        const result = await paired(target.run, floorRun.run, runs);
        const warmup = target.cpu.length - runs;
        pooled.stacks.push(stack);
        addPairs(pooled.wall, result.a, result.b);
        addPairs(pooled.cpu, target.cpu.slice(warmup), floorRun.cpu.slice(warmup));
        const floor = { label: floorLabel, value: summarize(result.b), unit: "s" };
        if (context.providerInstalled) {
          rows.push({
            group: "preview",
            figure: `\`pulumi preview\` of ${stack}`,
            unit: "s",
            status: "measured",
            value: summarize(result.a),
            floor,
            ratio: summarize(result.ratios),
            how,
          });
        } else {
          rows.push({
            group: "preview",
            figure: `\`pulumi preview\` of ${stack}`,
            unit: "s",
            status: "blocked",
            note: BLOCKED_PROVIDER,
            floor,
            how: "cannot complete without the provider",
          });
          rows.push({
            group: "preview",
            figure: `NOT a preview: real engine runs our program for ${stack} up to provider registration (config validation, the tenant read answered in-process as a fresh tenant, component registration), exits 1 at the missing plugin`,
            unit: "s",
            status: "measured",
            value: summarize(result.a),
            floor,
            ratio: summarize(result.ratios),
            how: `${how}; each run checked: exit 1, the 4 components registered, the only error the missing plugin`,
          });
        }
      } catch (error) {
        rows.push({
          group: "preview",
          figure: `\`pulumi preview\` of ${stack}`,
          unit: "s",
          status: "failed",
          note: `failed: ${(error as Error).message}`,
          how,
        });
      }
    }
    if (pooled.stacks.length > 0) rows.push(...startupRows(pooled, runs, context.providerInstalled));
  } finally {
    program.remove();
    empty.remove();
  }
  return rows;
}

/** Pairs of one measure, our program's against the empty program's. */
interface Pool {
  /** Ours minus the empty program's, pair by pair. */
  differences: number[];
  floors: number[];
  ratios: number[];
}

/** Every measured pair of the stacks, for the start-up rows. */
interface Pooled {
  stacks: string[];
  /** The whole preview, wall clock, seconds. */
  wall: Pool;
  /** The program's own work in its process, CPU seconds (bench/startup-probe.cjs). */
  cpu: Pool;
}

const emptyPool = (): Pool => ({ differences: [], floors: [], ratios: [] });

function addPairs(pool: Pool, ours: readonly number[], empty: readonly number[]): void {
  pool.differences.push(...ours.map((value, i) => value - empty[i]));
  pool.floors.push(...empty);
  pool.ratios.push(...pairRatios(ours, empty));
}

/** The program's own cost over the empty program's, the stacks pooled: wall clock, then CPU. */
function startupRows(pooled: Pooled, runs: number, providerInstalled: boolean): Row[] {
  const pairs = `in the ${runs} pairs of each of ${pooled.stacks.join(" and ")} above`;
  const extent = providerInstalled
    ? "a whole preview, so it includes the Auth0 provider's start and checks"
    : "up to provider registration: module loading, config validation, the tenant read (answered in the program's process, bench/startup-probe.cjs), component registration";
  const row = (figure: string, pool: Pool, floorLabel: string, how: string, withRatio: boolean): Row => {
    const value = summarize(pool.differences);
    return {
      group: "preview",
      figure,
      unit: "s",
      status: "measured",
      value,
      note: `goal ≤ ${STARTUP_GOAL_S} s: ${value.median <= STARTUP_GOAL_S ? "met" : "NOT met"}`,
      floor: { label: floorLabel, value: summarize(pool.floors), unit: "s" },
      ...(withRatio ? { ratio: summarize(pool.ratios) } : {}),
      how,
    };
  };
  return [
    row(
      "program start-up over empty program",
      pooled.wall,
      "empty program, `pulumi preview`",
      `our program's \`pulumi preview\` minus the empty program's, wall clock, pair by pair, ${pairs} (${extent}); ratio pair by pair`,
      true,
    ),
    row(
      "program start-up over empty program, CPU of the program's own work",
      pooled.cpu,
      "the empty program's top level, CPU",
      `CPU time (user + system) of the program's own work in its Node.js process (bench/startup-probe.cjs): cmd/run's require of the entry module (modules loaded and compiled, config validated) plus the exported async function until it settles (the tenant read${providerInstalled ? "" : ", answered in the process,"} and components and resources declared); our program's minus the empty program's, pair by pair, ${pairs}; leaves out the Node.js, TypeScript and ts-node start every program shares, so it is steadier than wall clock on a shared machine; no ratio (the empty program's top level is next to nothing)`,
      false,
    ),
  ];
}

export const previewGroup: FigureGroup = { name: "preview", run };
