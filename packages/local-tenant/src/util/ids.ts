/**
 * Identifier formats copied from the recordings, so that anything that pattern-matches Auth0 ids (the
 * provider's importers, log readers) accepts the local ones.
 */
import { randomBytes, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** Custom domains: "cd_WnMYNzbzlAEewTHL". */
export function customDomainId(): string {
  return `cd_${randomAlphanumeric(16)}`;
}

/** Actions, action versions and trigger bindings are UUIDs. */
export function uuid(): string {
  return randomUUID();
}

let logCounter = 0;

/**
 * Tenant log ids are 56 digits in Auth0 ("900" + a time prefix + a sequence). They only need to be unique
 * and increase with time so `from=<log_id>` checkpoint paging works.
 */
export function logId(date: Date = new Date()): string {
  logCounter = (logCounter + 1) % 1_000_000;
  const stamp = date.toISOString().replace(/\D/g, "").slice(0, 17); // yyyymmddhhmmssSSS
  const tail = `${randomBytes(8).readBigUInt64BE() % 10n ** 18n}`.padStart(18, "0");
  return `900${stamp}${String(logCounter).padStart(6, "0")}${tail}`.padEnd(56, "0").slice(0, 56);
}
