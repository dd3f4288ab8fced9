import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import type { CookieMode } from "./config";
import { toHours } from "./duration";

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
  /** Refuse to delete or replace the tenant settings resource (prod). */
  protect?: boolean;
}

/**
 * The tenant's session settings: the four lifetimes (in hours, the Management API's unit) and the cookie mode.
 *
 * All four lifetimes are always sent: the provider resets a lifetime that is left unset to its own default.
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
