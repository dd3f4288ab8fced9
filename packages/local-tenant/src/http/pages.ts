/**
 * HTML pages and redirects, for the login screens, logout and the /__local pages (answers to the application, in
 * its response mode: oidc/response.ts).
 *
 * Replies that set cookies carry no Date header. Chromium stores a cookie's expiry as its own now plus
 * (Expires - Date), correcting for a server clock that differs from the browser's. The login clock runs days
 * ahead of real time in tests while Node's Date header shows real time, so with the header a persistent cookie
 * would expire at "session expiry + a fraction of a second"; without it Chromium takes Expires as sent and tests
 * can compare the cookie's expiry with the session's to the second. Real Auth0 sends Date, with clocks in step.
 */
import { escapeHtml } from "./html";
import { RawBody } from "./raw-body";
import type { Reply } from "./router";

/** Security headers for pages that hold a login form: no framing, no caching, no referrer leaking the state. */
const PAGE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
};

export function htmlPage(status: number, html: string, cookies: string[] = []): Reply {
  return { status, body: new RawBody({ text: html, cookies, sendDate: cookies.length === 0 }), headers: PAGE_HEADERS };
}

export function redirect(location: string, cookies: string[] = []): Reply {
  return {
    status: 302,
    body: new RawBody({ cookies, sendDate: cookies.length === 0 }),
    headers: { Location: location, "Cache-Control": "no-store" },
  };
}

/** Auth0's error page for requests that cannot be answered with a redirect (unknown client, bad callback). */
export function errorPage(status: number, error: string, description: string): Reply {
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
<body><main class="error-page"><h1>Oops!, something went wrong</h1>
<p class="error-code">${escapeHtml(error)}</p><p class="error-description">${escapeHtml(description)}</p></main></body></html>`;
  return htmlPage(status, html);
}
