/**
 * The tenant settings the program passes through (components/kept-tenant-settings.ts): what `auth0.getTenant` reads
 * becomes exactly the `auth0.Tenant` inputs the provider sends back unchanged, and the data source's "unset"
 * markers are never sent as values (issue #11 items 1 and 2).
 */
import { describe, expect, it } from "vitest";
import { keptTenantSettings, type TenantAsRead } from "../../components/kept-tenant-settings";
import { asPulumiHandsOver, runProgram } from "../testkit";
import { expandTenant, nullableFields, tenantAsRead } from "../../tools/provider-stand-in/provider/tenant";

const read = (settings: Record<string, unknown>) => tenantAsRead(settings) as unknown as TenantAsRead;

describe("keptTenantSettings: the tenant's settings, as the data source reads them, become Tenant inputs", () => {
  it.each([
    ["nothing set", {}, {}],
    [
      "a Default Login Route",
      { default_redirection_uri: "https://app.example.com/login" },
      { defaultRedirectionUri: "https://app.example.com/login" },
    ],
    [
      "an error page with all three fields",
      { error_page: { html: "<p>x</p>", show_log_link: true, url: "https://e.example.com" } },
      { errorPage: { html: "<p>x</p>", showLogLink: true, url: "https://e.example.com" } },
    ],
    [
      "an error page with only a URL",
      { error_page: { url: "https://e.example.com" } },
      { errorPage: { showLogLink: false, url: "https://e.example.com" } },
    ],
    [
      "an empty error page (the provider would null it: left out)",
      { error_page: { html: "", show_log_link: false, url: "" } },
      {},
    ],
    [
      "mTLS with endpoint aliases",
      { mtls: { enable_endpoint_aliases: true } },
      { mtls: { enableEndpointAliases: true } },
    ],
    [
      "mTLS without endpoint aliases",
      { mtls: { enable_endpoint_aliases: false } },
      { mtls: { enableEndpointAliases: false } },
    ],
    [
      "a client quota per hour (per_day unset reads as 0, never sent)",
      { default_token_quota: { clients: { client_credentials: { enforce: true, per_hour: 100 } } } },
      { defaultTokenQuota: { clients: { clientCredentials: { enforce: true, perHour: 100, perDay: undefined } } } },
    ],
    [
      "an unenforced organization quota per day",
      { default_token_quota: { organizations: { client_credentials: { enforce: false, per_day: 5000 } } } },
      {
        defaultTokenQuota: {
          organizations: { clientCredentials: { enforce: false, perHour: undefined, perDay: 5000 } },
        },
      },
    ],
    [
      "a quota with neither enforcement nor limit (the provider would null it: left out)",
      { default_token_quota: { clients: { client_credentials: { enforce: false } } } },
      {},
    ],
    [
      "the skip flag on",
      { skip_non_verifiable_callback_uri_confirmation_prompt: true },
      { skipNonVerifiableCallbackUriConfirmationPrompt: "true" },
    ],
    [
      "the skip flag off",
      { skip_non_verifiable_callback_uri_confirmation_prompt: false },
      { skipNonVerifiableCallbackUriConfirmationPrompt: "false" },
    ],
  ])("%s", (_case, settings, expected) => {
    expect(keptTenantSettings(read(settings))).toEqual(expected);
  });

  it("leaves out what the data source omits or writes as its unset marker", () => {
    expect(
      keptTenantSettings({
        defaultRedirectionUri: "",
        errorPages: [],
        mtls: [{ disable: true, enableEndpointAliases: false }],
        defaultTokenQuotas: [],
        skipNonVerifiableCallbackUriConfirmationPrompt: "null",
      }),
    ).toEqual({});
    // The bridge may drop zero values inside blocks: the same answers.
    expect(
      keptTenantSettings({
        mtls: [{ enableEndpointAliases: true }],
        errorPages: [{ url: "https://e" }],
      } as unknown as TenantAsRead),
    ).toEqual({
      mtls: { enableEndpointAliases: true },
      errorPage: { showLogLink: false, url: "https://e" },
    });
  });

  it.each([
    ["error page", { error_page: { html: "<p>x</p>", show_log_link: false, url: "https://e.example.com" } }],
    ["mTLS", { mtls: { enable_endpoint_aliases: true } }],
    [
      "token quota",
      {
        default_token_quota: {
          clients: { client_credentials: { enforce: true, per_hour: 10, per_day: 100 } },
          organizations: { client_credentials: { enforce: false, per_day: 7 } },
        },
      },
    ],
    ["skip flag", { skip_non_verifiable_callback_uri_confirmation_prompt: false }],
    ["Default Login Route", { default_redirection_uri: "https://app.example.com/login" }],
  ])(
    "round trip, %s: the provider's create sends back exactly what the tenant holds and nulls nothing of it",
    (_case, settings) => {
      const inputs = keptTenantSettings(read(settings));
      expect(expandTenant(inputs, true, new Set())).toEqual(settings);
      const nulls = nullableFields(inputs, true, new Set());
      for (const key of Object.keys(settings)) expect(nulls).not.toHaveProperty(key);
    },
  );
});

describe("the program", () => {
  it("reads the tenant and declares what it holds on auth0.Tenant, next to the lifetimes", async () => {
    const held = {
      error_page: { html: "<p>x</p>", show_log_link: false, url: "https://e.example.com" },
      mtls: { enable_endpoint_aliases: true },
      default_token_quota: { clients: { client_credentials: { enforce: true, per_hour: 100 } } },
      skip_non_verifiable_callback_uri_confirmation_prompt: true,
      default_redirection_uri: "https://app.example.com/login",
    };
    const run = await runProgram({
      stack: "variant",
      config: asPulumiHandsOver({
        "auth0-sessions:plan": "enterprise",
        "auth0-sessions:customDomain": { domain: "login.example.com" },
      }),
      invoke: (token) => {
        if (token === "auth0:index/getTenant:getTenant") return tenantAsRead(held);
        throw new Error(`unexpected invoke ${token}`);
      },
    });
    expect(run.one("auth0:index/tenant:Tenant").inputs).toEqual({
      sessionLifetime: 168,
      idleSessionLifetime: 72,
      ephemeralSessionLifetime: 72,
      idleEphemeralSessionLifetime: 24,
      sessionCookie: { mode: "non-persistent" },
      errorPage: { html: "<p>x</p>", showLogLink: false, url: "https://e.example.com" },
      mtls: { enableEndpointAliases: true },
      defaultTokenQuota: { clients: { clientCredentials: { enforce: true, perHour: 100 } } },
      skipNonVerifiableCallbackUriConfirmationPrompt: "true",
      defaultRedirectionUri: "https://app.example.com/login",
    });
    expect(run.invokes).toEqual([{ token: "auth0:index/getTenant:getTenant", args: {} }]);
  });
});
