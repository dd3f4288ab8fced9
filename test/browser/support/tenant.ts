/**
 * Throwaway local tenants for the browser tests: port 0, a temp state folder, fast Action builds, and the
 * login seed a test needs. Key material (CA, certificates, signing key) is created by the first tenant of a
 * test file and copied to the next ones, which saves a second or more per tenant on a busy machine.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalTenant, type LoginOptions, startLocalTenant, TenantClient } from "../../../packages/local-tenant";

const KEY_FILES = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"];
const started: Array<{ tenant: LocalTenant; dir: string }> = [];

export async function startBrowserTenant(login: LoginOptions = {}): Promise<LocalTenant> {
  const dir = mkdtempSync(join(tmpdir(), "browser-tenant-"));
  const template = started[0]?.dir;
  if (template)
    for (const file of KEY_FILES)
      if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file));
  const tenant = await startLocalTenant({ stateDir: dir, port: 0, buildDelayMs: 20, login });
  started.push({ tenant, dir });
  return tenant;
}

export async function stopBrowserTenants(): Promise<void> {
  for (const { tenant, dir } of started.splice(0)) {
    await tenant.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tenant log events through the Management API (GET /api/v2/logs), oldest first. */
export async function tenantLogs(tenant: LocalTenant): Promise<Array<Record<string, any>>> {
  const client = new TenantClient(tenant);
  await client.login();
  const res = await client.get("/api/v2/logs?sort=date:1&per_page=100");
  if (res.status !== 200) throw new Error(`GET /api/v2/logs answered ${res.status}: ${res.text}`);
  return res.json as Array<Record<string, any>>;
}

/**
 * Freezes the login clock at the next whole second (a little ahead of real time), so cookie expiries
 * computed from it are whole seconds and always in the browser's future.
 */
export function freezeClock(tenant: LocalTenant): number {
  const t0 = Math.ceil(Date.now() / 1000) * 1000 + 1000;
  tenant.clock.set(t0);
  return t0;
}
