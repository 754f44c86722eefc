/**
 * Order flags at the simulated venue, hand-computed through the real BacktestEngine on a 0.01-tick
 * stock: post-only (on bars and on quotes), maker/taker liquidity and the fee it is charged,
 * reduce-only caps, and display-quantity validation.
 * Fees: makerTakerFees({ makerBps: 2, takerBps: 10 }): maker 0.02 %, taker 0.10 % of notional.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makerTakerFees } from '../../src/backtest/fees/index.js';
import type { MarketData } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import { MICROS_PER_SECOND } from '../../src/model/time.js';
import {
  minuteBars,
  type Ohlc,
  openOf,
  priceQty,
  quote,
  runScript,
  type Scripted,
  STOCK,
  T0,
} from '../support/scripted-backtest.js';

const FEES = makerTakerFees({ makerBps: 2, takerBps: 10 });
const POST_ONLY_REASON = 'post-only: the limit would take liquidity';

/** Runs `data` with FEES; `place` runs on item 0 and returns the one order it placed. */
function runOne(data: MarketData[], feed: 'bars' | 'quotes', place: (s: Scripted) => Order) {
  let order: Order | undefined;
  const run = runScript(
    data,
    feed,
    {
      0: (s) => {
        order = place(s);
      },
    },
    { fees: FEES },
  );
  return { ...run, order: order! };
}

/** The first fill of `order`: price, quantity, liquidity, commission (and time when `withTime`). */
function firstFill(strategy: Scripted, order: Order, withTime = false): unknown[] {
  const [fill] = strategy.fillsOf(order);
  const fields = [fill.lastPrice, fill.lastQuantity, fill.liquidity, fill.commission];
  return withTime ? [...fields, fill.tsEvent] : fields;
}

describe('post-only and liquidity on bars', () => {
  // Bar 0 closes at 100; bar 1: high 0.2 from the open, low 0.9 → path 100.2 → 100.4 → 99.3 → 100.
  const rows: Ohlc[] = [
    [100, 100.5, 99.5, 100],
    [100.2, 100.4, 99.3, 100],
  ];

  test('a post-only buy at 100.5 that the next bar opens through (100.2) is canceled with the reason', () => {
    const { result, strategy, order } = runOne(minuteBars(rows), 'bars', (s) =>
      s.buy(STOCK.id, 100, { price: 100.5, postOnly: true }),
    );
    // No quote to check on arrival: accepted; bar 1's open 100.2 ≤ 100.5 would take liquidity.
    assert.deepEqual(result.fills, []);
    assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'canceled']);
    assert.equal(strategy.eventOf(order, 'canceled')?.reason, POST_ONLY_REASON);
  });

  test('a post-only buy at 99.5 rests and fills as maker when the bar comes down to it, charged the maker fee', () => {
    const { strategy, order } = runOne(minuteBars(rows), 'bars', (s) =>
      s.buy(STOCK.id, 100, { price: 99.5, postOnly: true }),
    );
    // Bar 1 falls from 100.4 to 99.3 through 99.5: 100 @ 99.5; 100 × 99.5 = 9,950 × 0.02 % = 1.99.
    assert.deepEqual(firstFill(strategy, order, true), [99.5, 100, 'maker', 1.99, openOf(1)]);
  });

  test('a resting post-only that a later bar gaps through fills at that open, as maker', () => {
    const { strategy, order } = runOne(
      minuteBars([
        [100, 100.5, 99.5, 100],
        [100.2, 100.4, 99.8, 100], // 1: low 99.8 > 99.5: rests
        [99.4, 99.6, 99.2, 99.5], // 2: opens at 99.4, through the resting bid
      ]),
      'bars',
      (s) => s.buy(STOCK.id, 100, { price: 99.5, postOnly: true }),
    );
    // 100 @ 99.4 (the open, in our favour); 9,940 × 0.02 % = 1.988 → 1.99.
    assert.deepEqual(firstFill(strategy, order, true), [99.4, 100, 'maker', 1.99, openOf(2)]);
  });

  test('a plain limit buy at 100.5 marketable on arrival fills at the open as taker, charged the taker fee', () => {
    const { strategy, order } = runOne(minuteBars(rows), 'bars', (s) =>
      s.buy(STOCK.id, 100, { price: 100.5 }),
    );
    // 100 @ 100.2 (open ≤ limit); 10,020 × 0.10 % = 10.02.
    assert.deepEqual(firstFill(strategy, order), [100.2, 100, 'taker', 10.02]);
  });
});

