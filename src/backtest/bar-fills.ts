import type { Bar } from '../model/data.js';
import type { OrderSide, OrderType, TrailingOffsetType } from '../model/enums.js';
import type { Grid } from '../model/grid.js';

/** What the fill rules read of an order (the venue's copy of it, or the order itself). */
export interface MatchableOrder {
  readonly type: OrderType;
  readonly side: OrderSide;
  readonly price: number | undefined;
  readonly triggerPrice: number | undefined;
  readonly isTriggered: boolean;
  readonly trailingOffset: number | undefined;
  readonly trailingOffsetType: TrailingOffsetType;
  readonly limitOffset: number | undefined;
}

/**
 * The order in which a bar is assumed to visit its extremes (documented in docs/backtesting.md):
 * - `ohlc`: open → high → low → close;
 * - `olhc`: open → low → high → close;
 * - `proximity` (default): whichever extreme lies nearer the open is visited first (ties: high
 *   first for a bar that closes below its open, low first otherwise).
 */
export type IntrabarPath = 'proximity' | 'ohlc' | 'olhc';

export const INTRABAR_PATHS: readonly IntrabarPath[] = ['proximity', 'ohlc', 'olhc'];

/** What one bar (or tick) does to a working order. */
export interface BarFillDecision {
  /** The trigger condition was met on this data (stop and if-touched orders). */
  readonly triggered: boolean;
  /** Fill price, or undefined when the order does not fill on this data. */
  readonly price: number | undefined;
}

/** A decision with where on the path it happens (0 = the open … path length - 1 = the close). */
export interface PathFillDecision extends BarFillDecision {
  readonly position: number;
  /** Trailing stops: the trigger (and stop-limit limit) after this data, when it moved. */
  readonly trail?: TrailState;
}

/** A trailing stop's state along the path, in grid ticks. */
export interface TrailState {
  /** Best price seen since the order arrived: highest for a sell, lowest for a buy. */
  readonly extreme: number;
  readonly trigger: number;
}

const NO_FILL: PathFillDecision = { triggered: false, price: undefined, position: -1 };

/**
 * The prices a data point visits, in grid ticks: a bar's open, its extremes in path order, then
 * its close; a trade (or one side of a quote) is a single point. Reused between calls.
 */
export class PricePath {
  readonly ticks = [0, 0, 0, 0];
  length = 0;

  /** Sets the path of a bar. */
  fromBar(bar: Bar, grid: Grid, mode: IntrabarPath): this {
    const open = grid.toTicks(bar.open);
    const high = grid.toTicks(bar.high);
    const low = grid.toTicks(bar.low);
    const close = grid.toTicks(bar.close);
    const highFirst =
      mode === 'ohlc' ||
      (mode === 'proximity' && (high - open < open - low || (high - open === open - low && close < open)));
    this.ticks[0] = open;
    this.ticks[1] = highFirst ? high : low;
    this.ticks[2] = highFirst ? low : high;
    this.ticks[3] = close;
    this.length = 4;
    return this;
  }

  /** Sets a one-point path (a trade, or the quote price an order would take). */
  point(priceTicks: number): this {
    this.ticks[0] = priceTicks;
    this.length = 1;
    return this;
  }
}

/**
 * Fill rules along a price path (docs/backtesting.md). All comparisons are in integer ticks of the
 * instrument's price grid. The path starts at the open; a price reached at the open is a gap:
 * - market: fills at the open;
 * - limit buy at L: open <= L → open (gap in our favour); else the first point <= L → L. Sells mirror;
 * - stop-market buy at S: open >= S → open (gap through the stop: worse); else reaching S → S;
 * - market-if-touched buy at T (buys a dip): open <= T → open; else reaching T → T. Sells mirror;
 * - stop-limit / limit-if-touched: trigger as a stop / if-touched order, then a limit from the
 *   trigger point on: it fills at the trigger price if that is within the limit, else only if the
 *   rest of the path reaches the limit;
 * - trailing stops: the trigger follows the best price of the path (the distance behind it kept,
 *   moved only toward the market), and the order fills when the path comes back to the trigger.
 * `position` says where on the path the fill happens, so orders on one bar fill in path order.
 */
