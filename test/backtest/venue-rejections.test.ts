/**
 * Venue rejections on arrival, hand-computed: price bands (`VenueConfig.priceBand`), prices off the
 * tick grid (which the risk engine denies first, so the venue's own check is driven directly), and
 * `rejectWhenClosed` with a session. 0.01-tick stock; the band is measured from the last price (a
 * bar's close).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import { SimulatedExchange } from '../../src/backtest/exchange.js';
import { bar } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import type { OrderEvent, OrderRejected } from '../../src/model/order-events.js';
import { US_EQUITY_RTH } from '../../src/model/sessions.js';
import { microsFromIso } from '../../src/model/time.js';
import type { OrderOptions } from '../../src/strategy/strategy.js';
import { makeHarness, makeOrder } from '../support/kernel-harness.js';
import {
  minuteBars,
  priceQty,
  runScript,
  type Scripted,
  STOCK,
  STOCK_1M,
} from '../support/scripted-backtest.js';

/** Places each order on bar 0 (close 100.00) and returns them; bar 1 stays within 99.90–100.10. */
function placeOnBar0(
  venue: Partial<VenueConfig>,
  orders: OrderOptions[],
): { strategy: Scripted; placed: Order[] } {
  const placed: Order[] = [];
  const { strategy } = runScript(
    minuteBars([
      [100, 100, 100, 100],
      [100, 100.1, 99.9, 100],
    ]),
    'bars',
    {
      0: (s) => {
        for (const o of orders) placed.push(s.buy(STOCK.id, 1, o));
      },
    },
    venue,
  );
  return { strategy, placed };
}

const rejection = (s: Scripted, order: Order): [string, string] | undefined => {
  const e = s.eventOf(order, 'rejected');
  return e === undefined ? undefined : [e.reasonCode, e.reason];
};

describe('price band', () => {
  test('percent 1: limits and triggers more than 1.00 from the last price 100 are rejected', () => {
    const { strategy, placed } = placeOnBar0({ priceBand: { percent: 1 } }, [
      { price: 98.99 }, // |98.99 − 100| = 1.01 > 1 % of 100 = 1.00: rejected
      { price: 99 }, // exactly 1.00 away: inside the band
      { triggerPrice: 101.01 }, // stop buy 1.01 away: rejected on its trigger
      { triggerPrice: 101, price: 101.5 }, // stop-limit: trigger 1.00, limit 1.50 away: rejected on the limit
    ]);
    const [far, edge, farStop, farLimit] = placed;
    assert.deepEqual(rejection(strategy, far), [
      'PRICE_OUTSIDE_BAND',
      'price 98.99 is more than 1 from the last price 100',
    ]);
    assert.deepEqual(strategy.kindsOf(far), ['submitted', 'rejected']);
    assert.equal(far.status, 'rejected');
    assert.equal(edge.status, 'accepted'); // bar 1's low 99.90 does not reach 99
    assert.deepEqual(rejection(strategy, farStop), [
      'PRICE_OUTSIDE_BAND',
      'trigger price 101.01 is more than 1 from the last price 100',
    ]);
    assert.deepEqual(rejection(strategy, farLimit), [
      'PRICE_OUTSIDE_BAND',
      'price 101.5 is more than 1 from the last price 100',
    ]);
  });

  test('ticks 50: the band is 50 × 0.01 = 0.50', () => {
    const { strategy, placed } = placeOnBar0({ priceBand: { ticks: 50 } }, [
      { price: 99.49 },
      { price: 99.5 },
    ]);
    // 100 − 99.49 = 0.51 > 0.50: rejected; 99.50 is on the edge: accepted.
    assert.deepEqual(rejection(strategy, placed[0]), [
      'PRICE_OUTSIDE_BAND',
      'price 99.49 is more than 0.5 from the last price 100',
    ]);
    assert.equal(placed[1].status, 'accepted');
  });

  test('percent and ticks together: the wider band applies (1 % = 1.00 vs 200 ticks = 2.00)', () => {
    const { strategy, placed } = placeOnBar0({ priceBand: { percent: 1, ticks: 200 } }, [
      { price: 98 },
      { price: 97.99 },
    ]);
    assert.equal(placed[0].status, 'accepted'); // 2.00 away
    assert.deepEqual(rejection(strategy, placed[1]), [
      'PRICE_OUTSIDE_BAND',
      'price 97.99 is more than 2 from the last price 100',
    ]);
  });

  test('market orders carry no price and pass any band', () => {
    const { strategy, placed } = placeOnBar0({ priceBand: { ticks: 1 } }, [{}]);
    assert.deepEqual(priceQty(strategy, placed[0]), [[100, 1]]); // bar 1's open
  });

  test('an invalid band is refused when the venue is built', () => {
    assert.throws(() => placeOnBar0({ priceBand: {} }, []), /priceBand needs percent or ticks/);
    assert.throws(
      () => placeOnBar0({ priceBand: { ticks: 1.5 } }, []),
      /priceBand.ticks must be a whole number > 0/,
    );
    assert.throws(() => placeOnBar0({ priceBand: { percent: 0 } }, []), /priceBand.percent must be > 0/);
  });
});

