/**
 * The `fetch` the Management API SDK is given: it refuses anything but GET on the Management API, counts the
 * Management API calls, and reports each one as it is made. Optionally it trusts an extra CA (the local
 * tenant's) for one client without touching the process's defaults.
 *
 * The SDK sends every request, the token request included, through the `fetch` option
 * (node_modules/auth0/dist/cjs/management/wrapper/token-provider.js: `customFetch ?? fetch`, and the Fern
 * fetcher's `fetchFn`), so this is the one place all traffic passes.
 */
import { request as httpsRequest } from "node:https";

export type Fetch = typeof fetch;

export interface TrafficOptions {
  /** Called once per request with a line like `GET /api/v2/prompts → 200`. */
  onRequest?: (line: string) => void;
  /** PEM of an extra CA to trust (instead of NODE_EXTRA_CA_CERTS, which is read only at process start). */
  ca?: string;
}

export interface Traffic {
  fetch: Fetch;
  /** Management API (`/api/v2/`) requests made so far; the token request is not one. */
  readonly managementCalls: number;
  /** Token requests (`POST /oauth/token`) made so far. */
  readonly tokenCalls: number;
}

/** Thrown before a request that is not a read leaves this process. */
export class NotReadOnlyError extends Error {}

export function traffic(options: TrafficOptions = {}): Traffic {
  const base: Fetch = options.ca === undefined ? fetch : caFetch(options.ca);
  let managementCalls = 0;
  let tokenCalls = 0;
  const wrapped: Fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const isToken = url.pathname === "/oauth/token" && method === "POST";
    if (!isToken && method !== "GET")
      throw new NotReadOnlyError(`refused ${method} ${url.pathname}: these tools only read`);
    if (isToken) tokenCalls++;
    else if (url.pathname.startsWith("/api/v2/")) managementCalls++;
    const response = await base(input, init);
    options.onRequest?.(`${method} ${url.pathname}${url.search} → ${response.status}`);
    return response;
  };
  return {
    fetch: wrapped,
    get managementCalls() {
      return managementCalls;
    },
    get tokenCalls() {
      return tokenCalls;
    },
  };
}

/**
 * The request body as text. The SDK sends JSON strings (management/core/fetcher/getRequestBody.js) and a
 * URLSearchParams form for the token (management/wrapper/token-provider.js:56); any other kind (a stream, a Blob, FormData) would be sent as "[object ...]", so it is refused.
 */
function bodyText(body: RequestInit["body"]): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError(
    `caFetch sends string and URLSearchParams bodies only, not ${Object.prototype.toString.call(body)}`,
  );
}

/** A fetch over node:https that trusts `ca` in addition to nothing else: enough for one tenant's own CA. */
function caFetch(ca: string): Fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const body = bodyText(init?.body);
    if (body !== undefined) headers.set("content-length", String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      const request = httpsRequest(
        url,
        { method: init?.method ?? "GET", headers: Object.fromEntries(headers), ca, signal: init?.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
            }
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks);
            // A Response cannot carry a body with 204/304.
            resolve(new Response(status === 204 || status === 304 ? null : text, { status, headers: responseHeaders }));
          });
        },
      );
      request.on("error", reject);
      if (body !== undefined) request.write(body);
      request.end();
    });
  };
}
