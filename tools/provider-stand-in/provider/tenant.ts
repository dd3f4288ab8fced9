/**
 * auth0.Tenant and the `auth0.getTenant` data source, as terraform-provider-auth0 v1.53.0 handles them
 * (internal/auth0/tenant/) with go-auth0 v1.45.0 (management/tenant.go).
 *
 * create = update (resource.go:503-506, 552-571): PATCH the configured fields (expand.go:13-47), then PATCH null
 * every nullable field the config leaves unset, on a create, or that changed to unset (expand.go:274-294), then
 * GET (resource.go:508-517). The provider sleeps 800 ms between the two PATCHes; the stand-in does not. Delete
 * does nothing (resource.go:573-575).
 */
import { randomUUID } from "node:crypto";
import type { ProviderContext, ResourceType } from "./types";

type Json = Record<string, any>;

const LIFETIMES = [
  ["sessionLifetime", "session_lifetime", 168],
  ["idleSessionLifetime", "idle_session_lifetime", 72],
  ["ephemeralSessionLifetime", "ephemeral_session_lifetime", 72],
  ["idleEphemeralSessionLifetime", "idle_ephemeral_session_lifetime", 24],
] as const; // input, API field, flatten's default when the API omits it (resource.go:28-31, flatten.go:18-33)

/**
 * go-auth0's Tenant.MarshalJSON (tenant.go:229-296): a lifetime of one hour or more is sent rounded to whole
 * hours (1.5 h → 2), one under an hour as `<field>_in_minutes`, rounded to whole minutes.
 */
export function encodeLifetime(field: string, hours: number): Json {
  return hours < 1 ? { [`${field}_in_minutes`]: Math.round(hours * 60) } : { [field]: Math.round(hours) };
}

const mtlsIsNull = (mtls: Json | undefined) => mtls === undefined || mtls.disable === true; // expand.go:156-177
const errorPageIsNull = (page: Json | undefined) => !(page?.html || page?.showLogLink === true || page?.url); // expand.go:200-225
const quotaIsNull = (quota: Json | undefined) =>
  // expand.go:296-366
  ![quota?.clients, quota?.organizations].some((q) => {
    const c = q?.clientCredentials;
    return c !== undefined && (c.enforce === true || c.perHour !== undefined || c.perDay !== undefined);
  });

/** The first PATCH: only configured fields; the three blocks only on a create or when they changed. */
export function expandTenant(inputs: Json, isNew: boolean, changed: ReadonlySet<string>): Json {
  const body: Json = {};
  const touched = (field: string) => isNew || changed.has(field);
  if (inputs.defaultRedirectionUri !== undefined) body.default_redirection_uri = inputs.defaultRedirectionUri;
  for (const [input, field] of LIFETIMES)
    if (inputs[input] !== undefined) Object.assign(body, encodeLifetime(field, inputs[input]));
  if (inputs.sessionCookie?.mode !== undefined) body.session_cookie = { mode: inputs.sessionCookie.mode };
  if (touched("mtls") && !mtlsIsNull(inputs.mtls) && inputs.mtls.enableEndpointAliases !== undefined) {
    body.mtls = { enable_endpoint_aliases: inputs.mtls.enableEndpointAliases };
  }
  if (touched("errorPage") && !errorPageIsNull(inputs.errorPage)) {
    const { html, showLogLink, url } = inputs.errorPage;
    body.error_page = defined({ html, show_log_link: showLogLink, url });
  }
  // expandDefaultTokenQuota (expand.go:251-272) sends a configured quota on every PATCH.
  if (inputs.defaultTokenQuota !== undefined) {
    const quota = defined({
      clients: expandQuota(inputs.defaultTokenQuota.clients),
      organizations: expandQuota(inputs.defaultTokenQuota.organizations),
    });
    if (Object.keys(quota).length > 0) body.default_token_quota = quota;
  }
  // value.BoolPtr(data.Get(...)) (expand.go:42): "true"/"false" become booleans, anything else is not sent.
  const skip = inputs.skipNonVerifiableCallbackUriConfirmationPrompt;
  if (skip === "true" || skip === "false") body.skip_non_verifiable_callback_uri_confirmation_prompt = skip === "true";
  return body;
}

/** commons/token_quota.go:86-124. */
function expandQuota(quota: Json | undefined): Json | undefined {
  const c = quota?.clientCredentials;
  return c === undefined
    ? undefined
    : { client_credentials: defined({ enforce: c.enforce, per_hour: c.perHour, per_day: c.perDay }) };
}

/** The second PATCH (fetchNullableFields): Go marshals the map with its keys sorted. */
export function nullableFields(inputs: Json, isNew: boolean, changed: ReadonlySet<string>): Json {
  const touched = (field: string) => isNew || changed.has(field);
  const nulls: Json = {};
  // acr_values_supported is nulled only with disable_acr_values_supported set (expand.go:138-144): never here.
  if (touched("defaultTokenQuota") && quotaIsNull(inputs.defaultTokenQuota)) nulls.default_token_quota = null;
  if (touched("errorPage") && errorPageIsNull(inputs.errorPage)) nulls.error_page = null;
  if (touched("mtls") && mtlsIsNull(inputs.mtls)) nulls.mtls = null;
  if (
    touched("skipNonVerifiableCallbackUriConfirmationPrompt") &&
    inputs.skipNonVerifiableCallbackUriConfirmationPrompt === undefined
  ) {
    nulls.skip_non_verifiable_callback_uri_confirmation_prompt = null; // expand.go:368-379
  }
  return nulls;
}

