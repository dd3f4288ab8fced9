/**
 * One local tenant for the official-client tests, seeded with the applications those clients need, and a
 * browser stand-in that logs the seeded user in through the tenant's own pages (GET /authorize, the login
 * screens) and stops at the first redirect that leaves the tenant: the application's callback.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalTenant, startLocalTenant } from "../../../packages/local-tenant";
import { HttpAgent, type HttpAnswer } from "../../browser/support/http-agent";
import { USER } from "../../browser/support/login";
import { caFetch } from "./ca-fetch";

/** A regular web application with a secret (client_secret_post / client_secret_basic). */
export const WEB_APP = {
  client_id: "conformance-web-app",
  name: "Conformance Web App",
  app_type: "regular_web" as const,
  client_secret: "conformance-web-app-secret-0123456789abcdefghijklmnopqrstuv",
  callbacks: ["https://web.example.test/callback"],
  allowed_logout_urls: ["https://web.example.test/logged-out"],
};
/** A single-page application: public client, PKCE, web_message and CORS from its origin. */
export const SPA = {
  client_id: "conformance-spa",
  name: "Conformance SPA",
  app_type: "spa" as const,
  callbacks: ["http://localhost:4000/"],
  allowed_logout_urls: ["http://localhost:4000/"],
  web_origins: ["http://localhost:4000"],
};
export const API = {
  identifier: "https://api.conformance.test/",
  name: "Conformance API",
  scopes: ["read:messages", "write:messages"],
  token_lifetime: 7200,
};

export interface ClientsEnv {
  tenant: LocalTenant;
  /** fetch trusting the tenant's CA, for the clients' fetch options. */
  fetch: typeof fetch;
  caPem: string;
  /** A fresh cookie jar: one browser. */
  browser(): HttpAgent;
  /**
   * Makes a custom domain's DNS records resolve (POST /__local/dns/publish): Auth0 verifies a domain only once
   * its records are published, so this is the step a person does at their DNS provider.
   */
  publishDns(domain: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startClientsTenant(): Promise<ClientsEnv> {
  const dir = mkdtempSync(join(tmpdir(), "clients-tenant-"));
  const tenant = await startLocalTenant({
    stateDir: dir,
    port: 0,
    buildDelayMs: 20,
    login: { seed: { applications: [WEB_APP, SPA], resource_servers: [API] } },
  });
  const caPem = readFileSync(tenant.caPem, "utf8");
  return {
    tenant,
    caPem,
    fetch: caFetch(caPem),
    browser: () => new HttpAgent(tenant),
    publishDns: async (domain) => {
      const res = await caFetch(caPem)(`https://${tenant.domain}/__local/dns/publish`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ domain }),
      });
      if (res.status !== 200) throw new Error(`publishing ${domain} answered ${res.status}`);
    },
    stop: async () => {
      await tenant.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Follows an /authorize URL through the login screens (classic or identifier first) with the seeded user and
 * returns the answer that leaves the tenant: a redirect to the application (its Location as a URL) or a page
 * the application receives (web_message, form_post).
 */
export async function logIn(
  browser: HttpAgent,
  tenant: LocalTenant,
  authorizeUrl: string | URL,
  user = USER,
): Promise<{ location?: URL; page?: HttpAnswer }> {
  let answer = await browser.get(authorizeUrl.toString());
  let at = new URL(authorizeUrl.toString());
  for (let hops = 0; hops < 10; hops++) {
    if (answer.status === 302) {
      const next = new URL(answer.location!, at);
      if (next.origin !== tenant.url) return { location: next };
      at = next;
      answer = await browser.get(next.toString());
      continue;
    }
    if (answer.status !== 200)
      throw new Error(`${at.pathname} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    const form: Record<string, string> | undefined =
      at.pathname === "/u/login"
        ? { username: user.email, password: user.password }
        : at.pathname === "/u/login/identifier"
          ? { username: user.email }
          : at.pathname === "/u/login/password"
            ? { password: user.password }
            : undefined;
    if (!form) return { page: answer };
    answer = await browser.postForm(at.toString(), { ...form, state: at.searchParams.get("state") ?? "" });
  }
  throw new Error("too many redirects");
}

/** The `response` object a web_message page posts to its opener. */
export function webMessageResponse(page: HttpAnswer): Record<string, string> {
  const match = /response: (\{.*?\}) \};/.exec(page.text);
  if (!match) throw new Error(`not a web_message page: ${page.text.slice(0, 200)}`);
  return JSON.parse(match[1].replace(/\\u003c/g, "<").replace(/\\u003e/g, ">")) as Record<string, string>;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, any> } {
  const [header, payload] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString()),
    claims: JSON.parse(Buffer.from(payload, "base64url").toString()),
  };
}
