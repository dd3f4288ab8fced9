/**
 * Throwaway tenants in temp folders, for tests (the package's and the repository's). Creating the CA, server
 * certificate and signing key takes a second or more on a busy machine, so every tenant after the first in a
 * test file starts from a copy of the first one's key material (the first start still exercises the creation path).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TenantClient } from "./client";
import { startLocalTenant, type LocalTenant, type LocalTenantOptions } from "./start";

const KEY_FILES = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "signing-key.pem", "client.json"];
let template: string | undefined;
const folders: string[] = [];

export function tempStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "local-tenant-test-"));
  folders.push(dir);
  if (template)
    for (const file of KEY_FILES)
      if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file));
  return dir;
}

export async function startTestTenant(
  options: Partial<LocalTenantOptions> = {},
): Promise<{ tenant: LocalTenant; client: TenantClient }> {
  const stateDir = options.stateDir ?? tempStateDir();
  const tenant = await startLocalTenant({ port: 0, buildDelayMs: 60, ...options, stateDir });
  template ??= stateDir;
  const client = new TenantClient(tenant);
  await client.login();
  return { tenant, client };
}

/** Removes every folder this file created (call from afterAll). */
export function removeTempStateDirs(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = undefined;
}
