/**
 * What of a request may be written to the request log (GET /__local/requests is unauthenticated): the path and
 * query with every secret replaced by `[redacted]`.
 *
 * A secret is the value of a parameter whose name says so (client secrets and assertions, code verifiers and
 * codes, passwords, tokens of every kind, Authorization and Cookie), wherever the request carries it: query,
 * form or JSON body (any depth), headers (with HTTP Basic credentials decoded). Such values, and any value that
 * is shaped like a JWT, are redacted under their own names, and every occurrence of them anywhere else in the
 * path or query is redacted too, whatever its percent-encoding (values are compared after decoding, up to three
 * times, with `+` read both ways). So are the values in `known` (the tenant's client secret).
 */
import type { IncomingHttpHeaders } from "node:http";

export const REDACTED = "[redacted]";

/** Shorter values are redacted under their own names only: searching for them elsewhere would hit anything. */
const MIN_SEARCHED_LENGTH = 6;

/** Parameter names (lower case, letters and digits only) whose value is a secret, whole or as a part. */
const SECRET_NAME_PARTS = [
  "secret",
  "password",
  "passwd",
  "token",
  "assertion",
  "verifier",
  "authorization",
  "cookie",
  "apikey",
];
const SECRET_NAMES = new Set(["code", "otp", "bindingcode", "devicecode", "usercode", "recoverycode"]);

/** A JWT (or JWS): its header is a JSON object, so its first part starts with "eyJ" (base64url of `{"`). */
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_NAMES.has(normalized) || SECRET_NAME_PARTS.some((part) => normalized.includes(part));
}

export interface LoggableRequest {
  /** URL path as received (percent-encoded). */
  path: string;
  /** Query string without "?", as received. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The raw body ("" when none or not read). */
  body: string;
}

export function redactForLog(request: LoggableRequest, known: readonly string[]): { path: string; query: string } {
  const secrets = new Set<string>(known);
  for (const value of headerSecrets(request.headers)) secrets.add(value);
  for (const value of pairSecrets(request.query)) secrets.add(value);
  for (const value of bodySecrets(request.body, request.headers["content-type"])) secrets.add(value);
  const searched = [...secrets].filter((s) => s.length >= MIN_SEARCHED_LENGTH);
  const hides = (text: string) =>
    readings(text).some((reading) => JWT_SHAPE.test(reading) || searched.some((secret) => reading.includes(secret)));

  const query = request.query
    .split("&")
    .map((pair) => {
      if (pair === "") return pair;
      const at = pair.indexOf("=");
      const rawName = at < 0 ? pair : pair.slice(0, at);
      const name = hides(rawName) ? REDACTED : rawName;
      if (at < 0) return name;
      const rawValue = pair.slice(at + 1);
      const secretName = readings(rawName).some(isSecretName);
      return `${name}=${secretName || hides(rawValue) ? REDACTED : rawValue}`;
    })
    .join("&");
  const path = request.path
    .split("/")
    .map((segment) => (segment !== "" && hides(segment) ? REDACTED : segment))
    .join("/");
  return { path, query };
}

/** Secret values in `a=b&c=d` text (a query or a form body), decoded. */
function pairSecrets(text: string): string[] {
  const out: string[] = [];
  for (const pair of text.split("&")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (readings(name).some(isSecretName) || readings(value).some((r) => JWT_SHAPE.test(r)))
      out.push(...readings(value));
  }
  return out;
}

function bodySecrets(body: string, contentType: string | undefined): string[] {
  if (body.trim() === "") return [];
  const type = (contentType ?? "application/json").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return pairSecrets(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    return [];
  }
  const out: string[] = [];
  collectJson(parsed, false, out);
  return out;
}

/** Every string (or number) under a secret name, at any depth, plus every JWT-shaped string. */
function collectJson(value: unknown, underSecretName: boolean, out: string[]): void {
  if (typeof value === "string") {
    if (underSecretName || JWT_SHAPE.test(value)) out.push(value);
  } else if (typeof value === "number") {
    if (underSecretName) out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectJson(item, underSecretName, out);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) collectJson(item, underSecretName || isSecretName(key), out);
  }
}

function headerSecrets(headers: IncomingHttpHeaders): string[] {
  const out: string[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || !isSecretName(name)) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      out.push(value);
      const credentials = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
      if (credentials) {
        out.push(credentials[2]);
        if (credentials[1].toLowerCase() === "basic") out.push(...basicParts(credentials[2]));
      }
      if (name === "cookie")
        for (const cookie of value.split(";")) out.push(...readings(cookie.slice(cookie.indexOf("=") + 1).trim()));
    }
  }
  return out;
}

/** HTTP Basic `id:secret` (each part possibly form-encoded, as OAuth clients send them). */
function basicParts(encoded: string): string[] {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const at = decoded.indexOf(":");
  if (at < 0) return [decoded];
  return [decoded, ...readings(decoded.slice(at + 1)), ...readings(decoded.slice(0, at))];
}

/** The text as sent and as decoded once, twice and three times (with `+` kept and read as a space). */
export function readings(text: string): string[] {
  const out = new Set<string>([text]);
  let layer = [text];
  for (let depth = 0; depth < 3; depth++) {
    const next = layer
      .flatMap((t) => [percentDecode(t), percentDecode(t.replace(/\+/g, " "))])
      .filter((t) => !out.has(t));
    if (next.length === 0) break;
    for (const t of next) out.add(t);
    layer = next;
  }
  return [...out];
}

/** Decodes every valid %XX escape and leaves malformed ones as they are (decodeURIComponent would throw). */
function percentDecode(text: string): string {
  if (!text.includes("%")) return text;
  const bytes: Buffer[] = [];
  for (const token of text.match(/%[0-9a-fA-F]{2}|[^%]+|%/g) ?? []) {
    bytes.push(
      /^%[0-9a-fA-F]{2}$/.test(token) ? Buffer.from([parseInt(token.slice(1), 16)]) : Buffer.from(token, "utf8"),
    );
  }
  return Buffer.concat(bytes).toString("utf8");
}
