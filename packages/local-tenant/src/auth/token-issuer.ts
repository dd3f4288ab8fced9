/**
 * Issues and checks Management API access tokens the way Auth0 does for a client-credentials client.
 *
 * The provider may address the tenant as 127.0.0.1:<port> or localhost:<port>; both are this tenant, so tokens
 * from either are accepted, with issuer `https://<host>/` and audience `https://<host>/api/v2/` as on Auth0.
 */
import { ApiError, apiError } from "../http/errors";
import { signJwt, verifyJwt, type AccessTokenClaims } from "./jwt";
import type { ClientCredentials, SigningKey } from "./keys";
import { MANAGEMENT_SCOPES } from "./scopes";

/** Auth0's default lifetime for Management API tokens. */
export const DEFAULT_TOKEN_SECONDS = 86_400;

export interface MintOptions {
  /** Defaults to every scope the client is granted. */
  scopes?: readonly string[];
  expiresInSeconds?: number;
  /** Host the token is "issued at"; defaults to the tenant's primary domain. */
  host?: string;
}

export class TokenIssuer {
  constructor(
    private readonly key: SigningKey,
    private readonly client: ClientCredentials,
    /** host:port names this tenant answers to; the first is the primary domain. */
    private readonly hosts: () => string[],
  ) {}

  /** Values no log may show (the request log redacts them wherever they appear). */
  secrets(): string[] {
    return [this.client.client_secret];
  }

  audiences(): string[] {
    return this.hosts().map((host) => `https://${host}/api/v2/`);
  }

  mint(options: MintOptions = {}): { token: string; claims: AccessTokenClaims } {
    const host = options.host ?? this.hosts()[0];
    const iat = Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = {
      iss: `https://${host}/`,
      sub: `${this.client.client_id}@clients`,
      aud: `https://${host}/api/v2/`,
      iat,
      exp: iat + (options.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS),
      scope: (options.scopes ?? MANAGEMENT_SCOPES).join(" "),
      gty: "client-credentials",
      azp: this.client.client_id,
    };
    return { token: signJwt(claims, this.key), claims };
  }

  /**
   * Checks the Authorization header and the scope a route needs. Bodies and wording are those of Auth0's
   * Management API (its JWT layer is hapi-based: 401s carry `attributes`, a non-Bearer header is a 400).
   */
  authorize(header: string | undefined, scope: string): AccessTokenClaims {
    const claims = this.authenticate(header);
    // A token without `scope` (or with an empty one) is valid but grants nothing.
    const granted = new Set(claims.scope.split(/\s+/).filter((s) => s !== ""));
    if (!granted.has(scope)) {
      throw apiError(403, `Insufficient scope, expected any of: ${scope}`, "insufficient_scope");
    }
    return claims;
  }

  /**
   * The token check alone: what Auth0 does before it knows whether a route exists (an unserved /api/v2 path
   * answers 401 without a valid token, 404 with one). Every failure is a 400 or 401, whatever the token holds.
   */
  authenticate(header: string | undefined): AccessTokenClaims {
    if (header === undefined || header.trim() === "") {
      throw new ApiError(401, { statusCode: 401, error: "Unauthorized", message: "Missing authentication" });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw apiError(400, "Bad HTTP authentication header format", "Bearer");
    const hosts = this.hosts();
    const result = verifyJwt(
      match[1],
      this.key,
      { issuers: hosts.map((h) => `https://${h}/`), audiences: this.audiences() },
      Math.floor(Date.now() / 1000),
    );
    if (!result.ok) {
      const message =
        result.reason === "expired"
          ? "Expired token received for JSON Web Token validation"
          : result.reason === "signature"
            ? "Invalid signature received for JSON Web Token validation"
            : "Invalid token";
      throw new ApiError(401, { statusCode: 401, error: "Unauthorized", message, attributes: { error: message } });
    }
    return result.claims;
  }
}
