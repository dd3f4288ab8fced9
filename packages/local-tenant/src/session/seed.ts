/**
 * What the login area needs that the Management API here does not manage: the applications (client id, callback,
 * logout and web-origin URLs), the APIs they may ask tokens for, database connections, organizations and users.
 *
 * The default seed is `session/seed.json`: the test application, the example application (examples/kmsi-spa) and
 * its API, one connection, one user. `startLocalTenant({ login })`
 * replaces any of its sections, which is how tests add connection or organization metadata. The seed is
 * configuration, not state: it is read at every start and never written to tenant.json, so editing it and
 * restarting is enough. Users carry a scrypt `password_hash`; a plain `password` (tests) is hashed at start.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { isPasswordHash } from "./passwords";

export const DEFAULT_SEED_FILE = join(__dirname, "seed.json");

/** `{tenant}` in a callback URL stands for the tenant's own URL (https://127.0.0.1:<port>), known only once listening. */
export const TENANT_URL_PLACEHOLDER = "{tenant}";

/** Auth0 metadata: string values only (connections and organizations allow up to 255 characters each). */
const metadata = z.record(z.string(), z.string().max(255)).default({});

/**
 * An application, with the field names of Auth0's client object (GET /api/v2/clients/{id}). `client_secret` makes
 * it confidential: the token endpoint then wants the secret (client_secret_post or client_secret_basic); without
 * one it is a public client (token_endpoint_auth_method "none", e.g. a SPA) that must use PKCE. `web_origins` are
 * the origins allowed to receive silent-authentication results by web_message and to call /oauth/token
 * cross-origin; `allowed_logout_urls` are where /v2/logout and /oidc/logout may send the browser.
 */
const application = z.strictObject({
  client_id: z.string().min(1),
  name: z.string().min(1),
  app_type: z.enum(["spa", "regular_web", "native", "non_interactive"]).default("regular_web"),
  client_secret: z.string().min(1).optional(),
  callbacks: z.array(z.string().min(1)).min(1),
  allowed_logout_urls: z.array(z.string().min(1)).default([]),
  web_origins: z.array(z.string().min(1)).default([]),
  metadata: metadata,
});

/**
 * An API (Auth0's resource server): `audience` at /authorize selects it, and the access token is then a JWT for
 * it (aud = [identifier, {tenant}/userinfo]) carrying the requested scopes it defines. token_lifetime in seconds,
 * Auth0's default 86400.
 */
const resourceServer = z.strictObject({
  identifier: z.string().min(1),
  name: z.string().min(1),
  scopes: z.array(z.string().min(1)).default([]),
  token_lifetime: z.number().int().min(1).max(2_592_000).default(86_400),
});

const connection = z.strictObject({
  id: z.string().regex(/^con_\w+$/, "a connection id like con_abc123"),
  name: z.string().min(1),
  strategy: z.string().default("auth0"),
  metadata: metadata,
});

const organization = z.strictObject({
  id: z.string().regex(/^org_\w+$/, "an organization id like org_abc123"),
  name: z.string().regex(/^[a-z0-9_-]+$/, "lowercase letters, digits, - and _"),
  display_name: z.string().optional(),
  metadata: metadata,
  /** user_ids of the members; absent means every user may log in to it (a simplification). */
  members: z.array(z.string()).optional(),
});

const user = z
  .strictObject({
    user_id: z.string().min(1).optional(),
    email: z.string().regex(/^[^@\s]+@[^@\s]+$/, "an email address"),
    name: z.string().optional(),
    /** Name of the database connection the user belongs to. */
    connection: z.string().min(1),
    password: z.string().min(1).optional(),
    password_hash: z.string().refine(isPasswordHash, "a scrypt$N$r$p$salt$hash string").optional(),
    app_metadata: z.record(z.string(), z.unknown()).default({}),
    user_metadata: z.record(z.string(), z.unknown()).default({}),
  })
  .refine(
    (u) => (u.password === undefined) !== (u.password_hash === undefined),
    "exactly one of password and password_hash",
  );

const seedSchema = z.strictObject({
  applications: z.array(application),
  resource_servers: z.array(resourceServer).default([]),
  connections: z.array(connection),
  organizations: z.array(organization).default([]),
  users: z.array(user),
});

export type LoginSeed = z.output<typeof seedSchema>;
export type SeedApplication = LoginSeed["applications"][number];
export type SeedResourceServer = LoginSeed["resource_servers"][number];
export type SeedConnection = LoginSeed["connections"][number];
export type SeedOrganization = LoginSeed["organizations"][number];
export type SeedUser = LoginSeed["users"][number];

/** What startLocalTenant accepts: any section given replaces the default seed's. */
export type LoginSeedInput = Partial<z.input<typeof seedSchema>>;

export function loadSeed(overrides: LoginSeedInput = {}, file: string = DEFAULT_SEED_FILE): LoginSeed {
  const base = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const result = seedSchema.safeParse({ ...base, ...overrides });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(seed)"}: ${issue.message}`);
    throw new Error(`invalid login seed (${file} with options):\n${problems.join("\n")}`);
  }
  const seed = result.data;
  const connections = new Set(seed.connections.map((c) => c.name));
  const unknown = seed.users.filter((u) => !connections.has(u.connection)).map((u) => `${u.email} → ${u.connection}`);
  if (unknown.length > 0) throw new Error(`invalid login seed: users of unknown connections: ${unknown.join(", ")}`);
  return seed;
}
