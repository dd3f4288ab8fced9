/**
 * `POST /oauth/token`: the client-credentials grant the provider uses to get its Management API token.
 * Errors follow Auth0's Authentication API (`{error, error_description}`), not the Management API shape.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { ParsedBody } from "../http/body";
import type { Reply, Request, Router } from "../http/router";
import type { ClientCredentials } from "./keys";
import { MANAGEMENT_SCOPES } from "./scopes";
import { DEFAULT_TOKEN_SECONDS, type TokenIssuer } from "./token-issuer";

/** The form or JSON fields of a token request. */
export type GrantParams = Record<string, string | undefined>;

/** Grant types other areas answer at /oauth/token, by grant_type (oidc/: authorization_code). */
export type ExtraGrants = Record<string, (request: Request, params: GrantParams) => Reply | Promise<Reply>>;

export function registerTokenEndpoint(
  router: Router,
  issuer: TokenIssuer,
  client: ClientCredentials,
  hosts: () => string[],
  grants: ExtraGrants = {},
): void {
  router.add("POST", "/oauth/token", {}, (request) => {
    const params = fields(request.body);
    if (params.grant_type === undefined)
      return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
    if (params.grant_type !== "client_credentials" && !Object.hasOwn(grants, params.grant_type)) {
      return oauthError(403, "unauthorized_client", `Grant type '${params.grant_type}' not allowed for the client.`);
    }
    // Auth0 also accepts HTTP Basic client authentication.
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    if (basic) {
      const [id, secret] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
      params.client_id ??= decodeURIComponent(id ?? "");
      params.client_secret ??= decodeURIComponent(secret ?? "");
    }
    // The application grants (authorization_code) are OpenID Connect's: oidc/token.ts.
    if (params.grant_type !== "client_credentials") return grants[params.grant_type](request, params);
    if (params.client_id !== client.client_id || !sameSecret(params.client_secret, client.client_secret)) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    const audience = params.audience;
    const host = hosts().find((h) => audience === `https://${h}/api/v2/`);
    if (audience === undefined || host === undefined) {
      return oauthError(403, "access_denied", `Service not found: ${audience ?? ""}`);
    }
    // A requested scope narrows the grant (never widens it), as on Auth0.
    const granted: readonly string[] = MANAGEMENT_SCOPES;
    const scopes =
      params.scope === undefined ? [...granted] : params.scope.split(" ").filter((scope) => granted.includes(scope));
    const { token } = issuer.mint({ scopes, host });
    return {
      status: 200,
      body: { access_token: token, scope: scopes.join(" "), expires_in: DEFAULT_TOKEN_SECONDS, token_type: "Bearer" },
      headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    };
  });
}

/** The string parameters of the body, in a null-prototype object (names come from the request). */
function fields(body: ParsedBody): GrantParams {
  const out = Object.create(null) as GrantParams;
  const source =
    body.kind === "form" ||
    (body.kind === "json" && body.value !== null && typeof body.value === "object" && !Array.isArray(body.value))
      ? (body.value as Record<string, unknown>)
      : {};
  for (const [k, v] of Object.entries(source)) if (typeof v === "string") out[k] = v;
  return out;
}

function oauthError(status: number, error: string, description: string) {
  return { status, body: { error, error_description: description } };
}

/** Constant-time comparison, so the time a wrong secret takes to refuse says nothing about the right one. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = createHash("sha256")
    .update(given ?? "")
    .digest();
  const b = createHash("sha256").update(expected).digest();
  return given !== undefined && timingSafeEqual(a, b);
}
