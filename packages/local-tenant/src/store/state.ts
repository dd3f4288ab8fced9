/**
 * Everything the tenant remembers, as persisted in `<state>/tenant.json`.
 *
 * Records are kept close to Auth0's response shapes; the few things Auth0 never returns (secret values,
 * version lists of an action) live beside them and the views in management/ decide what a response shows.
 */
import type { Revisioned } from "./durable-store";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Trigger {
  id: string;
  version: string;
}

export interface Dependency {
  name: string;
  version: string;
  registry_url?: string;
}

export interface StoredSecret {
  name: string;
  /** Never returned by the API; kept so a later login feature can hand it to the Action. */
  value: string;
  updated_at: string;
}

/** pending → building → built | failed, as the provider polls it (retrying is a real-Auth0 transient we do not produce). */
export type ActionStatus = "pending" | "building" | "built" | "failed";

export interface ActionVersion {
  id: string;
  number: number;
  code: string;
  dependencies: Dependency[];
  secrets: Array<{ name: string; updated_at: string }>;
  runtime: string;
  supported_triggers: Trigger[];
  created_at: string;
  updated_at: string;
  built_at: string;
  deployed: boolean;
}

export interface ActionRecord {
  id: string;
  name: string;
  supported_triggers: Trigger[];
  created_at: string;
  updated_at: string;
  code: string;
  dependencies: Dependency[];
  runtime: string;
  status: ActionStatus;
  secrets: StoredSecret[];
  /** Oldest first; the last one is `current_version`. */
  versions: ActionVersion[];
  deployed_version_id: string | null;
  all_changes_deployed: boolean;
  /** Bumped on every change that starts a build, so a superseded build's timer does nothing. */
  build_generation: number;
}

export interface BindingRecord {
  id: string;
  trigger_id: string;
  action_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}

export interface CustomDomainRecord {
  custom_domain_id: string;
  domain: string;
  primary: boolean;
  is_default: boolean;
  status: "pending_verification" | "ready";
  type: "auth0_managed_certs" | "self_managed_certs";
  verification: { methods: Array<{ name: string; record: string; domain: string }> };
  custom_client_ip_header?: string | null;
  tls_policy?: string;
  domain_metadata?: Record<string, string>;
  created_at: string;
  relying_party_identifier?: string;
  origin_domain_name?: string;
}

/** A tenant log event (GET /api/v2/logs); `type` uses Auth0's event codes ("s", "f", "sapi", ...). */
export interface LogEvent {
  log_id: string;
  date: string;
  type: string;
  description?: string;
  [key: string]: Json | undefined;
}

export interface TenantState extends Revisioned {
  schema: 1;
  tenantSettings: JsonObject;
  branding: JsonObject;
  universalLoginTemplate: string | null;
  prompts: { universal_login_experience: string; identifier_first: boolean; webauthn_platform_first_factor: boolean };
  /** prompt → screen → insertion point → HTML. */
  partials: Record<string, Record<string, Record<string, string>>>;
  customDomains: CustomDomainRecord[];
  actions: ActionRecord[];
  /** trigger id → ordered bindings. */
  bindings: Record<string, BindingRecord[]>;
  logs: LogEvent[];
  /** Universal Login (login/): live sessions and open login transactions. */
  login: LoginState;
}

/** The session cookie mode, as `api.session.setCookieMode` and the tenant's `session_cookie.mode` name it. */
export type CookieMode = "persistent" | "non-persistent";

/**
 * A login session, in the shape of Auth0's session object (GET /api/v2/sessions/{id}) plus what the local tenant
 * needs to find it: the hash of the `auth0` cookie value (never the value itself). Dates are ISO 8601.
 */
export interface SessionRecord {
  id: string;
  cookie_hash: string;
  user_id: string;
  connection_id: string;
  clients: Array<{ client_id: string }>;
  created_at: string;
  updated_at: string;
  authenticated_at: string;
  last_interacted_at: string;
  /** Absolute expiry ("require log in after"). */
  expires_at: string;
  /** Inactivity expiry; reset on every interaction. */
  idle_expires_at: string;
  cookie: { mode: CookieMode };
  device: {
    initial_ip?: string;
    initial_asn?: string;
    initial_user_agent?: string;
    last_ip?: string;
    last_asn?: string;
    last_user_agent?: string;
  };
  authentication: { methods: Array<{ name: string; timestamp: string }> };
}

/** A login in progress: the /authorize request it answers and what the screens have collected so far. */
export interface LoginTransactionRecord {
  /** The `state` of the /u/login/* URLs (not the application's state). */
  id: string;
  created_at: string;
  expires_at: string;
  client_id: string;
  redirect_uri: string;
  /** The application's `state`, returned on the callback. */
  state?: string;
  organization_id?: string;
  /** The /authorize query, for event.request.query and event.transaction. */
  query: Record<string, string>;
  /** Decided when the transaction starts, from the prompts settings. */
  flow: "identifier-first" | "classic";
  identifier?: string;
  /** `ulp-` fields per screen, in the order the screens were first posted; a re-post replaces that screen's fields. */
  fields: Array<{ screen: string; values: Record<string, string> }>;
}

export interface LoginState {
  sessions: SessionRecord[];
  transactions: LoginTransactionRecord[];
}

/**
 * A new tenant's settings. Values mirror a real tenant's (the recordings), minus what identifies it; the
 * four lifetimes are Auth0's defaults in hours.
 */
export function defaultTenantSettings(): JsonObject {
  return {
    change_password: { enabled: false },
    default_directory: "",
    enabled_locales: ["en"],
    flags: {
      allow_changing_enable_sso: false,
      allow_legacy_delegation_grant_types: true,
      allow_legacy_ro_grant_types: true,
      allow_other_legacy_grant_types: true,
      disable_impersonation: true,
      enable_dynamic_client_registration: false,
      enable_sso: true,
      universal_login: true,
      revoke_refresh_token_grant: false,
      disable_clickjack_protection_headers: false,
    },
    friendly_name: "Local Tenant",
    guardian_mfa_page: { enabled: false },
    idle_session_lifetime: 72,
    ephemeral_session_lifetime: 72,
    idle_ephemeral_session_lifetime: 24,
    picture_url: "",
    sandbox_version: "22",
    session_lifetime: 168,
    oidc_logout: { rp_logout_end_session_endpoint_discovery: true },
    resource_parameter_profile: "audience",
    phone_consolidated_experience: false,
    client_id_metadata_document_supported: true,
    dynamic_client_registration_security_mode: "permissive",
  };
}

export function freshState(): TenantState {
  return {
    schema: 1,
    revision: 0,
    tenantSettings: defaultTenantSettings(),
    branding: {},
    universalLoginTemplate: null,
    prompts: { universal_login_experience: "new", identifier_first: false, webauthn_platform_first_factor: false },
    partials: {},
    customDomains: [],
    actions: [],
    bindings: {},
    logs: [],
    login: { sessions: [], transactions: [] },
  };
}

/** Reads a persisted file; fields added in later versions get their defaults so old state folders keep working. */
export function upgradeState(raw: unknown): TenantState {
  if (raw === null || typeof raw !== "object") throw new Error("tenant.json does not hold a JSON object");
  const loaded = raw as Partial<TenantState>;
  if (loaded.schema !== undefined && loaded.schema !== 1)
    throw new Error(`tenant.json has unknown schema ${String(loaded.schema)}`);
  return { ...freshState(), ...loaded, schema: 1 };
}
