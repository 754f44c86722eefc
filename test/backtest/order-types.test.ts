/**
 * Market-if-touched, limit-if-touched, trailing stops and GTD, hand-computed on bars through the
 * real kernel and simulated exchange (ES, tick 0.25).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type BarFillDecision, decideBarFill } from '../../src/backtest/bar-fills.js';
import { BarType, bar } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import type { OrderUpdated } from '../../src/model/order-events.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { feedBar, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { newOrder } from '../support/order-builders.js';

const ES = futureContract('ES', 2025, 12);
const barType = BarType.of(ES.id, 1, 'minute');
/** The decision without its path position (asserted in intrabar-path tests). */
const decide = (...args: Parameters<typeof decideBarFill>): BarFillDecision => {
  const { triggered, price } = decideBarFill(...args);
  return { triggered, price };
};
const ohlc = (o: number, h: number, l: number, c: number) => bar(barType, o, h, l, c, 10, 60_000_000);

describe('if-touched orders on a bar', () => {
  test('market-if-touched: a buy fills when the price falls to the trigger, at the open on a gap', () => {
    const buy = newOrder('market-if-touched', { triggerPrice: 99 });
    assert.deepEqual(decide(buy, ohlc(100, 101, 98.5, 100), ES.priceGrid), {
      triggered: true,
      price: 99,
    });
    assert.deepEqual(decide(buy, ohlc(98, 99, 97, 98.5), ES.priceGrid), {
      triggered: true,
      price: 98,
    });
    assert.deepEqual(decide(buy, ohlc(100, 101, 99.25, 100), ES.priceGrid), {
      triggered: false,
      price: undefined,
    });
    const sell = newOrder('market-if-touched', { side: 'sell', triggerPrice: 101 });
    assert.deepEqual(decide(sell, ohlc(100, 101.5, 99.5, 101), ES.priceGrid), {
      triggered: true,
      price: 101,
    });
    assert.deepEqual(decide(sell, ohlc(102, 102.5, 101.5, 102), ES.priceGrid), {
      triggered: true,
      price: 102,
    });
  });

  test('limit-if-touched: touched, then a limit from the touch point (or from the open on a gap)', () => {
    const lit = () => newOrder('limit-if-touched', { triggerPrice: 99, price: 98.75 });
    // Touched at 99 inside the bar; 99 is above the 98.75 limit, the low 98.5 reaches it: 98.75.
    assert.deepEqual(decide(lit(), ohlc(100, 100.5, 98.5, 99), ES.priceGrid), {
      triggered: true,
      price: 98.75,
    });
    // Gap open 98.5 is at or below the trigger and within the limit: the open.
    assert.deepEqual(decide(lit(), ohlc(98.5, 99, 98, 98.75), ES.priceGrid), {
      triggered: true,
      price: 98.5,
    });
    // Touched but never down to the limit: triggered, no fill.
    assert.deepEqual(decide(lit(), ohlc(100, 100, 98.9, 99.5), ES.priceGrid), {
      triggered: true,
      price: undefined,
    });
  });
});

describe('trailing stop (sell, 2.00 behind the high)', () => {
  for (const [label, extra] of [
    ['price offset', { trailingOffset: 2 }],
    ['tick offset', { trailingOffset: 8, trailingOffsetType: 'ticks' as const }],
    ['percent offset', { trailingOffset: 0.05, trailingOffsetType: 'percent' as const }],
  ] as const) {
    test(`${label}: trails the high, then fills at its trigger`, () => {
      const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000 });
      feedBar(h, ES, [4000, 4000, 4000, 4000]);
      const order = submit(h, makeOrder(ES, 'sell', 1, { type: 'trailing-stop-market', ...extra }));
      assert.equal(order.status, 'accepted');
      assert.equal(order.triggerPrice, 3998); // 4000 − 2.00 at acceptance
      feedBar(h, ES, [4001, 4005, 4000.5, 4004]); // low 4000.5 stays above 3998; high 4005 → 4003
      assert.equal(order.triggerPrice, label === 'percent offset' ? 4002.75 : 4003); // 4005 × 0.05 % = 2.0025 → floor
      feedBar(h, ES, [4004, 4004.5, 4002, 4003]); // low reaches the trigger
      assert.equal(order.status, 'filled');
      assert.equal(order.averagePrice, label === 'percent offset' ? 4002.75 : 4003);
      const moves = h.events
        .filter((e): e is OrderUpdated => e.kind === 'updated')
        .map((e) => e.triggerPrice);
      assert.deepEqual(moves, label === 'percent offset' ? [3998, 4002.75] : [3998, 4003]);
    });
  }

  test('the trigger never moves away from the market', () => {
    const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000 });
    feedBar(h, ES, [4000, 4000, 4000, 4000]);
    const order = submit(h, makeOrder(ES, 'sell', 1, { type: 'trailing-stop-market', trailingOffset: 2 }));
    feedBar(h, ES, [3999.5, 3999.75, 3999, 3999.5]);
    assert.equal(order.triggerPrice, 3998);
    assert.equal(order.status, 'accepted');
  });

  test('an offset off the tick grid is denied with TRAILING_OFFSET_INVALID', () => {
    const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000 });
    feedBar(h, ES, [4000, 4000, 4000, 4000]);
    const order = submit(h, makeOrder(ES, 'sell', 1, { type: 'trailing-stop-market', trailingOffset: 0.3 }));
    assert.equal(order.status, 'denied');
    assert.equal(
      h.events.find((e) => e.kind === 'denied' && e.reasonCode === 'TRAILING_OFFSET_INVALID')?.kind,
      'denied',
    );
  });
});

describe('GTD', () => {
  test('a GTD limit expires with the first data after its expire time, and not before', () => {
    const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000 });
    feedBar(h, ES, [4000, 4000, 4000, 4000]);
    const expireTime = h.clock.now() + 90_000_000; // 1.5 minutes
    const order = submit(h, makeOrder(ES, 'buy', 1, { price: 3990, timeInForce: 'GTD', expireTime }));
    feedBar(h, ES, [4000, 4001, 3999, 4000]); // +1 min: still working
    assert.equal(order.status, 'accepted');
    feedBar(h, ES, [4000, 4001, 3999, 4000], { ts: expireTime + MICROS_PER_MINUTE / 2 }); // past expiry
    assert.equal(order.status, 'expired');
    assert.equal(order.events.at(-1)?.tsEvent, expireTime);
  });

  test('GTD needs an expire time and only GTD takes one', () => {
    assert.throws(() => newOrder('limit', { timeInForce: 'GTD' }), /GTD needs an expire time/);
    assert.throws(() => newOrder('limit', { expireTime: 1 }), /only GTD takes an expire time/);
  });
});
