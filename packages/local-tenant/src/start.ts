/**
 * startLocalTenant(): assembles the tenant (state folder, TLS, keys, durable state, routes) and listens.
 */
import { promises as fs } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { loadOrCreateClient, loadOrCreateSigningKey, type ClientCredentials } from "./auth/keys";
import { registerTokenEndpoint } from "./auth/token-endpoint";
import { TokenIssuer, type MintOptions } from "./auth/token-issuer";
import { Faults, type FaultPatch } from "./control/faults";
import { RequestLog } from "./control/request-log";
import { registerLoginControlRoutes } from "./control/login";
import { registerLogControlRoutes } from "./control/logs";
import { registerControlRoutes } from "./control/routes";
import { Router } from "./http/router";
import { ActionBuilds } from "./management/action-builds";
import type { ManagementContext } from "./management/context";
import { registerManagementApi } from "./management/index";
import { TenantLogs } from "./store/tenant-logs";
import { createLogin, registerLogin, type LoginArea, type LoginOptions, type TenantClock } from "./login/index";
import { AuthorizationCodes, oidcGrants, registerOidc, type OidcContext } from "./oidc/index";
import type { Plan } from "./plan";
import { createRequestHandler } from "./server";
import { DurableStore } from "./store/durable-store";
import { freshState, upgradeState, type TenantState } from "./store/state";
import { loadOrCreateTls } from "./tls/certificates";

export interface LocalTenantOptions {
  /** Folder for tenant.json, client.json, keys and certificates; created if missing. */
  stateDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Subscription plan bounding session lifetimes; default "enterprise". */
  plan?: Plan;
  /** How long an action build takes (pending → building → built); default 300 ms. */
  buildDelayMs?: number;
  /** Initial fault injection settings. */
  faults?: FaultPatch;
  /** Tenant name used in generated hostnames (custom domain CNAME targets); default "local-tenant". */
  tenantName?: string;
  /**
   * Universal Login: seed sections replacing session/seed.json's, and the Action time limit (README: Universal
   * Login).
   */
  login?: LoginOptions;
}

export interface LocalTenant {
  /** https://127.0.0.1:<port> */
  url: string;
  /** 127.0.0.1:<port>, the value for `auth0:domain`. */
  domain: string;
  /** Path of the CA certificate to trust (SSL_CERT_FILE / NODE_EXTRA_CA_CERTS). */
  caPem: string;
  stateDir: string;
  plan: Plan;
  /** The machine-to-machine client, also in <stateDir>/client.json. */
  client: ClientCredentials;
  requestLog: RequestLog;
  faults: Faults;
  /** Tenant log events (GET /api/v2/logs); `append` is how other features record events. */
  logs: TenantLogs;
  /** The login clock (sessions, login logs, the Actions' Date): tests freeze and advance it. */
  clock: TenantClock;
  /** Universal Login state for tests: live sessions, Action runs. */
  login: LoginArea;
  /** A signed access token for this tenant (default: all scopes, 24 h), e.g. one lacking a scope. */
  mintToken(options?: MintOptions): string;
  /** Stops listening, cancels pending builds and waits for the last state write. */
  stop(): Promise<void>;
}

export async function startLocalTenant(options: LocalTenantOptions): Promise<LocalTenant> {
  const stateDir = resolve(options.stateDir);
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  const plan = options.plan ?? "enterprise";
  const [tls, client, signingKey] = await Promise.all([
    loadOrCreateTls(stateDir),
    loadOrCreateClient(stateDir),
    loadOrCreateSigningKey(stateDir),
  ]);
  const store = await DurableStore.open<TenantState>(join(stateDir, "tenant.json"), freshState, upgradeState);

  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const issuer = new TokenIssuer(signingKey, client, hosts);
  const requestLog = new RequestLog();
  const faults = new Faults(options.faults);
  const builds = new ActionBuilds(store, faults, options.buildDelayMs ?? 300);
  const context: ManagementContext = { store, plan, faults, builds, tenantName: options.tenantName ?? "local-tenant" };
  const logs = new TenantLogs(store);
  const codes = new AuthorizationCodes();
  const login = await createLogin(
    { store, plan, logs, tenantName: context.tenantName, tenantUrl: () => `https://127.0.0.1:${port}`, codes },
    options.login,
  );
  const oidc: OidcContext = { session: login.context, key: signingKey, hosts, codes };

  const router = new Router();
  registerTokenEndpoint(router, issuer, client, hosts, oidcGrants(oidc));
  registerManagementApi(router, context);
  registerControlRoutes(router, requestLog, faults);
  registerLogControlRoutes(router, logs);
  registerLogin(router, login.context);
  registerLoginControlRoutes(router, login.context);
  registerOidc(router, oidc);

  const server = createServer(
    { key: tls.keyPem, cert: tls.certPem },
    createRequestHandler({ router, issuer, requestLog, faults }),
  );
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  builds.resume();

  let stopping: Promise<void> | undefined;
  return {
    url: `https://127.0.0.1:${port}`,
    domain: `127.0.0.1:${port}`,
    caPem: tls.caPemPath,
    stateDir,
    plan,
    client,
    requestLog,
    faults,
    logs,
    clock: login.context.clock,
    login: login.area,
    mintToken: (mint) => issuer.mint(mint).token,
    stop: () =>
      (stopping ??= (async () => {
        builds.stop();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await store.idle();
      })()),
  };
}
