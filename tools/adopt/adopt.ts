/**
 * `npm run adopt`: read a tenant that was set up by hand and produce the stack config, the page template and the
 * `pulumi import` file that take it over. Read-only towards the tenant; writes files only with `--write` and
 * only when there is no conflict and the config passes the schema.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, parseStackConfig, type StackConfig } from "../../config";
import { openStack, readStackTenant, type ToolOptions } from "../tenant/open";
import type { TenantSnapshot } from "../tenant/snapshot";
import { infer, type Inference } from "./infer";
import { importPlan, type ImportPlan } from "./import-plan";
import { type ConfigChange, configDiff, renderDiff, writeStackFile } from "./stack-file-edit";

export interface AdoptOptions extends ToolOptions {
  write: boolean;
}

export interface AdoptResult {
  /** 0 done (or nothing to do), 1 conflicts or a config the schema refuses. */
  code: number;
  /** What goes to stdout. */
  output: string;
  snapshot: TenantSnapshot;
  inference: Inference;
  /** Set when the config passed the schema. */
  parsed?: StackConfig;
  plan?: ImportPlan;
  changes?: ConfigChange[];
  /** Files written (relative to the project), with --write. */
  written: string[];
}

export function importFileName(stack: string): string {
  return `Pulumi.${stack}.import.json`;
}

export async function adopt(options: AdoptOptions): Promise<AdoptResult> {
  const opened = await openStack(options);
  const snapshot = await readStackTenant(opened, options);
  options.log(`read ${snapshot.calls.management} Management API objects/pages (GET only)`);
  const inference = infer(snapshot, { stack: options.stack, projectDir: options.projectDir, current: opened.raw });
  const result: AdoptResult = { code: 1, output: "", snapshot, inference, written: [] };

  if (inference.conflicts.length > 0) {
    result.output =
      renderSummary(inference) + "\nNothing written: resolve the conflicts above, then run adopt again.\n";
    return result;
  }

  let parsed: StackConfig;
  try {
    parsed = validate(inference, options.projectDir, opened.secretKeys);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    result.output =
      renderSummary(inference) +
      `\nThe config adopted from the tenant does not pass the schema; nothing written.\n${error.message}\n`;
    return result;
  }
  const plan = importPlan(snapshot, parsed);
  const changes = configDiff(opened.raw, inference.config);
  Object.assign(result, { code: 0, parsed, plan, changes });

  const stackFile = path.relative(options.projectDir, opened.file.path);
  const importFile = importFileName(options.stack);
  let output = `Config diff (${stackFile}):\n${renderDiff(changes)}`;
  if (inference.template) output += `  page template: the tenant's goes into ${inference.template.relativePath}\n`;
  output += `\nImport plan (${importFile}, for pulumi import --file):\n${JSON.stringify(plan.file, null, 2)}\n\n`;
  output += renderSummary(inference, plan);

  if (options.write) {
    if (changes.length > 0) {
      writeStackFile(opened.file.path, changes);
      result.written.push(stackFile);
    }
    if (inference.template) {
      const target = path.resolve(options.projectDir, inference.template.relativePath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, inference.template.body);
      result.written.push(inference.template.relativePath);
    }
    fs.writeFileSync(path.join(options.projectDir, importFile), `${JSON.stringify(plan.file, null, 2)}\n`);
    result.written.push(importFile);
    output +=
      `\nWrote ${result.written.join(", ")}.\nNext: npm run pulumi -- import --stack ${options.stack} --file ${importFile} --protect=false` +
      `\n      npm run pulumi -- preview --stack ${options.stack} --diff   (should create only what is listed above)\n`;
  } else {
    output += `\nNothing written (dry run). With --write: ${stackFile}${inference.template ? `, ${inference.template.relativePath}` : ""}, ${importFile}.\n`;
  }
  result.output = output;
  return result;
}

/**
 * The adopted config through the one schema. A page template that is not written yet is checked from a
 * temporary copy, so a dry run validates exactly what --write would write.
 */
function validate(inference: Inference, projectDir: string, secretKeys: string[]): StackConfig {
  if (!inference.template) return parseStackConfig(inference.config, { projectDir, secretKeys });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-template-"));
  try {
    const copy = path.join(dir, "template.liquid");
    fs.writeFileSync(copy, inference.template.body);
    const parsed = parseStackConfig({ ...inference.config, pageTemplate: copy }, { projectDir, secretKeys });
    return {
      ...parsed,
      pageTemplate: { path: path.resolve(projectDir, inference.template.relativePath), body: parsed.pageTemplate.body },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function renderSummary(inference: Inference, plan?: ImportPlan): string {
  const section = (title: string, lines: string[]) =>
    `  ${title}:${lines.length === 0 ? " none\n" : `\n${lines.map((l) => `    - ${l}\n`).join("")}`}`;
  return (
    "Summary:\n" +
    section("found", inference.found) +
    (plan
      ? section(
          "will be imported",
          plan.imported.map((i) => `${i.name} (id ${i.id})`),
        )
      : "") +
    (plan
      ? section(
          "will be created",
          plan.created.map((c) => c.name),
        )
      : "") +
    section("could not be inferred", inference.notInferred) +
    section("pulumi up will change", inference.changes) +
    section("conflicts", inference.conflicts)
  );
}