/** flattenTenant (flatten.go:13-79) for the fields these tests look at, in the resource's input shape. */
export function flattenTenant(settings: Json): Json {
  const state: Json = {};
  for (const [input, field, fallback] of LIFETIMES) state[input] = settings[field] ?? fallback;
  state.sessionCookie = { mode: settings.session_cookie?.mode ?? "" };
  state.defaultRedirectionUri = settings.default_redirection_uri ?? "";
  const page = settings.error_page;
  state.errorPage = page
    ? { html: page.html ?? "", showLogLink: page.show_log_link ?? false, url: page.url ?? "" }
    : undefined;
  state.mtls = settings.mtls
    ? { enableEndpointAliases: settings.mtls.enable_endpoint_aliases ?? false }
    : { disable: true };
  const quota = settings.default_token_quota;
  state.defaultTokenQuota = quota
    ? defined({ clients: flattenQuota(quota.clients), organizations: flattenQuota(quota.organizations) })
    : undefined;
  const skip = settings.skip_non_verifiable_callback_uri_confirmation_prompt;
  state.skipNonVerifiableCallbackUriConfirmationPrompt = skip === undefined || skip === null ? "null" : String(skip);
  return state;
}

/** commons/token_quota.go:59-84: `per_hour` / `per_day` only when the API has them. */
function flattenQuota(quota: Json | undefined): Json | undefined {
  const c = quota?.client_credentials;
  return c
    ? { clientCredentials: defined({ enforce: c.enforce ?? false, perHour: c.per_hour, perDay: c.per_day }) }
    : undefined;
}

/**
 * What `auth0.getTenant` returns (tenant/data_source.go:43-65: flattenTenant into the data source's schema):
 * blocks are lists, and like every SDKv2 state an unset field inside a block reads as its zero value (0, "",
 * false), not as absent.
 */
export function tenantAsRead(settings: Json): Json {
  const state = flattenTenant(settings);
  const zeroQuota = (q: Json | undefined) =>
    q
      ? [
          {
            clientCredentials: [
              {
                enforce: q.clientCredentials.enforce,
                perHour: q.clientCredentials.perHour ?? 0,
                perDay: q.clientCredentials.perDay ?? 0,
              },
            ],
          },
        ]
      : [];
  return {
    id: "tenant-data-source",
    sessionLifetime: state.sessionLifetime,
    idleSessionLifetime: state.idleSessionLifetime,
    ephemeralSessionLifetime: state.ephemeralSessionLifetime,
    idleEphemeralSessionLifetime: state.idleEphemeralSessionLifetime,
    sessionCookies: [state.sessionCookie],
    defaultRedirectionUri: state.defaultRedirectionUri,
    errorPages: state.errorPage ? [state.errorPage] : [],
    mtls: [{ disable: state.mtls.disable ?? false, enableEndpointAliases: state.mtls.enableEndpointAliases ?? false }],
    defaultTokenQuotas: state.defaultTokenQuota
      ? [
          {
            clients: zeroQuota(state.defaultTokenQuota.clients),
            organizations: zeroQuota(state.defaultTokenQuota.organizations),
          },
        ]
      : [],
    skipNonVerifiableCallbackUriConfirmationPrompt: state.skipNonVerifiableCallbackUriConfirmationPrompt,
  };
}

async function writeTenant(
  ctx: ProviderContext,
  inputs: Json,
  isNew: boolean,
  changed: ReadonlySet<string>,
): Promise<Json> {
  await ctx.api.call("PATCH", "/api/v2/tenants/settings", expandTenant(inputs, isNew, changed));
  const nulls = nullableFields(inputs, isNew, changed);
  if (Object.keys(nulls).length > 0) await ctx.api.call("PATCH", "/api/v2/tenants/settings", nulls);
  return flattenTenant((await ctx.api.call("GET", "/api/v2/tenants/settings")).json);
}

export const tenantType: ResourceType = {
  inputs: [
    ...LIFETIMES.map(([input]) => input),
    "sessionCookie",
    "defaultRedirectionUri",
    "errorPage",
    "mtls",
    "defaultTokenQuota",
    "skipNonVerifiableCallbackUriConfirmationPrompt",
  ],
  // resource.go: lifetimes, session_cookie and mtls are Optional+Computed; the other four only Optional, and
  // the skip flag's DiffSuppressFunc treats a stored "null" and an unset input as equal (:465-467).
  fields: {
    ...Object.fromEntries(LIFETIMES.map(([input]) => [input, { computed: true }])),
    sessionCookie: { computed: true },
    mtls: { computed: true },
    defaultRedirectionUri: {},
    errorPage: {},
    defaultTokenQuota: {},
    skipNonVerifiableCallbackUriConfirmationPrompt: {
      suppress: (stored, configured) =>
        (stored === "null" && (configured === undefined || configured === "")) || stored === configured,
    },
  },
  // createTenant sets a random id (id.UniqueId()) and runs the update.
  create: async (ctx, inputs) => ({ id: randomUUID(), outputs: await writeTenant(ctx, inputs, true, new Set()) }),
  read: async (ctx) => flattenTenant((await ctx.api.call("GET", "/api/v2/tenants/settings")).json),
  update: (ctx, _state, inputs, changed) => writeTenant(ctx, inputs, false, changed),
  delete: async () => undefined,
};

export function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
