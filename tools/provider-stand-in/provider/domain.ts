/**
 * auth0.CustomDomain and auth0.CustomDomainVerification (terraform-provider-auth0 v1.53.0,
 * internal/auth0/customdomain/).
 */
import type { Registration } from "../registration";
import { defined } from "./tenant";
import { goDurationMs, retryUntil, type ProviderContext, type ResourceType } from "./types";

type Json = Record<string, any>;

/** The verification's default create timeout (resource_verification.go:50-52). */
const VERIFY_TIMEOUT_DEFAULT = "5m";

/** flattenCustomDomain (flatten.go:9-29), the fields these tests look at. */
function flattenDomain(domain: Json): Json {
  return {
    domain: domain.domain,
    type: domain.type,
    status: domain.status,
    customClientIpHeader: domain.custom_client_ip_header ?? "",
    verifications: [domain.verification],
  };
}

async function readDomain(ctx: ProviderContext, id: string): Promise<Json | undefined> {
  const res = await ctx.api.call("GET", `/api/v2/custom-domains/${encodeURIComponent(id)}`, undefined, [404]);
  return res.status === 404 ? undefined : res.json;
}

/** create POSTs `{domain, type}` (resource.go:163-175), then reads (177-186); delete DELETEs (207-215). */
export const customDomainType: ResourceType = {
  inputs: ["domain", "type"],
  // domain and type are Required and ForceNew; the client IP header Optional, not Computed (resource.go:28-71).
  fields: { domain: { forceNew: true }, type: { forceNew: true }, customClientIpHeader: {} },
  async create(ctx, inputs) {
    const created = await ctx.api.call(
      "POST",
      "/api/v2/custom-domains",
      defined({ domain: inputs.domain, type: inputs.type }),
    );
    const id = created.json.custom_domain_id as string;
    // Not the provider: the domain's owner creating the DNS records it asks for, when a test wants a ready domain.
    if (ctx.publishDns) await ctx.api.control("POST", "/__local/dns/publish", { domain: inputs.domain });
    return { id, outputs: flattenDomain((await readDomain(ctx, id))!) };
  },
  read: async (ctx, id) => {
    const domain = await readDomain(ctx, id);
    return domain && flattenDomain(domain);
  },
  delete: async (ctx, state) => {
    await ctx.api.call("DELETE", `/api/v2/custom-domains/${encodeURIComponent(state.id)}`);
  },
};

/**
 * create re-POSTs /verify until the status is exactly `ready`, within the create timeout, then reads the domain
 * (resource_verification.go:56-98); on timeout the last "custom domain has status …" is the error
 * (retry.RetryContext returns the last retryable error). Its id is the domain's. Delete does nothing (100-102).
 */
export const verificationType: ResourceType = {
  inputs: ["customDomainId"],
  fields: { customDomainId: { forceNew: true } },
  resolve: (inputs, ctx) => ({ ...inputs, customDomainId: ctx.realId(inputs.customDomainId) }),
  async create(ctx, inputs, registration: Registration) {
    const timeoutMs = goDurationMs(registration.customTimeouts.create ?? VERIFY_TIMEOUT_DEFAULT) * ctx.timeScale;
    const path = `/api/v2/custom-domains/${encodeURIComponent(inputs.customDomainId)}/verify`;
    let attempt = 0;
    const id = await retryUntil(timeoutMs, async () => {
      const answer = (await ctx.api.call("POST", path)).json;
      if (answer.status === "ready") return { done: true, value: answer.custom_domain_id as string };
      attempt += 1;
      await ctx.onVerifyPending?.(attempt);
      return { done: false, error: `custom domain has status ${JSON.stringify(answer.status)}` };
    });
    const domain = await readDomain(ctx, id);
    return {
      id,
      outputs: { customDomainId: inputs.customDomainId, originDomainName: domain?.origin_domain_name ?? "" },
    };
  },
  read: async (ctx, id, inputs) => {
    const domain = await readDomain(ctx, id);
    return domain && { customDomainId: inputs.customDomainId, originDomainName: domain.origin_domain_name ?? "" };
  },
  delete: async () => undefined,
};