describe('post-only and liquidity on quotes', () => {
  const S = MICROS_PER_SECOND;
  // Quote 0: 99.99 × 100 / 100.01 × 100. Quote 1 (1 s later): 99.98 × 100 / 100.00 × 100.
  const quotes = [quote(T0, 99.99, 100, 100.01, 100), quote(T0 + S, 99.98, 100, 100, 100)];

  test('a post-only buy at the ask (100.01) or a sell at the bid (99.99) is canceled on arrival', () => {
    const orders: Order[] = [];
    const { result, strategy } = runScript(
      quotes,
      'quotes',
      {
        0: (s) => {
          orders.push(s.buy(STOCK.id, 10, { price: 100.01, postOnly: true }));
          orders.push(s.sell(STOCK.id, 10, { price: 99.99, postOnly: true }));
        },
      },
      { fees: FEES },
    );
    assert.deepEqual(result.fills, []);
    for (const order of orders) {
      // The venue acknowledges it, checks it against the current quote and cancels it at once (T0):
      // it never works.
      assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'canceled']);
      assert.equal(strategy.eventOf(order, 'canceled')?.reason, POST_ONLY_REASON);
      assert.equal(strategy.eventOf(order, 'canceled')?.tsEvent, T0);
    }
  });

  test('a limit buy at 100.02, marketable on arrival, fills at the next quote’s ask as taker', () => {
    const { strategy, order } = runOne(
      [quote(T0, 99.99, 100, 100.01, 100), quote(T0 + S, 99.99, 100, 100.01, 100)],
      'quotes',
      (s) => s.buy(STOCK.id, 10, { price: 100.02 }),
    );
    // 10 @ 100.01 (the ask, within the limit; 10 ≤ 100 shown); 1,000.10 × 0.10 % = 1.0001 → 1.00.
    assert.deepEqual(firstFill(strategy, order), [100.01, 10, 'taker', 1]);
  });

  test('a post-only buy at 100.00 inside the spread rests, and fills as maker when the ask comes down to it', {}, () => {
    const { strategy, order } = runOne(quotes, 'quotes', (s) =>
      s.buy(STOCK.id, 10, { price: 100, postOnly: true }),
    );
    // Arrival: 100.00 < ask 100.01, not marketable: accepted, rests as the best bid. Quote 1: a
    // seller lifts it at 100.00: 10 @ 100.00 as maker; 1,000 × 0.02 % = 0.20.
    assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'filled']);
    assert.deepEqual(firstFill(strategy, order), [100, 10, 'maker', 0.2]);
  });
});

describe('a plain limit resting on quotes', () => {
  test('a limit buy at 100.00 inside the spread fills as maker when the ask comes down to it', {}, () => {
    const { strategy, order } = runOne(
      [quote(T0, 99.99, 100, 100.01, 100), quote(T0 + MICROS_PER_SECOND, 99.98, 100, 100, 100)],
      'quotes',
      (s) => s.buy(STOCK.id, 10, { price: 100 }),
    );
    // Not marketable at arrival (ask 100.01): it rests; quote 1's ask 100.00 trades with it:
    // 10 @ 100.00 as maker, 1,000 × 0.02 % = 0.20 (taker would be 1.00).
    assert.deepEqual(firstFill(strategy, order), [100, 10, 'maker', 0.2]);
  });
});

