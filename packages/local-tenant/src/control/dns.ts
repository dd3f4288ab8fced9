/**
 * The public DNS, as far as custom domain verification is concerned. Auth0 verifies a custom domain only once
 * the CNAME (Auth0-managed certificates) or TXT record (self-managed) it asks for resolves; until then
 * `POST /api/v2/custom-domains/{id}/verify` leaves the domain `pending_verification` (Auth0's docs: custom-domains
 * troubleshooting, "Verification process"). There is no DNS here, so tests publish a domain's records explicitly:
 *
 * - POST /__local/dns/publish `{"domain": "login.example.com"}`: the records Auth0 asks for under that domain now
 *   resolve (before or after the custom domain is created);
 * - GET /__local/dns: the published domains; DELETE /__local/dns: none again.
 *
 * Publications live as long as the running tenant (DNS is not tenant state): a domain already verified stays
 * `ready` across a restart, one still pending must be published again.
 */
import { apiError } from "../http/errors";
import type { Router } from "../http/router";

export class PublicDns {
  private readonly published = new Set<string>();

  publish(domain: string): void {
    this.published.add(domain.toLowerCase());
  }

  resolves(domain: string): boolean {
    return this.published.has(domain.toLowerCase());
  }

  list(): string[] {
    return [...this.published].sort();
  }

  clear(): void {
    this.published.clear();
  }
}

/**
 * One DNS per tenant, found through the tenant's router: the Management API (custom-domains.ts) and the control
 * plane share it without another constructor argument.
 */
const perTenant = new WeakMap<Router, PublicDns>();

export function publicDnsOf(router: Router): PublicDns {
  let dns = perTenant.get(router);
  if (!dns) perTenant.set(router, (dns = new PublicDns()));
  return dns;
}

export function registerDnsRoutes(router: Router): void {
  const dns = publicDnsOf(router);
  router.add("GET", "/__local/dns", {}, () => ({ status: 200, body: { published: dns.list() } }));
  router.add("POST", "/__local/dns/publish", {}, (request) => {
    const value = request.body.kind === "json" ? (request.body.value as { domain?: unknown } | null) : null;
    if (typeof value?.domain !== "string" || value.domain.trim() === "")
      throw apiError(400, 'Expected {"domain": "<host name>"}');
    dns.publish(value.domain.trim());
    return { status: 200, body: { published: dns.list() } };
  });
  router.add("DELETE", "/__local/dns", {}, () => {
    dns.clear();
    return { status: 204 };
  });
}
