/**
 * The moments of a return series that the probabilistic and deflated Sharpe ratios take as inputs.
 * Formulas: docs/overfitting.md.
 */

import { sampleCovariance } from '../../analytics/statistics/sample.js';
import { requireFiniteSeries } from '../../analytics/statistics/validate.js';
import { ZERO_DEVIATION } from '../../backtest/statistics.js';

/** A standard deviation at or below this counts as zero (as in the backtest statistics). */
export { ZERO_DEVIATION };

export interface ReturnMoments {
  /** Number of observations T. */
  readonly count: number;
  /** Arithmetic mean per period. */
  readonly mean: number;
  /** Sample standard deviation (divides by T − 1), as the backtest statistics' Sharpe ratio. */
  readonly std: number;
  /**
   * Skewness γ₃ = m₃ / m₂^{3/2} from the population central moments m_k = (1/T) Σ (r − mean)^k;
   * `null` when std ≤ ZERO_DEVIATION.
   */
  readonly skewness: number | null;
  /**
   * **Raw** (Pearson) kurtosis γ₄ = m₄ / m₂², 3 for a normal distribution (excess kurtosis is γ₄ − 3);
   * `null` when std ≤ ZERO_DEVIATION.
   */
  readonly kurtosis: number | null;
  /** Per-period (non-annualised) Sharpe ratio mean / std; `null` when std ≤ ZERO_DEVIATION. */
  readonly sharpe: number | null;
}

/**
 * Mean, standard deviation, skewness, raw kurtosis and per-period Sharpe ratio of `returns` (at least
 * 2 finite values). Pass excess returns (minus the per-period risk-free rate) for an excess Sharpe.
 * Two-pass (deviations from the mean), so a constant series gets a standard deviation of ~0, not noise.
 */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  requireFiniteSeries('returns', returns, 2);
  const n = returns.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const constant = std <= ZERO_DEVIATION;
  return {
    count: n,
    mean,
    std,
    skewness: constant ? null : m3 / m2 ** 1.5,
    kurtosis: constant ? null : m4 / (m2 * m2),
    sharpe: std > ZERO_DEVIATION ? mean / std : null,
  };
}

/** Sample variance (divides by n − 1) of at least 2 finite values. */
export function sampleVariance(name: string, values: ArrayLike<number>): number {
  requireFiniteSeries(name, values, 2);
  return sampleCovariance(values, values);
}
