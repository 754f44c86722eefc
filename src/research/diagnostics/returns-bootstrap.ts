/**
 * Stationary bootstrap of per-period returns (Politis & Romano 1994, "The Stationary Bootstrap",
 * JASA 89(428)): distributions of total return, maximum drawdown and annualised Sharpe ratio, and
 * quantile bands of the compounded equity path for a fan chart. Formulas: docs/overfitting.md.
 */
import { mulberry32 } from '../../analytics/statistics/random.js';
import { quantileSorted } from '../../analytics/statistics/sample.js';
import {
  requireFinite,
  requireFiniteSeries,
  requireInteger,
  requireProbabilities,
  requireSeed,
} from '../../analytics/statistics/validate.js';
import { pathOutcome, type ReturnsOutcome, stationarySampler } from './stationary-bootstrap.js';
import {
  DEFAULT_DRAWDOWN_THRESHOLDS_PCT,
  DEFAULT_QUANTILES,
  type DistributionSummary,
  exceedance,
  summarize,
  type ThresholdProbability,
} from './summary.js';

/**
 * Most runs × periods kept for the bands (one Float64Array, 8 bytes each: 400 MB). The per-step
 * quantiles need every run's value at that step, so the paths are stored; beyond this the call
 * fails rather than exhaust memory — lower `runs` or turn the bands off.
 */
export const MAX_BAND_CELLS = 50_000_000;

export interface ReturnsBootstrapOptions {
  /** Seed of the mulberry32 generator: the same seed gives the same result. */
  readonly seed: number;
  /** Simulated paths, each as long as `returns`. Default 1000. */
  readonly runs?: number;
  /** Mean block length L ≥ 1 (blocks have geometric lengths with mean L); 1 = IID bootstrap. Default 1. */
  readonly meanBlockLength?: number;
  /** Periods per year, to annualise the Sharpe ratio. Default 252. */
  readonly periodsPerYear?: number;
  /** Quantile probabilities of the summaries. Default 5, 25, 50, 75, 95 %. */
  readonly quantiles?: readonly number[];
  /** Quantile probabilities of the equity bands, or `false` for no bands. Default 5, 25, 50, 75, 95 %. */
  readonly bandQuantiles?: readonly number[] | false;
  /** Drawdown thresholds (percent) whose exceedance probability is reported. Default 10, 20, 30, 50. */
  readonly drawdownThresholdsPct?: readonly number[];
}

export interface EquityBands {
  /** Ascending quantile probabilities, one band each. */
  readonly quantiles: readonly number[];
  /** `equity[k][t]`: the `quantiles[k]` quantile over runs of the growth of 1 after t periods, t = 0..T. */
  readonly equity: readonly Float64Array[];
}

export interface ReturnsBootstrapResult {
  readonly runs: number;
  readonly observations: number;
  readonly meanBlockLength: number;
  readonly original: ReturnsOutcome;
  readonly totalReturn: DistributionSummary;
  readonly maxDrawdownPct: DistributionSummary;
  /** Annualised; a run whose Sharpe is undefined is NaN in `values` and left out of the summary. */
  readonly sharpe: DistributionSummary;
  readonly drawdownExceedance: readonly ThresholdProbability[];
  readonly bands: EquityBands | null;
}

/** Stationary-bootstrap runs of `returns` (simple per-period returns, each ≥ −1, at least 2). */
export function bootstrapReturns(
  returns: ArrayLike<number>,
  options: ReturnsBootstrapOptions,
): ReturnsBootstrapResult {
  requireFiniteSeries('returns', returns, 2);
  const data = Float64Array.from(returns);
  const bad = data.findIndex((r) => r < -1);
  if (bad >= 0)
    throw new RangeError(`returns[${bad}] must be >= -1 (a loss of at most 100 %), got ${data[bad]}`);
  const seed = requireSeed('seed', options.seed);
  const runs = requireInteger('runs', options.runs ?? 1000, 1);
  const blockLength = requireFinite('meanBlockLength', options.meanBlockLength ?? 1);
  if (blockLength < 1) throw new RangeError(`meanBlockLength must be >= 1, got ${blockLength}`);
  const periodsPerYear = requireFinite('periodsPerYear', options.periodsPerYear ?? 252);
  if (periodsPerYear <= 0) throw new RangeError(`periodsPerYear must be > 0, got ${periodsPerYear}`);
  const probabilities = requireProbabilities('quantiles', options.quantiles ?? DEFAULT_QUANTILES);
  const bandOption = options.bandQuantiles ?? DEFAULT_QUANTILES;
  const bandProbabilities = bandOption === false ? null : requireProbabilities('bandQuantiles', bandOption);
  const thresholds = (options.drawdownThresholdsPct ?? DEFAULT_DRAWDOWN_THRESHOLDS_PCT).map((v, i) =>
    requireFinite(`drawdownThresholdsPct[${i}]`, v),
  );
  const t = data.length;
  if (bandProbabilities !== null && runs * t > MAX_BAND_CELLS) {
    throw new RangeError(
      `runs × returns.length = ${runs * t} exceeds MAX_BAND_CELLS (${MAX_BAND_CELLS}) needed for the bands; ` +
        'lower runs or pass bandQuantiles: false',
    );
  }

  const sqrtYear = Math.sqrt(periodsPerYear);
  let k = 0;
  const original = pathOutcome(t, () => data[k++], sqrtYear);

  const random = mulberry32(seed);
  // Step-major: the values of every run at step s are cells[(s − 1)·runs .. s·runs).
  const cells = bandProbabilities === null ? null : new Float64Array(runs * t);
  const totals = new Float64Array(runs);
  const drawdowns = new Float64Array(runs);
  const sharpes = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    const next = stationarySampler(data, blockLength, random);
    const store =
      cells === null
        ? undefined
        : (step: number, growth: number) => {
            cells[(step - 1) * runs + r] = growth;
          };
    const outcome = pathOutcome(t, next, sqrtYear, store);
    totals[r] = outcome.totalReturn;
    drawdowns[r] = outcome.maxDrawdownPct;
    sharpes[r] = outcome.sharpe ?? Number.NaN;
  }

  let bands: EquityBands | null = null;
  if (cells !== null && bandProbabilities !== null) {
    const equity = bandProbabilities.map(() => new Float64Array(t + 1).fill(1));
    for (let s = 1; s <= t; s++) {
      const column = cells.subarray((s - 1) * runs, s * runs).sort();
      for (let q = 0; q < bandProbabilities.length; q++)
        equity[q][s] = quantileSorted(column, bandProbabilities[q]);
    }
    bands = { quantiles: bandProbabilities, equity };
  }
  return {
    runs,
    observations: t,
    meanBlockLength: blockLength,
    original,
    totalReturn: summarize(totals, probabilities),
    maxDrawdownPct: summarize(drawdowns, probabilities),
    sharpe: summarize(sharpes, probabilities),
    drawdownExceedance: exceedance(drawdowns, thresholds),
    bands,
  };
}
