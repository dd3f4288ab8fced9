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
import type { Json, JsonObject } from "../store/state";
import { saved, type ManagementContext } from "./context";
import { asObject, expectEnum, expectNumber, objectBody, rejectUnknown, type Obj } from "./validation";

const IDLE_FIELDS = ["idle_session_lifetime", "idle_ephemeral_session_lifetime"] as const;
const ABSOLUTE_FIELDS = ["session_lifetime", "ephemeral_session_lifetime"] as const;
export const COOKIE_MODES = ["persistent", "non-persistent"] as const;

/**
 * Two quirks copied from the recordings: PATCH answers include these two flags while GET does not, and GET adds
 * the sandbox versions the tenant can pick.
 */
const PATCH_ONLY_FLAGS = { cannot_change_enforce_client_authentication_on_passwordless_start: true, enforce_client_authentication_on_passwordless_start: true };
const SANDBOX_VERSIONS_AVAILABLE = ["22", "18"];

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
    body.flags = { ...asObject(body.flags ?? {}), ...PATCH_ONLY_FLAGS } as JsonObject;
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
  const patch = { ...body } as JsonObject;
  // The *_in_minutes variants set the same lifetimes; they are stored (and answered) in hours.
  for (const field of [...IDLE_FIELDS, ...ABSOLUTE_FIELDS]) {
    const minutesKey = `${field}_in_minutes`;
    if (minutesKey in patch) {
      const minutes = expectNumber(patch[minutesKey], minutesKey, { minimum: 1 });
      delete patch[minutesKey];
      patch[field] = minutes / 60;
    }
  }
  const limits = sessionLimits(context.plan);
  for (const field of IDLE_FIELDS) {
    if (field in patch) expectNumber(patch[field], field, { minimum: limits.minHours, maximum: limits.maxIdleHours });
  }
  for (const field of ABSOLUTE_FIELDS) {
    if (field in patch) expectNumber(patch[field], field, { minimum: limits.minHours, maximum: limits.maxAbsoluteHours });
  }
  if ("session_cookie" in patch && patch.session_cookie !== null) {
    const cookie = asObject(patch.session_cookie, "session_cookie");
    rejectUnknown(cookie, ["mode"], "session_cookie");
    expectEnum(cookie.mode, COOKIE_MODES, "session_cookie.mode");
  }
  if ("flags" in patch) asObject(patch.flags, "flags");
  if ("universal_login" in patch && patch.universal_login !== null) {
    const universalLogin = asObject(patch.universal_login, "universal_login");
    rejectUnknown(universalLogin, ["colors"], "universal_login");
  }
  // A read-only field Auth0 computes and refuses on writes.
  rejectUnknown(patch, Object.keys(patch).filter((key) => key !== "sandbox_versions_available"));
  return patch;
}

function applyPatch(settings: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || (key === "default_redirection_uri" && value === "")) {
      delete settings[key];
    } else if (key === "flags") {
      const flags = { ...asObject(settings.flags ?? {}) } as JsonObject;
      for (const [flag, on] of Object.entries(value as JsonObject)) {
        if (on === null) delete flags[flag];
        else flags[flag] = on as Json;
      }
      settings.flags = flags;
    } else {
      settings[key] = value;
    }
  }
}
