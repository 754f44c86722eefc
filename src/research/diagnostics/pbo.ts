/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
 * López de Prado & Zhu, "The Probability of Backtest Overfitting", Journal of Computational Finance
 * 20(4), 2017). Formulas, ties and the remainder rule: docs/overfitting.md.
 */

import { requireInteger } from '../../analytics/statistics/validate.js';
import { binomial, forEachHalf } from './cscv-blocks.js';
import { customEvaluator, type Evaluate, fastEvaluator } from './cscv-evaluators.js';
import { leastSquares } from './summary.js';

/** Most splits C(S, S/2) accepted (S ≤ 22). */
export const MAX_CSCV_SPLITS = 1_000_000;

/**
 * Performance of a trial on a set of blocks. `'sharpe'` (default): mean / sample std of the
 * concatenated returns (0 without variability); `'mean'`: their mean. Both run in O(S) per trial and
 * split. A function gets the concatenated returns (blocks in time order; the array is reused, copy it
 * to keep it), must return a finite number (higher = better), and costs O(T) per call.
 */
export type PerformanceMetric = 'sharpe' | 'mean' | ((returns: Float64Array) => number);

export interface PboOptions {
  /** Number of blocks S: even, ≥ 2, ≤ T. Default 16. */
  readonly blocks?: number;
  readonly metric?: PerformanceMetric;
}

export interface PboResult {
  /** Share of splits whose in-sample best trial ranks at or below the out-of-sample median (λ ≤ 0). */
  readonly pbo: number;
  /** Share of splits whose chosen trial has an out-of-sample performance < 0. */
  readonly probabilityOfLoss: number;
  /** C(S, S/2). */
  readonly splitCount: number;
  readonly blocks: number;
  /** Observations per block, ⌊T / S⌋. */
  readonly blockSize: number;
  /** T mod S: the oldest observations, left out. */
  readonly droppedObservations: number;
  /** Per split: λ = ln(ω / (1 − ω)), ω the chosen trial's out-of-sample rank / (N + 1). */
  readonly logits: Float64Array;
  /** Per split: the trial chosen in sample (index into the input). */
  readonly selectedTrial: Int32Array;
  /** Per split: the chosen trial's in-sample performance. */
  readonly isPerformance: Float64Array;
  /** Per split: the chosen trial's out-of-sample performance. */
  readonly oosPerformance: Float64Array;
  /** Least-squares line oosPerformance ≈ intercept + slope · isPerformance (NaN if IS is constant). */
  readonly degradation: { readonly slope: number; readonly intercept: number };
}

function validate(returns: readonly ArrayLike<number>[], blocks: number): void {
  if (!Array.isArray(returns) || returns.length < 2) {
    throw new RangeError(
      `returns must hold at least 2 trials (series), got ${Array.isArray(returns) ? returns.length : 'none'}`,
    );
  }
  const t = returns[0]?.length;
  for (let n = 0; n < returns.length; n++) {
    const row = returns[n];
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new TypeError(`returns[${n}] must be an array of numbers`);
    }
    if (row.length !== t)
      throw new RangeError(`returns[${n}] has ${row.length} observations, returns[0] has ${t}`);
    for (let i = 0; i < t; i++) {
      if (!Number.isFinite(row[i]))
        throw new RangeError(`returns[${n}][${i}] must be a finite number, got ${row[i]}`);
    }
  }
  requireInteger('blocks (S)', blocks, 2);
  if (blocks % 2 !== 0) throw new RangeError(`blocks (S) must be even, got ${blocks}`);
  if (blocks > t)
    throw new RangeError(`blocks (S) must be <= the number of observations T = ${t}, got ${blocks}`);
  if (Math.floor(t / blocks) * (blocks / 2) < 2) {
    throw new RangeError(`blocks (S) = ${blocks} leaves fewer than 2 observations per half of T = ${t}`);
  }
  if (binomial(blocks, blocks / 2) > MAX_CSCV_SPLITS) {
    throw new RangeError(
      `blocks (S) = ${blocks} gives ${binomial(blocks, blocks / 2)} splits, above ${MAX_CSCV_SPLITS}`,
    );
  }
}

/**
 * CSCV probability of backtest overfitting of choosing, among N trials (each `returns[n]` a series of
 * T per-period returns), the one that performed best in sample. Deterministic (no randomness).
 * Time O(C(S, S/2) · N · S) for the built-in metrics, after an O(N · T) pass.
 */
export function probabilityOfBacktestOverfitting(
  returns: readonly ArrayLike<number>[],
  options: PboOptions = {},
): PboResult {
  const blocks = options.blocks ?? 16;
  validate(returns, blocks);
  const metric = options.metric ?? 'sharpe';
  let evaluate: Evaluate;
  if (typeof metric === 'function') evaluate = customEvaluator(returns, blocks, metric);
  else if (metric === 'sharpe' || metric === 'mean') evaluate = fastEvaluator(returns, blocks, metric);
  else throw new RangeError(`metric must be 'sharpe', 'mean' or a function, got ${String(metric)}`);

  const trials = returns.length;
  const splits = binomial(blocks, blocks / 2);
  const logits = new Float64Array(splits);
  const selectedTrial = new Int32Array(splits);
  const isPerformance = new Float64Array(splits);
  const oosPerformance = new Float64Array(splits);
  const isPerf = new Float64Array(trials);
  const oosPerf = new Float64Array(trials);
  let overfit = 0;
  let losses = 0;
  forEachHalf(blocks, (isBlocks, c, firstChanged) => {
    evaluate(isBlocks, firstChanged, isPerf, oosPerf);
    let best = 0; // ties in sample: the lowest trial index
    for (let n = 1; n < trials; n++) if (isPerf[n] > isPerf[best]) best = n;
    const oos = oosPerf[best];
    let below = 0;
    let equal = 0;
    for (let n = 0; n < trials; n++) {
      if (oosPerf[n] < oos) below++;
      else if (oosPerf[n] === oos) equal++;
    }
    const rank = below + (equal + 1) / 2; // ascending, 1 = worst; ties share their average rank
    const omega = rank / (trials + 1);
    const lambda = Math.log(omega / (1 - omega));
    logits[c] = lambda;
    selectedTrial[c] = best;
    isPerformance[c] = isPerf[best];
    oosPerformance[c] = oos;
    if (lambda <= 0) overfit++;
    if (oos < 0) losses++;
  });

  const t = returns[0].length;
  return {
    pbo: overfit / splits,
    probabilityOfLoss: losses / splits,
    splitCount: splits,
    blocks,
    blockSize: Math.floor(t / blocks),
    droppedObservations: t % blocks,
    logits,
    selectedTrial,
    isPerformance,
    oosPerformance,
    degradation: leastSquares(isPerformance, oosPerformance),
  };
}
