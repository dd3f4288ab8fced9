/**
 * `npm start` without the Auth0 provider plugin: deploys the local stack into the RUNNING local tenant (state
 * folder in LOCAL_TENANT_STATE, port in LOCAL_TENANT_PORT) through the provider stand-in the tests use
 * (deployStackToLocalTenant, deploy.ts): the real program under Pulumi's mocks, then the
 * Management API calls the provider would make, with the same inputs. Writes what it created to
 * STAND_IN_SUMMARY (JSON) for tools/local-up.ts to print. A plain script: `node --import tsx cli.ts`.
 *
 * The stand-in creates and never updates, so a tenant that already holds the deployment is left as it is.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type LocalTenant, TenantClient } from "../../packages/local-tenant";
import { deployStackToLocalTenant } from "./deploy";

async function main(): Promise<void> {
  const stateDir = process.env.LOCAL_TENANT_STATE;
  const port = Number(process.env.LOCAL_TENANT_PORT);
  const summaryFile = process.env.STAND_IN_SUMMARY;
  if (!stateDir || !port || !summaryFile)
    throw new Error("LOCAL_TENANT_STATE, LOCAL_TENANT_PORT and STAND_IN_SUMMARY must be set");
  // The running tenant as the stand-in's Management API client sees it: address, CA and client credentials.
  const tenant = {
    url: `https://127.0.0.1:${port}`,
    domain: `127.0.0.1:${port}`,
    caPem: path.join(stateDir, "ca.pem"),
    client: JSON.parse(readFileSync(path.join(stateDir, "client.json"), "utf8")) as LocalTenant["client"],
  } as LocalTenant;

  const api = new TenantClient(tenant);
  await api.login();
  const domains = (await api.get("/api/v2/custom-domains")).json as Array<{ domain: string }>;
  if (domains.length > 0) {
    writeFileSync(summaryFile, JSON.stringify({ alreadyDeployed: true, customDomains: domains.map((d) => d.domain) }));
    return;
  }
  const deployment = await deployStackToLocalTenant(tenant, { stack: "local" });
  writeFileSync(
    summaryFile,
    JSON.stringify({ alreadyDeployed: false, ids: deployment.ids, calls: deployment.calls.length }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
