import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { type CustomDomainConfig, MINUTE_MS } from "../config";

/** A DNS record the domain owner must create so Auth0 can verify the custom domain (and issue its certificate). */
export interface DnsRecord {
  /** `CNAME` or `TXT`. */
  type: string;
  /** The record's name (host). */
  name: string;
  /** The record's value. */
  value: string;
}

export interface CustomDomainArgs {
  /**
   * The `customDomain` config section: the host name users see on the login page (`domain`, e.g.
   * `login.example.com`); who provides the TLS certificate (`certificates`: Auth0, or you behind your own proxy);
   * whether to wait until Auth0 has verified the DNS records (`verify`, which adds an
   * `auth0.CustomDomainVerification`); and how long that wait may take (`verifyTimeout`, milliseconds, whole
   * minutes).
   */
  customDomain: CustomDomainConfig;
}

const CERTIFICATE_TYPES = { "auth0-managed": "auth0_managed_certs", "self-managed": "self_managed_certs" } as const;

/**
 * The custom domain that Universal Login page templates and partials need, with the DNS records to create.
 *
 * Resource options such as prod's `protect` come in `opts`, not in the args: the domain and its verification
 * inherit them (Pulumi copies a parent's `protect` into a child that sets none, @pulumi/pulumi resource.js).
 */
export class CustomDomain extends pulumi.ComponentResource {
  public readonly customDomain: auth0.CustomDomain;
  public readonly verification?: auth0.CustomDomainVerification;
  /** What resources that need a usable custom domain must depend on: the domain, and its verification if any. */
  public readonly ready: pulumi.Resource[];
  public readonly dnsRecords: pulumi.Output<DnsRecord[]>;

  constructor(name: string, args: CustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sessions:index:CustomDomain", name, {}, opts);
    const { customDomain } = args;

    this.customDomain = new auth0.CustomDomain(
      `${name}-domain`,
      { domain: customDomain.domain, type: CERTIFICATE_TYPES[customDomain.certificates] },
      { parent: this },
    );
    if (customDomain.verify) {
      this.verification = new auth0.CustomDomainVerification(
        `${name}-verification`,
        { customDomainId: this.customDomain.id },
        // The provider re-POSTs /verify until the status is exactly `ready`, for 5 minutes unless told otherwise
        // (resource_verification.go:50-81). Only create waits: the resource has no update (every input forces a
        // replacement, which is a create) and its delete does nothing.
        { parent: this, customTimeouts: { create: `${customDomain.verifyTimeout / MINUTE_MS}m` } },
      );
    }
    this.ready = this.verification ? [this.customDomain, this.verification] : [this.customDomain];
    this.dnsRecords = this.customDomain.verifications.apply((verifications) => dnsRecordsOf(verifications ?? []));

    this.registerOutputs({
      customDomain: this.customDomain,
      verification: this.verification,
      dnsRecords: this.dnsRecords,
    });
  }
}

/** Auth0 reports each verification method as `{ name: "CNAME" | "TXT", record, domain }`. */
export function dnsRecordsOf(verifications: { methods?: unknown[] }[]): DnsRecord[] {
  return verifications.flatMap((verification) =>
    (verification.methods ?? []).map((method) => {
      const { name, record, domain } = method as { name?: string; record?: string; domain?: string };
      return { type: name ?? "", name: domain ?? "", value: record ?? "" };
    }),
  );
}
