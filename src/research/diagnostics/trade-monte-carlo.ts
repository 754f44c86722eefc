/**
 * Monte Carlo of trade order: how final return and maximum drawdown would have looked had the same
 * closed trades come in another order (permutation) or been drawn again with replacement (bootstrap).
 * Formulas and how to read them: docs/overfitting.md.
 */
import { mulberry32 } from '../../analytics/statistics/random.js';
import {
  requireFinite,
  requireFiniteSeries,
  requireInteger,
  requirePositive,
  requireProbabilities,
  requireSeed,
} from '../../analytics/statistics/validate.js';
import {
  DEFAULT_DRAWDOWN_THRESHOLDS_PCT,
  DEFAULT_QUANTILES,
  type DistributionSummary,
  exceedance,
  summarize,
  type ThresholdProbability,
} from './summary.js';

export interface TradeMonteCarloOptions {
  /** Seed of the mulberry32 generator: the same seed gives the same result. */
  readonly seed: number;
  /** Simulated runs of each kind. Default 1000. */
  readonly runs?: number;
  /** Quantile probabilities in [0, 1]. Default 5, 25, 50, 75, 95 %. */
  readonly quantiles?: readonly number[];
  /** Drawdown thresholds in percent; the share of runs whose drawdown exceeds each. Default 10, 20, 30, 50. */
  readonly drawdownThresholdsPct?: readonly number[];
}

export interface PathOutcome {
  /** (capital + Σ P&L) / capital − 1, a fraction. */
  readonly finalReturn: number;
  /** Largest fall from the running peak (which starts at the capital), percent; > 100 only if equity went negative. */
  readonly maxDrawdownPct: number;
}

export interface TradeSimulation {
  readonly finalReturn: DistributionSummary;
  readonly maxDrawdownPct: DistributionSummary;
  readonly drawdownExceedance: readonly ThresholdProbability[];
}

export interface TradeMonteCarloResult {
  readonly runs: number;
  readonly trades: number;
  /** The trades in their actual order. */
  readonly original: PathOutcome;
  /**
   * Random reorderings of the same trades. The final return is the same in every run (a sum does
   * not depend on its order, and it is computed as Σ P&L / capital, so exactly equal): only the path,
   * hence the drawdown, changes.
   */
  readonly permutation: TradeSimulation;
  /** M trades drawn with replacement from the M actual trades: final return and drawdown both vary. */
  readonly bootstrap: TradeSimulation;
}

/** Maximum drawdown (percent) of capital + cumulative P&L, taking the trades in `order`. */
function drawdownOf(pnls: Float64Array, order: Int32Array | null, capital: number): number {
  let equity = capital;
  let peak = capital;
  let max = 0;
  for (let i = 0; i < pnls.length; i++) {
    equity += pnls[order === null ? i : order[i]];
    if (equity > peak) peak = equity;
    else if (equity < peak) {
      const dd = ((peak - equity) / peak) * 100;
      if (dd > max) max = dd;
    }
  }
  return max;
}

/**
 * Permutation and bootstrap Monte Carlo of closed trades' net P&Ls (money) on `initialCapital`.
 * Each run costs O(M) time; nothing but the per-run results is kept.
 */
export function tradeMonteCarlo(
  pnls: ArrayLike<number>,
  initialCapital: number,
  options: TradeMonteCarloOptions,
): TradeMonteCarloResult {
  requireFiniteSeries('pnls', pnls, 1);
  const capital = requirePositive('initialCapital', initialCapital);
  const seed = requireSeed('seed', options.seed);
  const runs = requireInteger('runs', options.runs ?? 1000, 1);
  const probabilities = requireProbabilities('quantiles', options.quantiles ?? DEFAULT_QUANTILES);
  const thresholds = (options.drawdownThresholdsPct ?? DEFAULT_DRAWDOWN_THRESHOLDS_PCT).map((t, i) =>
    requireFinite(`drawdownThresholdsPct[${i}]`, t),
  );

  const trades = Float64Array.from(pnls);
  const m = trades.length;
  let total = 0;
  for (const p of trades) total += p;
  const finalReturn = total / capital;
  const original = { finalReturn, maxDrawdownPct: drawdownOf(trades, null, capital) };

  // Permutation: Fisher–Yates on a running order (a shuffle of any order is a uniform permutation).
  const permRandom = mulberry32(seed);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const permReturn = new Float64Array(runs).fill(finalReturn);
  const permDrawdown = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(permRandom() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    permDrawdown[r] = drawdownOf(trades, order, capital);
  }

  // Bootstrap: an independent stream, so its runs do not depend on the permutation's.
  const bootRandom = mulberry32((seed ^ 0x5bd1e995) | 0);
  const bootReturn = new Float64Array(runs);
  const bootDrawdown = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    let sum = 0;
    for (let i = 0; i < m; i++) {
      order[i] = Math.floor(bootRandom() * m);
      sum += trades[order[i]];
    }
    bootReturn[r] = sum / capital;
    bootDrawdown[r] = drawdownOf(trades, order, capital);
  }

  const simulation = (returns: Float64Array, drawdowns: Float64Array): TradeSimulation => ({
    finalReturn: summarize(returns, probabilities),
    maxDrawdownPct: summarize(drawdowns, probabilities),
    drawdownExceedance: exceedance(drawdowns, thresholds),
  });
  return {
    runs,
    trades: m,
    original,
    permutation: simulation(permReturn, permDrawdown),
    bootstrap: simulation(bootReturn, bootDrawdown),
  };
}
