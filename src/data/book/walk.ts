import type { Grid } from '../../model/grid.js';
import { ASK, BID } from './level.js';
import type { OrderBook } from './order-book.js';

export interface WalkFill {
  tick: number;
  /** Price on the grid (equals `tick` when no grid was given). */
  price: number;
  quantity: number;
}

export interface WalkResult {
  fills: WalkFill[];
  filledQuantity: number;
  remainingQuantity: number;
  /** True when the whole quantity filled. */
  complete: boolean;
  /** Volume-weighted average fill in ticks (NaN when nothing filled). */
  averageTicks: number;
  /** Volume-weighted average price (averageTicks × increment; NaN when nothing filled). */
  averagePrice: number;
}

export interface WalkOptions {
  /** Grid to turn ticks into prices. */
  grid?: Grid;
  /** Do not fill beyond this tick (a marketable limit order); default: no limit. */
  limitTick?: number;
}

/**
 * What a market order of ours would fill against the book right now: it consumes price levels from
 * the touch outward (a buy takes asks, a sell takes bids) until the quantity is done or the book
 * (or `limitTick`) runs out; then `complete` is false and `remainingQuantity` says what is left.
 *
 * Own-order rule: our simulated resting orders sit in the queues (they have a queue position) but
 * are never part of a level's displayed `size`, which holds only the feed's orders. A market order of
 * ours fills against that displayed size only, so it never matches our own resting orders
 * (self-trade prevention) and never counts the same liquidity twice. The book is not changed.
 */
export function walkBook(
  book: OrderBook,
  side: 'buy' | 'sell',
  quantity: number,
  options: WalkOptions = {},
): WalkResult {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new RangeError(`market order quantity must be a positive integer, got ${quantity}`);
  }
  const levels = book.levels(side === 'buy' ? ASK : BID);
  const limit = options.limitTick;
  const grid = options.grid;
  const fills: WalkFill[] = [];
  let remaining = quantity;
  let tickVolume = 0;
  for (let rank = 0; remaining > 0; rank++) {
    const level = levels.at(rank);
    if (level === undefined) break;
    if (limit !== undefined && (side === 'buy' ? level.tick > limit : level.tick < limit)) break;
    if (level.size === 0) continue; // only our own orders rest here
    const take = Math.min(remaining, level.size);
    fills.push({ tick: level.tick, price: grid ? grid.fromTicks(level.tick) : level.tick, quantity: take });
    tickVolume += level.tick * take;
    remaining -= take;
  }
  const filled = quantity - remaining;
  const averageTicks = filled > 0 ? tickVolume / filled : Number.NaN;
  return {
    fills,
    filledQuantity: filled,
    remainingQuantity: remaining,
    complete: remaining === 0,
    averageTicks,
    averagePrice: grid ? averageTicks * grid.increment : averageTicks,
  };
}
