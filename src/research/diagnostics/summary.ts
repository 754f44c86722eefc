/** Distribution summaries of simulated values: mean, spread and quantiles. */
import { quantileSorted } from '../../analytics/statistics/sample.js';

/** Quantile probabilities used when none are given: 5, 25, 50, 75 and 95 %. */
export const DEFAULT_QUANTILES: readonly number[] = Object.freeze([0.05, 0.25, 0.5, 0.75, 0.95]);

export interface QuantileValue {
  /** Probability p in [0, 1]. */
  readonly p: number;
  readonly value: number;
}

export interface DistributionSummary {
  /** Values the summary is over: the finite ones (a run with an undefined statistic is NaN). */
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (divides by count − 1); 0 for a single value. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Ascending in p, and then non-decreasing in value. */
  readonly quantiles: readonly QuantileValue[];
  /** Every run's value, in run order (NaN where undefined). */
  readonly values: Float64Array;
}

/** Summary of `values` over their finite entries, with the quantiles at the ascending `probabilities`. */
export function summarize(values: Float64Array, probabilities: readonly number[]): DistributionSummary {
  const finite = values.filter(Number.isFinite).sort();
  const n = finite.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += finite[i];
  // All equal (e.g. a permutation's final return): exactly that value and 0, not rounding noise.
  const constant = n > 0 && finite[0] === finite[n - 1];
  const mean = n === 0 ? Number.NaN : constant ? finite[0] : sum / n;
  let ss = 0;
  if (!constant) for (let i = 0; i < n; i++) ss += (finite[i] - mean) ** 2;
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : Number.NaN,
    min: n > 0 ? finite[0] : Number.NaN,
    max: n > 0 ? finite[n - 1] : Number.NaN,
    quantiles: probabilities.map((p) => ({ p, value: quantileSorted(finite, p) })),
    values,
  };
}

/** Drawdown thresholds (percent) whose exceedance probability is reported by default. */
export const DEFAULT_DRAWDOWN_THRESHOLDS_PCT: readonly number[] = Object.freeze([10, 20, 30, 50]);

export interface ThresholdProbability {
  /** Drawdown threshold, percent. */
  readonly thresholdPct: number;
  /** Share of runs whose maximum drawdown is strictly above the threshold. */
  readonly probability: number;
}

/** For each threshold, the share of `drawdownsPct` strictly above it. */
export function exceedance(
  drawdownsPct: Float64Array,
  thresholdsPct: readonly number[],
): ThresholdProbability[] {
  return thresholdsPct.map((thresholdPct) => {
    let above = 0;
    for (const d of drawdownsPct) if (d > thresholdPct) above++;
    return { thresholdPct, probability: drawdownsPct.length > 0 ? above / drawdownsPct.length : Number.NaN };
  });
}

/** Least-squares line y ≈ intercept + slope · x; NaN for both when x is constant. */
export function leastSquares(x: Float64Array, y: Float64Array): { slope: number; intercept: number } {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= x.length;
  my /= x.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (sxx === 0) return { slope: Number.NaN, intercept: Number.NaN };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
