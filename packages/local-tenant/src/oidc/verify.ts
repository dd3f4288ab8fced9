/**
 * Checking tokens this tenant issued to applications: access tokens at /userinfo, id tokens given as
 * /oidc/logout's id_token_hint. Only RS256 with the tenant key is accepted (the only algorithm it signs with);
 * expiry and audience are the caller's business, since an expired id_token_hint is still a valid hint
 * (OpenID Connect RP-Initiated Logout 1.0 §2: "The OP need not be listed as an audience ... SHOULD accept ...
 * even when the exp time has passed").
 */
import { createVerify } from "node:crypto";
import type { SigningKey } from "../auth/keys";

export type Claims = Record<string, unknown>;

export function verifiedClaims(token: string, key: SigningKey): Claims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown }).alg;
    if (alg !== "RS256") return undefined;
    const valid = createVerify("RSA-SHA256")
      .update(`${header}.${payload}`)
      .verify(key.publicKey, Buffer.from(signature, "base64url"));
    if (!valid) return undefined;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return claims !== null && typeof claims === "object" && !Array.isArray(claims) ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

export function audiences(claims: Claims): string[] {
  const aud = claims.aud;
  if (typeof aud === "string") return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [];
}
