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
  { ok: true; claims: AccessTokenClaims } | { ok: false; reason: "malformed" | "signature" | "expired" | "claims" };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks shape, algorithm, signature, expiry, then the claims' types and values, in that order, and never
 * throws: whatever the token holds, the answer is one of the reasons above.
 *
 * - malformed: not three base64url parts, or a header or payload that is not a JSON object;
 * - signature: an algorithm other than RS256 (`none` included) or a signature the tenant's key did not make;
 * - expired: `exp` in the past;
 * - claims: `exp` missing or not a number, `nbf` in the future or not a number, `iss` or `aud` not this
 *   tenant's (an `aud` list must hold this tenant's audience and only strings), `scope` present but not a string.
 * A token without `scope` is valid and grants nothing (the route then answers 403).
 */
export function verifyJwt(
  token: string,
  key: SigningKey,
  expected: { issuers: string[]; audiences: string[] },
  nowSeconds: number,
): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeObject(headerPart);
  const payload = decodeObject(payloadPart);
  if (header === undefined || payload === undefined) return { ok: false, reason: "malformed" };
  if (header.alg !== "RS256" || !BASE64URL.test(signaturePart)) return { ok: false, reason: "signature" };
  if (!signatureMatches(`${headerPart}.${payloadPart}`, signaturePart, key)) return { ok: false, reason: "signature" };
  const { exp, nbf, iss, aud, scope } = payload;
  if (typeof exp !== "number" || !Number.isFinite(exp)) return { ok: false, reason: "claims" };
  if (exp <= nowSeconds) return { ok: false, reason: "expired" };
  if (nbf !== undefined && (typeof nbf !== "number" || !Number.isFinite(nbf) || nbf > nowSeconds))
    return { ok: false, reason: "claims" };
  if (typeof iss !== "string" || !expected.issuers.includes(iss)) return { ok: false, reason: "claims" };
  if (!audienceMatches(aud, expected.audiences)) return { ok: false, reason: "claims" };
  if (scope !== undefined && typeof scope !== "string") return { ok: false, reason: "claims" };
  const claims: AccessTokenClaims = {
    iss,
    sub: typeof payload.sub === "string" ? payload.sub : "",
    aud: expected.audiences.find((a) => a === aud || (Array.isArray(aud) && aud.includes(a)))!,
    iat: typeof payload.iat === "number" ? payload.iat : 0,
    exp,
    scope: scope ?? "",
    gty: typeof payload.gty === "string" ? payload.gty : "",
    azp: typeof payload.azp === "string" ? payload.azp : "",
  };
  return { ok: true, claims };
}

/** A base64url part holding a JSON object (not an array, null or a scalar), or undefined. */
function decodeObject(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function signatureMatches(input: string, signature: string, key: SigningKey): boolean {
  try {
    return createVerify("RSA-SHA256").update(input).verify(key.publicKey, Buffer.from(signature, "base64url"));
  } catch {
    return false;
  }
}

/** `aud` is one audience or a list of them (RFC 7519 §4.1.3); either way this tenant's must be there. */
function audienceMatches(aud: unknown, audiences: string[]): boolean {
  if (typeof aud === "string") return audiences.includes(aud);
  return (
    Array.isArray(aud) &&
    aud.length > 0 &&
    aud.every((a) => typeof a === "string") &&
    aud.some((a) => audiences.includes(a))
  );
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
