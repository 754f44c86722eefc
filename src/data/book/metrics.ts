import { orderBookImbalance } from '../../analytics/microstructure/imbalance.js';
import { weightedMid } from '../../analytics/microstructure/microprice.js';
import { ASK, BID } from './level.js';
import type { LevelView, OrderBook } from './order-book.js';

/**
 * Book metrics: pure functions of an OrderBook's displayed liquidity (the feed's orders; our own
 * simulated orders are left out, as in `topLevels`). Prices are in ticks (multiply by the grid's
 * increment for a price); a metric that needs a side the book lacks is NaN.
 */

/** The top `n` displayed levels of each side, best first. */
export interface DepthView {
  readonly bids: LevelView[];
  readonly asks: LevelView[];
}

export function depthView(book: OrderBook, n: number): DepthView {
  checkLevels(n);
  return { bids: book.topLevels(BID, n), asks: book.topLevels(ASK, n) };
}

/** Best ask − best bid, in ticks (NaN when a side is empty; ≤ 0 when the book is crossed). */
export function spreadTicks(book: OrderBook): number {
  return book.bestAskTick() - book.bestBidTick();
}

/** (best bid + best ask) / 2, in ticks (NaN when a side is empty). */
export function midTicks(book: OrderBook): number {
  return (book.bestBidTick() + book.bestAskTick()) / 2;
}

/**
 * Microprice in ticks: the touch prices weighted by the opposite side's size,
 * (bid × askSize + ask × bidSize) / (bidSize + askSize). It leans towards the side with less size
 * (the side more likely to be taken out next). NaN when a side is empty.
 */
export function microprice(book: OrderBook): number {
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid === undefined || ask === undefined) return Number.NaN;
  return weightedMid(bid.tick, bid.size, ask.tick, ask.size);
}

/**
 * Order-book imbalance over the top `n` displayed levels of each side:
 * (Σ bid size − Σ ask size) / (Σ bid size + Σ ask size), in [−1, 1]; positive when bids dominate.
 * NaN when both sides are empty.
 */
export function imbalance(book: OrderBook, n: number): number {
  const view = depthView(book, n);
  return imbalanceOf(view);
}

/** `imbalance` of a depth view already taken (its levels, all of them). */
export function imbalanceOf(view: DepthView): number {
  let bid = 0;
  let ask = 0;
  for (const level of view.bids) bid += level.size;
  for (const level of view.asks) ask += level.size;
  return orderBookImbalance(bid, ask);
}

function checkLevels(n: number): void {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`number of levels must be a positive integer, got ${n}`);
  }
}
