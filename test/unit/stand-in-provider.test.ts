/**
 * The stand-in provider's own rules (tools/provider-stand-in/provider/), each checked against the source it imitates, so the
 * tests that deploy through it rest on the provider's behaviour and not on a kinder one.
 */
import { describe, expect, it } from "vitest";
import { wireRuntime } from "../../tools/provider-stand-in/provider/actions";
import { type Checkpoint, diffFields, runEngine } from "../../tools/provider-stand-in/provider/engine";
import {
  encodeLifetime,
  expandTenant,
  nullableFields,
  tenantType,
} from "../../tools/provider-stand-in/provider/tenant";
import type { ProviderContext } from "../../tools/provider-stand-in/provider/types";
import { goDurationMs } from "../../tools/provider-stand-in/provider/types";
import { asPulumiHandsOver, type ProgramRun, runProgram } from "../testkit";

describe("go-auth0's tenant lifetimes (management/tenant.go:229-296)", () => {
  it.each([
    [168, { session_lifetime: 168 }],
    [1, { session_lifetime: 1 }],
    [1.5, { session_lifetime: 2 }],
    [2 + 29 / 60, { session_lifetime: 2 }],
    [2.5, { session_lifetime: 3 }],
    [0.5, { session_lifetime_in_minutes: 30 }],
    [1 / 60, { session_lifetime_in_minutes: 1 }],
    [59 / 60, { session_lifetime_in_minutes: 59 }],
  ])("%d h is sent as %j", (hours, body) => {
    expect(encodeLifetime("session_lifetime", hours)).toEqual(body);
  });
});

describe("the tenant's two PATCHes (tenant/expand.go)", () => {
  it("on a create, sends only what is configured, then nulls each unset nullable field", () => {
    const inputs = {
      sessionLifetime: 720,
      idleEphemeralSessionLifetime: 0.25,
      sessionCookie: { mode: "non-persistent" },
    };
    expect(expandTenant(inputs, true, new Set())).toEqual({
      session_lifetime: 720,
      idle_ephemeral_session_lifetime_in_minutes: 15,
      session_cookie: { mode: "non-persistent" },
    });
    expect(nullableFields(inputs, true, new Set())).toEqual({
      default_token_quota: null,
      error_page: null,
      mtls: null,
      skip_non_verifiable_callback_uri_confirmation_prompt: null,
    });
  });

  it("on an update, touches the blocks only when they changed", () => {
    const inputs = {
      sessionLifetime: 720,
      mtls: { enableEndpointAliases: true },
      errorPage: { url: "https://e", showLogLink: false },
    };
    expect(expandTenant(inputs, false, new Set(["sessionLifetime"]))).toEqual({ session_lifetime: 720 });
    expect(nullableFields(inputs, false, new Set(["sessionLifetime"]))).toEqual({});
    expect(expandTenant(inputs, false, new Set(["mtls", "errorPage"]))).toEqual({
      session_lifetime: 720,
      mtls: { enable_endpoint_aliases: true },
      error_page: { show_log_link: false, url: "https://e" },
    });
    // An error page removed from the config is nulled on the next update.
    expect(nullableFields({ sessionLifetime: 720 }, false, new Set(["errorPage"]))).toEqual({ error_page: null });
  });

  it("nulls mTLS declared as disabled, and a quota without enforcement or limit", () => {
    const inputs = {
      mtls: { disable: true },
      defaultTokenQuota: { clients: { clientCredentials: { enforce: false } } },
    };
    expect(nullableFields(inputs, true, new Set())).toMatchObject({ mtls: null, default_token_quota: null });
  });
});

