/**
 * A small seeded pseudo-random generator (mulberry32).
 *
 * Fault injection draws from it so a test that sets a seed sees the same 429/503 sequence on every run; it is
 * exported so tests can compute the expected sequence instead of hard-coding it.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
