/**
 * Starting throwaway tenants in temp folders. Creating the CA, server certificate and signing key takes a
 * second or more on a busy machine, so every tenant after the first in a test file starts from a copy of the
 * first one's key material (the first start still exercises the creation path).
 */
import { afterAll, beforeAll } from "vitest";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalTenant, type LocalTenant, type LocalTenantOptions } from "../../src/index";
import { TenantClient } from "../../src/client";

const KEY_FILES = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"];
let template: string | undefined;
const folders: string[] = [];

export function tempStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "local-tenant-test-"));
  folders.push(dir);
  if (template) for (const file of KEY_FILES) if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file));
  return dir;
}

export async function startTestTenant(options: Partial<LocalTenantOptions> = {}): Promise<{ tenant: LocalTenant; client: TenantClient }> {
  const stateDir = options.stateDir ?? tempStateDir();
  const tenant = await startLocalTenant({ port: 0, buildDelayMs: 60, ...options, stateDir });
  template ??= stateDir;
  const client = new TenantClient(tenant);
  await client.login();
  return { tenant, client };
}

/**
 * One tenant for a whole test file: started before its tests, stopped (and its state removed) after them.
 * `assign` receives the running tenant and its logged-in client.
 */
export function useTestTenant(assign: (started: { tenant: LocalTenant; client: TenantClient }) => void): void {
  let running: LocalTenant | undefined;
  beforeAll(async () => {
    const started = await startTestTenant();
    running = started.tenant;
    assign(started);
  });
  afterAll(async () => {
    await running?.stop();
    removeTempStateDirs();
  });
}

/** Removes every folder this file created (call from afterAll). */
export function removeTempStateDirs(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = undefined;
}
