/**
 * The parameters of an OAuth request to this area's own POST endpoints (/oauth/revoke, /oidc/logout): a form or
 * JSON body (Auth0 accepts both), with client credentials from HTTP Basic when the body has none (RFC 6749
 * §2.3.1), and the query for GETs.
 */
import type { Request } from "../http/router";
import type { GrantParams } from "../auth/token-endpoint";

export function requestParams(request: Request): GrantParams {
  const params: GrantParams = Object.fromEntries(request.query);
  const body = request.body;
  if (body.kind === "form") Object.assign(params, body.value);
  if (body.kind === "json" && body.value !== null && typeof body.value === "object" && !Array.isArray(body.value)) {
    for (const [key, value] of Object.entries(body.value as Record<string, unknown>))
      if (typeof value === "string") params[key] = value;
  }
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    params.client_id ??= decodeURIComponent(id ?? "");
    params.client_secret ??= decodeURIComponent(secret ?? "");
  }
  return params;
}
