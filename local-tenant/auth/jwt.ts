/**
 * RS256 JSON Web Tokens: just what the tenant needs to issue its own access tokens and check them again.
 */
import { createSign, createVerify } from "node:crypto";
import type { SigningKey } from "./keys";

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  scope: string;
  gty: string;
  azp: string;
}

/** Signs any claim set: Management API tokens here, id and access tokens for applications in oidc/. */
export function signJwt(claims: AccessTokenClaims | Record<string, unknown>, key: SigningKey): string {
  const header = { alg: "RS256", typ: "JWT", kid: key.kid };
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key.privateKey).toString("base64url");
  return `${input}.${signature}`;
}

export type VerifyResult =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: "malformed" | "signature" | "expired" | "claims" };

/** Checks shape, algorithm, signature, expiry, issuer and audience, in that order. */
export function verifyJwt(token: string, key: SigningKey, expected: { issuers: string[]; audiences: string[] }, nowSeconds: number): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: AccessTokenClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as AccessTokenClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (header.alg !== "RS256") return { ok: false, reason: "signature" };
  const valid = createVerify("RSA-SHA256").update(`${headerPart}.${payloadPart}`).verify(key.publicKey, Buffer.from(signaturePart, "base64url"));
  if (!valid) return { ok: false, reason: "signature" };
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) return { ok: false, reason: "expired" };
  if (!expected.issuers.includes(claims.iss) || !expected.audiences.includes(claims.aud)) return { ok: false, reason: "claims" };
  return { ok: true, claims };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
