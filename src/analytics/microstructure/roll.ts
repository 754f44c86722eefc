import { sampleCovariance } from '../statistics/sample.js';
import { requireFiniteSeries } from '../statistics/validate.js';

/** Roll's estimate and the autocovariance it comes from. */
export interface RollSpread {
  /** 2·√(−γ₁), in the price's unit; NaN when γ₁ ≥ 0 (`defined` false). */
  readonly spread: number;
  /** γ₁ = cov(Δp_t, Δp_{t−1}), the first-order sample autocovariance of price changes. */
  readonly autocovariance: number;
  /**
   * False when γ₁ ≥ 0: the bid–ask bounce model implies γ₁ = −s²/4 < 0, so a non-negative
   * autocovariance (momentum, news, too few trades) leaves the spread undefined.
   */
  readonly defined: boolean;
}

/**
 * Roll (1984), "A simple implicit measure of the effective bid-ask spread in an efficient market",
 * J. Finance 39(4): s = 2·√(−cov(Δp_t, Δp_{t−1})) from successive trade prices. Needs ≥ 4 prices.
 */
export function rollSpread(prices: ArrayLike<number>): RollSpread {
  requireFiniteSeries('prices', prices, 4);
  const changes: number[] = [];
  for (let i = 1; i < prices.length; i++) changes.push(prices[i] - prices[i - 1]);
  const current = changes.slice(1);
  const previous = changes.slice(0, -1);
  const autocovariance = sampleCovariance(current, previous);
  const defined = autocovariance < 0;
  return { spread: defined ? 2 * Math.sqrt(-autocovariance) : Number.NaN, autocovariance, defined };
}
