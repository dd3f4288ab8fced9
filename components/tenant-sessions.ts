import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { type SessionsConfig, toHours } from "../config";
import type { KeptTenantSettings } from "./kept-tenant-settings";

export interface TenantSessionsArgs {
  /**
   * The `sessions` config section: the tenant's default cookie mode (`non-persistent`, so only a ticked box makes a
   * session persistent) and the idle and absolute lifetimes of persistent sessions (the cookie survives a browser
   * restart) and ephemeral ones (it dies with the browser), in milliseconds.
   */
  sessions: SessionsConfig;
  /** The settings the stack does not manage, as the tenant holds them now (readKeptTenantSettings). */
  kept: KeptTenantSettings;
}

/**
 * The tenant's session settings: the four lifetimes (in hours, the Management API's unit) and the cookie mode,
 * plus the tenant settings the provider would otherwise change without being asked (kept-tenant-settings.ts).
 *
 * All four lifetimes are always sent, deliberately. The provider sends only the fields a config sets
 * (tenant/expand.go:13-47) and leaves the others as the tenant has them; its defaults (168, 72, 72 and 24 hours,
 * tenant/resource.go:28-31) are only what it reads back when the API omits a value (flatten.go:18-33). Declaring
 * all four makes this stack their owner: a lifetime changed in the dashboard shows as drift and the next `up`
 * puts it back.
 *
 * Resource options such as prod's `protect` come in `opts`, not in the args: the tenant inherits them (Pulumi
 * copies a parent's `protect` into a child that sets none, @pulumi/pulumi resource.js).
 */
export class TenantSessions extends pulumi.ComponentResource {
  public readonly tenant: auth0.Tenant;

  constructor(name: string, args: TenantSessionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sessions:index:TenantSessions", name, {}, opts);
    const { sessions } = args;

    this.tenant = new auth0.Tenant(
      `${name}-tenant`,
      {
        sessionLifetime: toHours(sessions.persistent.absolute),
        idleSessionLifetime: toHours(sessions.persistent.idle),
        ephemeralSessionLifetime: toHours(sessions.ephemeral.absolute),
        idleEphemeralSessionLifetime: toHours(sessions.ephemeral.idle),
        sessionCookie: { mode: sessions.cookieMode },
        // Read at every preview and up, so `pulumi preview` shows exactly these values as inputs: on the first `up`
        // they are what the tenant already holds, and the provider's null PATCH finds nothing unset to clear.
        ...args.kept,
      },
      {
        parent: this,
        // A tenant cannot be deleted through the Management API, and the provider's delete only forgets it: the
        // settings stay as they are in Auth0. Saying so here makes `pulumi destroy` report it honestly instead
        // of pretending the settings were reverted.
        retainOnDelete: true,
      },
    );

    this.registerOutputs({ tenant: this.tenant });
  }
}
