/** Execution-quality figures computed by hand. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Cache } from '../../src/core/cache.js';
import { arrivalPriceOf, executionQuality, ordersQuality } from '../../src/execution/quality.js';
import { equity, futureContract } from '../../src/model/instruments.js';
import { driveTo, fillEvent, newOrder } from '../support/order-builders.js';

const ES = futureContract('ES', 2025, 12); // multiplier 50, tick 0.25
const ABC = equity({ symbol: 'ABC', venue: 'SIM' });

describe('executionQuality', () => {
  test('ES buy 10: 6 filled at 4000.50 vs arrival 4000, 4 left with the market at 4002, fees 15', () => {
    const q = executionQuality({
      instrument: ES,
      side: 'buy',
      quantity: 10,
      arrivalPrice: 4000,
      filledQuantity: 6,
      averagePrice: 4000.5,
      fees: 15,
      endPrice: 4002,
    });
    assert.equal(q.unfilledQuantity, 4);
    // 0.50 above arrival: 2 ticks, 0.5 / 4000 = 1.25 bps.
    assert.deepEqual(q.slippage, { price: 0.5, ticks: 2, bps: 1.25 });
    // execution 0.5 × 6 × 50 = 150; opportunity (4002 − 4000) × 4 × 50 = 400; + 15 fees = 565.
    // arrival notional 4000 × 10 × 50 = 2 000 000; 565 / 2 000 000 = 2.825 bps.
    assert.equal(q.arrivalNotional, 2_000_000);
    assert.deepEqual(q.shortfall, { execution: 150, opportunity: 400, fees: 15, total: 565, bps: 2.825 });
  });

  test('a sell filled above arrival is a gain (negative cost); money rounds to cents', () => {
    const q = executionQuality({
      instrument: ABC,
      side: 'sell',
      quantity: 3,
      arrivalPrice: 100,
      filledQuantity: 3,
      averagePrice: 100.013333333333, // (100.01 + 100.01 + 100.02) / 3
      fees: 0.015,
    });
    assert.equal(q.slippage?.bps.toFixed(6), '-1.333333');
    // −0.013333… × 3 = −0.04; fees 0.015 → 0.02 (half away from zero); total −0.02.
    assert.deepEqual(q.shortfall, {
      execution: -0.04,
      opportunity: 0,
      fees: 0.02,
      total: -0.02,
      bps: -0.666666666667,
    });
  });

  test('nothing filled: no slippage, the whole quantity is opportunity cost', () => {
    const q = executionQuality({
      instrument: ES,
      side: 'sell',
      quantity: 2,
      arrivalPrice: 4000,
      filledQuantity: 0,
      endPrice: 3990,
    });
    assert.equal(q.slippage, undefined);
    assert.equal(q.averagePrice, undefined);
    // A sell that waited while the price fell 10 points: 10 × 2 × 50 = 1000.
    assert.equal(q.shortfall.opportunity, 1000);
    assert.equal(q.shortfall.total, 1000);
  });

  test('an unfilled rest without an end price is refused', () => {
    assert.throws(
      () =>
        executionQuality({ instrument: ES, side: 'buy', quantity: 2, arrivalPrice: 4000, filledQuantity: 0 }),
      /end price/,
    );
  });
});

describe('ordersQuality and arrivalPriceOf', () => {
  test('orders: fills and commissions of each order add up', () => {
    const a = driveTo(newOrder('market', { instrumentId: ES.id, quantity: 2 }), 'accepted');
    const b = driveTo(newOrder('market', { instrumentId: ES.id, quantity: 3 }), 'accepted');
    a.apply(fillEvent(a, 2, 4001, { commission: 5 }));
    b.apply(fillEvent(b, 1, 4002, { commission: 2.5 }));
    const q = ordersQuality({
      instrument: ES,
      side: 'buy',
      arrivalPrice: 4000,
      orders: [a, b],
      endPrice: 4003,
    });
    // 3 filled at (2 × 4001 + 4002) / 3; execution (8002 + 4002 − 12000) × 50 = 200; 2 unfilled × 3 × 50 = 300.
    // Arrival notional 4000 × 5 × 50 = 1 000 000: 507.5 is 5.075 bps.
    assert.equal(q.quantity, 5);
    assert.equal(q.filledQuantity, 3);
    assert.deepEqual(q.shortfall, { execution: 200, opportunity: 300, fees: 7.5, total: 507.5, bps: 5.075 });
  });

  test('arrival: the quote mid when there is a quote, else the last price', () => {
    const cache = new Cache();
    cache.addInstrument(ES);
    assert.equal(arrivalPriceOf(cache, ES.id), undefined);
    cache.addTrade({
      kind: 'trade',
      instrumentId: ES.id,
      price: 4001,
      size: 1,
      aggressor: 'none',
      tradeId: 't',
      tsEvent: 1,
      tsInit: 1,
    });
    assert.equal(arrivalPriceOf(cache, ES.id), 4001);
    cache.addQuote({
      kind: 'quote',
      instrumentId: ES.id,
      bidPrice: 4000,
      askPrice: 4000.5,
      bidSize: 1,
      askSize: 1,
      tsEvent: 2,
      tsInit: 2,
    });
    assert.equal(arrivalPriceOf(cache, ES.id), 4000.25);
  });
});
