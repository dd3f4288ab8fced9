/**
 * GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §4): the provider metadata, field for field
 * in the order a real Auth0 tenant publishes it (a tenant's document as quoted in public OIDC client test data),
 * for the host the client asked (see issuerFor).
 *
 * Differences, on purpose: the endpoints this tenant does not serve are left out rather than advertised
 * (device_authorization_endpoint, mfa_challenge_endpoint, registration_endpoint), and the lists say what is served:
 * response type `code` only, PKCE S256 and plain, client authentication by secret (basic or post; public clients,
 * method "none", are served without being listed, as on Auth0), the claims the tokens here carry.
 * `end_session_endpoint` (/oidc/logout) is published while the tenant setting
 * oidc_logout.rp_logout_end_session_endpoint_discovery is true (Auth0's default for new tenants), as on Auth0.
 */
import type { JsonObject } from "../store/state";
import { OIDC_SCOPES } from "./tokens";

/** The response modes Auth0 lists; it serves web_message as well without listing it (and so does this tenant). */
export const ADVERTISED_RESPONSE_MODES = ["query", "fragment", "form_post"] as const;
export const CODE_CHALLENGE_METHODS = ["S256", "plain"] as const;
export const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;

export function discoveryDocument(issuer: string, settings: JsonObject): Record<string, unknown> {
  const base = issuer.replace(/\/$/, "");
  const endSession =
    (settings.oidc_logout as { rp_logout_end_session_endpoint_discovery?: unknown } | undefined)
      ?.rp_logout_end_session_endpoint_discovery === true;
  return {
    issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    revocation_endpoint: `${base}/oauth/revoke`,
    scopes_supported: [...OIDC_SCOPES],
    response_types_supported: ["code"],
    code_challenge_methods_supported: [...CODE_CHALLENGE_METHODS],
    response_modes_supported: [...ADVERTISED_RESPONSE_MODES],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    claims_supported: [
      "aud",
      "auth_time",
      "email",
      "email_verified",
      "exp",
      "iat",
      "iss",
      "name",
      "nickname",
      "picture",
      "sub",
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    ...(endSession ? { end_session_endpoint: `${base}/oidc/logout` } : {}),
  };
}
