/**
 * The kill switch on a real Kernel and SimulatedExchange: halts, cancels every working order,
 * flattens every position with reduce-only market orders that pass the halted state, publishes a
 * summary and is audited exactly once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { equity } from '../../src/model/instruments.js';
import {
  type AuditSink,
  KILL_SWITCH_STRATEGY_ID,
  KILL_SWITCH_TOPIC,
  type KillSwitchSummary,
} from '../../src/risk/kill-switch.js';
import { makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { assertAccepted, assertDenied, at } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const MSFT = equity({ symbol: 'MSFT', venue: 'SIM' });

describe('kill switch', () => {
  test('cancels working orders, flattens positions after the fills, halts, audits once', async () => {
    const h = makeHarness({ instruments: [AAPL, MSFT], accountType: 'margin', startingCash: 1_000_000 });
    const audited: Parameters<AuditSink>[0][] = [];
    // The kernel-level sink is wired by the kernel config; here the harness kernel has none, so
    // build the switch the kernel builds, with a recording sink.
    const { KillSwitch } = await import('../../src/risk/kill-switch.js');
    const killSwitch = new KillSwitch(h.kernel.cache, h.kernel.risk, h.clock, h.kernel.bus, (entry) => {
      audited.push(entry);
    });
    const published: KillSwitchSummary[] = [];
    h.kernel.bus.subscribe<KillSwitchSummary>(KILL_SWITCH_TOPIC, (s) => published.push(s));
    at(h, AAPL, 100);
    at(h, MSFT, 200);
    submit(h, makeOrder(AAPL, 'buy', 100));
    submit(h, makeOrder(MSFT, 'sell', 50));
    at(h, AAPL, 100);
    at(h, MSFT, 200);
    assert.deepEqual(
      [h.kernel.portfolio.netPosition(AAPL.id), h.kernel.portfolio.netPosition(MSFT.id)],
      [100, -50],
    );
    const working = [
      submit(h, makeOrder(AAPL, 'buy', 10, { price: 90 })),
      submit(h, makeOrder(MSFT, 'sell', 5, { price: 250 })),
      submit(h, makeOrder(AAPL, 'sell', 10, { triggerPrice: 80 })),
    ];
    for (const order of working) assertAccepted(h, order);

    const summary = await killSwitch.engage({ actor: 'alice', source: 'cli', reason: 'runaway strategy' });

    assert.equal(h.kernel.risk.tradingState, 'halted');
    for (const order of working) assert.equal(order.status, 'canceled');
    assert.deepEqual([...summary.ordersCanceled].sort(), working.map((o) => o.clientOrderId).sort());
    assert.deepEqual(summary.positionsFlattened, [
      { instrumentId: AAPL.id, quantity: 100 },
      { instrumentId: MSFT.id, quantity: -50 },
    ]);
    const flatten = summary.flattenOrders.map((id) => h.kernel.cache.order(id)!);
    for (const order of flatten) {
      assert.equal(order.status, 'accepted');
      assert.equal(order.reduceOnly, true);
      assert.equal(order.type, 'market');
      assert.equal(order.strategyId, KILL_SWITCH_STRATEGY_ID);
    }
    at(h, AAPL, 101);
    at(h, MSFT, 199);
    assert.deepEqual(
      [h.kernel.portfolio.netPosition(AAPL.id), h.kernel.portfolio.netPosition(MSFT.id)],
      [0, 0],
    );
    assert.equal(audited.length, 1);
    assert.equal(audited[0].actor, 'alice');
    assert.equal(audited[0].source, 'cli');
    assert.equal(audited[0].action, 'kill-switch.engage');
    assert.equal(published.length, 1);
    assert.equal(h.kernel.risk.stateChanges.at(-1)?.trigger, 'kill-switch');
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1)), 'TRADING_HALTED', /trading is halted/);
  });

  test('is on the kernel, with the audit sink of the kernel config', async () => {
    const { Kernel } = await import('../../src/kernel/kernel.js');
    const { TestClock } = await import('../../src/core/clock.js');
    const calls: string[] = [];
    const kernel = new Kernel({
      clock: new TestClock(0),
      audit: (e) => void calls.push(`${e.actor}@${e.source}`),
    });
    const summary = await kernel.killSwitch.engage({ actor: 'ops', source: 'api', reason: 'test' });
    assert.deepEqual([summary.ordersCanceled.length, summary.flattenOrders.length], [0, 0]);
    assert.deepEqual(calls, ['ops@api']);
    assert.equal(kernel.risk.tradingState, 'halted');
  });

  test('a failing audit sink rejects engage (after the trading actions)', async () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 1_000_000 });
    const { KillSwitch } = await import('../../src/risk/kill-switch.js');
    const killSwitch = new KillSwitch(h.kernel.cache, h.kernel.risk, h.clock, h.kernel.bus, async () => {
      throw new Error('store down');
    });
    await assert.rejects(killSwitch.engage({ actor: 'a', source: 'cli', reason: 'r' }), /store down/);
    assert.equal(h.kernel.risk.tradingState, 'halted');
  });

  test('the forced path takes only reduce-only market orders', () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 1_000_000 });
    assert.throws(
      () => h.kernel.risk.submitForced(makeOrder(AAPL, 'buy', 1, { price: 100 }), 'kill-switch'),
      /must be a reduce-only market order/,
    );
    at(h, AAPL, 100);
    const increase = makeOrder(AAPL, 'buy', 1, { reduceOnly: true });
    h.kernel.risk.submitForced(increase, 'kill-switch');
    assertDenied(
      h,
      increase,
      'REDUCE_ONLY_WOULD_INCREASE',
      /forced order would take the position from 0 to 1/,
    );
  });
});
