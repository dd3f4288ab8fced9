/**
 * Issue #11 items 1 and 2, through the stand-in provider (tools/provider-stand-in/deploy.ts) and the local tenant: the
 * first deploy onto a tenant that already holds an error page, mTLS, a token quota, the callback-prompt skip flag
 * and a Default Login Route keeps all five (the provider's null PATCH finds nothing unset to clear), and the next
 * refreshed preview shows no diff at all (default_redirection_uri is read back but not Computed since v1.52.0).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { type Deployment, deployStackToLocalTenant, previewStackOnLocalTenant } from "../testkit";

let tenant: LocalTenant;
let client: TenantClient;
beforeAll(async () => {
  ({ tenant, client } = await startTestTenant());
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
});

/** What a tenant configured by hand (dashboard, other tools) holds, in the Management API's words. */
const HELD = {
  error_page: { html: "<p>Something went wrong</p>", show_log_link: false, url: "https://status.example.com/error" },
  mtls: { enable_endpoint_aliases: true },
  default_token_quota: { clients: { client_credentials: { enforce: true, per_hour: 100 } } },
  skip_non_verifiable_callback_uri_confirmation_prompt: true,
  default_redirection_uri: "https://app.example.com/login",
};
const KEYS = Object.keys(HELD) as (keyof typeof HELD)[];
/** Pulumi.local.yaml's lifetimes in hours, and its cookie mode. */
const OURS = {
  session_lifetime: 720,
  idle_session_lifetime: 72,
  ephemeral_session_lifetime: 24,
  idle_ephemeral_session_lifetime: 12,
  session_cookie: { mode: "non-persistent" },
};

const heldNow = async (c: TenantClient) => {
  const settings = (await c.get("/api/v2/tenants/settings")).json;
  return Object.fromEntries(KEYS.filter((key) => key in settings).map((key) => [key, settings[key]]));
};
const tenantCalls = (deployment: Deployment) =>
  deployment.calls
    .filter((c) => c.path === "/api/v2/tenants/settings")
    .map((c) => ({ method: c.method, body: c.body }));

describe("the first deploy onto a tenant that holds settings the stack does not manage", () => {
  let first: Deployment;
  beforeAll(async () => {
    expect((await client.patch("/api/v2/tenants/settings", HELD)).status).toBe(200);
    first = await deployStackToLocalTenant(tenant, { stack: "local" });
  });

  it("keeps all five exactly as they were", async () => {
    expect(await heldNow(client)).toEqual(HELD);
  });

  it("declares them as read, so the provider sends them back unchanged and has nothing to null", () => {
    expect(first.run.one("auth0:index/tenant:Tenant").inputs).toEqual({
      sessionLifetime: 720,
      idleSessionLifetime: 72,
      ephemeralSessionLifetime: 24,
      idleEphemeralSessionLifetime: 12,
      sessionCookie: { mode: "non-persistent" },
      errorPage: { html: "<p>Something went wrong</p>", showLogLink: false, url: "https://status.example.com/error" },
      mtls: { enableEndpointAliases: true },
      defaultTokenQuota: { clients: { clientCredentials: { enforce: true, perHour: 100 } } },
      skipNonVerifiableCallbackUriConfirmationPrompt: "true",
      defaultRedirectionUri: "https://app.example.com/login",
    });
    expect(tenantCalls(first)).toEqual([
      { method: "GET", body: undefined }, // auth0.getTenant
      { method: "PATCH", body: { ...OURS, ...HELD } },
      { method: "GET", body: undefined }, // the provider's read after its write
    ]);
  });

  it("previews clean afterwards, even refreshed", async () => {
    const preview = await previewStackOnLocalTenant(tenant, { stack: "local", previous: first, refresh: true });
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(preview.steps).toHaveLength(8);
    expect(preview.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("and a second deploy changes nothing", async () => {
    const second = await deployStackToLocalTenant(tenant, { stack: "local", previous: first, refresh: true });
    expect(second.steps.map((s) => s.op)).toEqual(Array(8).fill("same"));
    expect(second.calls.filter((c) => c.method !== "GET")).toEqual([]);
    expect(await heldNow(client)).toEqual(HELD);
  });
});

describe("the first deploy onto a tenant that holds none of them", () => {
  it("declares only the lifetimes and the cookie, and the null PATCH touches only absent fields", async () => {
    const fresh = await startTestTenant();
    try {
      const deployment = await deployStackToLocalTenant(fresh.tenant, { stack: "local" });
      expect(deployment.run.one("auth0:index/tenant:Tenant").inputs).toEqual({
        sessionLifetime: 720,
        idleSessionLifetime: 72,
        ephemeralSessionLifetime: 24,
        idleEphemeralSessionLifetime: 12,
        sessionCookie: { mode: "non-persistent" },
      });
      // Recorded in TestAccTenant_Main.yaml: the same four nulls after a create that sets none of them.
      expect(tenantCalls(deployment)).toEqual([
        { method: "GET", body: undefined },
        { method: "PATCH", body: OURS },
        {
          method: "PATCH",
          body: {
            default_token_quota: null,
            error_page: null,
            mtls: null,
            skip_non_verifiable_callback_uri_confirmation_prompt: null,
          },
        },
        { method: "GET", body: undefined },
      ]);
      expect(await heldNow(fresh.client)).toEqual({});
      const preview = await previewStackOnLocalTenant(fresh.tenant, {
        stack: "local",
        previous: deployment,
        refresh: true,
      });
      expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    } finally {
      await fresh.tenant.stop();
    }
  });
});
