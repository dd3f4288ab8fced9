/**
 * Drift check: does the Auth0 tenant still match what the program declares?
 *
 *   npm run drift -- --stack dev            one stack (repeat --stack for several)
 *   npm run drift -- --all                  every stack of this project in the backend
 *   npm run drift -- --stack prod --json    machine-readable report on stdout
 *
 * Runs `pulumi preview --refresh --diff` through the Automation API (tools/drift/check.ts) with the
 * defaults of toolchain/pulumi-env.sh, and never changes the stack's state or the tenant. Prints every drifted
 * field (stack, resource, field, declared and actual value, origin) with secrets as [secret]; in GitHub
 * Actions it also writes the report to the job summary ($GITHUB_STEP_SUMMARY).
 *
 * Exit status: 0 no drift, 2 drift, 1 the check failed (one line on stderr saying why: invalid stack config,
 * missing provider plugin, unknown stack, bad or missing Auth0 credentials, unreachable tenant, ...). With
 * several stacks: 1 if any check failed (the drift found is then incomplete), else 2 if any drifted.
 * For JSON on stdout without npm's banner: `npm run --silent drift -- --stack dev --json`.
 */
import * as fs from "node:fs";
import { checkStack, describeError, listStacks, type CheckOptions } from "./check";
import { exitCodeOf, renderJson, renderMarkdown, renderTable, type StackResult } from "./report";
import { bootstrapToolchain, toolchainStatus } from "../../toolchain/ready";
import { pulumiEnv, REPO_ROOT } from "../../toolchain/pulumi-env";

const USAGE = "usage: npm run drift -- (--stack <name> [--stack <name> ...] | --all) [--json] [--verbose]";

export interface DriftArgs {
  stacks: string[];
  all: boolean;
  json: boolean;
  verbose: boolean;
}

/** Parses the command line; throws a one-line message on a mistake. */
export function parseArgs(argv: readonly string[]): DriftArgs {
  const args: DriftArgs = { stacks: [], all: false, json: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    switch (flag) {
      case "--stack":
      case "-s": {
        const value = inline ?? argv[++i];
        if (!value || value.startsWith("-")) throw new Error(`--stack needs a stack name\n${USAGE}`);
        args.stacks.push(value);
        break;
      }
      case "--all":
        args.all = true;
        break;
      case "--json":
        args.json = true;
        break;
      case "--verbose":
      case "-v":
        args.verbose = true;
        break;
      case "--help":
      case "-h":
        throw new HelpRequested();
      default:
        throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    }
  }
  if (args.all === args.stacks.length > 0) throw new Error(`give either --stack <name> or --all\n${USAGE}`);
  return args;
}

class HelpRequested extends Error {}

/** The CLI's environment; sets up the project's Pulumi toolchain first when it is not ready (as toolchain/pulumi.sh). */
function cliEnv(): NodeJS.ProcessEnv {
  let env = pulumiEnv(process.env);
  if (!toolchainStatus(env).pulumi) {
    // Its output goes to stderr: stdout is the report (JSON with --json).
    bootstrapToolchain(env);
    env = pulumiEnv(process.env);
  }
  return env;
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: DriftArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${USAGE}\nExit status: 0 no drift, 2 drift, 1 the check failed.\n`);
      return 0;
    }
    process.stderr.write(`drift: ${(error as Error).message}\n`);
    return 1;
  }

  const env = cliEnv();
  // The Automation API starts `pulumi` with process.env (plus its own variables): give it ours.
  Object.assign(process.env, env);
  const options: CheckOptions = {
    workDir: REPO_ROOT,
    env,
    onOutput: args.verbose ? (text) => process.stderr.write(text) : undefined,
  };

  let stacks = args.stacks;
  if (args.all) {
    try {
      stacks = await listStacks(options);
    } catch (error) {
      process.stderr.write(`drift: cannot list the stacks: ${describeError(error, [], options)}\n`);
      return 1;
    }
    if (stacks.length === 0) {
      process.stderr.write(`drift: no stacks of this project in ${env.PULUMI_BACKEND_URL ?? "the backend"}\n`);
      return 1;
    }
  }

  const results: StackResult[] = [];
  for (const stack of stacks) {
    process.stderr.write(`drift: checking ${stack} (pulumi preview --refresh, read-only)…\n`);
    const result = await checkStack(stack, options);
    if (result.error !== undefined) process.stderr.write(`drift: ${stack}: ${result.error}\n`);
    results.push(result);
  }

  process.stdout.write(args.json ? renderJson(results) : renderTable(results));
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) fs.appendFileSync(summary, renderMarkdown(results));
  return exitCodeOf(results);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? text
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`drift: ${firstLine(error)}\n`);
      process.exitCode = 1;
    },
  );
}
