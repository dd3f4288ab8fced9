/**
 * A tiny HTTPS client for the local tenant (its tests, the provider stand-in, the bench): trusts the tenant's CA, sends JSON (or raw) bodies and
 * returns status, headers and the parsed body. node:https is used directly because the global fetch cannot
 * be given a CA without extra packages.
 */
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import type { LocalTenant } from "./start";

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON, or undefined for an empty/non-JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read each route's body field by field.
  json: any;
}

export interface SendOptions {
  token?: string | null;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export class TenantClient {
  private readonly ca: string;
  private token: string | undefined;

  constructor(readonly tenant: LocalTenant) {
    this.ca = readFileSync(tenant.caPem, "utf8");
  }

  /** Gets a token through /oauth/token like the provider does, and uses it for later calls. */
  async login(): Promise<string> {
    const res = await this.send("POST", "/oauth/token", {
      token: null,
      body: {
        grant_type: "client_credentials",
        client_id: this.tenant.client.client_id,
        client_secret: this.tenant.client.client_secret,
        audience: `https://${this.tenant.domain}/api/v2/`,
      },
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
    this.token = (res.json as { access_token: string }).access_token;
    return this.token;
  }

  get(path: string, options: SendOptions = {}): Promise<Response> {
    return this.send("GET", path, options);
  }

  patch(path: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send("PATCH", path, { ...options, body });
  }

  post(path: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send("POST", path, { ...options, body });
  }

  put(path: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send("PUT", path, { ...options, body });
  }

  delete(path: string, options: SendOptions = {}): Promise<Response> {
    return this.send("DELETE", path, options);
  }

  send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    const url = new URL(path, this.tenant.url);
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers["Content-Type"] = options.contentType ?? "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, ca: this.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text === "" ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
