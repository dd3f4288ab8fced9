/**
 * A minimal browser stand-in over HTTPS for tests of the login rules that need no rendering: it keeps the
 * `auth0` cookies it is sent (dropping expired ones), posts forms and never follows redirects, so a test sees
 * every hop. Much faster than Chromium for checking what Actions receive and decide.
 */
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import type { LocalTenant } from "../../../packages/local-tenant";

export interface HttpAnswer {
  status: number;
  location?: string;
  setCookies: string[];
  text: string;
}

export class HttpAgent {
  private readonly ca: string;
  /** name → {value, expires (ms) or undefined for a session cookie} */
  readonly cookies = new Map<string, { value: string; expires?: number }>();
  headers: Record<string, string> = {};

  constructor(private readonly tenant: LocalTenant) {
    this.ca = readFileSync(tenant.caPem, "utf8");
  }

  get(pathOrUrl: string): Promise<HttpAnswer> {
    return this.send("GET", pathOrUrl);
  }

  postForm(pathOrUrl: string, form: Record<string, string>): Promise<HttpAnswer> {
    return this.send("POST", pathOrUrl, new URLSearchParams(form).toString());
  }

  private send(method: string, pathOrUrl: string, form?: string): Promise<HttpAnswer> {
    const url = new URL(pathOrUrl, this.tenant.url);
    const headers: Record<string, string> = { ...this.headers };
    const cookie = [...this.cookies].map(([name, c]) => `${name}=${c.value}`).join("; ");
    if (cookie) headers.Cookie = cookie;
    if (form !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(Buffer.byteLength(form));
    }
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, ca: this.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const setCookies = res.headers["set-cookie"] ?? [];
          for (const line of setCookies) this.store(line);
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            setCookies,
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      if (form !== undefined) req.write(form);
      req.end();
    });
  }

  private store(line: string): void {
    const [pair, ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const expiresAttribute = attributes.find((a) => a.toLowerCase().startsWith("expires="));
    const expires = expiresAttribute ? Date.parse(expiresAttribute.slice(8)) : undefined;
    if (expires !== undefined && expires <= Date.now()) this.cookies.delete(name);
    else this.cookies.set(name, { value: pair.slice(eq + 1), ...(expires !== undefined ? { expires } : {}) });
  }
}
