/**
 * GET/PATCH /api/v2/tenants/settings.
 *
 * PATCH merges into the stored settings as the recordings show: top-level keys replace, `flags` merges key by
 * key, `null` removes a key, and an empty `default_redirection_uri` removes it. Session lifetimes are hours
 * (fractional allowed, also accepted as the *_in_minutes variants) bounded by the plan; the session cookie
 * mode is "persistent" or "non-persistent".
 */
import type { Router } from "../http/router";
import { sessionLimits } from "../plan";
import type { JsonObject } from "../store/state";
import { saved, type ManagementContext } from "./context";
import {
  asObject,
  expectArray,
  expectBoolean,
  expectEnum,
  expectNumber,
  expectString,
  objectBody,
  rejectUnknown,
  type Obj,
} from "./validation";

const IDLE_FIELDS = ["idle_session_lifetime", "idle_ephemeral_session_lifetime"] as const;
const ABSOLUTE_FIELDS = ["session_lifetime", "ephemeral_session_lifetime"] as const;
export const COOKIE_MODES = ["persistent", "non-persistent"] as const;

/**
 * Two quirks copied from the recordings: PATCH answers include these two flags while GET does not, and GET adds
 * the sandbox versions the tenant can pick.
 */
const PATCH_ONLY_FLAGS = {
  cannot_change_enforce_client_authentication_on_passwordless_start: true,
  enforce_client_authentication_on_passwordless_start: true,
};
const SANDBOX_VERSIONS_AVAILABLE = ["22", "18"];

type SettingType = "object" | "array" | "string" | "boolean" | "number";

/**
 * The settings a PATCH may carry, with their JSON types: the fields of go-auth0's `Tenant` (v1.45.0,
 * management/tenant.go:13-186, what the provider sends) and the `*_in_minutes` lifetimes it sends below one
 * hour (tenant.go:233-238). Anything else is refused as Auth0's schema refuses it ("Additional properties not
 * allowed"), including `sandbox_versions_available`, which Auth0 computes (GET only). `null` removes a setting.
 */
const SETTING_TYPES: Readonly<Record<string, SettingType>> = {
  change_password: "object",
  guardian_mfa_page: "object",
  default_audience: "string",
  default_directory: "string",
  error_page: "object",
  device_flow: "object",
  flags: "object",
  friendly_name: "string",
  picture_url: "string",
  support_email: "string",
  support_url: "string",
  universal_login: "object",
  allowed_logout_urls: "array",
  session_lifetime: "number",
  idle_session_lifetime: "number",
  ephemeral_session_lifetime: "number",
  idle_ephemeral_session_lifetime: "number",
  session_lifetime_in_minutes: "number",
  idle_session_lifetime_in_minutes: "number",
  ephemeral_session_lifetime_in_minutes: "number",
  idle_ephemeral_session_lifetime_in_minutes: "number",
  sandbox_version: "string",
  default_redirection_uri: "string",
  enabled_locales: "array",
  session_cookie: "object",
  sessions: "object",
  oidc_logout: "object",
  allow_organization_name_in_authentication_api: "boolean",
  customize_mfa_in_postlogin_action: "boolean",
  acr_values_supported: "array",
  mtls: "object",
  pushed_authorization_requests_supported: "boolean",
  default_token_quota: "object",
  skip_non_verifiable_callback_uri_confirmation_prompt: "boolean",
  phone_consolidated_experience: "boolean",
  client_id_metadata_document_supported: "boolean",
  resource_parameter_profile: "string",
  dynamic_client_registration_security_mode: "string",
  country_codes: "object",
};

