/**
 * An L2 (market-by-price) feed driving a backtest through the whole kernel, hand-computed: the data
 * engine keeps the book and derives quotes; the simulated exchange walks it for market orders and
 * estimates our resting order's queue position from trades and level changes (docs/matching.md).
 * Stock on a 0.01 grid: prices below are in ticks (100.01 = 10001).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import type { MarketData } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import { level, runBook, S, tradeBy } from '../support/book-streams.js';
import { priceQty, type Scripted, STOCK, T0 } from '../support/scripted-backtest.js';

/** Bids 99.99 × 10, 99.98 × 20; asks 100.01 × 5, 100.02 × 10, as one batch at t = 0. */
const OPENING: MarketData[] = [
  level(0, 'bid', 9999, 10, false),
  level(0, 'bid', 9998, 20, false),
  level(0, 'ask', 10001, 5, false),
  level(0, 'ask', 10002, 10, true),
];

/** Runs the stream; `place` runs on quote 0 and returns the orders it placed. */
const run = (data: MarketData[], place: (s: Scripted) => Order[], venue: Partial<VenueConfig> = {}) =>
  runBook(data, { 0: place }, venue);

describe('L2 book feed in a backtest', () => {
  test('the derived quote is the book top; a market buy of 8 walks two levels: 5 @ 100.01, 3 @ 100.02', () => {
    const { strategy, orders, engine } = run(OPENING, (s) => [s.buy(STOCK.id, 8)]);
    assert.deepEqual(priceQty(strategy, orders[0]), [
      [100.01, 5],
      [100.02, 3],
    ]);
    assert.ok(strategy.fillsOf(orders[0]).every((f) => f.liquidity === 'taker'));
    const book = engine.kernel.cache.orderBook(STOCK.id)!;
    // Our fills never change the displayed book.
    assert.deepEqual(book.topLevels(1, 2), [
      { tick: 10001, size: 5, count: 1 },
      { tick: 10002, size: 10, count: 1 },
    ]);
  });

  test('a resting bid waits behind the displayed size; trades and (proportional) cancels move it up', () => {
    const data: MarketData[] = [
      ...OPENING,
      tradeBy(1, 99.99, 6, 'seller'), // ahead 10 → 4; no fill
      level(1, 'bid', 9999, 4), // 10 → 4 explained by the trade
      level(2, 'bid', 9999, 2), // unexplained −2 of 4: ahead 4 − 4 × 2 / 4 = 2
      tradeBy(3, 99.99, 5, 'seller'), // 2 ahead, 3 of our 4 fill (maker, 99.99)
      level(3, 'bid', 9999, 1),
      tradeBy(4, 99.99, 1, 'seller'), // our last 1 fills
    ];
    const { strategy, orders } = run(data, (s) => [s.buy(STOCK.id, 4, { price: 99.99 })]);
    assert.deepEqual(priceQty(strategy, orders[0]), [
      [99.99, 3],
      [99.99, 1],
    ]);
    assert.ok(strategy.fillsOf(orders[0]).every((f) => f.liquidity === 'maker'));
    assert.deepEqual(
      strategy.fillsOf(orders[0]).map((f) => f.tsEvent),
      [T0 + 3 * S, T0 + 4 * S],
    );
  });

  test('proportional vs pessimistic: a cancel at a level with size behind us moves us up only in the proportional model', () => {
    const data: MarketData[] = [
      ...OPENING, // we join 99.99 behind 10
      level(1, 'bid', 9999, 20), // +10 joins behind us: ahead stays 10
      level(2, 'bid', 9999, 15), // −5 unexplained: proportional 10 − 10 × 5 / 20 = 7.5; pessimistic 10
      tradeBy(3, 99.99, 9, 'seller'), // proportional: 9 − 7.5 = 1.5 → 1 lot (whole lots); pessimistic: none
    ];
    const place = (s: Scripted) => [s.buy(STOCK.id, 4, { price: 99.99 })];
    const proportional = run(data, place);
    assert.deepEqual(priceQty(proportional.strategy, proportional.orders[0]), [[99.99, 1]]);
    const pessimistic = run(data, place, { queueModel: 'pessimistic' });
    assert.deepEqual(priceQty(pessimistic.strategy, pessimistic.orders[0]), []);
  });
});
