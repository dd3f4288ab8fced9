/**
 * CustomDomain constructed alone under Pulumi's mocks, with base args (the `customDomain` section as the schema
 * types it): the exact inputs and options of its children, the verification only when asked for, its `ready`
 * list and the DNS records it exports.
 */
import { describe, expect, it } from "vitest";
import { CustomDomain, type CustomDomainArgs } from "../../../components";
import { MINUTE_MS } from "../../../config";
import { runDeclarations } from "../../testkit";

const T = {
  component: "auth0-sessions:index:CustomDomain",
  domain: "auth0:index/customDomain:CustomDomain",
  verification: "auth0:index/customDomainVerification:CustomDomainVerification",
} as const;
const BASE: CustomDomainArgs["customDomain"] = {
  domain: "login.example.com",
  certificates: "auth0-managed",
  verify: false,
  verifyTimeout: 15 * MINUTE_MS,
};

const declare = (customDomain: CustomDomainArgs["customDomain"], opts?: { protect: boolean }) =>
  runDeclarations(() => {
    const domain = new CustomDomain("my-domain", { customDomain }, opts);
    return { dnsRecords: domain.dnsRecords, ready: domain.ready.map((resource) => resource.urn) };
  });

/** The record Auth0 asks for, by certificate type, as the mocks answer for a new domain (customDomainState). */
const RECORDS: Record<string, { type: string; name: string; value: string }> = {
  auth0_managed_certs: { type: "CNAME", name: "login.example.com", value: "kmsi-dev-cd-abc123.edge.tenants.auth0.com" },
  self_managed_certs: {
    type: "TXT",
    name: "_cf-custom-hostname.login.example.com",
    value: "d25acff6-575d-4c27-af40-02f3880a0c4c",
  },
};

describe("CustomDomain alone", () => {
  it.each<[string, Partial<CustomDomainArgs["customDomain"]>, string, string | undefined]>([
    ["base args: an Auth0-managed certificate, no verification", {}, "auth0_managed_certs", undefined],
    ["verify: waits with the default 15 minutes", { verify: true }, "auth0_managed_certs", "15m"],
    [
      "self-managed, verify within 25 minutes",
      { certificates: "self-managed", verify: true, verifyTimeout: 25 * MINUTE_MS },
      "self_managed_certs",
      "25m",
    ],
    ["verify within 1 minute", { verify: true, verifyTimeout: MINUTE_MS }, "auth0_managed_certs", "1m"],
  ])("%s", async (_case, override, type, timeout) => {
    const run = await declare({ ...BASE, ...override });
    const verify = timeout !== undefined;
    expect(run.registrations.map((r) => [r.type, r.name])).toEqual([
      [T.component, "my-domain"],
      [T.domain, "my-domain-domain"],
      ...(verify ? [[T.verification, "my-domain-verification"]] : []),
    ]);
    const component = run.registrations[0];
    const domain = run.one(T.domain);
    expect(domain.inputs).toEqual({ domain: "login.example.com", type });
    expect(domain).toMatchObject({ parent: component.urn, dependencies: [], customTimeouts: {}, protect: false });

    const verifications = run.ofType(T.verification);
    if (verify) {
      // The provider's verification loop gets the configured wait as its create timeout, instead of its 5 minutes.
      expect(verifications[0].inputs).toEqual({ customDomainId: "my-domain-domain-id" });
      expect(verifications[0]).toMatchObject({
        parent: component.urn,
        dependencies: [domain.urn],
        customTimeouts: { create: timeout },
        protect: false,
      });
    } else {
      expect(verifications).toEqual([]);
    }
    // What a page template must wait for: the domain, and its verification when there is one.
    expect(run.outputs.ready).toEqual([domain.urn, ...verifications.map((v) => v.urn)]);
    expect(run.outputs.dnsRecords).toEqual([RECORDS[type]]);
    expect(run.registrations.filter((r) => r.retainOnDelete || r.replaceOnChanges.length > 0)).toEqual([]);
  });

  it.each([
    [{ protect: true }, [true, true, true]],
    [{ protect: false }, [false, false, false]],
    [undefined, [false, false, false]],
  ])(
    "with the options %j, the component, the domain and the verification are protected: %j (inherited)",
    async (opts, protect) => {
      const run = await declare({ ...BASE, verify: true }, opts);
      expect(run.registrations.map((r) => r.protect)).toEqual(protect);
    },
  );
});