export function registerTenantSettings(router: Router, context: ManagementContext): void {
  router.add("GET", "/api/v2/tenants/settings", { scope: "read:tenant_settings" }, () => ({
    status: 200,
    body: { ...view(context), sandbox_versions_available: SANDBOX_VERSIONS_AVAILABLE },
  }));

  router.add("PATCH", "/api/v2/tenants/settings", { scope: "update:tenant_settings" }, async (request) => {
    const patch = validate(objectBody(request), context);
    // Colors written through the tenant settings land where the branding endpoint reads them.
    if (patch.universal_login !== undefined) {
      const colors = (patch.universal_login as JsonObject | null)?.colors;
      if (colors === null || colors === undefined) delete context.store.state.branding.colors;
      else context.store.state.branding.colors = colors;
      delete patch.universal_login;
    }
    applyPatch(context.store.state.tenantSettings, patch);
    const body = view(context);
    body.flags = { ...asObject(body.flags ?? {}), ...PATCH_ONLY_FLAGS };
    return saved(context, { status: 200, body });
  });
}

/** The stored settings plus `universal_login.colors`, which Auth0 keeps in the same place as the branding colors. */
function view(context: ManagementContext): JsonObject {
  const settings = structuredClone(context.store.state.tenantSettings);
  const colors = context.store.state.branding.colors;
  if (colors !== undefined) settings.universal_login = { colors };
  return settings;
}

function validate(body: Obj, context: ManagementContext): JsonObject {
  // Unknown names first: nothing of a body that names an unknown setting is looked at or kept.
  rejectUnknown(body, Object.keys(SETTING_TYPES));
  for (const [key, value] of Object.entries(body)) if (value !== null) expectType(value, SETTING_TYPES[key], key);
  const patch = { ...body } as JsonObject;
  // The *_in_minutes variants set the same lifetimes; they are stored (and answered) in hours.
  for (const field of [...IDLE_FIELDS, ...ABSOLUTE_FIELDS]) {
    const minutesKey = `${field}_in_minutes`;
    if (Object.hasOwn(patch, minutesKey)) {
      const minutes = expectNumber(patch[minutesKey], minutesKey, { minimum: 1 });
      delete patch[minutesKey];
      patch[field] = minutes / 60;
    }
  }
  const limits = sessionLimits(context.plan);
  for (const field of IDLE_FIELDS) {
    if (Object.hasOwn(patch, field))
      expectNumber(patch[field], field, { minimum: limits.minHours, maximum: limits.maxIdleHours });
  }
  for (const field of ABSOLUTE_FIELDS) {
    if (Object.hasOwn(patch, field))
      expectNumber(patch[field], field, { minimum: limits.minHours, maximum: limits.maxAbsoluteHours });
  }
  if (Object.hasOwn(patch, "session_cookie") && patch.session_cookie !== null) {
    const cookie = asObject(patch.session_cookie, "session_cookie");
    rejectUnknown(cookie, ["mode"], "session_cookie");
    expectEnum(cookie.mode, COOKIE_MODES, "session_cookie.mode");
  }
  if (Object.hasOwn(patch, "flags")) {
    // Every flag is a boolean (go-auth0 management/tenant.go:330-427, TenantFlags); null removes one.
    for (const [flag, on] of Object.entries(asObject(patch.flags, "flags")))
      if (on !== null) expectBoolean(on, `flags.${flag}`);
  }
  if (Object.hasOwn(patch, "universal_login") && patch.universal_login !== null) {
    const universalLogin = asObject(patch.universal_login, "universal_login");
    rejectUnknown(universalLogin, ["colors"], "universal_login");
  }
  return patch;
}

function expectType(value: unknown, type: SettingType, key: string): void {
  if (type === "object") asObject(value, key);
  else if (type === "array") expectArray(value, key);
  else if (type === "string") expectString(value, key);
  else if (type === "boolean") expectBoolean(value, key);
  else expectNumber(value, key);
}

function applyPatch(settings: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || (key === "default_redirection_uri" && value === "")) {
      delete settings[key];
    } else if (key === "flags") {
      // Flag names come from the request: a null-prototype object keeps even "__proto__" an ordinary key.
      const flags = Object.assign(Object.create(null) as JsonObject, asObject(settings.flags ?? {}));
      for (const [flag, on] of Object.entries(value as JsonObject)) {
        if (on === null) delete flags[flag];
        else flags[flag] = on;
      }
      settings.flags = flags;
    } else {
      settings[key] = value;
    }
  }
}
