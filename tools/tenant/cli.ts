/**
 * The command line shared by adopt and audit: `--stack <name>`, one switch of their own, `--cwd <dir>`,
 * `--help`; progress on stderr, results on stdout, one-line errors with exit 1.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../../toolchain/pulumi-env";
import type { ToolOptions } from "./open";

export interface ParsedArgs {
  stack: string;
  projectDir: string;
  /** The command's own switch (`--write`, `--json`). */
  flag: boolean;
}

export class HelpRequested extends Error {}

export function parseArgs(argv: readonly string[], flagName: string, usage: string): ParsedArgs {
  let stack: string | undefined;
  let projectDir = REPO_ROOT;
  let flag = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v || v.startsWith("-")) throw new Error(`${name} needs a value\n${usage}`);
      return v;
    };
    if (name === "--stack" || name === "-s") stack = value();
    else if (name === "--cwd" || name === "-C") projectDir = path.resolve(value());
    else if (name === flagName && inline === undefined) flag = true;
    else if (name === "--help" || name === "-h") throw new HelpRequested();
    else throw new Error(`unknown argument: ${arg}\n${usage}`);
  }
  if (!stack) throw new Error(`--stack <name> is required\n${usage}`);
  return { stack, projectDir, flag };
}

/** Runs a command: parses, runs, prints; resolves to the exit code. */
export async function runCli(
  command: string,
  argv: readonly string[],
  flagName: string,
  help: string,
  run: (args: ParsedArgs, options: ToolOptions) => Promise<{ code: number; output: string }>,
): Promise<number> {
  const usage = help.split("\n")[0];
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, flagName, usage);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(help);
      return 0;
    }
    process.stderr.write(`${command}: ${(error as Error).message}\n`);
    return 1;
  }
  const options: ToolOptions = {
    stack: args.stack,
    projectDir: args.projectDir,
    env: process.env,
    log: (line) => process.stderr.write(`${command}: ${line}\n`),
  };
  try {
    const result = await run(args, options);
    process.stdout.write(result.output);
    return result.code;
  } catch (error) {
    process.stderr.write(`${command}: ${describe(error)}\n`);
    return 1;
  }
}

/** One line (or the house-style problem list) saying why the command could not run; never a stack trace. */
export function describe(error: unknown): string {
  const e = error as {
    message?: string;
    statusCode?: number;
    body?: { message?: string };
    cause?: { code?: string; message?: string };
  };
  if (typeof e.statusCode === "number") {
    const said = e.body?.message ?? e.message ?? "";
    return `the Management API answered ${e.statusCode}${said ? `: ${said.split("\n")[0]}` : ""}`;
  }
  if (e.cause?.code) return `cannot reach the tenant: ${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ""}`;
  return e.message ?? String(error);
}
