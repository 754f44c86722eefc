/**
 * Combinatorially symmetric cross-validation (CSCV) plumbing: the splits of S blocks into halves, and
 * per-block sufficient statistics that make a half's Sharpe ratio O(S) instead of O(T).
 */
import { ZERO_DEVIATION } from './moments.js';

/** Binomial coefficient C(n, k) (exact below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(c);
}

/**
 * Calls `visit` with every set of `blocks / 2` block indices out of `blocks`, ascending within a set,
 * the sets in lexicographic order ({0..S/2−1} first, {S/2..S−1} last). `visit` gets the same array
 * each time (do not keep it) and the first position that differs from the previous set (0 at first).
 */
export function forEachHalf(
  blocks: number,
  visit: (chosen: Int32Array, index: number, firstChanged: number) => void,
): void {
  const k = blocks / 2;
  const chosen = new Int32Array(k);
  for (let i = 0; i < k; i++) chosen[i] = i;
  let changed = 0;
  for (let index = 0; ; index++) {
    visit(chosen, index, changed);
    let i = k - 1;
    while (i >= 0 && chosen[i] === blocks - k + i) i--;
    if (i < 0) return;
    chosen[i]++;
    for (let j = i + 1; j < k; j++) chosen[j] = chosen[j - 1] + 1;
    changed = i;
  }
}

/**
 * Per trial and block: the sum and the sum of squares of (r − c), c the trial's mean over the used
 * observations (shifting by it keeps Σq − (Σs)²/n free of cancellation). Layout `[block · N + trial]`.
 */
export interface BlockSums {
  readonly trials: number;
  readonly blocks: number;
  /** Observations per block. */
  readonly blockSize: number;
  /** Observations dropped from the start so that S divides the rest. */
  readonly dropped: number;
  readonly shift: Float64Array;
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  /** Per trial, over all blocks. */
  readonly totalSum: Float64Array;
  readonly totalSumSq: Float64Array;
}

export function blockSums(returns: readonly ArrayLike<number>[], blocks: number): BlockSums {
  const trials = returns.length;
  const t = returns[0].length;
  const blockSize = Math.floor(t / blocks);
  const dropped = t - blockSize * blocks;
  const shift = new Float64Array(trials);
  const sum = new Float64Array(trials * blocks);
  const sumSq = new Float64Array(trials * blocks);
  const totalSum = new Float64Array(trials);
  const totalSumSq = new Float64Array(trials);
  for (let n = 0; n < trials; n++) {
    const row = returns[n];
    let mean = 0;
    for (let i = dropped; i < t; i++) mean += row[i];
    mean /= t - dropped;
    shift[n] = mean;
    for (let b = 0; b < blocks; b++) {
      let s = 0;
      let q = 0;
      const start = dropped + b * blockSize;
      for (let i = start; i < start + blockSize; i++) {
        const d = row[i] - mean;
        s += d;
        q += d * d;
      }
      sum[b * trials + n] = s;
      sumSq[b * trials + n] = q;
      totalSum[n] += s;
      totalSumSq[n] += q;
    }
  }
  return { trials, blocks, blockSize, dropped, shift, sum, sumSq, totalSum, totalSumSq };
}

/**
 * Sharpe ratio mean / sample std of n observations from their shifted sums; 0 when the standard
 * deviation is at most ZERO_DEVIATION (no variability: no risk-adjusted edge to rank).
 */
export function sharpeFromSums(n: number, shift: number, s: number, q: number): number {
  const variance = (q - (s * s) / n) / (n - 1);
  if (!(variance > ZERO_DEVIATION * ZERO_DEVIATION)) return 0;
  return (shift + s / n) / Math.sqrt(variance);
}