export function decideOnPath(
  order: MatchableOrder,
  path: PricePath,
  grid: Grid,
  trail?: TrailState,
): PathFillDecision {
  const t = path.ticks;
  const buy = order.side === 'buy';
  switch (order.type) {
    case 'market':
    case 'market-on-open':
    case 'market-on-close':
      return fill(false, t[0], 0, grid);
    case 'limit':
      return limitFrom(path, 0, t[0], buy, grid.toTicks(order.price!), grid, false);
    case 'stop-market':
      return order.isTriggered
        ? fill(false, t[0], 0, grid)
        : touchFill(path, grid.toTicks(order.triggerPrice!), !buy, grid);
    case 'market-if-touched':
      return order.isTriggered
        ? fill(false, t[0], 0, grid)
        : touchFill(path, grid.toTicks(order.triggerPrice!), buy, grid);
    case 'stop-limit':
    case 'limit-if-touched': {
      const limit = grid.toTicks(order.price!);
      if (order.isTriggered) return limitFrom(path, 0, t[0], buy, limit, grid, false);
      const trigger = grid.toTicks(order.triggerPrice!);
      // A stop triggers when the price comes to it against us; if-touched orders when it comes our way.
      const at = firstReach(path, 0, trigger, order.type === 'limit-if-touched' ? buy : !buy);
      if (at < 0) return NO_FILL;
      return limitFrom(path, at, at === 0 ? t[0] : trigger, buy, limit, grid, true);
    }
    case 'trailing-stop-market':
    case 'trailing-stop-limit':
      return trailOnPath(order, path, grid, trail);
  }
}

/** The rules for a bar (path chosen by `mode`). */
export function decideBarFill(
  order: MatchableOrder,
  bar: Bar,
  grid: Grid,
  mode: IntrabarPath = 'proximity',
): PathFillDecision {
  return decideOnPath(order, new PricePath().fromBar(bar, grid, mode), grid);
}

/** The rules for one traded (or quoted) price. */
export function decideFill(order: MatchableOrder, price: number, grid: Grid): PathFillDecision {
  return decideOnPath(order, new PricePath().point(grid.toTicks(price)), grid);
}

/**
 * Where the path first reaches `level`: from above (`below` true: price <= level) or from below.
 * Returns a fractional position (segment index + share of the segment), -1 when never.
 */
function firstReach(path: PricePath, from: number, level: number, below: boolean): number {
  const t = path.ticks;
  const start = Math.floor(from);
  // Price at the starting position (inside a segment when `from` is fractional).
  let prev = from === start ? t[start] : t[start] + (t[start + 1] - t[start]) * (from - start);
  if (below ? prev <= level : prev >= level) return from;
  for (let i = start + 1; i < path.length; i++) {
    const next = t[i];
    if (below ? next <= level : next >= level) return i - 1 + (prev - level) / (prev - next);
    prev = next;
  }
  return -1;
}

/** Stop / if-touched trigger of a market order: at the open → the open, inside the path → the level. */
function touchFill(path: PricePath, level: number, below: boolean, grid: Grid): PathFillDecision {
  const at = firstReach(path, 0, level, below);
  if (at < 0) return NO_FILL;
  return fill(true, at === 0 ? path.ticks[0] : level, at, grid);
}

/**
 * Limit rule from position `at`, where the price is `price` (the open, or a trigger point): within
 * the limit → `price`; else the limit if the rest of the path reaches it.
 */
function limitFrom(
  path: PricePath,
  at: number,
  price: number,
  buy: boolean,
  limit: number,
  grid: Grid,
  triggered: boolean,
): PathFillDecision {
  if (buy ? price <= limit : price >= limit) return fill(triggered, price, at, grid);
  const reach = firstReach(path, at, limit, buy);
  if (reach < 0) return triggered ? { triggered, price: undefined, position: at } : NO_FILL;
  return fill(triggered, limit, reach, grid);
}

/**
 * A trailing stop along the path: checked against its trigger at the open (a gap), then each
 * segment either moves the best price (and the trigger behind it) or comes back toward the trigger.
 * A trailing stop-limit triggered at its trigger fills there (its limit lies beyond); triggered by
 * a gap, it fills at the open within the limit, else once the rest of the path reaches the limit.
 */
