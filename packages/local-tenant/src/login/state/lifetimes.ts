/**
 * Session lifetimes from the tenant settings, and the plan limits that cap what Actions may set.
 *
 * Which pair of tenant lifetimes applies is decided by the tenant's `session_cookie.mode`, not by the cookie
 * mode an Action picks for one session: Auth0's KMSI guide says setCookieMode "only controls how the session
 * cookie is delivered to the browser ... It does not change the backend session's expiration time", and that
 * longer lifetimes for trusted devices need setExpiresAt / setIdleExpiresAt. So on a non-persistent tenant a
 * session made persistent by an Action still has the ephemeral lifetimes until an Action extends them.
 */
import { sessionLimits, type Plan } from "../../plan";
import type { CookieMode, JsonObject } from "../../store/state";

const HOUR_MS = 3_600_000;

/** Auth0's defaults (hours), used when a setting is missing, as on a new tenant. */
const DEFAULT_HOURS = {
  session_lifetime: 168,
  idle_session_lifetime: 72,
  ephemeral_session_lifetime: 72,
  idle_ephemeral_session_lifetime: 24,
};

export interface Lifetimes {
  idleMs: number;
  absoluteMs: number;
}

/** The tenant's default cookie mode; Auth0's default is persistent. */
export function tenantCookieMode(settings: JsonObject): CookieMode {
  const mode = (settings.session_cookie as { mode?: unknown } | undefined)?.mode;
  return mode === "non-persistent" ? "non-persistent" : "persistent";
}

export function tenantLifetimes(settings: JsonObject): Lifetimes {
  const persistent = tenantCookieMode(settings) === "persistent";
  const hours = (key: keyof typeof DEFAULT_HOURS) => {
    const value = settings[key];
    return typeof value === "number" && value > 0 ? value : DEFAULT_HOURS[key];
  };
  return persistent
    ? {
        idleMs: Math.round(hours("idle_session_lifetime") * HOUR_MS),
        absoluteMs: Math.round(hours("session_lifetime") * HOUR_MS),
      }
    : {
        idleMs: Math.round(hours("idle_ephemeral_session_lifetime") * HOUR_MS),
        absoluteMs: Math.round(hours("ephemeral_session_lifetime") * HOUR_MS),
      };
}

/** The plan's session lifetime limits: what setExpiresAt / setIdleExpiresAt are capped at. */
export function planLimits(plan: Plan): Lifetimes {
  const limits = sessionLimits(plan);
  return { idleMs: limits.maxIdleHours * HOUR_MS, absoluteMs: limits.maxAbsoluteHours * HOUR_MS };
}
