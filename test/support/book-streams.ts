/**
 * Hand-built book streams for the scripted backtests of TEST.SIM (0.01 grid, prices in integer
 * ticks, times in seconds after T0): L2 level updates and aggressor trades, L3 (MBO) rows grouped
 * in batches, a runner that collects the orders each script step places, and fill accessors.
 */
import assert from 'node:assert/strict';
import type { VenueConfig } from '../../src/backtest/engine.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_MODIFY,
  ACTION_TRADE,
  F_LAST,
  SIDE_ASK,
  SIDE_BID,
} from '../../src/data/book/mbo-events.js';
import type { BookLevelUpdate, MarketData, OrderBookEvent, TradeTick } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import type { OrderCanceled } from '../../src/model/order-events.js';
import { priceQty, runScript, type Scripted, STOCK, STOCK_1M, T0, trade } from './scripted-backtest.js';

/** One second in microseconds. */
export const S = 1_000_000;

let sequence = 0;

// ---- L2 (market by price) ----

/** The new displayed size at (side, tick) at T0 + t s; `last` marks the batch end (F_LAST). */
export function level(
  t: number,
  side: 'bid' | 'ask',
  priceTicks: number,
  size: number,
  last = true,
): BookLevelUpdate {
  return {
    kind: 'book-level',
    instrumentId: STOCK.id,
    side,
    priceTicks,
    size,
    flags: last ? F_LAST : 0,
    sequence: ++sequence,
    tsEvent: T0 + t * S,
    tsInit: T0 + t * S,
  };
}

/** A trade tick at T0 + t s ('seller' hits bids, 'buyer' lifts offers). */
export function tradeBy(t: number, price: number, size: number, aggressor: 'buyer' | 'seller'): TradeTick {
  return { ...trade(T0 + t * S, price, size), aggressor };
}

// ---- L3 (market by order): a tiny MBO row builder ----

export interface Row {
  readonly action: number;
  readonly side: number;
  readonly tick: number;
  readonly size: number;
  readonly id: number;
}

const row =
  (action: number) =>
  (side: 'B' | 'A', tick: number, size: number, id: number): Row => ({
    action,
    side: side === 'B' ? SIDE_BID : SIDE_ASK,
    tick,
    size,
    id,
  });
/** A new feed order `id` of `size` at `tick` on the bid ('B') or ask ('A') side. */
export const add = row(ACTION_ADD);
/** Cancels `size` of feed order `id` (its whole size: the order is gone). */
export const cancel = row(ACTION_CANCEL);
/** Feed order `id` now shows `size` at `tick` (same tick and smaller: keeps its place). */
export const modify = row(ACTION_MODIFY);
/** A trade row: its side is the aggressor ('seller' hits bids, 'buyer' lifts offers). */
export const tradeRow = (aggressor: 'buyer' | 'seller', tick: number, size: number): Row => ({
  action: ACTION_TRADE,
  side: aggressor === 'buyer' ? SIDE_BID : SIDE_ASK,
  tick,
  size,
  id: 0,
});

/** One matching-engine batch at T0 + `t` seconds: F_LAST on its last row. */
export function batch(t: number, ...rows: Row[]): OrderBookEvent[] {
  const ts = T0 + Math.round(t * S);
  return rows.map((r, i) => ({
    kind: 'book',
    instrumentId: STOCK.id,
    action: r.action,
    side: r.side,
    priceTicks: r.tick,
    size: r.size,
    orderId: r.id,
    flags: i === rows.length - 1 ? F_LAST : 0,
    sequence: ++sequence,
    tsEvent: ts,
    tsInit: ts,
  }));
}

// ---- running a stream ----

export type Place = (s: Scripted) => Order[];

/**
 * Runs the stream with the strategy on the derived quotes; `script[n]` runs on quote n and
 * returns the orders it placed (collected in `orders`).
 */
export function runBook(data: MarketData[], script: Record<number, Place>, venue: Partial<VenueConfig> = {}) {
  const orders: Order[] = [];
  const steps = Object.fromEntries(
    Object.entries(script).map(([n, place]) => [n, (s: Scripted) => void orders.push(...place(s))]),
  );
  const r = runScript(data, 'quotes', steps, venue, { barType: STOCK_1M });
  return { ...r, orders };
}

export const liquidity = (s: Scripted, o: Order) => s.fillsOf(o).map((f) => f.liquidity);
export const fillTimes = (s: Scripted, o: Order) => s.fillsOf(o).map((f) => f.tsEvent);
export const cancelReason = (s: Scripted, o: Order) =>
  (s.eventOf(o, 'canceled') as OrderCanceled | undefined)?.reason;

// ---- expectations shared by the L2 and L3 streams with the same opening book ----
// Opening book (quote 0): asks 100.01 × 5, 100.02 × 10, 100.03 × 15; bids 99.99 × 10, 99.98 × 20, 99.97 × 30.

