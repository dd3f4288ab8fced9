/**
 * Figure group "management-api": Management API calls that the real Auth0 provider makes for `pulumi up` from
 * empty, a no-op `pulumi up`, and a drift check (`pulumi preview --refresh --expect-no-changes`), counted in a
 * local tenant's request log, against the number of resources the stack manages (calls per resource).
 *
 * Needs the Auth0 provider plugin; without it every row is "blocked". The stand-in deploy of the tests
 * (tools/provider-stand-in/deploy.ts) is deliberately not used: its calls are not the ones users pay for.
 */
import { copyProject } from "../test/testkit";
import type { BenchContext, FigureGroup } from "./context";
import { countCalls, managedResources, startLocalTarget, type ApiCalls } from "./local-stack";
import { reason, summarize, tail, timeCommand } from "./measure";
import { BLOCKED_PROVIDER, type Row } from "./report";

const STACK = "local";

interface Step {
  id: "up" | "noop" | "drift";
  figure: string;
  args: string[];
}

const STEPS: Step[] = [
  {
    id: "up",
    figure: "Management API calls: `pulumi up --stack local` from empty",
    args: ["up", "--stack", STACK, "--yes"],
  },
  {
    id: "noop",
    figure: "Management API calls: no-op `pulumi up --stack local`",
    args: ["up", "--stack", STACK, "--yes"],
  },
  {
    id: "drift",
    figure: "Management API calls: drift check `pulumi preview --refresh --expect-no-changes`",
    args: ["preview", "--stack", STACK, "--refresh", "--expect-no-changes"],
  },
];

interface Sample {
  calls: Record<Step["id"], ApiCalls>;
  resources: number;
}

/** One fresh tenant and project copy: up, up again, drift check; the calls of each. */
export async function sampleOnce(): Promise<Sample> {
  const target = await startLocalTarget();
  const project = copyProject({ [STACK]: target.stackYaml });
  const env = { ...project.env, ...target.providerEnv };
  try {
    const init = await project.pulumi(["stack", "init", STACK]);
    if (init.code !== 0) throw new Error(`pulumi stack init: ${tail(init.stderr)}`);
    const calls = {} as Sample["calls"];
    for (const step of STEPS) {
      target.tenant.requestLog.clear();
      const run = await timeCommand("pulumi", [...step.args, "--non-interactive"], { cwd: project.dir, env });
      if (run.code !== 0)
        throw new Error(`pulumi ${step.args.join(" ")}: exit ${run.code}: ${reason(run.stdout + run.stderr)}`);
      calls[step.id] = countCalls(target.tenant);
    }
    const exported = await timeCommand("pulumi", ["stack", "export", "--stack", STACK, "--non-interactive"], {
      cwd: project.dir,
      env,
    });
    if (exported.code !== 0) throw new Error(`pulumi stack export: ${tail(exported.stderr)}`);
    return { calls, resources: managedResources(exported.stdout) };
  } finally {
    await target.stop();
    project.remove();
  }
}

function blockedRows(): Row[] {
  return STEPS.map((step) => ({
    group: "management-api",
    figure: step.figure,
    unit: "calls",
    status: "blocked" as const,
    note: BLOCKED_PROVIDER,
    floor: { label: "managed resources: not countable without the provider" },
    how: "needs the real provider against the local tenant",
  }));
}

async function run(context: BenchContext): Promise<Row[]> {
  if (!context.providerInstalled) return blockedRows();
  const runs = context.quick ? 1 : 3;
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      context.log(`management-api: sample ${i + 1}/${runs} (fresh local tenant: up, no-op up, drift check)`);
      samples.push(await sampleOnce());
    }
  } catch (error) {
    return STEPS.map((step) => ({
      group: "management-api",
      figure: step.figure,
      unit: "calls",
      status: "failed",
      note: `failed: ${(error as Error).message}`,
      how: "real provider against a fresh local tenant",
    }));
  }
  const resources = summarize(samples.map((s) => s.resources));
  return STEPS.map((step) => {
    const calls = samples.map((s) => s.calls[step.id]);
    const tokens = summarize(calls.map((c) => c.tokens));
    const retried = calls.reduce((sum, c) => sum + c.retried, 0);
    return {
      group: "management-api",
      figure: step.figure,
      unit: "calls",
      status: "measured",
      value: summarize(calls.map((c) => c.management)),
      floor: { label: "managed auth0 resources", value: resources },
      ratio: summarize(samples.map((s) => s.calls[step.id].management / s.resources)),
      how:
        `requests to /api/v2 in the local tenant's request log during the command (real provider, env credentials); ` +
        `${runs} fresh tenant(s), median; plus ${tokens.median} /oauth/token request(s); ${retried} answered 429/5xx; ratio = calls per resource`,
    };
  });
}

export const managementApiGroup: FigureGroup = { name: "management-api", run };
