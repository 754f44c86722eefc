/**
 * Market-on-open / market-on-close and limit orders AT_THE_OPEN / AT_THE_CLOSE, hand-computed on two
 * days of one-minute bars of a 0.01-tick stock, 09:31 … 16:00 New York (14:31Z … 21:00Z in January,
 * EST = UTC−5; bars are stamped at their close), with the venue session US_EQUITY_RTH and without one
 * (UTC days: the open is the first data of a later UTC day, the close the last data of the day).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import { type Bar, bar } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import { US_EQUITY_RTH } from '../../src/model/sessions.js';
import { MICROS_PER_MINUTE, microsFromIso } from '../../src/model/time.js';
import { newOrder } from '../support/order-builders.js';
import { runScript, type Scripted, STOCK, STOCK_1M } from '../support/scripted-backtest.js';

const DAY1_OPEN = microsFromIso('2024-01-02T14:30:00Z'); // Tuesday 09:30 New York
const DAY1_CLOSE = microsFromIso('2024-01-02T21:00:00Z'); // 16:00 New York
const DAY2_OPEN = microsFromIso('2024-01-03T14:30:00Z');
const DAY2_CLOSE = microsFromIso('2024-01-03T21:00:00Z');

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * Minute k (1…390) of a day closes at open + k minutes; its open is base + k/100, high +0.02,
 * low −0.02, close +0.01. Day 1 base 100, day 2 base 110. So: day 1's last bar (15:59–16:00) opens
 * 103.90 and closes 103.91; day 2's first bar (09:30–09:31) opens 110.01; day 2's last closes 113.91.
 */
function day(open: number, base: number): Bar[] {
  const bars: Bar[] = [];
  for (let k = 1; k <= 390; k++) {
    const o = cents(base + k / 100);
    bars.push(
      bar(
        STOCK_1M,
        o,
        cents(o + 0.02),
        cents(o - 0.02),
        cents(o + 0.01),
        1_000,
        open + k * MICROS_PER_MINUTE,
      ),
    );
  }
  return bars;
}
const TWO_DAYS = [...day(DAY1_OPEN, 100), ...day(DAY2_OPEN, 110)];
/** Index of day 1's 10:30 bar (k = 60) in the strategy's bar count. */
const AT_1030 = 59;

const venues: [string, Partial<VenueConfig>][] = [
  ['with session US_EQUITY_RTH', { session: US_EQUITY_RTH }],
  ['without a session (UTC days)', {}],
];

function runWith(venue: Partial<VenueConfig>, place: (s: Scripted) => Order, at = AT_1030) {
  let order: Order | undefined;
  const run = runScript(TWO_DAYS, 'bars', { [at]: (s) => (order = place(s)) }, venue);
  return { ...run, order: order! };
}

for (const [label, venue] of venues) {
  describe(`auction orders ${label}`, () => {
    test("market-on-open placed at 10:30 on day 1 fills at day 2's first open, 110.01", () => {
      const { strategy, order, result } = runWith(venue, (s) =>
        s.buy(STOCK.id, 10, { type: 'market-on-open' }),
      );
      // None of day 1's remaining 330 bars fill it; day 2's 09:30–09:31 bar opens at 110 + 1/100.
      assert.deepEqual(
        result.fills.map((f) => [f.side, f.price, f.quantity, f.time]),
        [['buy', 110.01, 10, DAY2_OPEN]],
      );
      assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'filled']);
    });

    test('a DAY market-on-open does not expire at the day change: it fills at that open', () => {
      const { strategy, order } = runWith(venue, (s) =>
        s.buy(STOCK.id, 10, { type: 'market-on-open', timeInForce: 'DAY' }),
      );
      assert.deepEqual(
        strategy.fillsOf(order).map((f) => [f.lastPrice, f.tsEvent]),
        [[110.01, DAY2_OPEN]],
      );
      assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'filled']);
    });

    test('market-on-close placed at 10:30 fills at the close of the bar ending at 16:00, 103.91', () => {
      const { strategy, order, result } = runWith(venue, (s) =>
        s.sell(STOCK.id, 10, { type: 'market-on-close' }),
      );
      // Day 1's 15:59–16:00 bar: open 100 + 390/100 = 103.90, close 103.91, stamped at 16:00 (21:00Z).
      assert.deepEqual(
        result.fills.map((f) => [f.side, f.price, f.quantity, f.time]),
        [['sell', 103.91, 10, DAY1_CLOSE]],
      );
      assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'filled']);
    });

    test('a limit buy AT_THE_OPEN at 111 fills at the opening price 110.01, not at its limit', () => {
      const { strategy, order } = runWith(venue, (s) =>
        s.buy(STOCK.id, 10, { price: 111, timeInForce: 'AT_THE_OPEN' }),
      );
      // Day 1’s later bars trade 100.59 … 103.92, all below 111: a plain limit would have filled on the
      // next bar; AT_THE_OPEN takes part only in the opening price.
      assert.deepEqual(
        strategy.fillsOf(order).map((f) => [f.lastPrice, f.lastQuantity, f.tsEvent]),
        [[110.01, 10, DAY2_OPEN]],
      );
    });

    test('a limit buy AT_THE_OPEN at 109, below the opening price 110.01, is canceled with the reason', () => {
      const { strategy, order, result } = runWith(venue, (s) =>
        s.buy(STOCK.id, 10, { price: 109, timeInForce: 'AT_THE_OPEN' }),
      );
      assert.deepEqual(result.fills, []);
      assert.equal(order.status, 'canceled');
      assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'canceled']);
      assert.equal(
        strategy.eventOf(order, 'canceled')?.reason,
        'not filled at the open: the open price 110.01 is beyond the limit 109',
      );
    });

    test('a limit sell AT_THE_CLOSE at 103.5 fills at the closing price 103.91; at 104 it is canceled', () => {
      const filled = runWith(venue, (s) =>
        s.sell(STOCK.id, 10, { price: 103.5, timeInForce: 'AT_THE_CLOSE' }),
      );
      // Day 1 trades at 103.5 from about 15:49 on (a plain limit would have filled there, at 103.5);
      // AT_THE_CLOSE waits: 103.91 ≥ 103.5, a sell within its limit, at the closing price.
      assert.deepEqual(
        filled.strategy.fillsOf(filled.order).map((f) => [f.lastPrice, f.lastQuantity, f.tsEvent]),
        [[103.91, 10, DAY1_CLOSE]],
      );
      // At 104: the close 103.91 < 104 is beyond the sell limit (day 1's high, 103.92, never reaches it either).
      const missed = runWith(venue, (s) => s.sell(STOCK.id, 10, { price: 104, timeInForce: 'AT_THE_CLOSE' }));
      assert.equal(missed.order.status, 'canceled');
      assert.deepEqual(missed.result.fills, []);
      assert.equal(
        missed.strategy.eventOf(missed.order, 'canceled')?.reason,
        'not filled at the close: the close price 103.91 is beyond the limit 104',
      );
    });
  });
}

