/**
 * Authorization codes (OAuth 2.0, RFC 6749 §4.1.2): issued on the redirect back to the application, exchanged
 * once at POST /oauth/token.
 *
 * - single use: the first redemption removes the code, whatever its outcome (RFC 6749 §4.1.2 "MUST NOT be used
 *   more than once"); a second one answers invalid_grant "Invalid authorization code", as Auth0 does for any
 *   code it does not know (go-auth0 test/data/recordings/authentication/TestLoginWithAuthCode/
 *   Should_throw_for_an_invalid_code.yaml: 403 {"error":"invalid_grant","error_description":"Invalid authorization code"});
 * - short-lived: CODE_TTL_MS, the maximum RFC 6749 §4.1.2 recommends (10 minutes), measured in real time: the
 *   application exchanges the code at once, whatever the login clock of a test says;
 * - kept in memory only: a code outlives neither its 10 minutes nor a restart of the tenant, which matches how
 *   little an application can rely on one.
 */
import { randomBytes } from "node:crypto";

export const CODE_TTL_MS = 10 * 60 * 1000;

/** Everything the token endpoint needs to answer for the code: who logged in, for whom, and what was asked. */
export interface CodeGrant {
  client_id: string;
  redirect_uri: string;
  user_id: string;
  /** The Auth0 session (the id token's `sid`). */
  session_id: string;
  /** When the user authenticated (epoch seconds, login clock): the id token's `auth_time`. */
  auth_time: number;
  /** Requested scopes (space-separated in the request). */
  scope: string[];
  audience?: string;
  nonce?: string;
  code_challenge?: string;
  code_challenge_method?: "S256" | "plain";
  organization_id?: string;
}

export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant & { expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: CodeGrant): string {
    this.prune();
    // Auth0 codes are opaque url-safe strings; 32 characters like the ones in its logs.
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, { ...grant, expires: this.now() + CODE_TTL_MS });
    return code;
  }

  /** The grant of a live code, removing it: a code is good for one attempt only. */
  redeem(code: string): CodeGrant | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expires <= this.now()) return undefined;
    const { expires: _expires, ...grant } = entry;
    return grant;
  }

  private prune(): void {
    const now = this.now();
    for (const [code, entry] of this.codes) if (entry.expires <= now) this.codes.delete(code);
  }
}