describe("the engine's diff, by the provider's schema", () => {
  const state = {
    sessionLifetime: 720,
    sessionCookie: { mode: "non-persistent" },
    defaultRedirectionUri: "https://app.example.com/login",
    mtls: { disable: true },
    skipNonVerifiableCallbackUriConfirmationPrompt: "null",
    errorPage: undefined,
  };

  it('ignores unset Optional+Computed inputs, the skip flag\'s stored "null", and zero values', () => {
    expect(
      diffFields(tenantType, state, { sessionLifetime: 720, defaultRedirectionUri: "https://app.example.com/login" }),
    ).toEqual([]);
    expect(diffFields(tenantType, { ...state, defaultRedirectionUri: "" }, { sessionLifetime: 720 })).toEqual([]);
  });

  it("sees a value read back that the config does not declare, when the field is not Computed", () => {
    expect(diffFields(tenantType, state, { sessionLifetime: 720 })).toEqual(["defaultRedirectionUri"]);
    expect(
      diffFields(
        tenantType,
        { ...state, errorPage: { html: "", showLogLink: false, url: "https://e" } },
        { sessionLifetime: 720, defaultRedirectionUri: "https://app.example.com/login" },
      ),
    ).toEqual(["errorPage"]);
  });

  it("sees a changed configured value", () => {
    expect(
      diffFields(tenantType, state, { sessionLifetime: 168, defaultRedirectionUri: "https://app.example.com/login" }),
    ).toEqual(["sessionLifetime"]);
  });
});

describe("other details", () => {
  it.each([
    ["node18", ["post-login"], "node18-actions"],
    ["node18", ["custom-token-exchange"], "node18"],
    ["node22", ["post-login"], "node22"],
  ])("runtime %s for %j is sent as %s (action/expand.go:49-57)", (runtime, triggers, sent) => {
    expect(wireRuntime(runtime, triggers)).toBe(sent);
  });

  it.each([
    ["5m", 300_000],
    ["15m", 900_000],
    ["1h30m", 5_400_000],
    ["90s", 90_000],
  ])("custom timeout %s is %d ms", (text, ms) => {
    expect(goDurationMs(text)).toBe(ms);
  });

  it("refuses what Go would not parse", () => {
    expect(() => goDurationMs("15 minutes")).toThrow('not a Go duration: "15 minutes"');
  });
});

describe("the engine's protect, inherited from a component", () => {
  // Without our Actions, so no bundle is read: only the tenant settings, the custom domain and Universal Login.
  const config = (verify: boolean) =>
    asPulumiHandsOver({
      "auth0-sessions:plan": "enterprise",
      "auth0-sessions:customDomain": { domain: "login.example.com", verify },
      "auth0-sessions:keepMeSignedIn": { enabled: false },
      "auth0-sessions:risk": { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
    });
  /** The checkpoint a deployment of `run` leaves, with the provider's state equal to the inputs. */
  const checkpointOf = (run: ProgramRun): Checkpoint =>
    new Map(
      run.registrations
        .filter((r) => r.custom)
        .map((r) => [r.urn, { registration: r, id: `${r.name}-id`, inputs: r.inputs, outputs: { ...r.inputs } }]),
    );
  // A preview of known resources: no request is made, so the context needs no tenant.
  const ctx: ProviderContext = {
    api: undefined as never,
    realId: (id) => id,
    timeScale: 1,
    publishDns: false,
  };

  it("refuses, in prod, to delete the custom domain's verification when verify is turned off", async () => {
    const before = await runProgram({ stack: "prod", config: config(true) });
    // The verification sets no protect of its own: the registration carries the one it inherits.
    expect(before.one("auth0:index/customDomainVerification:CustomDomainVerification").protect).toBe(true);
    const after = await runProgram({ stack: "prod", config: config(false) });
    await expect(runEngine(ctx, checkpointOf(before), after.registrations, true)).rejects.toThrow(
      "unable to delete auth0:index/customDomainVerification:CustomDomainVerification login-domain-verification: it is protected",
    );
  });

  it("deletes it elsewhere, leaving everything else as it is", async () => {
    const before = await runProgram({ stack: "dev", config: config(true) });
    const after = await runProgram({ stack: "dev", config: config(false) });
    const steps = await runEngine(ctx, checkpointOf(before), after.registrations, true);
    expect(steps.map((step) => [step.op, step.name])).toEqual([
      ["same", "sessions-tenant"],
      ["same", "login-domain-domain"],
      ["same", "universal-login-prompt"],
      ["same", "universal-login-branding"],
      ["delete", "login-domain-verification"],
    ]);
  });
});
