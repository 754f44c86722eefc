import { quoteIndexAt } from './intervals.js';
import { midOf, type TopOfBook, type Trade, type TradeSign } from './types.js';

/**
 * Trade-based spreads with trade direction D (+1 buy, −1 sell), trade price P, prevailing mid M_t
 * and the mid M_{t+Δ} a horizon Δ later (Hasbrouck, "Empirical Market Microstructure" (2007), the chapter on trading costs;
 * SEC Rule 605, 17 CFR 242.600(b) "average effective spread" and "average realized spread"):
 *
 * effective = 2·D·(P − M_t), realised = 2·D·(P − M_{t+Δ}), price impact = 2·D·(M_{t+Δ} − M_t),
 * so effective = realised + price impact. In the price's unit.
 */
export function effectiveSpread(price: number, sign: TradeSign, mid: number): number {
  return 2 * sign * (price - mid);
}

/** Realised spread 2·D·(P − M_{t+Δ}) (see `effectiveSpread`). */
export function realisedSpread(price: number, sign: TradeSign, midLater: number): number {
  return 2 * sign * (price - midLater);
}

/** Price impact 2·D·(M_{t+Δ} − M_t) (see `effectiveSpread`). */
export function priceImpact(sign: TradeSign, mid: number, midLater: number): number {
  return 2 * sign * (midLater - mid);
}

/** Quoted spread ask − bid, in the price's unit. */
export function quotedSpread(quote: TopOfBook): number {
  return quote.askPrice - quote.bidPrice;
}

/**
 * Quoted spread averaged over time: each quote's spread weighted by how long it stood, up to `end`
 * (default the last quote's time; the last quote then weighs nothing). NaN for an empty span.
 */
export function timeWeightedQuotedSpread(quotes: readonly TopOfBook[], end?: number): number {
  const until = end ?? (quotes.length > 0 ? quotes[quotes.length - 1].time : 0);
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < quotes.length; i++) {
    const next = Math.min(i + 1 < quotes.length ? quotes[i + 1].time : until, until);
    const duration = Math.max(0, next - quotes[i].time);
    weighted += duration * quotedSpread(quotes[i]);
    total += duration;
  }
  return total > 0 ? weighted / total : Number.NaN;
}

/** Share-weighted averages of the trade-based spreads, in price units and in bps of the mid. */
export interface SpreadSummary {
  /** Trades with a sign and a prevailing quote (effective spread and quoted spread at trades). */
  readonly trades: number;
  /** Of these, the trades whose horizon ends within the quotes (realised spread, price impact). */
  readonly tradesWithHorizon: number;
  readonly quoted: number;
  readonly effective: number;
  readonly realised: number;
  readonly priceImpact: number;
  /** The same, each trade's value divided by its prevailing mid, × 10⁴. */
  readonly quotedBps: number;
  readonly effectiveBps: number;
  readonly realisedBps: number;
  readonly priceImpactBps: number;
}

/**
 * Share-weighted averages (as SEC Rule 605 averages them) of the quoted spread prevailing at each
 * trade, the effective spread, and, for horizon Δ = `horizon` (same time unit as the data), the
 * realised spread and price impact. Trades without a sign or a prevailing quote are left out;
 * realised spread and impact also leave out trades whose t + Δ is after the last quote.
 */
export function spreadSummary(
  trades: readonly Trade[],
  quotes: readonly TopOfBook[],
  horizon: number,
): SpreadSummary {
  if (!(horizon >= 0 && Number.isFinite(horizon))) {
    throw new RangeError(`horizon must be a finite number >= 0, got ${horizon}`);
  }
  const atTrade = new WeightedMeans(); // quoted, effective, and the same in bps
  const later = new WeightedMeans(); // realised, impact, and the same in bps
  const lastTime = quotes.length > 0 ? quotes[quotes.length - 1].time : Number.NEGATIVE_INFINITY;
  for (const trade of trades) {
    if (trade.sign === 0 || trade.quoteIndex < 0) continue;
    const quote = quotes[trade.quoteIndex];
    const mid = midOf(quote);
    const quoted = quotedSpread(quote);
    const effective = effectiveSpread(trade.price, trade.sign, mid);
    atTrade.add(trade.size, quoted, effective, quoted / mid, effective / mid);
    if (trade.time + horizon > lastTime) continue;
    const midLater = midOf(quotes[quoteIndexAt(quotes, trade.time + horizon)]);
    const realised = realisedSpread(trade.price, trade.sign, midLater);
    const impact = priceImpact(trade.sign, mid, midLater);
    later.add(trade.size, realised, impact, realised / mid, impact / mid);
  }
  return {
    trades: atTrade.count,
    tradesWithHorizon: later.count,
    quoted: atTrade.mean(0),
    effective: atTrade.mean(1),
    realised: later.mean(0),
    priceImpact: later.mean(1),
    quotedBps: atTrade.mean(2) * 1e4,
    effectiveBps: atTrade.mean(3) * 1e4,
    realisedBps: later.mean(2) * 1e4,
    priceImpactBps: later.mean(3) * 1e4,
  };
}

/** Running weighted means of a fixed set of quantities (NaN before any weight). */
class WeightedMeans {
  count = 0;
  private weight = 0;
  private readonly sums: number[] = [];

  add(weight: number, ...values: number[]): void {
    this.count++;
    this.weight += weight;
    values.forEach((value, i) => {
      this.sums[i] = (this.sums[i] ?? 0) + weight * value;
    });
  }

  mean(i: number): number {
    return (this.sums[i] ?? Number.NaN) / this.weight;
  }
}
