/**
 * `npm run audit`: the live tenant against the stack's declared intent, where Pulumi's refresh does not look.
 * Read-only: GET requests to the tenant, and `pulumi stack history` for the last update.
 */
import { parseStackConfig, type StackConfig } from "../../config";
import { openStack, readStackTenant, type ToolOptions } from "../tenant/open";
import type { TenantSnapshot } from "../tenant/snapshot";
import { auditChecks, type CheckRow, exitCodeOf, type LastUpdate } from "./checks";
import { lastUpdate as readLastUpdate } from "./history";
import { renderJson, renderTable } from "./report";

export interface AuditOptions extends ToolOptions {
  json: boolean;
  /** The stack's last update; read from `pulumi stack history` when not given. */
  lastUpdate?: LastUpdate;
}

export interface AuditResult {
  /** 0 no finding, 2 findings (1, could not check, is thrown as an error). */
  code: number;
  output: string;
  rows: CheckRow[];
  snapshot: TenantSnapshot;
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const opened = await openStack(options);
  if (!opened.file.exists) throw new Error(`no stack file ${opened.file.path}: nothing declared to audit against`);
  // The declared intent, through the one schema; an invalid stack cannot be audited (ConfigError lists why).
  const config: StackConfig = parseStackConfig(opened.raw, {
    projectDir: options.projectDir,
    secretKeys: opened.secretKeys,
  });
  const snapshot = await readStackTenant(opened, options);
  const last =
    options.lastUpdate ??
    (await readLastUpdate(options.stack, { projectDir: options.projectDir, env: options.env, log: options.log }));
  options.log(`checking (${snapshot.calls.management} Management API reads, GET only)`);
  const rows = auditChecks(snapshot, config, last);
  return {
    code: exitCodeOf(rows),
    output: options.json ? renderJson(options.stack, rows) : renderTable(options.stack, rows),
    rows,
    snapshot,
  };
}