/** A market buy of 20 on quote 0 walks three levels: 5 @ 100.01, 10 @ 100.02, 5 @ 100.03 (taker). */
export function expectMarketBuy20(data: MarketData[]) {
  const r = runBook(data, { 0: (s) => [s.buy(STOCK.id, 20)] });
  const [o] = r.orders;
  assert.deepEqual(priceQty(r.strategy, o), [
    [100.01, 5],
    [100.02, 10],
    [100.03, 5],
  ]);
  assert.deepEqual(liquidity(r.strategy, o), ['taker', 'taker', 'taker']);
  assert.equal(o.status, 'filled');
  return { ...r, o };
}

/**
 * A market order placed on quote 0 that runs the book out: `fills` (`[price, quantity]`), then the
 * rest canceled.
 */
export function expectRanOut(data: MarketData[], place: Place, fills: [number, number][]) {
  const r = runBook(data, { 0: place });
  const [o] = r.orders;
  assert.deepEqual(priceQty(r.strategy, o), fills);
  assert.deepEqual(r.strategy.kindsOf(o), [
    'submitted',
    'accepted',
    ...fills.map(() => 'filled'),
    'canceled',
  ]);
  assert.equal(
    cancelReason(r.strategy, o),
    'market order: the book ran out of liquidity; the rest is canceled',
  );
  return { ...r, o };
}

/** IOC limit buy 20 @ 100.02 on quote 0: 5 @ 100.01, 10 @ 100.02 (taker), the other 5 canceled. */
export function expectIocBuy20(data: MarketData[]) {
  const r = runBook(data, { 0: (s) => [s.buy(STOCK.id, 20, { price: 100.02, timeInForce: 'IOC' })] });
  const [o] = r.orders;
  assert.deepEqual(priceQty(r.strategy, o), [
    [100.01, 5],
    [100.02, 10],
  ]);
  assert.deepEqual(liquidity(r.strategy, o), ['taker', 'taker']);
  assert.equal(cancelReason(r.strategy, o), 'IOC: rest canceled after a partial fill');
  return { ...r, o };
}

/** FOK limit buy 20 @ 100.02 on quote 0: only 15 up to the limit → canceled, nothing filled. */
export function expectFokBuy20(data: MarketData[]) {
  const r = runBook(data, { 0: (s) => [s.buy(STOCK.id, 20, { price: 100.02, timeInForce: 'FOK' })] });
  const [o] = r.orders;
  assert.deepEqual(priceQty(r.strategy, o), []);
  assert.equal(cancelReason(r.strategy, o), 'FOK: not fillable in full');
  return { ...r, o };
}

/** A post-only order that would take liquidity: canceled, nothing filled. */
export function assertPostOnlyCanceled(strategy: Scripted, o: Order): void {
  assert.deepEqual(priceQty(strategy, o), []);
  assert.equal(o.status, 'canceled');
  assert.equal(cancelReason(strategy, o), 'post-only: the limit would take liquidity');
}

/** A resting order with a single maker fill of `quantity` at `price`, the rest still working. */
export function assertOneMakerFill(strategy: Scripted, o: Order, price: number, quantity: number): void {
  assert.deepEqual(priceQty(strategy, o), [[price, quantity]]);
  assert.deepEqual(liquidity(strategy, o), ['maker']);
  assert.equal(o.status, 'partially-filled');
}

/** An iceberg sell 4 (show 2) @ 100.02 filled in two tranches of 2 (maker) at `times`. */
export function assertIcebergFilled(strategy: Scripted, o: Order, times: readonly number[]): void {
  assert.deepEqual(priceQty(strategy, o), [
    [100.02, 2],
    [100.02, 2],
  ]);
  assert.deepEqual(liquidity(strategy, o), ['maker', 'maker']);
  assert.deepEqual(fillTimes(strategy, o), times);
  assert.equal(o.status, 'filled');
}

/**
 * A stop-market sell 25 @ 99.98 on a stream where the bids gap down to 99.97 × 10, 99.96 × 10,
 * 99.95 × 20 without a trade (t=2) and a trade at 99.97 follows (t=3): triggered by the trade, it
 * walks the bids shown: 10 @ 99.97, 10 @ 99.96, 5 @ 99.95 (taker), all at t=3.
 */
export function expectStopMarketGap(data: MarketData[]) {
  const r = runBook(data, { 0: (s) => [s.sell(STOCK.id, 25, { triggerPrice: 99.98 })] });
  const [o] = r.orders;
  assert.deepEqual(priceQty(r.strategy, o), [
    [99.97, 10],
    [99.96, 10],
    [99.95, 5],
  ]);
  assert.deepEqual(liquidity(r.strategy, o), ['taker', 'taker', 'taker']);
  // Not triggered by the gap in the book (no trade), only by the trade at t=3.
  assert.deepEqual(r.strategy.kindsOf(o), [
    'submitted',
    'accepted',
    'triggered',
    'filled',
    'filled',
    'filled',
  ]);
  assert.equal(r.strategy.eventOf(o, 'triggered')!.tsEvent, T0 + 3 * S);
  assert.deepEqual(fillTimes(r.strategy, o), [T0 + 3 * S, T0 + 3 * S, T0 + 3 * S]);
  // (10 × 99.97 + 10 × 99.96 + 5 × 99.95) / 25 = 2499.05 / 25 = 99.962: worse than the trigger.
  assert.ok(Math.abs(o.averagePrice! - 99.962) < 1e-9);
  return { ...r, o };
}
