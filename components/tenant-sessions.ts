import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import type { CookieMode } from "../auth0";
import { toHours } from "../config";
import type { KeptTenantSettings } from "./kept-tenant-settings";

export interface Lifetimes {
  /** Inactivity timeout in milliseconds. */
  idle: number;
  /** Absolute ("require log in after") timeout in milliseconds. */
  absolute: number;
}

export interface TenantSessionsArgs {
  /** Lifetimes of persistent sessions (cookie survives a browser restart). */
  persistent: Lifetimes;
  /** Lifetimes of non-persistent (ephemeral) sessions (cookie dies with the browser). */
  ephemeral: Lifetimes;
  /** The tenant's default session cookie mode; `non-persistent` so only a ticked box makes a session persistent. */
  cookieMode: CookieMode;
  /** The settings the stack does not manage, as the tenant holds them now (readKeptTenantSettings). */
  kept: KeptTenantSettings;
  /** Refuse to delete or replace the tenant settings resource (prod). */
  protect?: boolean;
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
 */
export class TenantSessions extends pulumi.ComponentResource {
  public readonly tenant: auth0.Tenant;

  constructor(name: string, args: TenantSessionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sessions:index:TenantSessions", name, {}, opts);

    this.tenant = new auth0.Tenant(
      `${name}-tenant`,
      {
        sessionLifetime: toHours(args.persistent.absolute),
        idleSessionLifetime: toHours(args.persistent.idle),
        ephemeralSessionLifetime: toHours(args.ephemeral.absolute),
        idleEphemeralSessionLifetime: toHours(args.ephemeral.idle),
        sessionCookie: { mode: args.cookieMode },
        // Read at every preview and up, so `pulumi preview` shows exactly these values as inputs: on the first `up`
        // they are what the tenant already holds, and the provider's null PATCH finds nothing unset to clear.
        ...args.kept,
      },
      {
        parent: this,
        protect: args.protect,
        // A tenant cannot be deleted through the Management API, and the provider's delete only forgets it: the
        // settings stay as they are in Auth0. Saying so here makes `pulumi destroy` report it honestly instead
        // of pretending the settings were reverted.
        retainOnDelete: true,
      },
    );

    this.registerOutputs({ tenant: this.tenant });
  }
}
