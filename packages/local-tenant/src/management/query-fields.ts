/**
 * `fields` and `include_fields` on the Management API reads this project uses (Auth0 Management API v2 docs and
 * the auth0 SDK 7.1.0's GetTenantSettingsRequestParameters, ListCustomDomainsRequestParameters,
 * ListLogsRequestParameters): "Comma-separated list of fields to include or exclude (based on value provided for
 * include_fields) in the result. Leave empty to retrieve all fields." include_fields defaults to true.
 *
 * The projection is applied after a route's own logic, to each object it answers (each element of a list, each
 * entry of `logs` in the include_totals shape); names that are not fields are simply absent. A non-boolean
 * include_fields is refused with Auth0's query validation error.
 */
import { invalidQuery } from "../http/errors";
import type { Handler, Router } from "../http/router";

/** Routes that honour `fields`; `list` names the array inside an object answer (include_totals). */
const PROJECTED: ReadonlyArray<{ path: string; list?: string }> = [
  { path: "/api/v2/tenants/settings" },
  { path: "/api/v2/custom-domains" },
  { path: "/api/v2/logs", list: "logs" },
];

export function registerFieldsProjection(router: Router): void {
  for (const { path, list } of PROJECTED) router.wrap("GET", path, (inner) => project(inner, list));
}

/** A boolean query parameter ("true" / "false"), undefined when absent; anything else is Auth0's 400. */
export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw invalidQuery("Expected type boolean but found type string", name);
}

function project(inner: Handler, list: string | undefined): Handler {
  return async (request) => {
    const include = queryBoolean(request.query, "include_fields") ?? true;
    const fields = (request.query.get("fields") ?? "")
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean);
    const reply = await inner(request);
    if (fields.length === 0 || reply.status !== 200) return reply;
    const pick = (item: unknown): unknown => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
      return Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key) === include));
    };
    const body = reply.body;
    if (Array.isArray(body)) return { ...reply, body: body.map(pick) };
    if (
      list !== undefined &&
      body !== null &&
      typeof body === "object" &&
      Array.isArray((body as Record<string, unknown>)[list])
    ) {
      return {
        ...reply,
        body: {
          ...(body as Record<string, unknown>),
          [list]: ((body as Record<string, unknown>)[list] as unknown[]).map(pick),
        },
      };
    }
    return { ...reply, body: pick(body) };
  };
}
