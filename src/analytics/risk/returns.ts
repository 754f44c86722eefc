/**
 * Returns from a price series, and h-day returns for historical VaR horizons.
 */
import { requireFiniteSeries, requireInteger, requirePositive } from '../statistics/validate.js';

function requirePrices(prices: ArrayLike<number>): void {
  requireFiniteSeries('prices', prices, 2);
  for (let i = 0; i < prices.length; i++) requirePositive(`prices[${i}]`, prices[i]);
}

/** Log returns ln(P[t] / P[t−1]), one fewer than the prices (prices finite and > 0). */
export function logReturns(prices: ArrayLike<number>): number[] {
  requirePrices(prices);
  const out = new Array<number>(prices.length - 1);
  for (let i = 1; i < prices.length; i++) out[i - 1] = Math.log(prices[i] / prices[i - 1]);
  return out;
}

/** Simple returns P[t] / P[t−1] − 1, one fewer than the prices (prices finite and > 0). */
export function simpleReturns(prices: ArrayLike<number>): number[] {
  requirePrices(prices);
  const out = new Array<number>(prices.length - 1);
  for (let i = 1; i < prices.length; i++) out[i - 1] = prices[i] / prices[i - 1] - 1;
  return out;
}

/**
 * Overlapping h-day log returns: the sums of `horizon` consecutive one-day log returns
 * (n − h + 1 values; `horizon` 1 returns a copy). Overlapping windows are serially correlated, which
 * a VaR estimate from them should acknowledge (Jorion, "Value at Risk", 3rd ed., §5.2).
 */
export function overlappingReturns(logReturnSeries: ArrayLike<number>, horizon: number): number[] {
  requireInteger('horizon', horizon, 1);
  requireFiniteSeries('returns', logReturnSeries, horizon);
  const out = new Array<number>(logReturnSeries.length - horizon + 1);
  let sum = 0;
  for (let i = 0; i < horizon; i++) sum += logReturnSeries[i];
  out[0] = sum;
  for (let i = horizon; i < logReturnSeries.length; i++) {
    sum += logReturnSeries[i] - logReturnSeries[i - horizon];
    out[i - horizon + 1] = sum;
  }
  return out;
}
