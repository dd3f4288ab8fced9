/**
 * Cross-origin access for browser applications (a SPA exchanging its code with fetch, reading /userinfo).
 *
 * An origin may call the tenant when it is one of an application's Allowed Web Origins or the origin of one of its
 * callback URLs (Auth0 dashboard, application settings, "Allowed Origins (CORS)": "By default, all your callback
 * URLs will be allowed"). The answer names that origin (never `*`, the token response is per client) and varies on
 * Origin. Preflights carry no client_id, so they are allowed for an origin any application allows; the request
 * itself is then checked against its own application. Discovery and the JWKS are public: `*`.
 */
import type { Reply, Request } from "../http/router";
import type { Directory } from "../session/directory";
import type { SeedApplication } from "../session/seed";

export const PUBLIC_CORS = { "Access-Control-Allow-Origin": "*" };

export function allowedOrigins(directory: Directory, application: SeedApplication): string[] {
  const fromCallbacks = directory
    .callbackUrls(application)
    .flatMap((url) => (URL.canParse(url) ? [new URL(url).origin] : []));
  return [...directory.webOrigins(application), ...fromCallbacks];
}

/** CORS headers for a request from `origin` on behalf of `application` (or of any application when unknown). */
export function corsHeaders(
  directory: Directory,
  request: Request,
  application?: SeedApplication,
): Record<string, string> {
  const origin = header(request, "origin");
  if (origin === undefined) return {};
  const candidates = application ? [application] : directory.applications();
  if (!candidates.some((app) => allowedOrigins(directory, app).includes(origin))) return {};
  return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}

/** The answer to a CORS preflight (OPTIONS) for a POST or GET endpoint. */
export function preflight(directory: Directory, request: Request, methods: string): Reply {
  const allowed = corsHeaders(directory, request);
  if (!allowed["Access-Control-Allow-Origin"]) return { status: 204 };
  const requested = header(request, "access-control-request-headers");
  return {
    status: 204,
    headers: {
      ...allowed,
      "Access-Control-Allow-Methods": methods,
      ...(requested !== undefined ? { "Access-Control-Allow-Headers": requested } : {}),
      "Access-Control-Max-Age": "86400",
    },
  };
}

export function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}
