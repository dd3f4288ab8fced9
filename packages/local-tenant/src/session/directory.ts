/**
 * The seeded applications, connections, organizations and users, looked up the way a login needs them.
 * Built once per start from the seed (see seed.ts); read-only afterwards.
 */
import { createHash } from "node:crypto";
import { hashPassword } from "./passwords";
import {
  TENANT_URL_PLACEHOLDER,
  type LoginSeed,
  type SeedApplication,
  type SeedConnection,
  type SeedOrganization,
  type SeedResourceServer,
} from "./seed";

export interface DirectoryUser {
  user_id: string;
  email: string;
  name: string;
  connection: SeedConnection;
  password_hash: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

export class Directory {
  private constructor(
    private readonly seed: LoginSeed,
    private readonly users: DirectoryUser[],
    /** The tenant's URL, for `{tenant}` in callback URLs. */
    private readonly tenantUrl: () => string,
  ) {}

  static async build(seed: LoginSeed, tenantUrl: () => string): Promise<Directory> {
    const users = await Promise.all(
      seed.users.map(async (u) => ({
        // A stable id when the seed gives none, so sessions survive a restart with the same seed.
        user_id:
          u.user_id ??
          `auth0|${createHash("sha256").update(`${u.connection}\n${u.email.toLowerCase()}`).digest("hex").slice(0, 24)}`,
        email: u.email,
        name: u.name ?? u.email,
        connection: seed.connections.find((c) => c.name === u.connection)!,
        password_hash: u.password_hash ?? (await hashPassword(u.password!)),
        app_metadata: u.app_metadata,
        user_metadata: u.user_metadata,
      })),
    );
    return new Directory(seed, users, tenantUrl);
  }

  application(clientId: string): SeedApplication | undefined {
    return this.seed.applications.find((a) => a.client_id === clientId);
  }

  /** Exact match, as Auth0 compares callback URLs (no wildcards here). */
  allowsCallback(application: SeedApplication, redirectUri: string): boolean {
    return this.callbackUrls(application).includes(redirectUri);
  }

  /** The application's Allowed Callback URLs, `{tenant}` resolved. */
  callbackUrls(application: SeedApplication): string[] {
    return this.urls(application.callbacks);
  }

  /** The application's Allowed Logout URLs, `{tenant}` resolved; the first is where a logout without returnTo goes. */
  logoutUrls(application: SeedApplication): string[] {
    return this.urls(application.allowed_logout_urls);
  }

  /** The application's Allowed Web Origins, `{tenant}` resolved. */
  webOrigins(application: SeedApplication): string[] {
    return this.urls(application.web_origins);
  }

  /** Every application, for CORS preflights (which carry no client_id). */
  applications(): readonly SeedApplication[] {
    return this.seed.applications;
  }

  /** The API an `audience` names. */
  resourceServer(identifier: string): SeedResourceServer | undefined {
    return this.seed.resource_servers.find((r) => r.identifier === identifier);
  }

  /** By id or by name, as the `organization` parameter of /authorize accepts either. */
  organization(idOrName: string): SeedOrganization | undefined {
    return this.seed.organizations.find((o) => o.id === idOrName || o.name === idOrName);
  }

  isMember(organization: SeedOrganization, userId: string): boolean {
    return organization.members === undefined || organization.members.includes(userId);
  }

  /**
   * The user an identifier names. Emails are matched case-insensitively across the database connections, first
   * connection first (Auth0 picks the application's one enabled database connection; every connection counts as
   * enabled here).
   */
  userByEmail(email: string): DirectoryUser | undefined {
    const wanted = email.trim().toLowerCase();
    for (const connection of this.seed.connections) {
      const found = this.users.find((u) => u.connection === connection && u.email.toLowerCase() === wanted);
      if (found) return found;
    }
    return undefined;
  }

  userById(userId: string): DirectoryUser | undefined {
    return this.users.find((u) => u.user_id === userId);
  }

  private urls(patterns: readonly string[]): string[] {
    return patterns.map((pattern) => pattern.replace(TENANT_URL_PLACEHOLDER, this.tenantUrl()));
  }
}
