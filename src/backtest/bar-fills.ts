import type { Bar } from '../model/data.js';
import type { Grid } from '../model/grid.js';
import type { Order } from '../model/order.js';

/** What one bar does to a working order. */
export interface BarFillDecision {
  /** The stop condition was met on this bar (stop orders). */
  readonly triggered: boolean;
  /** Fill price, or undefined when the order does not fill on this bar. */
  readonly price: number | undefined;
}

const NO_FILL: BarFillDecision = { triggered: false, price: undefined };

/**
 * Fill rules for one bar of OHLC data (documented in docs/backtesting.md). All comparisons are
 * in integer ticks of the instrument's price grid. The bar is assumed to trade at its open first,
 * then anywhere within [low, high]:
 * - market: fills at the open;
 * - limit buy at L: open <= L → open (gap in our favour); else low <= L → L. Sells mirror;
 * - stop-market buy at S: open >= S → open (gap through the stop: worse price); else high >= S → S;
 * - market-if-touched buy at T (buys a dip): open <= T → open; else low <= T → T. Sells mirror;
 * - limit-if-touched: triggers like market-if-touched, then works as a limit from the touch point;
 * - trailing-stop-market: a stop at its current trigger, which the exchange moves after each bar;
 * - stop-limit: triggers like a stop, then works as a limit from the trigger point: triggered at
 *   the open → the limit rule with the open; triggered inside the bar → S if S is within the limit,
 *   else L if the bar's range reaches L; otherwise it stays working as a triggered limit.
 */
export function decideBarFill(order: Order, bar: Bar, grid: Grid): BarFillDecision {
  return decideFill(order, bar.open, bar.high, bar.low, grid);
}

/**
 * The same rules for a price range given directly: a trade tick (or one side of a quote) is a
 * range whose open, high and low are all the traded (or quoted) price.
 */
export function decideFill(
  order: Order,
  openPrice: number,
  highPrice: number,
  lowPrice: number,
  grid: Grid,
): BarFillDecision {
  const open = grid.toTicks(openPrice);
  const high = grid.toTicks(highPrice);
  const low = grid.toTicks(lowPrice);
  const buy = order.side === 'buy';
  switch (order.type) {
    case 'market':
      return { triggered: false, price: grid.fromTicks(open) };
    case 'limit':
      return { triggered: false, price: limitFill(buy, grid.toTicks(order.price!), open, high, low, grid) };
    case 'trailing-stop-market':
      // Works as a stop at its current trigger (the exchange trails it; none yet: wait).
      if (order.triggerPrice === undefined) return NO_FILL;
      return stopFill(order.isTriggered, buy, grid.toTicks(order.triggerPrice), open, high, low, grid);
    case 'market-if-touched': {
      if (order.isTriggered) return { triggered: false, price: grid.fromTicks(open) };
      const touch = grid.toTicks(order.triggerPrice!);
      if (buy ? open <= touch : open >= touch) return { triggered: true, price: grid.fromTicks(open) };
      if (buy ? low <= touch : high >= touch) return { triggered: true, price: grid.fromTicks(touch) };
      return NO_FILL;
    }
    case 'limit-if-touched': {
      const limit = grid.toTicks(order.price!);
      if (order.isTriggered) return { triggered: false, price: limitFill(buy, limit, open, high, low, grid) };
      const touch = grid.toTicks(order.triggerPrice!);
      if (buy ? open <= touch : open >= touch) {
        return { triggered: true, price: limitFill(buy, limit, open, high, low, grid) };
      }
      if (buy ? low <= touch : high >= touch) {
        return { triggered: true, price: limitFill(buy, limit, touch, high, low, grid) };
      }
      return NO_FILL;
    }
    case 'stop-market':
      return stopFill(order.isTriggered, buy, grid.toTicks(order.triggerPrice!), open, high, low, grid);
    case 'stop-limit': {
      const limit = grid.toTicks(order.price!);
      if (order.isTriggered) return { triggered: false, price: limitFill(buy, limit, open, high, low, grid) };
      const stop = grid.toTicks(order.triggerPrice!);
      if (buy ? open >= stop : open <= stop) {
        return { triggered: true, price: limitFill(buy, limit, open, high, low, grid) };
      }
      if (buy ? high >= stop : low <= stop) {
        return { triggered: true, price: limitFill(buy, limit, stop, high, low, grid) };
      }
      return NO_FILL;
    }
  }
}

/** Stop rule: beyond the stop at the open → the open (a gap: worse); reached inside the bar → the stop. */
function stopFill(
  triggered: boolean,
  buy: boolean,
  stop: number,
  open: number,
  high: number,
  low: number,
  grid: Grid,
): BarFillDecision {
  if (triggered) return { triggered: false, price: grid.fromTicks(open) };
  if (buy ? open >= stop : open <= stop) return { triggered: true, price: grid.fromTicks(open) };
  if (buy ? high >= stop : low <= stop) return { triggered: true, price: grid.fromTicks(stop) };
  return NO_FILL;
}

/** Limit rule from a starting price `from` (the open, or a stop's trigger point). */
function limitFill(
  buy: boolean,
  limit: number,
  from: number,
  high: number,
  low: number,
  grid: Grid,
): number | undefined {
  if (buy) {
    if (from <= limit) return grid.fromTicks(from);
    if (low <= limit) return grid.fromTicks(limit);
  } else {
    if (from >= limit) return grid.fromTicks(from);
    if (high >= limit) return grid.fromTicks(limit);
  }
  return undefined;
}
