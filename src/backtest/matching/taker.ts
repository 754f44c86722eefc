/**
 * Taking displayed liquidity (shared by both matchers). A buy takes asks, a sell takes bids, level
 * by level from the touch, never beyond `limitTick`. Only displayed (feed) size counts: our own
 * resting orders are not part of a level's `size` (self-trade prevention), and what our earlier
 * orders consumed (the side's ConsumptionOverlay) is not available again.
 */
import type { BookLevels } from '../../data/book/book-side.js';
import { BID } from '../../data/book/level.js';
import type { ConsumptionOverlay } from './overlay.js';
import type { MatchFill } from './types.js';

/** True when `tick` is beyond `limitTick` for an order taking from `levels` (asks for a buy). */
function beyond(levels: BookLevels, tick: number, limitTick: number | undefined): boolean {
  if (limitTick === undefined) return false;
  return levels.side === BID ? tick < limitTick : tick > limitTick;
}

/** Best tick of `levels` with liquidity not yet consumed by us; NaN when none. */
export function effectiveBestTick(levels: BookLevels, overlay: ConsumptionOverlay): number {
  const noOverlay = overlay.size === 0;
  for (let rank = 0; ; rank++) {
    const level = levels.at(rank);
    if (level === undefined) return Number.NaN;
    if (level.size > 0 && (noOverlay || level.size > overlay.get(level.tick))) return level.tick;
  }
}

/** Liquidity available to take up to `limitTick`, counting no further than `enough`. */
export function availableLiquidity(
  levels: BookLevels,
  overlay: ConsumptionOverlay,
  limitTick: number | undefined,
  enough: number,
): number {
  let total = 0;
  for (let rank = 0; total < enough; rank++) {
    const level = levels.at(rank);
    if (level === undefined || beyond(levels, level.tick, limitTick)) break;
    const free = level.size - overlay.get(level.tick);
    if (free > 0) total += free;
  }
  return total;
}

/**
 * Takes up to `quantity` from `levels`, appending one fill per level to `out` at `fillTick`
 * (undefined = the level's own tick, a taker fill; a number = our resting price, a maker fill of
 * a crossing order). Records the consumption in the overlay. Returns the quantity taken.
 */
export function takeLiquidity(
  levels: BookLevels,
  overlay: ConsumptionOverlay,
  id: number,
  quantity: number,
  limitTick: number | undefined,
  out: MatchFill[],
  fillTick?: number,
): number {
  let remaining = quantity;
  for (let rank = 0; remaining > 0; rank++) {
    const level = levels.at(rank);
    if (level === undefined || beyond(levels, level.tick, limitTick)) break;
    const free = level.size - overlay.get(level.tick);
    if (free <= 0) continue;
    const take = Math.min(free, remaining);
    overlay.add(level.tick, take);
    remaining -= take;
    if (fillTick === undefined) out.push({ id, tick: level.tick, quantity: take, liquidity: 'taker' });
    else {
      const last = out[out.length - 1];
      if (last !== undefined && last.id === id && last.tick === fillTick) last.quantity += take;
      else out.push({ id, tick: fillTick, quantity: take, liquidity: 'maker' });
    }
  }
  return quantity - remaining;
}
