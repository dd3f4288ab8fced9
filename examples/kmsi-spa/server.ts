/**
 * The example application's server: a tiny static server for a single-page application built on Auth0's
 * official SPA SDK, @auth0/auth0-spa-js (see README.md for why that SDK). It serves the page, its script, the
 * SDK's browser bundle from node_modules, and /config.json (the tenant, client id and API, from app-config.ts).
 * Everything else happens in the browser: the SDK talks to the tenant directly, as it would to Auth0.
 *
 * It serves https on 127.0.0.1 with the local tenant's own server certificate (from its state folder), so the
 * page and the tenant share a site (see app-config.ts) and a browser that trusts the local CA trusts both.
 *
 *   npm run example                 # https://127.0.0.1:3000 against the local tenant of `npm start`
 *   npm run example -- --port 3000 --tenant 127.0.0.1:8443 --state .local-tenant
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { EXAMPLE_HOST, EXAMPLE_PORT, LOCAL_TENANT_DOMAIN, exampleConfig, type ExampleConfig } from "./app-config";

const PUBLIC = join(__dirname, "public");
const SDK_BUNDLE = require.resolve("@auth0/auth0-spa-js/dist/auth0-spa-js.production.js");

const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: join(PUBLIC, "index.html"), type: "text/html; charset=utf-8" },
  "/app.js": { file: join(PUBLIC, "app.js"), type: "text/javascript; charset=utf-8" },
  "/app.css": { file: join(PUBLIC, "app.css"), type: "text/css; charset=utf-8" },
  "/auth0-spa-js.production.js": { file: SDK_BUNDLE, type: "text/javascript; charset=utf-8" },
};

/** The tenant's server certificate and key (server.pem, server-key.pem in its state folder). */
export interface Tls {
  certPem: string;
  keyPem: string;
}

export function tenantTls(stateDir: string): Tls {
  return {
    certPem: readFileSync(join(stateDir, "server.pem"), "utf8"),
    keyPem: readFileSync(join(stateDir, "server-key.pem"), "utf8"),
  };
}

export interface ExampleApp {
  /** https://127.0.0.1:<port> */
  url: string;
  port: number;
  /**
   * Points the app at a tenant and takes its certificate: tests start the app first (port 0), to seed the tenant
   * with the app's origin; connections before that fail the TLS handshake.
   */
  configure(config: ExampleConfig, tls: Tls): void;
  stop(): Promise<void>;
}

export async function startExampleApp(
  options: { port?: number; config?: ExampleConfig; tls?: Tls } = {},
): Promise<ExampleApp> {
  let config = options.config;
  const server: Server = createServer(
    options.tls ? { cert: options.tls.certPem, key: options.tls.keyPem } : {},
    (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "GET") {
        res.writeHead(405, { Allow: "GET" }).end();
        return;
      }
      if (path === "/config.json") {
        if (!config) {
          res.writeHead(503, { "Content-Type": "text/plain" }).end("not configured yet");
          return;
        }
        res
          .writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" })
          .end(JSON.stringify(config));
        return;
      }
      if (path === "/favicon.ico") {
        res.writeHead(204).end();
        return;
      }
      const entry = FILES[path];
      if (!entry) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
        return;
      }
      res.writeHead(200, { "Content-Type": entry.type, "Cache-Control": "no-store" }).end(readFileSync(entry.file));
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? EXAMPLE_PORT, EXAMPLE_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${EXAMPLE_HOST}:${port}`,
    port,
    configure: (next, tls) => {
      config = next;
      server.setSecureContext({ cert: tls.certPem, key: tls.keyPem });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  const port = Number(argument("port") ?? EXAMPLE_PORT);
  const domain = argument("tenant") ?? LOCAL_TENANT_DOMAIN;
  const stateDir = argument("state") ?? join(__dirname, "..", "..", ".local-tenant");
  const origin = `https://${EXAMPLE_HOST}:${port}`;
  Promise.resolve()
    .then(() => startExampleApp({ port, config: exampleConfig(domain, origin), tls: tenantTls(stateDir) }))
    .then((app) => console.log(`KMSI example app: ${app.url}  (tenant https://${domain}, Ctrl-C stops it)`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
