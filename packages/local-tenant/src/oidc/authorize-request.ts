/**
 * The OpenID Connect parameters of GET /authorize that login/routes/authorize.ts leaves to this area, checked once the
 * client and its redirect_uri are known (so errors can go back to the application):
 *
 * - response_mode: query, fragment, form_post or web_message (response.ts);
 * - web_message needs the redirect_uri's origin among the application's Allowed Web Origins: Auth0 answers
 *   invalid_request "The specified redirect_uri '<uri>' does not have a registered origin." (its wording as
 *   reported by Auth0 users);
 * - PKCE (RFC 7636 §4.3): code_challenge_method S256 or plain (plain when absent, §4.3), and a code_challenge of
 *   43 to 128 unreserved characters (§4.2);
 * - audience: a seeded API (resource server), else access_denied "Service not found: <audience>", the wording
 *   Auth0's /oauth/token uses for an unknown audience (auth/token-endpoint.ts).
 */
import type { Directory } from "../session/directory";
import type { SeedApplication } from "../session/seed";
import { CODE_CHALLENGE_METHODS } from "./discovery";
import { RESPONSE_MODES } from "./response";

export interface AuthorizeProblem {
  error: string;
  description: string;
}

const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function checkAuthorizeRequest(
  directory: Directory,
  application: SeedApplication,
  query: Record<string, string>,
  redirectUri: string,
): AuthorizeProblem | undefined {
  const mode = query.response_mode;
  if (mode !== undefined && !(RESPONSE_MODES as readonly string[]).includes(mode)) {
    return { error: "invalid_request", description: `Unsupported response_mode: ${mode}` };
  }
  if (mode === "web_message" && !directory.webOrigins(application).includes(new URL(redirectUri).origin)) {
    return {
      error: "invalid_request",
      description: `The specified redirect_uri '${redirectUri}' does not have a registered origin.`,
    };
  }
  const method = query.code_challenge_method;
  if (method !== undefined && !(CODE_CHALLENGE_METHODS as readonly string[]).includes(method)) {
    return { error: "invalid_request", description: `Unsupported code_challenge_method: ${method}` };
  }
  if (query.code_challenge !== undefined && !CODE_CHALLENGE.test(query.code_challenge)) {
    return {
      error: "invalid_request",
      description: "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
    };
  }
  if (method !== undefined && query.code_challenge === undefined) {
    return { error: "invalid_request", description: "code_challenge_method without code_challenge" };
  }
  if (query.audience !== undefined && query.audience !== "" && !directory.resourceServer(query.audience)) {
    return { error: "access_denied", description: `Service not found: ${query.audience}` };
  }
  return undefined;
}
