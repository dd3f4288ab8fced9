/**
 * The tenant's login clock: what "now" is for sessions, login transactions, login log events and the Actions'
 * `Date`. Tests control it (tenant.clock, or /__local/clock) to walk a session through days of idle and
 * absolute lifetimes in milliseconds of real time.
 *
 * It follows real time until a test sets or freezes it. A frozen clock only moves when told to, which is what
 * makes exact assertions possible: a login at T with a 3-day idle lifetime expires at exactly T + 3 days.
 * The Management API (tokens, action timestamps) keeps using real time; only the login area reads this clock.
 */
export interface ClockState {
  now: string;
  nowMs: number;
  frozen: boolean;
  /** How far the clock is from real time (ms), at the moment of asking. */
  offsetMs: number;
}

export class TenantClock {
  private frozenAt: number | undefined;
  private offset = 0;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Sets the clock to `ms`; frozen there by default, or running from there (`frozen: false`). */
  set(ms: number, options: { frozen?: boolean } = {}): void {
    assertTime(ms);
    if (options.frozen ?? true) {
      this.frozenAt = ms;
    } else {
      this.frozenAt = undefined;
      this.offset = ms - Date.now();
    }
  }

  /** Stops the clock where it is (or at `at`). */
  freeze(at: number = this.now()): void {
    this.set(at, { frozen: true });
  }

  /** Moves the clock forward (or back, for negative `ms`), frozen or running. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advance needs a finite number of milliseconds, got ${String(ms)}`);
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
  }

  /** Back to real time. */
  reset(): void {
    this.frozenAt = undefined;
    this.offset = 0;
  }

  /** Parameters an Action sandbox needs to run its own `Date` on this clock without a host object. */
  sandboxTime(): { frozenAt: number | null; offsetMs: number } {
    return { frozenAt: this.frozenAt ?? null, offsetMs: this.offset };
  }

  state(): ClockState {
    const now = this.now();
    return {
      now: new Date(now).toISOString(),
      nowMs: now,
      frozen: this.frozenAt !== undefined,
      offsetMs: now - Date.now(),
    };
  }
}

function assertTime(ms: number): void {
  // Date's own range; anything outside cannot be shown as an ISO date or a cookie expiry.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new RangeError(`not a time in milliseconds: ${String(ms)}`);
}
