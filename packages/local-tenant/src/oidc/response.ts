/**
 * How /authorize hands its result back to the application, by `response_mode` (OAuth 2.0 Multiple Response Type
 * Encoding Practices §2.1; OAuth 2.0 Form Post Response Mode; Auth0 "Authentication API: Authorize"):
 *
 *   query        302 to redirect_uri?code=...&state=...   (the default for response_type=code)
 *   fragment     302 to redirect_uri#code=...&state=...
 *   form_post    an HTML page that POSTs the parameters to redirect_uri
 *   web_message  an HTML page that postMessages them to the opener or parent window (web-message.ts)
 *
 * Errors travel the same way, as error / error_description / state (RFC 6749 §4.1.2.1).
 */
import type { Reply } from "../http/router";
import { escapeHtml } from "../http/html";
import { redirect } from "../http/pages";
import { RawBody } from "../http/raw-body";
import { webMessagePage } from "./web-message";

export const RESPONSE_MODES = ["query", "fragment", "form_post", "web_message"] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** The mode a (validated) /authorize query asks for; `query` when absent. */
export function responseMode(query: Record<string, string>): ResponseMode {
  const mode = query.response_mode;
  return (RESPONSE_MODES as readonly string[]).includes(mode ?? "") ? (mode as ResponseMode) : "query";
}

export function applicationResponse(
  query: Record<string, string>,
  redirectUri: string,
  params: Record<string, string>,
  cookies: string[] = [],
): Reply {
  switch (responseMode(query)) {
    case "web_message":
      return webMessagePage(
        new URL(redirectUri).origin,
        params,
        { uri: query.web_message_uri, target: query.web_message_target },
        cookies,
      );
    case "form_post":
      return formPost(redirectUri, params, cookies);
    case "fragment": {
      const url = new URL(redirectUri);
      url.hash = new URLSearchParams(params).toString();
      return redirect(url.toString(), cookies);
    }
    case "query": {
      const url = new URL(redirectUri);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return redirect(url.toString(), cookies);
    }
  }
}

/** An OAuth error for the application, in the response mode it asked for. */
export function applicationError(
  query: Record<string, string>,
  redirectUri: string,
  error: string,
  description: string,
  state: string | undefined,
  cookies: string[] = [],
): Reply {
  const params: Record<string, string> = { error, error_description: description };
  if (state !== undefined) params.state = state;
  return applicationResponse(query, redirectUri, params, cookies);
}

function formPost(redirectUri: string, params: Record<string, string>, cookies: string[]): Reply {
  const inputs = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"/>`)
    .join("");
  const html = `<!DOCTYPE html><html><head><title>Submit This Form</title></head><body onload="javascript:document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
  return {
    status: 200,
    body: new RawBody({ text: html, cookies, sendDate: cookies.length === 0 }),
    headers: { "Cache-Control": "no-store" },
  };
}
