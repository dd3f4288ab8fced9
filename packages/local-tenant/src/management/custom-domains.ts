/**
 * /api/v2/custom-domains: create, list, read, update, delete, verify.
 *
 * Shapes follow the most recent recording (TestAccCustomDomain): `primary` and `is_default` false,
 * `created_at` in milliseconds, a TXT verification record for self-managed certificates (and
 * `custom_client_ip_header`, null until set) and a CNAME to `<tenant>-cd-<id>.edge.tenants.us.auth0.com` for
 * Auth0-managed ones (and `tls_policy` "recommended"). Verify marks the domain ready once its DNS records are
 * published (control/dns.ts: `POST /__local/dns/publish`); before that it stays `pending_verification`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { publicDnsOf } from "../control/dns";
import { apiError, invalidBody } from "../http/errors";
import type { Router } from "../http/router";
import type { CustomDomainRecord } from "../store/state";
import { isoMilli } from "../util/clock";
import { customDomainId } from "../util/ids";
import { noContent, saved, type ManagementContext } from "./context";
import { asObject, expectEnum, expectString, objectBody, rejectUnknown, requireProps, type Obj } from "./validation";

const TYPES = ["auth0_managed_certs", "self_managed_certs"] as const;
const IP_HEADERS = ["true-client-ip", "cf-connecting-ip", "x-forwarded-for", "x-azure-clientip"] as const;
const TLS_POLICIES = ["recommended"] as const;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const METADATA_MAX_KEYS = 10;
const METADATA_MAX_LENGTH = 255;

export function registerCustomDomains(router: Router, context: ManagementContext): void {
  const dns = publicDnsOf(router);
  const domains = () => context.store.state.customDomains;
  const find = (id: string): CustomDomainRecord => {
    const domain = domains().find((d) => d.custom_domain_id === id);
    if (!domain) throw apiError(404, "The custom domain does not exist", "inexistent_custom_domain");
    return domain;
  };

  router.add("POST", "/api/v2/custom-domains", { scope: "create:custom_domains" }, async (request) => {
    const body = objectBody(request);
    rejectUnknown(body, [
      "domain",
      "type",
      "verification_method",
      "tls_policy",
      "custom_client_ip_header",
      "domain_metadata",
      "relying_party_identifier",
    ]);
    requireProps(body, ["domain", "type"]);
    const name = expectString(body.domain, "domain").toLowerCase();
    if (!HOSTNAME.test(name)) throw invalidBody(`Object didn't pass validation for format hostname: ${name}`, "domain");
    const type = expectEnum(body.type, TYPES, "type");
    if (body.verification_method !== undefined) expectEnum(body.verification_method, ["txt"], "verification_method");
    if (domains().some((d) => d.domain === name))
      throw apiError(409, "Custom domain already exists", "duplicated_custom_domain");

    const id = customDomainId();
    const record: CustomDomainRecord = {
      custom_domain_id: id,
      domain: name,
      primary: false,
      is_default: false,
      status: "pending_verification",
      type,
      verification: {
        methods:
          type === "self_managed_certs"
            ? [{ name: "TXT", record: randomUUID(), domain: `_cf-custom-hostname.${name}` }]
            : [{ name: "CNAME", record: edgeHost(context, id), domain: name }],
      },
      created_at: isoMilli(),
    };
    if (type === "self_managed_certs") record.custom_client_ip_header = null;
    else record.tls_policy = "recommended";
    applyUpdates(record, body);
    domains().push(record);
    return saved(context, { status: 201, body: view(record) });
  });

  router.add("GET", "/api/v2/custom-domains", { scope: "read:custom_domains" }, () => ({
    status: 200,
    body: domains().map(view),
  }));

  router.add("GET", "/api/v2/custom-domains/:id", { scope: "read:custom_domains" }, (request) => ({
    status: 200,
    body: view(find(request.params.id)),
  }));

  router.add("PATCH", "/api/v2/custom-domains/:id", { scope: "update:custom_domains" }, async (request) => {
    const record = find(request.params.id);
    const body = objectBody(request);
    rejectUnknown(body, ["tls_policy", "custom_client_ip_header", "domain_metadata", "relying_party_identifier"]);
    // Apply to a copy so a rejected field leaves the stored domain untouched.
    const updated = structuredClone(record);
    applyUpdates(updated, body);
    domains()[domains().indexOf(record)] = updated;
    return saved(context, { status: 200, body: view(updated) });
  });

  router.add("DELETE", "/api/v2/custom-domains/:id", { scope: "delete:custom_domains" }, async (request) => {
    const record = find(request.params.id);
    context.store.state.customDomains = domains().filter((d) => d !== record);
    return saved(context, noContent());
  });

  router.add("POST", "/api/v2/custom-domains/:id/verify", { scope: "create:custom_domains" }, async (request) => {
    const record = find(request.params.id);
    // Until its records resolve, Auth0 answers 200 with the domain still pending; the provider asks again until
    // the status is exactly "ready" (resource_verification.go:56-87).
    if (record.status !== "ready" && !dns.resolves(record.domain)) return { status: 200, body: view(record) };
    record.status = "ready";
    if (record.type === "self_managed_certs") record.origin_domain_name = edgeHost(context, record.custom_domain_id);
    const body = view(record);
    // Only the verify answer carries the key a self-managed proxy sends back to Auth0 (cname-api-key header).
    if (record.type === "self_managed_certs") body.cname_api_key = randomBytes(32).toString("hex");
    return saved(context, { status: 200, body });
  });
}

/** Auth0's edge host for a domain: the tenant name and the lower-cased id. */
function edgeHost(context: ManagementContext, id: string): string {
  return `${context.tenantName}-${id.replace("_", "-").toLowerCase()}.edge.tenants.us.auth0.com`;
}

