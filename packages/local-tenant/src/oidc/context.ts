/**
 * What the OpenID Connect endpoints share: the session layer (session/: sessions, seeded applications, users, APIs,
 * the login clock, tenant logs), the tenant signing key, the host names the tenant answers to and the
 * authorization codes.
 */
import type { SigningKey } from "../auth/keys";
import type { SessionContext } from "../session/context";
import type { AuthorizationCodes } from "./codes";

export interface OidcContext {
  session: SessionContext;
  /** The tenant's RS256 key (signing-key.pem in the state folder): it signs every token and is the JWKS key. */
  key: SigningKey;
  /** host:port names this tenant answers to; the first is the primary domain. */
  hosts: () => string[];
  codes: AuthorizationCodes;
}

/**
 * The issuer a client sees: `https://<host>/` for the host it addressed (127.0.0.1:<port> or localhost:<port>),
 * so discovery, tokens and their `iss` agree whichever name the client used, as they do on an Auth0 custom domain.
 */
export function issuerFor(context: OidcContext, hostHeader: string | undefined): string {
  const hosts = context.hosts();
  const host = hostHeader !== undefined && hosts.includes(hostHeader) ? hostHeader : hosts[0];
  return `https://${host}/`;
}

/** Seconds since the epoch: what JWT claims hold. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
