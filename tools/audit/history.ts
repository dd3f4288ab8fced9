/**
 * When the stack was last updated, from `pulumi stack history --json` (the newest `update`; a refresh or a
 * preview writes no secrets). Fields: pulumi/pkg at PULUMI_VERSION (toolchain/versions.env) cmd/pulumi/stack/stack_history.go:142-154 (`kind`,
 * `endTime` as RFC 5424 with milliseconds, cmd/pulumi/cmd/time.go:25), newest first.
 */
import { pulumiJson, type CliOptions } from "../tenant/stack";
import type { LastUpdate } from "./checks";

const PAGE_SIZE = 100;

export async function lastUpdate(stack: string, options: CliOptions): Promise<LastUpdate> {
  let history: unknown;
  try {
    options.log?.(`reading the history of stack ${stack} (pulumi stack history --json)`);
    history = await pulumiJson(
      ["stack", "history", "--json", "--stack", stack, "--page-size", String(PAGE_SIZE), "--page", "1"],
      options,
    );
  } catch (error) {
    return { unknown: `could not check: no stack history (${(error as Error).message})` };
  }
  return lastUpdateOf(history);
}

export function lastUpdateOf(history: unknown): LastUpdate {
  const updates = Array.isArray(history) ? (history as { kind?: string; endTime?: string }[]) : [];
  const update = updates.find((u) => u.kind === "update" && typeof u.endTime === "string");
  if (!update) return { unknown: `could not check: no pulumi up in the stack's last ${PAGE_SIZE} history entries` };
  const endTime = new Date(update.endTime!);
  if (Number.isNaN(endTime.getTime()))
    return { unknown: `could not check: unreadable endTime ${JSON.stringify(update.endTime)}` };
  return { endTime };
}
