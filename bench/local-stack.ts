/**
 * Local stacks pointed at local tenants: a fresh tenant (packages/local-tenant/, its own state folder, a free port) and
 * a stack config copied from Pulumi.local.yaml with auth0:domain replaced by the tenant's. The provider gets the
 * tenant's client and CA from the environment (AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET,
 * SSL_CERT_FILE), never from a file, as `npm start` does.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { PROJECT_DIR } from "../config";
import { type LocalTenant, startLocalTenant } from "../packages/local-tenant";

export interface LocalTarget {
  tenant: LocalTenant;
  /** Pulumi.<stack>.yaml contents for this tenant. */
  stackYaml: string;
  /** What the provider needs to reach the tenant. */
  providerEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Pulumi.local.yaml with auth0:domain set to `domain`. */
export function localStackYaml(domain: string): string {
  const doc = parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.local.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return stringify({ ...doc, config: { ...doc.config, "auth0:domain": domain } });
}

/** Starts a fresh local tenant (state in a temporary folder, removed by stop()). */
export async function startLocalTarget(): Promise<LocalTarget> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-bench-tenant-"));
  const tenant = await startLocalTenant({ stateDir, port: 0 });
  return {
    tenant,
    stackYaml: localStackYaml(tenant.domain),
    providerEnv: {
      AUTH0_DOMAIN: tenant.domain,
      AUTH0_CLIENT_ID: tenant.client.client_id,
      AUTH0_CLIENT_SECRET: tenant.client.client_secret,
      SSL_CERT_FILE: tenant.caPem,
    },
    stop: async () => {
      await tenant.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface ApiCalls {
  /** Requests to /api/v2 (the Management API). */
  management: number;
  /** Requests to /oauth/token (client-credentials tokens). */
  tokens: number;
  /** Answers with status 429 or 5xx among the Management API requests. */
  retried: number;
}

/** Counts the tenant's request log since it was last cleared. */
export function countCalls(tenant: LocalTenant): ApiCalls {
  const entries = tenant.requestLog.entries();
  const management = entries.filter((e) => e.path.startsWith("/api/v2/"));
  return {
    management: management.length,
    tokens: entries.filter((e) => e.path === "/oauth/token").length,
    retried: management.filter((e) => e.status === 429 || e.status >= 500).length,
  };
}

interface Deployment {
  deployment?: { resources?: { type: string }[] };
}

/** Auth0 resources (not providers, not components) in a `pulumi stack export` document. */
export function managedResources(exported: string): number {
  const doc = JSON.parse(exported) as Deployment;
  return (doc.deployment?.resources ?? []).filter((r) => r.type.startsWith("auth0:")).length;
}
