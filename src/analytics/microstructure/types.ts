/**
 * Plain inputs of the microstructure measures. Times are microseconds since the Unix epoch (any
 * monotone clock works, the measures only difference them); prices in currency units, sizes in
 * shares or contracts.
 */

/** Level 1 of the book at `time`: best bid and ask with their displayed sizes. */
export interface TopOfBook {
  readonly time: number;
  readonly bidPrice: number;
  readonly bidSize: number;
  readonly askPrice: number;
  readonly askSize: number;
}

/** +1 buyer-initiated, −1 seller-initiated, 0 unknown (a cross, an auction print). */
export type TradeSign = 1 | -1 | 0;

/**
 * One trade. `quoteIndex` is the index, in the quote array it is measured against, of the quote
 * prevailing just before the trade (−1 when no quote precedes it).
 */
export interface Trade {
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly sign: TradeSign;
  readonly quoteIndex: number;
}

/** Mid-quote (bid + ask) / 2. */
export function midOf(quote: TopOfBook): number {
  return (quote.bidPrice + quote.askPrice) / 2;
}