describe('prices off the tick grid', () => {
  test('through the kernel the risk engine denies them first (PRICE_OFF_GRID), so they never reach the venue', () => {
    const { strategy, placed } = placeOnBar0({ priceBand: { percent: 1 } }, [{ price: 99.995 }]);
    assert.deepEqual(strategy.kindsOf(placed[0]), ['denied']);
    const denied = strategy.eventOf(placed[0], 'denied');
    assert.equal(denied?.reasonCode, 'PRICE_OFF_GRID');
  });

  test('sent to the venue directly, it rejects them: PRICE_OFF_GRID for a price or a trigger', () => {
    const h = makeHarness({
      instruments: [STOCK],
      accountType: 'margin',
      startingCash: 1_000_000,
      withExchange: false,
    });
    const events: OrderEvent[] = [];
    const venue = new SimulatedExchange(
      { venue: 'SIM', fill: 'next-open', commission: { kind: 'none' } },
      h.clock,
      h.kernel.cache,
      (event) => events.push(event),
      () => true,
    );
    venue.submitOrder(makeOrder(STOCK, 'buy', 1, { price: 99.995 }));
    venue.submitOrder(makeOrder(STOCK, 'sell', 1, { triggerPrice: 99.001 }));
    venue.submitOrder(makeOrder(STOCK, 'buy', 1, { price: 99.99 }));
    const rejected = events.filter((e): e is OrderRejected => e.kind === 'rejected');
    assert.deepEqual(
      rejected.map((e) => [e.reasonCode, e.reason]),
      [
        ['PRICE_OFF_GRID', 'price 99.995 is not a multiple of the tick size 0.01'],
        ['PRICE_OFF_GRID', 'trigger price 99.001 is not a multiple of the tick size 0.01'],
      ],
    );
    // The on-grid one is accepted and works.
    assert.deepEqual(events.at(-1)?.kind, 'accepted');
    assert.equal(venue.workingOrders().length, 1);
  });
});

describe('rejectWhenClosed with US_EQUITY_RTH', () => {
  // A pre-market bar closing 09:00 New York (14:00Z), then 09:30–09:31 and 09:31–09:32.
  const PRE = microsFromIso('2024-01-02T14:00:00Z');
  const OPEN = microsFromIso('2024-01-02T14:30:00Z');
  const data = () => [
    bar(STOCK_1M, 99, 99.2, 98.8, 99, 1_000, PRE),
    bar(STOCK_1M, 100, 100.2, 99.8, 100.1, 1_000, OPEN + 60_000_000),
    bar(STOCK_1M, 100.2, 100.4, 100, 100.3, 1_000, OPEN + 120_000_000),
  ];

  test('an order arriving at 09:00 is rejected MARKET_CLOSED; a market-on-open is accepted and fills at 09:30', () => {
    const placed: Order[] = [];
    const { strategy } = runScript(
      data(),
      'bars',
      {
        0: (s) =>
          placed.push(s.buy(STOCK.id, 1, { price: 99 }), s.buy(STOCK.id, 1, { type: 'market-on-open' })),
        1: (s) => placed.push(s.buy(STOCK.id, 1)), // 09:31: open
      },
      { session: US_EQUITY_RTH, rejectWhenClosed: true },
    );
    const [closed, moo, open] = placed;
    assert.deepEqual(strategy.kindsOf(closed), ['submitted', 'rejected']);
    assert.deepEqual(rejection(strategy, closed), [
      'MARKET_CLOSED',
      'US equity regular hours is closed at 2024-01-02T14:00:00.000Z',
    ]);
    // MOO: the session's open is 09:30 (14:30Z); the 09:30–09:31 bar opens at 100.00.
    assert.deepEqual(strategy.kindsOf(moo), ['submitted', 'accepted', 'filled']);
    assert.deepEqual(
      strategy.fillsOf(moo).map((f) => [f.lastPrice, f.tsEvent]),
      [[100, OPEN]],
    );
    // Placed at 09:31 while open: accepted, fills at the 09:31–09:32 bar's open, 100.20.
    assert.deepEqual(priceQty(strategy, open), [[100.2, 1]]);
  });

  test('without rejectWhenClosed the same 09:00 limit is accepted (and works until a bar reaches it)', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      data(),
      'bars',
      { 0: (s) => (order = s.buy(STOCK.id, 1, { price: 99 })) },
      { session: US_EQUITY_RTH },
    );
    // Bars after it trade 99.80 … 100.40: never down to 99.
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted']);
  });
});
