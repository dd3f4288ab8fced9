/**
 * One read of everything adopt and audit look at, through the official Management API SDK, GET only.
 *
 * Each object is read with one request (lists page by page, 100 to a page, stopping on the answer's `total`
 * instead of asking for an empty page after the last, which the SDK's own iterator would do:
 * node_modules/auth0/dist/cjs/management/api/resources/actions/client/Client.js `hasNextPage`). So a tenant with
 * up to 100 Actions and 100 bindings costs exactly 8 Management API calls plus one token request.
 */
import { ManagementClient } from "auth0";
import { LOGIN_SCREENS, POST_LOGIN_TRIGGER } from "../../auth0";
import { traffic, type Traffic } from "./fetch";

export interface Credentials {
  /** The tenant's host (and port), e.g. `kmsi-dev.eu.auth0.com` or `127.0.0.1:8443`. */
  domain: string;
  clientId: string;
  clientSecret: string;
}

export interface ReadOptions {
  /** Progress lines (what is being read), for stderr. */
  log?: (line: string) => void;
  /** PEM of an extra CA to trust for this tenant (tests; the CLI uses NODE_EXTRA_CA_CERTS). */
  ca?: string;
}

export interface TenantSettings {
  /** Hours, as the Management API holds them; undefined when the tenant does not report the field. */
  sessionLifetime?: number;
  idleSessionLifetime?: number;
  ephemeralSessionLifetime?: number;
  idleEphemeralSessionLifetime?: number;
  /** `session_cookie.mode`; undefined when unset (Auth0 then uses persistent cookies). */
  cookieMode?: string;
}

export interface CustomDomainInfo {
  id: string;
  domain: string;
  /** `auth0_managed_certs` or `self_managed_certs`. */
  type: string;
  status: string;
  /** `certificate.status` when the API reports one (Auth0-managed certificates once verified). */
  certificateStatus?: string;
}

export interface ActionInfo {
  id: string;
  name: string;
  triggers: string[];
  runtime: string;
  /** The draft code (what the next deploy would deploy). */
  code: string;
  allChangesDeployed: boolean;
  deployedVersion?: number;
  secrets: { name: string; updatedAt?: string }[];
}

export interface BindingInfo {
  actionId: string;
  actionName: string;
  displayName: string;
}

/** The prompts that can carry our checkbox: one per login flow. */
export const CHECKBOX_PROMPTS = [...new Set(Object.values(LOGIN_SCREENS).map((s) => s.prompt))];
export type CheckboxPrompt = (typeof CHECKBOX_PROMPTS)[number];

export interface TenantSnapshot {
  domain: string;
  settings: TenantSettings;
  customDomains: CustomDomainInfo[];
  prompts: { experience?: string; identifierFirst?: boolean };
  /** Prompt → screen → insertion point → HTML, for the prompts that can carry the checkbox. */
  partials: Record<CheckboxPrompt, Record<string, Record<string, string>>>;
  /** The Universal Login page template, or null when the tenant has none. */
  template: string | null;
  actions: ActionInfo[];
  /** The post-login trigger's bindings, in order. */
  postLogin: BindingInfo[];
  /** Requests made: Management API calls and token requests. */
  calls: { management: number; token: number };
}

const PER_PAGE = 100;
/** The trigger our Actions are bound to (auth0/names.ts). */
export const POST_LOGIN = POST_LOGIN_TRIGGER.id;

export async function readTenant(credentials: Credentials, options: ReadOptions = {}): Promise<TenantSnapshot> {
  const log = options.log ?? (() => undefined);
  const net: Traffic = traffic({ ca: options.ca, onRequest: (line) => log(`  ${line}`) });
  const client = new ManagementClient({
    domain: credentials.domain,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    fetch: net.fetch,
    telemetry: false,
  });

  log(`reading tenant settings of ${credentials.domain}`);
  const settings = await client.tenants.settings.get();
  log("reading custom domains");
  const domains = await client.customDomains.list();
  log("reading prompt settings");
  const prompts = await client.prompts.getSettings();
  const partials = {} as TenantSnapshot["partials"];
  for (const prompt of CHECKBOX_PROMPTS) {
    log(`reading the partials of prompt ${prompt}`);
    partials[prompt] = ((await client.prompts.partials.get(prompt)) ?? {}) as Record<string, Record<string, string>>;
  }
  log("reading the Universal Login page template");
  const template = await readTemplate(client);
  log("reading Actions");
  const actions = await readAllPages(async (page) => {
    const answer = (await client.actions.list({ page, per_page: PER_PAGE })).response;
    return { items: answer.actions ?? [], total: answer.total };
  });
  log(`reading the ${POST_LOGIN} bindings`);
  const bindings = await readAllPages(async (page) => {
    const answer = (await client.actions.triggers.bindings.list(POST_LOGIN, { page, per_page: PER_PAGE })).response;
    // Auth0 leaves `total` out when there is no binding (packages/local-tenant/src/management/bindings.ts, from the recordings).
    return { items: answer.bindings ?? [], total: answer.total ?? 0 };
  });

  return {
    domain: credentials.domain,
    settings: {
      sessionLifetime: settings.session_lifetime,
      idleSessionLifetime: settings.idle_session_lifetime,
      ephemeralSessionLifetime: settings.ephemeral_session_lifetime,
      idleEphemeralSessionLifetime: settings.idle_ephemeral_session_lifetime,
      cookieMode: settings.session_cookie?.mode,
    },
    customDomains: domains.map((d) => ({
      id: d.custom_domain_id,
      domain: d.domain,
      type: d.type,
      status: d.status,
      certificateStatus: d.certificate?.status,
    })),
    prompts: { experience: prompts.universal_login_experience, identifierFirst: prompts.identifier_first },
    partials,
    template,
    actions: actions.map((a) => ({
      id: a.id ?? "",
      name: a.name ?? "",
      triggers: (a.supported_triggers ?? []).map((t) => t.id),
      runtime: a.runtime ?? "",
      code: a.code ?? "",
      allChangesDeployed: a.all_changes_deployed === true,
      deployedVersion: a.deployed_version?.number,
      secrets: (a.secrets ?? []).map((s) => ({ name: s.name ?? "", updatedAt: s.updated_at })),
    })),
    postLogin: bindings.map((b) => ({
      actionId: b.action?.id ?? "",
      actionName: b.action?.name ?? "",
      displayName: b.display_name ?? b.action?.name ?? "",
    })),
    calls: { management: net.managementCalls, token: net.tokenCalls },
  };
}

/** No template is a 404 (`inexistent_templates_universal_login`, recorded in TestAccBranding.yaml). */
async function readTemplate(client: ManagementClient): Promise<string | null> {
  try {
    const answer = await client.branding.templates.getUniversalLogin();
    const body = typeof answer === "string" ? answer : answer.body;
    return typeof body === "string" ? body : null;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/** Pages until `total` items are in: ceil(total / 100) requests, at least one. */
async function readAllPages<T>(read: (page: number) => Promise<{ items: T[]; total?: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; ; page++) {
    const { items, total } = await read(page);
    all.push(...items);
    if (items.length < PER_PAGE || total === undefined || all.length >= total) return all;
  }
}
