/**
 * A minimal router: each area (management/, login/, oidc/, control/) registers its routes on one Router, with the
 * Management API scope a route needs, so the server can check authorization before the handler runs and the
 * handlers stay about Auth0's rules only.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ParsedBody } from "./body";

export interface Request {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: ParsedBody;
}

/** The request as handlers see it, plus the client's socket address (the login area's `event.request.ip`). */
export type ClientRequest = Request & { remoteAddress?: string };

export interface Reply {
  status: number;
  /** Omitted for empty responses (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

export interface RouteOptions {
  /** Management API scope the bearer token must carry; omit for unauthenticated routes (/oauth/token). */
  scope?: string;
}

interface Route {
  method: string;
  segments: string[];
  options: RouteOptions;
  handler: Handler;
}

export interface Match {
  handler: Handler;
  options: RouteOptions;
  params: Record<string, string>;
}

/** Runs a handler in its turn (see DurableStore.exclusive). */
export type Serializer = <R>(work: () => R | Promise<R>) => Promise<R>;

export class Router {
  private readonly routes: Route[] = [];
  private serializer: Serializer | undefined;

  /**
   * Every handler of this router runs through `serializer`: the routes of one tenant (Management API, login
   * area, control plane) share one state, and none may read another's change before it is durable.
   */
  serializeWith(serializer: Serializer): void {
    this.serializer = serializer;
  }

  /** `pattern` segments starting with ":" capture one path segment, e.g. "/api/v2/actions/actions/:id". */
  add(method: string, pattern: string, options: RouteOptions, handler: Handler): void {
    this.routes.push({ method, segments: split(pattern), options, handler });
  }

  /**
   * Replaces a registered route's handler by `wrap(handler)`: for a rule that applies to several routes of
   * different areas after their own logic (the Management API's `fields` projection), kept in one place.
   */
  wrap(method: string, pattern: string, wrap: (inner: Handler) => Handler): void {
    const wanted = split(pattern).join("/");
    const route = this.routes.find((r) => r.method === method && r.segments.join("/") === wanted);
    if (!route) throw new Error(`no route ${method} ${pattern} to wrap`);
    route.handler = wrap(route.handler);
  }

  match(method: string, path: string): Match | undefined {
    const segments = split(path);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const want = route.segments[i];
        const got = segments[i];
        if (want.startsWith(":")) {
          const value = decodePart(got);
          if (value === undefined) ok = false;
          else params[want.slice(1)] = value;
        } else {
          ok = want === got;
        }
      }
      if (ok) return { handler: this.inTurn(route.handler), options: route.options, params };
    }
    return undefined;
  }

  private inTurn(handler: Handler): Handler {
    const serializer = this.serializer;
    return serializer ? (request) => serializer(() => handler(request)) : handler;
  }
}

/** A malformed escape ("%zz") cannot name anything, so it simply matches no route. */
function decodePart(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}
