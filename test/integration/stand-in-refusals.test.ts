/**
 * Refusals of the stand-in provider against the local tenant, each the real provider's: the page template needs a
 * custom domain (listed first), and `getAction` needs exactly one Action of the name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalTenant, removeTempStateDirs, startTestTenant } from "../../packages/local-tenant";
import { getActionByName } from "../../tools/provider-stand-in/provider/actions";
import { Api } from "../../tools/provider-stand-in/provider/api";
import { brandingType } from "../../tools/provider-stand-in/provider/login";
import type { ProviderContext } from "../../tools/provider-stand-in/provider/types";
import { actionNotFound, type Registration } from "../testkit";

let tenant: LocalTenant;
beforeAll(async () => {
  ({ tenant } = await startTestTenant());
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
});

let ctx: ProviderContext;
beforeAll(async () => {
  const api = new Api(tenant);
  await api.login();
  ctx = { api, realId: (id) => id, timeScale: 1, publishDns: false };
});

const TEMPLATE = "<html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>";

describe("auth0.Branding without a custom domain", () => {
  it("fails with the provider's message after listing the domains, and sends no template", async () => {
    const from = ctx.api.calls.length;
    await expect(brandingType.create(ctx, { universalLogin: { body: TEMPLATE } }, {} as Registration)).rejects.toThrow(
      "managing the Universal Login body through the 'auth0_branding' resource requires at least one custom domain " +
        "to be configured for the tenant.\n\nUse the 'auth0_custom_domain' resource to set one up",
    );
    expect(ctx.api.calls.slice(from).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      "GET /api/v2/custom-domains 200",
    ]);
  });

  it("is created once a domain exists, whatever its status, and read back", async () => {
    await ctx.api.call("POST", "/api/v2/custom-domains", {
      domain: "login.branding.test",
      type: "auth0_managed_certs",
    });
    const from = ctx.api.calls.length;
    const created = await brandingType.create(ctx, { universalLogin: { body: TEMPLATE } }, {} as Registration);
    expect(created.outputs).toEqual({ universalLogin: { body: TEMPLATE } });
    expect(ctx.api.calls.slice(from).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      "GET /api/v2/custom-domains 200",
      "PUT /api/v2/branding/templates/universal-login 201",
      "GET /api/v2/branding 200",
      "GET /api/v2/custom-domains 200",
      "GET /api/v2/branding/templates/universal-login 200",
    ]);
  });
});

describe("auth0.getAction", () => {
  it("answers exactly one Action of the name, and the provider's error for none or several", async () => {
    const create = async (name: string) =>
      (
        await ctx.api.call("POST", "/api/v2/actions/actions", {
          name,
          supported_triggers: [{ id: "post-login", version: "v3" }],
          code: "",
        })
      ).json.id as string;
    const once = await create("only once");
    await create("twice");
    await create("twice");
    await expect(getActionByName(ctx, "only once")).resolves.toMatchObject({
      id: once,
      name: "only once",
      supportedTriggers: [{ id: "post-login", version: "v3" }],
    });
    await expect(getActionByName(ctx, "twice")).rejects.toThrow(actionNotFound("twice"));
    await expect(getActionByName(ctx, "never")).rejects.toThrow('No action found with "name" = "never"');
  });
});