describe('auction orders with a session: timing at the edges', () => {
  test("a market-on-close placed on the 16:00 bar misses day 1's close and fills at day 2's, 113.91", () => {
    // Arrives at 21:00Z: day 1's session is over ([open, close) excludes 16:00), so its close is day 2's:
    // the 15:59–16:00 bar of day 2 closes at 110 + 3.90 + 0.01 = 113.91.
    const { result } = runWith(
      { session: US_EQUITY_RTH },
      (s) => s.buy(STOCK.id, 10, { type: 'market-on-close' }),
      389,
    );
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.quantity, f.time]),
      [[113.91, 10, DAY2_CLOSE]],
    );
  });

  test("a market-on-open placed on day 1's first bar (09:31) still waits for day 2's open", () => {
    // The session is open at 09:31: its open has passed, the next open is day 2's at 09:30.
    const { result } = runWith(
      { session: US_EQUITY_RTH },
      (s) => s.buy(STOCK.id, 10, { type: 'market-on-open' }),
      0,
    );
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.time]),
      [[110.01, DAY2_OPEN]],
    );
    assert.equal(DAY1_OPEN + 24 * 60 * MICROS_PER_MINUTE, DAY2_OPEN); // one day apart, no DST change
  });
});

describe('auction orders: validation', () => {
  test('market-on-open / market-on-close take DAY or GTC only', () => {
    assert.throws(
      () => newOrder('market-on-open', { timeInForce: 'IOC' }),
      /a market-on-open order takes time in force DAY or GTC, not IOC/,
    );
    assert.throws(
      () => newOrder('market-on-close', { timeInForce: 'AT_THE_CLOSE' }),
      /a market-on-close order takes time in force DAY or GTC, not AT_THE_CLOSE/,
    );
    assert.equal(newOrder('market-on-open', { timeInForce: 'DAY' }).auction, 'open');
  });

  test('AT_THE_OPEN / AT_THE_CLOSE apply to market and limit orders only', () => {
    assert.throws(
      () => newOrder('stop-market', { timeInForce: 'AT_THE_OPEN' }),
      /AT_THE_OPEN applies to market and limit orders, not stop-market/,
    );
    assert.throws(
      () => newOrder('stop-limit', { timeInForce: 'AT_THE_CLOSE' }),
      /AT_THE_CLOSE applies to market and limit orders, not stop-limit/,
    );
    assert.equal(newOrder('limit', { timeInForce: 'AT_THE_CLOSE' }).auction, 'close');
  });

  test('a strategy building MOO + IOC gets the error at once, before anything is sent', () => {
    const { strategy } = runScript(TWO_DAYS.slice(0, 2), 'bars', {
      0: (s) => {
        assert.throws(
          () => s.buy(STOCK.id, 1, { type: 'market-on-open', timeInForce: 'IOC' }),
          /takes time in force DAY or GTC/,
        );
        assert.throws(
          () => s.sell(STOCK.id, 1, { triggerPrice: 99, timeInForce: 'AT_THE_OPEN' }),
          /AT_THE_OPEN applies/,
        );
      },
    });
    assert.deepEqual(strategy.events, []);
  });
});
