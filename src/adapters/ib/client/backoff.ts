/** Reconnect delays: exponential backoff with full jitter, and a seeded random source for tests. */
import { mulberry32 } from '../../../analytics/statistics/random.js';

export interface BackoffOptions {
  /** First cap, ms (default 1000). */
  readonly baseMs?: number;
  /** Largest cap, ms (default 60 000). */
  readonly maxMs?: number;
}

/** Cap of attempt n (1-based): `min(maxMs, baseMs · 2^(n-1))`. */
export function backoffCapMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  return Math.min(max, base * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
}

/** Full jitter: a uniform delay in `[0, cap(n))` ("Exponential Backoff and Jitter", AWS). */
export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  return Math.floor(random() * backoffCapMs(attempt, options));
}

/** A seeded generator in [0, 1) for reproducible jitter (mulberry32, as the simulated venue uses). */
export const seededRandom = mulberry32;