/** Validates the updatable fields (shared by create and PATCH) and applies them; `null` removes a value. */
function applyUpdates(record: CustomDomainRecord, body: Obj): void {
  if (Object.hasOwn(body, "tls_policy")) {
    if (record.type !== "auth0_managed_certs")
      throw invalidBody("tls_policy can only be set on auth0_managed_certs custom domains", "tls_policy");
    record.tls_policy = expectEnum(body.tls_policy, TLS_POLICIES, "tls_policy");
  }
  if (Object.hasOwn(body, "custom_client_ip_header")) {
    record.custom_client_ip_header =
      body.custom_client_ip_header === null || body.custom_client_ip_header === ""
        ? null
        : expectEnum(body.custom_client_ip_header, IP_HEADERS, "custom_client_ip_header");
  }
  if (Object.hasOwn(body, "relying_party_identifier")) {
    if (body.relying_party_identifier === null) delete record.relying_party_identifier;
    else
      record.relying_party_identifier = expectString(body.relying_party_identifier, "relying_party_identifier", {
        maxLength: 255,
      });
  }
  if (Object.hasOwn(body, "domain_metadata")) {
    const metadata = { ...(record.domain_metadata ?? {}) };
    if (body.domain_metadata !== null) {
      for (const [key, value] of Object.entries(asObject(body.domain_metadata, "domain_metadata"))) {
        if (value === null) delete metadata[key];
        else metadata[key] = expectString(value, `domain_metadata.${key}`, { maxLength: METADATA_MAX_LENGTH });
      }
    }
    if (Object.keys(metadata).length > METADATA_MAX_KEYS)
      throw invalidBody(
        `Too many properties defined (${Object.keys(metadata).length}), maximum ${METADATA_MAX_KEYS}`,
        "domain_metadata",
      );
    if (body.domain_metadata === null || Object.keys(metadata).length === 0) delete record.domain_metadata;
    else record.domain_metadata = metadata;
  }
}

/** Field order as Auth0 answers. */
export function view(record: CustomDomainRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    custom_domain_id: record.custom_domain_id,
    domain: record.domain,
    primary: record.primary,
    is_default: record.is_default,
    status: record.status,
    type: record.type,
  };
  if (record.origin_domain_name !== undefined) out.origin_domain_name = record.origin_domain_name;
  out.verification = structuredClone(record.verification);
  if (record.tls_policy !== undefined) out.tls_policy = record.tls_policy;
  if (record.custom_client_ip_header !== undefined) out.custom_client_ip_header = record.custom_client_ip_header;
  if (record.domain_metadata !== undefined) out.domain_metadata = { ...record.domain_metadata };
  out.created_at = record.created_at;
  if (record.relying_party_identifier !== undefined) out.relying_party_identifier = record.relying_party_identifier;
  return out;
}
