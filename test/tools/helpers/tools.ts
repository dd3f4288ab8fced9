/**
 * Running adopt and audit in-process against a local tenant: credentials from the environment (as the
 * AUTH0_* variables would give them), the tenant's CA passed to the SDK's fetch, progress collected.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { CONFIG_NAMESPACE, DEFAULTS, PROJECT_DIR } from "../../../config";
import type { LocalTenant, RequestLogEntry } from "../../../packages/local-tenant";
import type { ToolOptions } from "../../../tools/tenant/open";

export function toolOptions(tenant: LocalTenant, stack: string, projectDir: string): ToolOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    stack,
    projectDir,
    env: {
      AUTH0_DOMAIN: tenant.domain,
      AUTH0_CLIENT_ID: tenant.client.client_id,
      AUTH0_CLIENT_SECRET: tenant.client.client_secret,
    },
    log: (line) => lines.push(line),
    ca: readFileSync(tenant.caPem, "utf8"),
    lines,
  };
}

/** The requests a command made, without timings: `GET /api/v2/prompts` lines with their query. */
export function requestLines(entries: RequestLogEntry[]): string[] {
  return entries.map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ""} ${e.status}`);
}

/** The 9 requests one read of a tenant with at most 100 Actions and bindings makes, in order. */
export function oneRead(templateStatus = 200): string[] {
  return [
    "POST /oauth/token 200",
    "GET /api/v2/tenants/settings 200",
    "GET /api/v2/custom-domains 200",
    "GET /api/v2/prompts 200",
    "GET /api/v2/prompts/login-id/partials 200",
    "GET /api/v2/prompts/login/partials 200",
    `GET /api/v2/branding/templates/universal-login ${templateStatus}`,
    "GET /api/v2/actions/actions?page=0&per_page=100 200",
    "GET /api/v2/actions/triggers/post-login/bindings?page=0&per_page=100 200",
  ];
}

const dirs: string[] = [];
export function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "tools-project-"));
  dirs.push(dir);
  return dir;
}
export function removeTempProjects(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A project folder holding the stack file that was deployed (the stack's file with the overrides) and the shipped template. */
export function deployedStackProject(stack: string, config: Record<string, unknown>, domain: string): string {
  const projectDir = tempProject();
  const namespaced = Object.fromEntries(Object.entries(config).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v]));
  writeFileSync(
    join(projectDir, `Pulumi.${stack}.yaml`),
    stringify({ config: { "auth0:domain": domain, ...namespaced } }),
  );
  mkdirSync(join(projectDir, "templates"));
  copyFileSync(join(PROJECT_DIR, DEFAULTS.pageTemplate), join(projectDir, DEFAULTS.pageTemplate));
  return projectDir;
}