function trailOnPath(
  order: MatchableOrder,
  path: PricePath,
  grid: Grid,
  state: TrailState | undefined,
): PathFillDecision {
  const t = path.ticks;
  const sell = order.side === 'sell';
  const limitType = order.type === 'trailing-stop-limit';
  if (order.isTriggered) {
    if (!limitType) return fill(false, t[0], 0, grid);
    return limitFrom(path, 0, t[0], !sell, grid.toTicks(order.price!), grid, false);
  }
  let extreme = state?.extreme ?? Number.NaN;
  let trigger = order.triggerPrice !== undefined ? grid.toTicks(order.triggerPrice) : Number.NaN;
  let moved = false;
  const advance = (price: number): void => {
    if (!Number.isNaN(extreme) && (sell ? price <= extreme : price >= extreme)) return;
    extreme = price;
    const next = trailingTrigger(order, extreme, grid);
    if (Number.isNaN(trigger) || (sell ? next > trigger : next < trigger)) {
      trigger = next;
      moved = true;
    }
  };
  const open = t[0];
  if (!Number.isNaN(trigger) && (sell ? open <= trigger : open >= trigger))
    return trailFill(order, path, 0, open, trigger, grid);
  advance(open);
  for (let i = 1; i < path.length; i++) {
    const from = t[i - 1];
    const to = t[i];
    if (sell ? to > from : to < from) {
      advance(to); // toward the market: the trigger follows, the price stays beyond it
    } else if (sell ? to <= trigger : to >= trigger) {
      const at = i - 1 + (from - trigger) / (from - to);
      return trailFill(order, path, at, trigger, trigger, grid);
    }
  }
  if (!moved && state !== undefined && extreme === state.extreme) return NO_FILL;
  return { triggered: false, price: undefined, position: -1, trail: { extreme, trigger } };
}

/**
 * A trailing stop triggered at position `at` where the price is `price` (the open on a gap, else
 * the trigger). A stop-limit's limit hangs off the trigger, not off a gap's open: a gap through
 * both leaves it triggered and unfilled.
 */
function trailFill(
  order: MatchableOrder,
  path: PricePath,
  at: number,
  price: number,
  trigger: number,
  grid: Grid,
): PathFillDecision {
  if (order.type === 'trailing-stop-market') return fill(true, price, at, grid);
  const sell = order.side === 'sell';
  const limit = trigger + (sell ? -1 : 1) * limitDistanceTicks(order, trigger, grid);
  return limitFrom(path, at, price, !sell, limit, grid, true);
}

/** The trigger (ticks) a trailing stop has when the best price seen is `extreme` (ticks). */
export function trailingTrigger(order: MatchableOrder, extreme: number, grid: Grid): number {
  const offset = order.trailingOffset!;
  const sell = order.side === 'sell';
  if (order.trailingOffsetType === 'ticks') return sell ? extreme - offset : extreme + offset;
  const extremePrice = grid.fromTicks(extreme);
  const distance = order.trailingOffsetType === 'percent' ? (extremePrice * offset) / 100 : offset;
  // On the grid and away from the market: a stop never sits closer than its distance.
  return sell
    ? grid.toTicks(grid.floor(extremePrice - distance))
    : grid.toTicks(grid.ceil(extremePrice + distance));
}

/** A trailing stop-limit's limit distance from its trigger, in ticks (rounded away from the market). */
export function limitDistanceTicks(order: MatchableOrder, triggerTicks: number, grid: Grid): number {
  const offset = order.limitOffset ?? 0;
  if (order.trailingOffsetType === 'ticks') return offset;
  const distance =
    order.trailingOffsetType === 'percent' ? (grid.fromTicks(triggerTicks) * offset) / 100 : offset;
  return grid.toTicks(grid.ceil(distance));
}

function fill(triggered: boolean, ticks: number, position: number, grid: Grid): PathFillDecision {
  return { triggered, price: grid.fromTicks(ticks), position };
}

/** A trailing stop as the venue or the kernel's emulator keeps it (its trigger and limit move). */
export interface TrailingHolder extends MatchableOrder {
  price: number | undefined;
  triggerPrice: number | undefined;
  trail: TrailState | undefined;
}

/**
 * Stores a trailing stop's new state. When its trigger moved, sets the new trigger (and a
 * stop-limit's limit, kept `limitOffset` beyond it) and returns them for the `updated` event.
 */
export function moveTrail(
  holder: TrailingHolder,
  trail: TrailState,
  grid: Grid,
): { triggerPrice: number; price: number | undefined } | undefined {
  holder.trail = trail;
  const triggerPrice = grid.fromTicks(trail.trigger);
  if (holder.triggerPrice === triggerPrice) return undefined;
  holder.triggerPrice = triggerPrice;
  let price: number | undefined;
  if (holder.type === 'trailing-stop-limit') {
    const distance = limitDistanceTicks(holder, trail.trigger, grid);
    price = grid.fromTicks(trail.trigger + (holder.side === 'sell' ? -distance : distance));
    holder.price = price;
  }
  return { triggerPrice, price };
}
