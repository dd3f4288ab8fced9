/** One tenant for a whole test file, on top of the package's throwaway tenants (src/test-tenants.ts). */
import { afterAll, beforeAll } from "vitest";
import { removeTempStateDirs, startTestTenant, type LocalTenant, type TenantClient } from "../../src/index";

export { removeTempStateDirs, startTestTenant, tempStateDir } from "../../src/index";

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
