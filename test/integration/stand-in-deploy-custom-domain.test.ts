/**
 * Custom domain verification through the stand-in provider (issue #11 item 5): Auth0 keeps a domain
 * `pending_verification` until its DNS records resolve, the provider re-POSTs /verify until the status is exactly
 * `ready` within the verification's create timeout, and the page template and partial wait for it. The local
 * tenant's own side (verify, /__local/dns) is tested by packages/local-tenant/test/dns.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { deployStackToLocalTenant } from "../testkit";

afterAll(removeTempStateDirs);

const publish = (c: TenantClient, body: unknown) => c.post("/__local/dns/publish", body, { token: null });

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
