/**
 * OCO, OTO and brackets, emulated by the kernel, hand-computed on bars through the real kernel and
 * simulated exchange (ES, tick 0.25). Partial fills are injected as venue fill events.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { futureContract } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { feedBar, type Harness, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { fillEvent } from '../support/order-builders.js';

const ES = futureContract('ES', 2025, 12);

function setup(): Harness {
  const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 1_000_000 });
  feedBar(h, ES, [4000, 4000, 4000, 4000]);
  return h;
}

function bracket(h: Harness, entry: Order) {
  const takeProfit = makeOrder(ES, 'sell', entry.quantity, { price: 4010, reduceOnly: true });
  const stopLoss = makeOrder(ES, 'sell', entry.quantity, { triggerPrice: 3990, reduceOnly: true });
  h.kernel.contingencies.oto(entry, [takeProfit, stopLoss]);
  h.kernel.contingencies.oco([takeProfit, stopLoss]);
  submit(h, entry);
  return { takeProfit, stopLoss };
}

describe('bracket: entry, then take-profit and stop-loss that cancel each other', () => {
  test('the exits wait for the entry, then the take-profit fills and the stop is canceled', () => {
    const h = setup();
    const entry = makeOrder(ES, 'buy', 2);
    const { takeProfit, stopLoss } = bracket(h, entry);
    assert.equal(takeProfit.status, 'initialized');
    assert.equal(h.exchange?.saw(takeProfit), false, 'not sent before the entry fills');
    feedBar(h, ES, [4001, 4002, 4000, 4001]); // entry fills at the open 4001
    assert.deepEqual([entry.status, takeProfit.status, stopLoss.status], ['filled', 'accepted', 'accepted']);
    assert.equal(takeProfit.quantity, 2);
    feedBar(h, ES, [4005, 4011, 4004, 4010]); // high 4011 reaches the 4010 limit
    assert.deepEqual([takeProfit.status, stopLoss.status], ['filled', 'canceled']);
    assert.equal(takeProfit.averagePrice, 4010);
    assert.equal(h.kernel.portfolio.netPosition(ES.id), 0);
  });

  test('the stop-loss fills at its trigger and the take-profit is canceled', () => {
    const h = setup();
    const { takeProfit, stopLoss } = bracket(h, makeOrder(ES, 'buy', 1));
    feedBar(h, ES, [4001, 4002, 4000, 4001]);
    feedBar(h, ES, [3995, 3996, 3985, 3988]); // low 3985 crosses the 3990 stop
    assert.deepEqual([stopLoss.status, takeProfit.status], ['filled', 'canceled']);
    assert.equal(stopLoss.averagePrice, 3990);
    assert.equal(h.kernel.portfolio.netPosition(ES.id), 0);
  });

  test('an entry canceled without a fill cancels its exits, which never reach the venue', () => {
    const h = setup();
    const entry = makeOrder(ES, 'buy', 1, { price: 3950 });
    const { takeProfit, stopLoss } = bracket(h, entry);
    feedBar(h, ES, [4001, 4002, 4000, 4001]);
    h.kernel.risk.cancel(entry);
    assert.deepEqual(
      [entry.status, takeProfit.status, stopLoss.status],
      ['canceled', 'canceled', 'canceled'],
    );
    assert.equal(h.exchange?.saw(takeProfit), false);
    assert.equal(h.exchange?.saw(stopLoss), false);
  });

  test('partial entry fills size the exits to the filled quantity', () => {
    const h = setup();
    const entry = makeOrder(ES, 'buy', 5, { price: 3999 });
    const { takeProfit, stopLoss } = bracket(h, entry);
    h.kernel.execution.process(fillEvent(entry, 2, 3999)); // the venue reports a partial fill
    assert.deepEqual([takeProfit.status, takeProfit.quantity, stopLoss.quantity], ['accepted', 2, 2]);
    h.kernel.execution.process(fillEvent(entry, 3, 3999));
    assert.deepEqual([takeProfit.quantity, stopLoss.quantity], [5, 5]);
    assert.deepEqual([takeProfit.status, stopLoss.status], ['accepted', 'accepted']);
  });
});

describe('OCO', () => {
  test('a partial fill shrinks the other order; a cancel of one cancels the other', () => {
    const h = setup();
    const a = makeOrder(ES, 'sell', 4, { price: 4020 });
    const b = makeOrder(ES, 'sell', 4, { price: 4030 });
    h.kernel.contingencies.oco([a, b]);
    submit(h, a);
    submit(h, b);
    h.kernel.execution.process(fillEvent(a, 1, 4020));
    assert.equal(b.quantity, 3);
    h.kernel.risk.cancel(a);
    assert.deepEqual([a.status, b.status], ['canceled', 'canceled']);
  });
});

describe('Strategy.bracket', () => {
  class Bracketing extends Strategy<Record<string, never>> {
    orders: ReturnType<Strategy['bracket']> | undefined;
    placeBracket(): void {
      this.orders = this.bracket(ES.id, 'sell', 1, { takeProfit: 3990, stopLoss: 4010 });
    }
  }

  test('a short bracket from a strategy: buy-side exits, filled by the market', () => {
    const h = setup();
    const strategy = new Bracketing('BR', {});
    h.kernel.addStrategy(strategy);
    strategy.start();
    strategy.placeBracket();
    feedBar(h, ES, [4001, 4002, 4000, 4001]); // short entry at 4001
    feedBar(h, ES, [3995, 3996, 3989, 3990]); // low 3989 reaches the 3990 buy limit
    const { entry, takeProfit, stopLoss } = strategy.orders!;
    assert.deepEqual([entry.status, takeProfit.status, stopLoss.status], ['filled', 'filled', 'canceled']);
    assert.deepEqual([takeProfit.side, stopLoss.side, stopLoss.type], ['buy', 'buy', 'stop-market']);
    assert.equal(h.kernel.portfolio.netPosition(ES.id), 0);
  });
});