describe('reduce-only at the venue', () => {
  // Bar 0: buy 10 at market → bar 1's open 100.2. On bar 1: a reduce-only take-profit sell 10 at
  // 101, and a plain market sell of 4. Bar 2: low 0.2 from the open → 100.5 → 100.3 → 101.5 → 101.
  const rows: Ohlc[] = [
    [100, 100.5, 99.5, 100],
    [100.2, 100.4, 99.8, 100],
    [100.5, 101.5, 100.3, 101],
  ];

  test('a reduce-only sell fills only the position left and the rest is canceled', () => {
    let exit: Order | undefined;
    let market: Order | undefined;
    const { strategy } = runScript(minuteBars(rows), 'bars', {
      0: (s) => s.buy(STOCK.id, 10),
      1: (s) => {
        exit = s.sell(STOCK.id, 10, { price: 101, reduceOnly: true }); // position 10: allowed
        market = s.sell(STOCK.id, 4);
      },
    });
    // Bar 2: the market sell fills first at the open, 4 @ 100.5 (position 10 → 6); the path then
    // reaches 101: the reduce-only exit may take only 6 → 6 @ 101, the other 4 would go short: canceled.
    assert.deepEqual(priceQty(strategy, market!), [[100.5, 4]]);
    assert.deepEqual(priceQty(strategy, exit!), [[101, 6]]);
    assert.equal(exit!.status, 'canceled');
    assert.equal(exit!.filledQuantity, 6);
    assert.equal(
      strategy.eventOf(exit!, 'canceled')?.reason,
      'reduce-only: the rest would reverse the position',
    );
    assert.equal(strategy.position(STOCK.id), 0); // 10 − 4 − 6
  });

  test('a reduce-only sell with no position left is canceled without a fill', () => {
    let exit: Order | undefined;
    const { strategy } = runScript(minuteBars(rows), 'bars', {
      0: (s) => s.buy(STOCK.id, 10),
      1: (s) => {
        exit = s.sell(STOCK.id, 10, { price: 101, reduceOnly: true });
        s.sell(STOCK.id, 10); // flattens at bar 2's open, 100.5
      },
    });
    assert.deepEqual(priceQty(strategy, exit!), []);
    assert.equal(exit!.status, 'canceled');
    assert.equal(strategy.eventOf(exit!, 'canceled')?.reason, 'reduce-only: no position left to reduce');
    assert.equal(strategy.position(STOCK.id), 0);
  });
});

describe('flag validation', () => {
  test('displayQuantity must be > 0 and <= quantity, on limit orders only; postOnly needs a limit', () => {
    const { strategy } = runScript(minuteBars([[100, 100, 100, 100]]), 'bars', {
      0: (s) => {
        assert.throws(
          () => s.buy(STOCK.id, 10, { price: 99, displayQuantity: 11 }),
          /display quantity must be > 0 and <= quantity 10, got 11/,
        );
        assert.throws(
          () => s.buy(STOCK.id, 10, { price: 99, displayQuantity: 0 }),
          /display quantity must be > 0 and <= quantity 10, got 0/,
        );
        assert.throws(
          () => s.buy(STOCK.id, 10, { displayQuantity: 5 }),
          /a display quantity needs a limit order, not market/,
        );
        assert.throws(
          () => s.sell(STOCK.id, 10, { triggerPrice: 99, displayQuantity: 5 }),
          /a display quantity needs a limit order, not stop-market/,
        );
        assert.throws(
          () => s.buy(STOCK.id, 10, { postOnly: true }),
          /post-only needs a limit order, not market/,
        );
        // Equal to the quantity is allowed.
        const ok = s.buy(STOCK.id, 10, { price: 99, displayQuantity: 10 });
        assert.equal(ok.displayQuantity, 10);
        assert.equal(ok.status, 'accepted');
      },
    });
    assert.equal(strategy.events.filter((e) => e.kind === 'submitted').length, 1); // only the valid one
  });
});
