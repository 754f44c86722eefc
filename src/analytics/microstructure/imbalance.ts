import { requireFinite } from '../statistics/validate.js';

/**
 * Level-1 order-book imbalance (q_bid − q_ask) / (q_bid + q_ask), in [−1, 1]; positive when bids
 * dominate. NaN when both sizes are 0. Cartea, Jaimungal & Penalva, "Algorithmic and
 * High-Frequency Trading" (2015), ch. 4 (their ρ = q_b/(q_b+q_a) is (1 + imbalance)/2).
 */
export function orderBookImbalance(bidSize: number, askSize: number): number {
  requireSize('bidSize', bidSize);
  requireSize('askSize', askSize);
  const total = bidSize + askSize;
  return total === 0 ? Number.NaN : (bidSize - askSize) / total;
}

/**
 * Depth-N imbalance Σ w_i (q_bid,i − q_ask,i) / Σ w_i (q_bid,i + q_ask,i) over the first N levels
 * (index 0 = best). `weights` default to 1 for every level (plain depth imbalance); a decaying
 * weighting such as w_i = 1/(i+1) or exp(−λi) emphasises the touch (Cao, Hansch & Wang 2009, "The
 * information content of an open limit-order book", J. Futures Markets, use the unweighted sum).
 * Missing levels count as size 0. NaN when the weighted total is 0.
 */
export function depthImbalance(
  bidSizes: readonly number[],
  askSizes: readonly number[],
  weights?: readonly number[],
): number {
  const levels = weights?.length ?? Math.max(bidSizes.length, askSizes.length);
  let bid = 0;
  let ask = 0;
  for (let i = 0; i < levels; i++) {
    const w = weights === undefined ? 1 : requireSize(`weights[${i}]`, weights[i]);
    bid += w * (i < bidSizes.length ? requireSize(`bidSizes[${i}]`, bidSizes[i]) : 0);
    ask += w * (i < askSizes.length ? requireSize(`askSizes[${i}]`, askSizes[i]) : 0);
  }
  const total = bid + ask;
  return total === 0 ? Number.NaN : (bid - ask) / total;
}

function requireSize(name: string, value: number): number {
  requireFinite(name, value);
  if (value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}
