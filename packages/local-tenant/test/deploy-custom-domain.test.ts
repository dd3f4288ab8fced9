/**
 * Custom domain verification (issue #11 item 5 and the stricter local tenant): Auth0 keeps a domain
 * `pending_verification` until its DNS records resolve, the provider re-POSTs /verify until the status is exactly
 * `ready` within the verification's create timeout, and the page template and partial wait for it.
 */
import { describe, expect, it } from "vitest";
import { deployStackToLocalTenant } from "../../../tools/provider-stand-in";
import type { TenantClient } from "../src/client";
import { startTestTenant, useTestTenant } from "./helpers/tenant";

let client: TenantClient;
useTestTenant((started) => ({ client } = started));

const publish = (c: TenantClient, body: unknown) => c.post("/__local/dns/publish", body, { token: null });

describe("the local tenant's verify", () => {
  it.each([
    ["auth0_managed_certs", "verify-a.example.com"],
    ["self_managed_certs", "verify-b.example.com"],
  ])("keeps a %s domain pending until its records are published, then answers ready", async (type, domain) => {
    const id = (await client.post("/api/v2/custom-domains", { domain, type })).json.custom_domain_id as string;
    for (let i = 0; i < 2; i++) {
      const pending = await client.post(`/api/v2/custom-domains/${id}/verify`);
      expect([pending.status, pending.json.status, "cname_api_key" in pending.json]).toEqual([
        200,
        "pending_verification",
        false,
      ]);
    }
    expect((await client.get(`/api/v2/custom-domains/${id}`)).json.status).toBe("pending_verification");
    expect(await publish(client, { domain: domain.toUpperCase() })).toMatchObject({
      status: 200,
      json: { published: expect.arrayContaining([domain]) },
    });
    const ready = await client.post(`/api/v2/custom-domains/${id}/verify`);
    expect([ready.status, ready.json.status]).toEqual([200, "ready"]);
    expect("cname_api_key" in ready.json).toBe(type === "self_managed_certs");
    expect((await client.get(`/api/v2/custom-domains/${id}`)).json.status).toBe("ready");
  });

  it.each([[{}], [{ domain: "" }], [{ domain: 7 }], [null]])(
    "refuses a publication without a domain: %j",
    async (body) => {
      const res = await publish(client, body);
      expect([res.status, res.json.message]).toEqual([400, 'Expected {"domain": "<host name>"}']);
    },
  );

  it("lists and withdraws publications", async () => {
    const other = await startTestTenant();
    try {
      await publish(other.client, { domain: "b.example.com" });
      await publish(other.client, { domain: "a.example.com" });
      expect((await other.client.get("/__local/dns", { token: null })).json).toEqual({
        published: ["a.example.com", "b.example.com"],
      });
      expect((await other.client.delete("/__local/dns", { token: null })).status).toBe(204);
      expect((await other.client.get("/__local/dns", { token: null })).json).toEqual({ published: [] });
    } finally {
      await other.tenant.stop();
    }
  });
});

describe("a deploy with verify on", () => {
  it("waits on a pending domain, deploying neither template nor partial, until the records are published", async () => {
    const fresh = await startTestTenant();
    const seenWhilePending: unknown[] = [];
    try {
      const deployment = await deployStackToLocalTenant(fresh.tenant, {
        stack: "local",
        overrides: { customDomain: { verify: true } },
        async onVerifyPending(attempt) {
          const template = await fresh.client.get("/api/v2/branding/templates/universal-login");
          const partials = await fresh.client.get("/api/v2/prompts/login-id/partials");
          seenWhilePending.push([attempt, template.status, partials.json]);
          if (attempt === 3) await publish(fresh.client, { domain: "login.auth0-sessions.test" });
        },
      });
      expect(seenWhilePending).toEqual([
        [1, 404, {}],
        [2, 404, {}],
        [3, 404, {}],
      ]);
      const paths = deployment.calls.map((c) => `${c.method} ${c.path.replace(/cd_[A-Za-z0-9]{16}/, "{id}")}`);
      const verifies = paths.flatMap((p, i) => (p === "POST /api/v2/custom-domains/{id}/verify" ? [i] : []));
      expect(verifies).toHaveLength(4);
      expect(paths.indexOf("PUT /api/v2/branding/templates/universal-login")).toBeGreaterThan(verifies[3]);
      expect(paths[verifies[3] + 1]).toBe("GET /api/v2/custom-domains/{id}");
      expect((await fresh.client.get("/api/v2/custom-domains")).json.map((d: { status: string }) => d.status)).toEqual([
        "ready",
      ]);
      expect((await fresh.client.get("/api/v2/branding/templates/universal-login")).status).toBe(200);
      expect(Object.keys((await fresh.client.get("/api/v2/prompts/login-id/partials")).json)).toEqual(["login-id"]);
    } finally {
      await fresh.tenant.stop();
    }
  });

  it("fails like the provider when the records never appear within verifyTimeout, before the template", async () => {
    const fresh = await startTestTenant();
    try {
      let attempts = 0;
      const started = Date.now();
      // verifyTimeout 1m, at a thousandth of real time: 60 ms.
      const deploying = deployStackToLocalTenant(fresh.tenant, {
        stack: "local",
        overrides: { customDomain: { verify: true, verifyTimeout: "1m" } },
        timeScale: 0.001,
        onVerifyPending: () => void attempts++,
      });
      await expect(deploying).rejects.toThrow(
        'creating auth0:index/customDomainVerification:CustomDomainVerification login-domain-verification: custom domain has status "pending_verification"',
      );
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect((await fresh.client.get("/api/v2/branding/templates/universal-login")).status).toBe(404);
    } finally {
      await fresh.tenant.stop();
    }
  });
});
