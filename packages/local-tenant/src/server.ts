/**
 * The request pipeline shared by every area: latency and fault injection, routing, the bearer-token check a
 * route declares, the handler, Auth0-shaped errors, and the request log entry once the response is sent.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { TokenIssuer } from "./auth/token-issuer";
import type { Faults } from "./control/faults";
import type { RequestLog, RequestLogEntry } from "./control/request-log";
import { CONTROL_PREFIX } from "./control/routes";
import { parseBody, readRaw } from "./http/body";
import { ApiError, apiError, routeNotFound } from "./http/errors";
import { redactForLog } from "./http/redact";
import { sendEmpty, sendJson } from "./http/respond";
import { RawBody } from "./http/raw-body";
import type { ClientRequest, Router } from "./http/router";
import { StateRolledBack } from "./store/durable-store";

export interface PipelineParts {
  router: Router;
  issuer: TokenIssuer;
  requestLog: RequestLog;
  faults: Faults;
}

const MANAGEMENT_ROOT = "/api/v2";

function isManagementPath(path: string): boolean {
  return path === MANAGEMENT_ROOT || path.startsWith(`${MANAGEMENT_ROOT}/`);
}

export function createRequestHandler(parts: PipelineParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "https://local-tenant");
    const method = (req.method ?? "GET").toUpperCase();
    const control = url.pathname.startsWith(CONTROL_PREFIX);
    const notes: Notes = { rawBody: "" };
    // Logged just before the answer is written, so a client that has its answer also finds it in the log. The
    // log is readable without authentication, so no secret the request carried goes into it (http/redact.ts).
    const respond: Respond = (status, body, headers) => {
      if (!control) {
        const shown = redactForLog(
          { path: url.pathname, query: url.search.replace(/^\?/, ""), headers: req.headers, body: notes.rawBody },
          parts.issuer.secrets(),
        );
        const entry: RequestLogEntry = {
          method,
          path: shown.path,
          query: shown.query,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        };
        if (notes.fault) entry.fault = notes.fault;
        parts.requestLog.add(entry);
      }
      if (body instanceof RawBody) sendRaw(res, status, body, headers);
      else if (body === undefined) sendEmpty(res, status, headers);
      else sendJson(res, status, body, headers);
    };
    handle(parts, req, method, url, control, respond, notes).catch((error: unknown) => {
      // Only reached if writing the response itself failed (client gone); nothing left to answer.
      res.destroy(error as Error);
    });
  };
}

type Respond = (status: number, body: unknown, headers: Record<string, string>) => void;

/** What handle() learns that the request log entry needs. */
interface Notes {
  fault?: RequestLogEntry["fault"];
  rawBody: string;
}

async function handle(
  parts: PipelineParts,
  req: IncomingMessage,
  method: string,
  url: URL,
  control: boolean,
  respond: Respond,
  notes: Notes,
): Promise<void> {
  const management = isManagementPath(url.pathname);
  const rateHeaders = management ? rateLimitHeaders(parts.faults, false) : {};
  try {
    const raw = await readRaw(req);
    notes.rawBody = raw;
    if (!control && parts.faults.latencyMs() > 0) await sleep(parts.faults.latencyMs());
    if (management) {
      const decision = parts.faults.decide();
      if (decision === "rate_limit") {
        notes.fault = "rate_limit";
        throw apiError(429, "Global limit has been reached", "too_many_requests", rateLimitHeaders(parts.faults, true));
      }
      if (decision === "unavailable") {
        notes.fault = "unavailable";
        throw apiError(
          503,
          "The service is temporarily unavailable. Please try again later.",
          "temporarily_unavailable",
        );
      }
    }
    const match = parts.router.match(method, url.pathname);
    if (!match) {
      // Every /api/v2 request is authenticated before routing (issue 12): 401 without a valid token, then 404.
      if (management) parts.issuer.authenticate(req.headers.authorization);
      throw routeNotFound();
    }
    // As on Auth0 (hapi): authentication runs before the payload is parsed, so a bad token wins over a bad body.
    if (match.options.scope !== undefined) parts.issuer.authorize(req.headers.authorization, match.options.scope);
    const body =
      method === "GET" || method === "DELETE"
        ? ({ kind: "none" } as const)
        : parseBody(raw, req.headers["content-type"]);
    const request: ClientRequest = Object.assign(
      { method, path: url.pathname, params: match.params, query: url.searchParams, headers: req.headers, body },
      { remoteAddress: req.socket.remoteAddress },
    );
    const reply = await match.handler(request);
    respond(reply.status, reply.body, { ...rateHeaders, ...reply.headers });
  } catch (error) {
    if (error instanceof ApiError) {
      respond(error.status, error.body, { ...rateHeaders, ...error.headers });
      return;
    }
    // A refused state write is an expected fault (the change was rolled back): one line, not a stack.
    if (error instanceof StateRolledBack) console.error(`[local-tenant] ${method} ${url.pathname}: ${error.message}`);
    else console.error("[local-tenant] unexpected error", error);
    respond(500, internalError().body, rateHeaders);
  }
}

function sendRaw(res: ServerResponse, status: number, body: RawBody, headers: Record<string, string>): void {
  const { contentType, text, cookies, sendDate } = body.options;
  res.sendDate = sendDate ?? true;
  const all: Record<string, string | string[]> = { ...headers };
  if (cookies && cookies.length > 0) all["Set-Cookie"] = cookies;
  if (text !== undefined) {
    all["Content-Type"] = contentType ?? "text/html; charset=utf-8";
    all["Content-Length"] = String(Buffer.byteLength(text));
  }
  res.writeHead(status, all);
  res.end(text);
}

function internalError(): ApiError {
  return apiError(500, "An internal server error occurred");
}

/**
 * Auth0's rate-limit headers, sent on every Management API answer here; on a 429 the reset time is when to retry.
 * The recordings cannot show them (the provider's recorder keeps only Content-Type and User-Agent,
 * internal/acctest/http_recorder.go:82-98), so the shape is the clients': go-auth0 v1.45.0 retries a 429 at
 * `X-RateLimit-Reset` (epoch seconds) when there is no Retry-After (internal/client/client.go:186-235) and its own
 * test fakes Auth0's 429 with these three headers (internal/client/client_test.go:150-152); the auth0 npm SDK
 * reads the same (requestWithRetries.js).
 */
function rateLimitHeaders(faults: Faults, limited: boolean): Record<string, string> {
  const { limit, resetSeconds } = faults.rateLimit();
  return {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(limited ? 0 : limit - 1),
    "X-RateLimit-Reset": String(Math.floor(Date.now() / 1000) + (limited ? resetSeconds : 1)),
  };
}
