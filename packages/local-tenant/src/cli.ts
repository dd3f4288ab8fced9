/**
 * `npm run local-tenant -- [--port 8443] [--state .local-tenant] [--plan enterprise|self-service] [--build-delay-ms 300]`
 *
 * Starts the tenant and prints how to point the Auth0 provider at it; Ctrl-C stops it (state is kept).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isPlan } from "./plan";
import { startLocalTenant } from "./start";

const DEFAULT_PORT = 8443;
/** At the repository root (packages/local-tenant/src is three folders down), git-ignored. */
const DEFAULT_STATE = resolve(__dirname, "..", "..", "..", ".local-tenant");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: String(DEFAULT_PORT) },
      state: { type: "string", default: DEFAULT_STATE },
      plan: { type: "string", default: "enterprise" },
      "build-delay-ms": { type: "string", default: "300" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run local-tenant -- [--port 8443] [--state .local-tenant] [--plan enterprise|self-service] [--build-delay-ms 300]",
    );
    return;
  }
  const port = Number(values.port);
  const buildDelayMs = Number(values["build-delay-ms"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!isPlan(values.plan)) throw new Error(`--plan must be enterprise or self-service, got ${values.plan}`);
  if (!Number.isFinite(buildDelayMs) || buildDelayMs < 0)
    throw new Error(`--build-delay-ms must be >= 0, got ${values["build-delay-ms"]}`);

  const tenant = await startLocalTenant({ port, stateDir: values.state, plan: values.plan, buildDelayMs });
  console.log(`Local Auth0 tenant ready at ${tenant.url}`);
  console.log(`  auth0:domain        ${tenant.domain}`);
  console.log(`  auth0:clientId      ${tenant.client.client_id}`);
  console.log(`  auth0:clientSecret  (in ${resolve(tenant.stateDir, "client.json")})`);
  console.log(`  SSL_CERT_FILE / NODE_EXTRA_CA_CERTS  ${tenant.caPem}`);
  console.log(`  plan ${tenant.plan}; state in ${tenant.stateDir}`);

  const shutdown = (signal: string) => {
    console.log(`\n${signal}: stopping the local tenant (state is kept)`);
    tenant.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`local-tenant: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
