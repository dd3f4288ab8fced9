/**
 * The drift check of one stack through the Pulumi Automation API: `pulumi preview --refresh --diff`.
 *
 * Read-only by construction: a preview never writes the stack's state (a refresh inside a preview is not
 * persisted) and never calls the provider's create/update/delete, so neither the backend nor the tenant changes.
 * The stack is never `pulumi stack select`ed either (that would change the developer's current stack): every
 * command the Automation API runs names the stack with `--stack`.
 */
import { LocalWorkspace, Stack, type EngineEvent } from "@pulumi/pulumi/automation";
import { classifyFailure } from "./failure";
import { driftRecords } from "./records";
import type { StackResult } from "./report";

export interface CheckOptions {
  /** The Pulumi project directory (Pulumi.yaml). */
  workDir: string;
  /** The environment of the Pulumi CLI (toolchain/pulumi-env.sh defaults applied). */
  env: NodeJS.ProcessEnv;
  /** Receives the CLI's output as it runs (`--verbose`). */
  onOutput?: (text: string) => void;
}

async function workspace(options: CheckOptions): Promise<LocalWorkspace> {
  const envVars = Object.fromEntries(
    Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const ws = await LocalWorkspace.create({ workDir: options.workDir, envVars });
  // `Stack.select` would run `pulumi stack select`, which changes the stack the developer has selected. The
  // preview names the stack itself, and reports a missing stack as "no stack named ... found".
  ws.selectStack = () => Promise.resolve();
  return ws;
}

/** Runs the check of one stack; never throws: a failure is the result's `error`. */
export async function checkStack(stack: string, options: CheckOptions): Promise<StackResult> {
  const events: EngineEvent[] = [];
  try {
    const ws = await workspace(options);
    const target = await Stack.select(stack, ws);
    await target.preview({
      refresh: true,
      diff: true,
      color: "never",
      onEvent: (event) => events.push(event),
      onOutput: options.onOutput,
      onError: options.onOutput,
    });
    return { stack, records: driftRecords(stack, events) };
  } catch (error) {
    return { stack, records: driftRecords(stack, events), error: describeError(error, events, options) };
  }
}

/** The stacks of this project in the backend (`--all`). */
export async function listStacks(options: CheckOptions): Promise<string[]> {
  const ws = await workspace(options);
  return (await ws.listStacks()).map((summary) => summary.name);
}

export function describeError(
  error: unknown,
  events: readonly EngineEvent[],
  options: Pick<CheckOptions, "env">,
): string {
  const diagnostics = events
    .map((event) => event.diagnosticEvent)
    .filter((d) => d !== undefined && d.severity === "error")
    .map((d) => `${d!.message}`);
  const result = (error as { commandResult?: { stderr?: string } }).commandResult;
  const own = error instanceof Error ? error.message : String(error);
  // Only the error diagnostics and stderr: the CLI's stdout repeats resource values we do not want to match on.
  const texts = [...diagnostics, result?.stderr ?? "", result ? "" : own];
  return classifyFailure(texts, { backendUrl: options.env.PULUMI_BACKEND_URL }).message;
}
