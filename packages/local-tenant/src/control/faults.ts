/**
 * Fault injection for Management API requests (/api/v2/*): a seeded fraction answered 429 (with Auth0's rate
 * limit headers, which go-auth0 uses to time its retry) or 503, added latency, and actions whose build fails.
 *
 * Every Management API request draws exactly one number from the seeded generator, whatever the fractions,
 * so the sequence of faults depends only on the seed and the order of requests.
 */
import { mulberry32, type Random } from "../util/prng";

export interface FaultSettings {
  /** Seed of the generator; setting it restarts the sequence. */
  seed: number;
  /** Fraction (0..1) of Management API requests answered 429. */
  rateLimitFraction: number;
  /** Fraction (0..1) answered 503; drawn after the 429 band, so the two never overlap. */
  unavailableFraction: number;
  /** Milliseconds added before every request is handled (faulted or not), /__local excepted. */
  latencyMs: number;
  /** X-RateLimit-Limit on 429s, and seconds until X-RateLimit-Reset. */
  rateLimit: { limit: number; resetSeconds: number };
  /**
   * Dependencies ("name" or "name@version") whose presence makes an action build end in status "failed",
   * standing in for npm failing to install them on Auth0.
   */
  failBuilds: string[];
}

export type FaultPatch = Partial<Omit<FaultSettings, "rateLimit">> & {
  rateLimit?: Partial<FaultSettings["rateLimit"]>;
};

export type FaultDecision = "none" | "rate_limit" | "unavailable";

export function defaultFaults(): FaultSettings {
  return {
    seed: 1,
    rateLimitFraction: 0,
    unavailableFraction: 0,
    latencyMs: 0,
    rateLimit: { limit: 50, resetSeconds: 1 },
    failBuilds: [],
  };
}

export class Faults {
  private settings: FaultSettings = defaultFaults();
  private random: Random = mulberry32(this.settings.seed);

  constructor(initial: FaultPatch = {}) {
    this.set(initial);
  }

  get(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Merges a patch; throws a RangeError with a readable message for invalid values. */
  set(patch: FaultPatch): FaultSettings {
    // Settings are named by the caller (POST /__local/faults): an unknown or misspelt one is an error, not ignored.
    const unknown = Object.keys(patch).filter((key) => !Object.hasOwn(this.settings, key));
    if (unknown.length > 0) throw new RangeError(`unknown fault setting: ${unknown.join(", ")}`);
    if (patch.rateLimit !== undefined) {
      if (patch.rateLimit === null || typeof patch.rateLimit !== "object" || Array.isArray(patch.rateLimit))
        throw new RangeError("rateLimit must be an object {limit, resetSeconds}");
      const unknownRate = Object.keys(patch.rateLimit).filter((key) => key !== "limit" && key !== "resetSeconds");
      if (unknownRate.length > 0)
        throw new RangeError(`unknown fault setting: ${unknownRate.map((key) => `rateLimit.${key}`).join(", ")}`);
    }
    const next: FaultSettings = {
      ...this.settings,
      ...patch,
      rateLimit: { ...this.settings.rateLimit, ...patch.rateLimit },
    };
    for (const key of ["rateLimitFraction", "unavailableFraction"] as const) {
      if (typeof next[key] !== "number" || next[key] < 0 || next[key] > 1)
        throw new RangeError(`${key} must be a number between 0 and 1`);
    }
    if (next.rateLimitFraction + next.unavailableFraction > 1)
      throw new RangeError("rateLimitFraction + unavailableFraction must not exceed 1");
    if (typeof next.latencyMs !== "number" || next.latencyMs < 0)
      throw new RangeError("latencyMs must be a non-negative number");
    if (!Number.isInteger(next.seed)) throw new RangeError("seed must be an integer");
    if (!Array.isArray(next.failBuilds) || next.failBuilds.some((d) => typeof d !== "string"))
      throw new RangeError("failBuilds must be a list of strings");
    if (
      typeof next.rateLimit.limit !== "number" ||
      typeof next.rateLimit.resetSeconds !== "number" ||
      !(next.rateLimit.limit > 0) ||
      !(next.rateLimit.resetSeconds >= 0)
    )
      throw new RangeError("rateLimit.limit must be > 0 and rateLimit.resetSeconds >= 0");
    const reseed = patch.seed !== undefined || next.seed !== this.settings.seed;
    this.settings = next;
    if (reseed) this.random = mulberry32(next.seed);
    return this.get();
  }

  reset(): FaultSettings {
    this.settings = defaultFaults();
    this.random = mulberry32(this.settings.seed);
    return this.get();
  }

  /** One draw per Management API request. */
  decide(): FaultDecision {
    const draw = this.random();
    if (draw < this.settings.rateLimitFraction) return "rate_limit";
    if (draw < this.settings.rateLimitFraction + this.settings.unavailableFraction) return "unavailable";
    return "none";
  }

  latencyMs(): number {
    return this.settings.latencyMs;
  }

  rateLimit(): FaultSettings["rateLimit"] {
    return { ...this.settings.rateLimit };
  }

  buildFails(dependencies: ReadonlyArray<{ name: string; version: string }>): boolean {
    const rules = this.settings.failBuilds;
    return dependencies.some((dep) => rules.includes(dep.name) || rules.includes(`${dep.name}@${dep.version}`));
  }
}
