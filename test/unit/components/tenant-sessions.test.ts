/**
 * TenantSessions constructed alone under Pulumi's mocks, with base args (the `sessions` section as the schema
 * types it, and the kept settings): the exact inputs and options of its one child, auth0.Tenant.
 */
import { describe, expect, it } from "vitest";
import { TenantSessions, type TenantSessionsArgs } from "../../../components";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../../config";
import { runDeclarations } from "../../testkit";

const TENANT = "auth0:index/tenant:Tenant";
const BASE: TenantSessionsArgs = {
  sessions: {
    cookieMode: "non-persistent",
    persistent: { idle: 3 * DAY_MS, absolute: 7 * DAY_MS },
    ephemeral: { idle: 12 * HOUR_MS, absolute: DAY_MS },
  },
  kept: {},
};
const BASE_INPUTS = {
  sessionLifetime: 168,
  idleSessionLifetime: 72,
  ephemeralSessionLifetime: 24,
  idleEphemeralSessionLifetime: 12,
  sessionCookie: { mode: "non-persistent" },
};

const declare = (args: TenantSessionsArgs, opts?: { protect: boolean }) =>
  runDeclarations(() => {
    new TenantSessions("sessions", args, opts);
  });

describe("TenantSessions alone", () => {
  it.each<[string, Partial<TenantSessionsArgs>, Record<string, unknown>]>([
    ["base args: the four lifetimes in hours and the cookie mode, nothing else", {}, BASE_INPUTS],
    [
      "a persistent default cookie, 90 days, and an idle ephemeral lifetime under an hour (sent as a fraction)",
      {
        sessions: {
          cookieMode: "persistent",
          persistent: { idle: 14 * DAY_MS, absolute: 90 * DAY_MS },
          ephemeral: { idle: 30 * MINUTE_MS, absolute: 8 * HOUR_MS },
        },
      },
      {
        sessionLifetime: 2160,
        idleSessionLifetime: 336,
        ephemeralSessionLifetime: 8,
        idleEphemeralSessionLifetime: 0.5,
        sessionCookie: { mode: "persistent" },
      },
    ],
    [
      "the kept settings, passed through beside the lifetimes",
      {
        kept: {
          defaultRedirectionUri: "https://app.example.com/login",
          mtls: { enableEndpointAliases: true },
          skipNonVerifiableCallbackUriConfirmationPrompt: "false",
        },
      },
      {
        ...BASE_INPUTS,
        defaultRedirectionUri: "https://app.example.com/login",
        mtls: { enableEndpointAliases: true },
        skipNonVerifiableCallbackUriConfirmationPrompt: "false",
      },
    ],
  ])("%s", async (_case, override, inputs) => {
    const run = await declare({ ...BASE, ...override });
    expect(run.registrations.map((r) => [r.type, r.name])).toEqual([
      ["auth0-sessions:index:TenantSessions", "sessions"],
      [TENANT, "sessions-tenant"],
    ]);
    const tenant = run.one(TENANT);
    expect(tenant.inputs).toEqual(inputs);
    expect(tenant.parent).toBe(run.registrations[0].urn);
    expect(tenant).toMatchObject({
      dependencies: [],
      // Destroy cannot revert tenant settings (the provider's delete only forgets them): the resource says so.
      retainOnDelete: true,
      protect: false,
      replaceOnChanges: [],
      deleteBeforeReplace: false,
      customTimeouts: {},
    });
  });

  it.each([
    [{ protect: true }, [true, true]],
    [{ protect: false }, [false, false]],
    [undefined, [false, false]],
  ])("with the options %j, the component and the tenant are protected: %j (inherited)", async (opts, protect) => {
    const run = await declare(BASE, opts);
    expect(run.registrations.map((r) => r.protect)).toEqual(protect);
  });
});
