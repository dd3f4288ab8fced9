/**
 * Password hashes for the seeded test users: scrypt, stored as `scrypt$N$r$p$<salt>$<hash>` (base64url), so the
 * seed file and the tenant never hold a password in clear and a hash records its own cost parameters.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when the hash is well-formed; seeds are checked with this at start, not at the first login. */
export function isPasswordHash(hash: string): boolean {
  return parse(hash) !== undefined;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, { N: parsed.n, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key);
}

function parse(hash: string): { n: number; r: number; p: number; salt: Buffer; key: Buffer } | undefined {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  // Bounds keep a malformed seed from asking scrypt for gigabytes.
  const ok =
    Number.isInteger(n) && n >= 2 && n <= 2 ** 20 && (n & (n - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  return ok && salt.length >= 8 && key.length >= 16 ? { n, r, p, salt, key } : undefined;
}
