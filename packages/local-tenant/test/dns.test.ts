/**
 * Custom domain verification on the local tenant (issue #11 item 5 and the stricter local tenant): like Auth0, it
 * keeps a domain `pending_verification` until its DNS records resolve, which here means published through the
 * control plane (`/__local/dns`). The provider's side, re-POSTing /verify through a deploy, is tested by
 * test/integration/stand-in-deploy-custom-domain.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { TenantClient } from "../src/index";
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
