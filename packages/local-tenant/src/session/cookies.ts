/**
 * The session cookies, as Auth0 sets them: `auth0` (SameSite=None, for browsers that understand it) and
 * `auth0_compat` (no SameSite, for old browsers that reject None), both HttpOnly, Secure, Path=/.
 *
 * Non-persistent mode makes them session cookies (no Expires, so the browser drops them when it closes);
 * persistent mode gives them Expires = the session's expiry, the earlier of its absolute and idle expiry.
 */
import type { CookieMode } from "../store/state";

export const SESSION_COOKIE = "auth0";
export const COMPAT_COOKIE = "auth0_compat";

/** The session cookie value sent by the browser (`auth0`, else the compat one). */
export function sessionCookieValue(cookieHeader: string | undefined): string | undefined {
  const cookies = parseCookies(cookieHeader);
  return cookies.get(SESSION_COOKIE) ?? cookies.get(COMPAT_COOKIE);
}

export function sessionCookies(value: string, mode: CookieMode, expiresAtMs: number): string[] {
  const expires = mode === "persistent" ? `; Expires=${new Date(expiresAtMs).toUTCString()}` : "";
  return [
    `${SESSION_COOKIE}=${value}; Path=/${expires}; HttpOnly; Secure; SameSite=None`,
    `${COMPAT_COOKIE}=${value}; Path=/${expires}; HttpOnly; Secure`,
  ];
}

/** Deletes both cookies (a revoked or expired session). */
export function clearSessionCookies(): string[] {
  const past = "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  return [
    `${SESSION_COOKIE}=; Path=/${past}; HttpOnly; Secure; SameSite=None`,
    `${COMPAT_COOKIE}=; Path=/${past}; HttpOnly; Secure`,
  ];
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // The first occurrence wins, as the most specific path comes first.
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}
