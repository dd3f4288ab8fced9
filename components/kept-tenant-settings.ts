/**
 * Tenant settings this stack does not manage, declared as the tenant holds them so that deploying never changes
 * them.
 *
 * Two things in the provider (terraform-provider-auth0 v1.53.0, internal/auth0/tenant/) make that necessary:
 * - After the settings PATCH of a create, a second PATCH sets every nullable field that the config leaves unset
 *   to null: `default_token_quota`, `error_page`, `mtls` and `skip_non_verifiable_callback_uri_confirmation_prompt`
 *   (resource.go:552-571 `updateTenant`, expand.go:274-294 `fetchNullableFields`; the null PATCH is in the
 *   recording TestAccTenant_Main.yaml). `protect` does not stop it. `acr_values_supported` is nulled only when
 *   `disable_acr_values_supported` is set (expand.go:138-144), so it needs nothing here.
 * - `default_redirection_uri` (since v1.52.0), `error_page`, `default_token_quota` and the skip flag are read back
 *   but not Computed (resource.go:309-314, 423-468; flatten.go:38, 58-60): a tenant holding one of them diffs on
 *   every preview unless the config declares it.
 *
 * So the program reads the tenant through the provider's own data source (`auth0.getTenant`) before it declares
 * anything, and TenantSessions passes these five through. Each is passed only when the tenant holds a value: the data source's marker for "unset" (below)
 * is never sent back as if it were a setting.
 */
import * as auth0 from "@pulumi/auth0";

/** What `auth0.getTenant` returns for the five settings (list-shaped blocks, as the data source has them). */
export type TenantAsRead = Pick<
  auth0.GetTenantResult,
  | "defaultRedirectionUri"
  | "errorPages"
  | "mtls"
  | "defaultTokenQuotas"
  | "skipNonVerifiableCallbackUriConfirmationPrompt"
>;

interface TokenQuota {
  clientCredentials: { enforce: boolean; perHour?: number; perDay?: number };
}

/** The same five as `auth0.Tenant` inputs (blocks of at most one item are objects there). */
export interface KeptTenantSettings {
  defaultRedirectionUri?: string;
  errorPage?: { html?: string; showLogLink: boolean; url?: string };
  mtls?: { enableEndpointAliases: boolean };
  defaultTokenQuota?: { clients?: TokenQuota; organizations?: TokenQuota };
  skipNonVerifiableCallbackUriConfirmationPrompt?: "true" | "false";
}

/**
 * The tenant's current values as `auth0.Tenant` inputs, mapped the way the provider's flatten (what the data
 * source returns) and expand (what the resource sends) pair up. Nested fields the data source leaves out are
 * read as the zero value flatten would have written.
 */
export function keptTenantSettings(tenant: TenantAsRead): KeptTenantSettings {
  const kept: KeptTenantSettings = {};

  // flatten.go:38 writes "" when the tenant has no Default Login Route.
  if (tenant.defaultRedirectionUri) kept.defaultRedirectionUri = tenant.defaultRedirectionUri;

  // flatten.go:168-180: no block when the tenant has no error page; "" and false for its missing fields.
  const errorPage = tenant.errorPages?.[0];
  if (errorPage) {
    const page = {
      html: errorPage.html || undefined,
      showLogLink: errorPage.showLogLink === true,
      url: errorPage.url || undefined,
    };
    // A page with neither HTML nor URL nor log link is one the provider nulls anyway (expand.go:200-225), and as
    // error_page is not Computed, declaring it would diff forever: it is left out, which is the same null.
    if (page.html !== undefined || page.url !== undefined || page.showLogLink) kept.errorPage = page;
  }

  // flatten.go:157-166: `{disable: true}` is the data source's marker for "no mTLS configuration".
  const mtls = tenant.mtls?.[0];
  if (mtls && mtls.disable !== true) kept.mtls = { enableEndpointAliases: mtls.enableEndpointAliases === true };

  // flatten.go:182-198 and commons/token_quota.go:59-84: `per_hour` / `per_day` only when set; the data source
  // answers an unset number as 0, which the provider itself refuses (IntBetween(1, …), commons/token_quota.go:39-50).
  const quota = tenant.defaultTokenQuotas?.[0];
  if (quota) {
    const one = (
      list: { clientCredentials: { enforce: boolean; perHour: number; perDay: number }[] }[] | undefined,
    ) => {
      const credentials = list?.[0]?.clientCredentials?.[0];
      if (!credentials) return undefined;
      return {
        clientCredentials: {
          enforce: credentials.enforce === true,
          perHour: credentials.perHour || undefined,
          perDay: credentials.perDay || undefined,
        },
      };
    };
    const declared = { clients: one(quota.clients), organizations: one(quota.organizations) };
    // Without an enforced quota or a limit the provider nulls the block (expand.go:296-366); not Computed, so it
    // is left out rather than declared and diffing forever.
    const meaningful = [declared.clients, declared.organizations].some(
      (q) =>
        q !== undefined &&
        (q.clientCredentials.enforce ||
          q.clientCredentials.perHour !== undefined ||
          q.clientCredentials.perDay !== undefined),
    );
    if (meaningful) {
      kept.defaultTokenQuota = {};
      if (declared.clients) kept.defaultTokenQuota.clients = declared.clients;
      if (declared.organizations) kept.defaultTokenQuota.organizations = declared.organizations;
    }
  }

  // flatten.go:60 (value.BoolPtrToString) writes "null" when the tenant has no value; the resource treats "null" in state and an unset
  // input as equal (resource.go:465-467).
  const skip = tenant.skipNonVerifiableCallbackUriConfirmationPrompt;
  if (skip === "true" || skip === "false") kept.skipNonVerifiableCallbackUriConfirmationPrompt = skip;

  return kept;
}

/** Reads the tenant with the provider's data source and keeps what it holds of the five. */
export async function readKeptTenantSettings(
  getTenant: () => Promise<TenantAsRead> = () => auth0.getTenant(),
): Promise<KeptTenantSettings> {
  return keptTenantSettings(await getTenant());
}
