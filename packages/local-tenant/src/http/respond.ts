/** Writing responses: JSON with Auth0's content type, or an empty 204. */
import type { ServerResponse } from "node:http";

/** What Auth0's Management API labels every answer with, JSON or empty (every response in shared/auth0-recordings). */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}
