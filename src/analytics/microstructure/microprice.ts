/**
 * Size-weighted mid ("microprice" of the practitioners, Stoikov 2018 calls it the weighted mid-price
 * and shows it is a noisy predictor of future mids): (P_bid·q_ask + P_ask·q_bid) / (q_bid + q_ask) = mid + (spread/2)·I with
 * I = (q_bid − q_ask)/(q_bid + q_ask). It leans towards the side with less size. Prices in any
 * unit (ticks or currency), the result in the same unit; NaN when both sizes are 0.
 * Reference: S. Stoikov, "The micro-price: a high-frequency estimator of future prices",
 * Quantitative Finance 18(12), 2018.
 */
export function weightedMid(bidPrice: number, bidSize: number, askPrice: number, askSize: number): number {
  const total = bidSize + askSize;
  return total === 0 ? Number.NaN : (bidPrice * askSize + askPrice * bidSize) / total;
}
