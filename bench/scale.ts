/**
 * Figure group "scale": the drift check (`preview --refresh --expect-no-changes`) of N deployed local stacks
 * (N = 1, 5, 20), run concurrently through the Automation API (@pulumi/pulumi/automation) against the same N run
 * one after another: how the cost grows with N.
 *
 * Each stack has a local tenant of its own (N environments; one tenant cannot hold N stacks' Actions and
 * post-login binding, since the binding owns the whole trigger). All tenants serve from this process.
 * Needs the Auth0 provider plugin; without it every row is "blocked".
 */
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { copyProject, type ProjectCopy } from "../test/testkit";
import { toolchainStatus } from "../toolchain/ready";
import type { BenchContext, FigureGroup } from "./context";
import { startLocalTarget, type LocalTarget } from "./local-stack";
import { paired, reason, summarize, timeAsync } from "./measure";
import { BLOCKED_PROVIDER, type Row } from "./report";

const SIZES = [1, 5, 20] as const;
/** Stacks deployed at once while setting up (setup is not measured). */
const DEPLOY_CONCURRENCY = 4;

const figure = (n: number) => `drift check of ${n} local stack${n === 1 ? "" : "s"}, concurrent (Automation API)`;

/** The `pulumi` that the project's environment runs (.tools/bin when the toolchain built it). */
function pulumiRoot(env: NodeJS.ProcessEnv): string {
  const { pulumi } = toolchainStatus(env);
  if (!pulumi) throw new Error("the Pulumi toolchain is not ready (run bash toolchain/bootstrap.sh)");
  return path.dirname(path.dirname(pulumi)); // PulumiCommand.get({ root }) runs <root>/bin/pulumi
}

/** `fn` on every item, `size` at a time; every call settles before the first failure is thrown. */
async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    const failed = (await Promise.allSettled(items.slice(i, i + size).map(fn))).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

/** Stops the tenants, then removes the project copy; neither failure hides the other's cleanup. */
async function cleanUp(targets: readonly LocalTarget[], project: ProjectCopy | undefined): Promise<void> {
  await Promise.allSettled(targets.map((t) => t.stop()));
  project?.remove();
}

interface Fleet {
  stacks: Stack[];
  dispose(): Promise<void>;
}

/** N tenants, one project copy with N stacks (local-1 … local-N), each deployed with `up`. */
async function deployFleet(n: number, env: NodeJS.ProcessEnv, context: BenchContext): Promise<Fleet> {
  const targets: LocalTarget[] = [];
  let project: ProjectCopy | undefined;
  try {
    for (let i = 0; i < n; i++) targets.push(await startLocalTarget());
    const names = targets.map((_, i) => `local-${i + 1}`);
    project = copyProject(Object.fromEntries(names.map((name, i) => [name, targets[i].stackYaml])));
    const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot(env), skipVersionCheck: true });
    const stacks: Stack[] = [];
    for (const [i, name] of names.entries()) {
      const envVars = { ...(project.env as Record<string, string>), ...targets[i].providerEnv };
      stacks.push(
        await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: project.dir }, { envVars, pulumiCommand }),
      );
    }
    context.log(`scale: deploying ${n} stack(s), ${DEPLOY_CONCURRENCY} at a time`);
    await inBatches(stacks, DEPLOY_CONCURRENCY, async (stack) => void (await stack.up()));
    const copy = project;
    return { stacks, dispose: () => cleanUp(targets, copy) };
  } catch (error) {
    await cleanUp(targets, project);
    throw error;
  }
}

const driftCheck = (stack: Stack) => stack.preview({ refresh: true, expectNoChanges: true });

async function measure(n: number, runs: number, context: BenchContext): Promise<Row> {
  const fleet = await deployFleet(n, context.env, context);
  try {
    context.log(`scale: N=${n}, ${runs} pairs (concurrent vs one after another)`);
    const concurrent = () =>
      timeAsync(() => inBatches(fleet.stacks, n, async (stack) => void (await driftCheck(stack)))).then(
        (ms) => ms / 1000,
      );
    const sequential = () =>
      timeAsync(async () => {
        for (const stack of fleet.stacks) await driftCheck(stack);
      }).then((ms) => ms / 1000);
    const result = await paired(concurrent, sequential, runs);
    const value = summarize(result.a);
    return {
      group: "scale",
      figure: figure(n),
      unit: "s",
      status: "measured",
      value,
      floor: { label: `the ${n} one after another`, value: summarize(result.b), unit: "s" },
      ratio: summarize(result.ratios),
      how:
        `Stack.preview({ refresh: true, expectNoChanges: true }) per stack, each against its own local tenant (all tenants in the bench process); ` +
        `wall clock of the whole batch; ${runs} pairs after 1 warm-up pair, alternating; ratio pair by pair; ${(value.median / n).toFixed(2)} s per stack concurrent`,
    };
  } finally {
    await fleet.dispose();
  }
}

async function run(context: BenchContext): Promise<Row[]> {
  if (!context.providerInstalled) {
    return SIZES.map((n) => ({
      group: "scale",
      figure: figure(n),
      unit: "s",
      status: "blocked" as const,
      note: BLOCKED_PROVIDER,
      floor: { label: `the ${n} one after another` },
      how: "needs N deployed stacks",
    }));
  }
  const runs = context.quick ? 1 : 3;
  const rows: Row[] = [];
  for (const n of context.quick ? SIZES.slice(0, 2) : SIZES) {
    try {
      rows.push(await measure(n, runs, context));
    } catch (error) {
      rows.push({
        group: "scale",
        figure: figure(n),
        unit: "s",
        status: "failed",
        note: `failed: ${reason((error as Error).message)}`,
        how: "Automation API against local tenants",
      });
    }
  }
  // Growth with N: each size's concurrent median against N = 1's.
  const single = rows[0]?.value?.median;
  if (single)
    for (const row of rows.slice(1))
      if (row.value) row.how += `; ${(row.value.median / single).toFixed(1)}× the time of N = 1`;
  return rows;
}

export const scaleGroup: FigureGroup = { name: "scale", run };
