/**
 * What the example application needs to know about the local tenant, taken from where it is declared: the
 * application and its API are in the local tenant's seed (packages/local-tenant/src/session/seed.json, application
 * "kmsi-example-spa"), the tenant's address is where `npm start` runs it. Nothing to type in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const EXAMPLE_CLIENT_ID = "kmsi-example-spa";
/**
 * Where `npm start` serves the example: https on the tenant's host. The seed's callback, logout URL and web origin
 * name this origin. Same host as the tenant means same site, so the tenant's `auth0` cookie is a first-party
 * cookie in the SDK's silent-authentication iframe; browsers block or partition third-party cookies, which is why
 * Auth0 asks SPAs to put the tenant on a custom domain of the application's site.
 */
export const EXAMPLE_HOST = "127.0.0.1";
export const EXAMPLE_PORT = 3000;
export const EXAMPLE_ORIGIN = `https://${EXAMPLE_HOST}:${EXAMPLE_PORT}`;
/** The local tenant `npm start` runs (Pulumi.local.yaml's auth0:domain). */
export const LOCAL_TENANT_DOMAIN = "127.0.0.1:8443";

const SEED_FILE = join(__dirname, "..", "..", "packages", "local-tenant", "src", "session", "seed.json");

export interface ExampleConfig {
  /** host:port of the tenant, as auth0-spa-js takes it. */
  domain: string;
  clientId: string;
  /** The API the example asks an access token for. */
  audience: string;
  scope: string;
}

interface SeedFile {
  applications: Array<{ client_id: string; callbacks: string[]; web_origins?: string[] }>;
  resource_servers?: Array<{ identifier: string; scopes?: string[] }>;
}

/**
 * The example's settings from a seed: its application (which must allow `origin` as callback and web origin, or
 * silent authentication could never work) and the first API. Throws one error listing what is missing.
 */
export function exampleConfig(
  domain: string,
  origin: string,
  seed: SeedFile = JSON.parse(readFileSync(SEED_FILE, "utf8")) as SeedFile,
): ExampleConfig {
  const problems: string[] = [];
  const app = seed.applications.find((a) => a.client_id === EXAMPLE_CLIENT_ID);
  if (!app)
    problems.push(`applications: ${EXAMPLE_CLIENT_ID} — the example's application must be declared in the seed`);
  else {
    if (!app.callbacks.includes(origin))
      problems.push(
        `applications.${EXAMPLE_CLIENT_ID}.callbacks: ${JSON.stringify(app.callbacks)} — must contain ${origin}`,
      );
    if (!(app.web_origins ?? []).includes(origin))
      problems.push(
        `applications.${EXAMPLE_CLIENT_ID}.web_origins: ${JSON.stringify(app.web_origins ?? [])} — must contain ${origin}`,
      );
  }
  const api = seed.resource_servers?.[0];
  if (!api) problems.push("resource_servers: [] — the example asks a token for the first API; declare one");
  if (problems.length > 0)
    throw new Error(`The example application cannot use this tenant's seed:\n${problems.join("\n")}`);
  return {
    domain,
    clientId: EXAMPLE_CLIENT_ID,
    audience: api!.identifier,
    scope: ["openid", "profile", "email", ...(api!.scopes ?? [])].join(" "),
  };
}
