/**
 * Trading-state transitions driven by the loss limits: daily loss → reducing (lifted by the next
 * trading day), drawdown → halted (kept); each change published on `events.risk.state` and logged.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { equity } from '../../src/model/instruments.js';
import { MICROS_PER_DAY } from '../../src/model/time.js';
import { RISK_STATE_TOPIC, type RiskConfig, type TradingStateChanged } from '../../src/risk/engine.js';
import { type Harness, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { assertAccepted, assertDenied, at } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });

function harness(risk: RiskConfig): { h: Harness; changes: TradingStateChanged[] } {
  const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 100_000, risk });
  const changes: TradingStateChanged[] = [];
  h.kernel.bus.subscribe<TradingStateChanged>(RISK_STATE_TOPIC, (e) => changes.push(e));
  return { h, changes };
}

/** A bar at `price`, then the per-data-point watch the backtest engine runs. */
function mark(h: Harness, price: number, ts?: number): void {
  at(h, AAPL, price, ts);
  h.kernel.marginMonitor.check();
}

function long(h: Harness, quantity: number, price: number): void {
  mark(h, price);
  submit(h, makeOrder(AAPL, 'buy', quantity));
  mark(h, price);
  assert.equal(h.kernel.portfolio.netPosition(AAPL.id), quantity);
}

describe('daily loss → reducing', () => {
  test('an unrealised loss reaching maxDailyLoss switches to reducing; only reducing orders pass', () => {
    const { h, changes } = harness({ maxDailyLoss: 1_000 });
    long(h, 100, 100);
    mark(h, 90.01); // loss 999
    assert.equal(h.kernel.risk.tradingState, 'active');
    mark(h, 90); // loss 1 000
    assert.equal(h.kernel.risk.tradingState, 'reducing');
    assert.equal(changes.length, 1);
    assert.equal(changes[0].trigger, 'daily-loss');
    assert.equal(changes[0].accountId, 'SIM-001');
    assert.match(
      changes[0].reason,
      /daily loss 1000\.00 USD on SIM-001 \(equity 99000\.00 USD, 100000\.00 USD at the start of the trading day\) reached the maximum 1000/,
    );
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1)),
      'TRADING_REDUCING',
      /only orders that reduce a position are allowed \(buy 1 would take AAPL\.SIM from 100 to 101\)/,
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 40)));
  });

  test('a realised loss counts too (checked on the fill)', () => {
    const { h } = harness({ maxDailyLoss: 500 });
    long(h, 100, 100);
    at(h, AAPL, 95); // no per-data-point watch: the fill below must trigger it
    submit(h, makeOrder(AAPL, 'sell', 100));
    at(h, AAPL, 95);
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 0);
    assert.equal(h.kernel.risk.tradingState, 'reducing');
  });

  test('a new trading day (UTC) resets the daily loss and lifts reducing', () => {
    const { h, changes } = harness({ maxDailyLoss: 1_000 });
    long(h, 100, 100);
    mark(h, 85);
    assert.equal(h.kernel.risk.tradingState, 'reducing');
    const nextDay = (Math.floor(h.clock.now() / MICROS_PER_DAY) + 1) * MICROS_PER_DAY + 60_000_000;
    mark(h, 85, nextDay);
    assert.equal(h.kernel.risk.tradingState, 'active');
    assert.equal(changes.at(-1)?.trigger, 'new-trading-day');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1)));
    mark(h, 76); // today's loss: 101 × 9 = 909, below 1 000 although far below yesterday's start
    assert.equal(h.kernel.risk.tradingState, 'active');
  });

  test('a manual reducing state is not lifted by a new day', () => {
    const { h } = harness({ maxDailyLoss: 1_000, tradingState: 'reducing' });
    mark(h, 100);
    mark(h, 100, h.clock.now() + 2 * MICROS_PER_DAY);
    submit(h, makeOrder(AAPL, 'buy', 1)); // the first order starts the watch
    assert.equal(h.kernel.risk.tradingState, 'reducing');
  });
});

describe('drawdown → halted', () => {
  test('a drawdown from the high-water mark halts; then nothing but cancels passes; a new day keeps it', () => {
    const { h, changes } = harness({ maxDrawdownPct: 10, maxDailyLoss: 1_000_000 });
    long(h, 500, 100); // 50 000 of stock, equity 100 000
    const resting = submit(h, makeOrder(AAPL, 'sell', 10, { price: 150 }));
    assertAccepted(h, resting);
    mark(h, 120); // equity 110 000: the high-water mark
    mark(h, 98.01); // equity 99 005: drawdown 9.995 %
    assert.equal(h.kernel.risk.tradingState, 'active');
    mark(h, 98); // equity 99 000: 10 %
    assert.equal(h.kernel.risk.tradingState, 'halted');
    const change = changes.at(-1)!;
    assert.equal(change.trigger, 'drawdown');
    assert.match(
      change.reason,
      /drawdown 10\.00 % on SIM-001 \(equity 99000\.00 USD, high-water mark 110000\.00 USD\) reached the maximum 10 %/,
    );
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 10)),
      'TRADING_HALTED',
      /trading is halted: only cancels are allowed/,
    );
    assert.equal(h.kernel.risk.modify(resting, { price: 149 })?.code, 'TRADING_HALTED');
    h.kernel.risk.cancel(resting);
    assert.equal(resting.status, 'canceled');
    mark(h, 98, (Math.floor(h.clock.now() / MICROS_PER_DAY) + 1) * MICROS_PER_DAY + 60_000_000);
    assert.equal(h.kernel.risk.tradingState, 'halted');
    assert.deepEqual(
      changes.map((c) => c.state),
      ['halted'],
    );
  });

  test('no loss limit configured: the watch does nothing', () => {
    const { h, changes } = harness({});
    assert.equal(h.kernel.risk.losses.enabled, false);
    long(h, 100, 100);
    mark(h, 1);
    assert.equal(h.kernel.risk.tradingState, 'active');
    assert.equal(changes.length, 0);
  });

  test('setting the state by hand is published as a manual change', () => {
    const { h, changes } = harness({});
    h.kernel.risk.tradingState = 'halted';
    assert.deepEqual(
      changes.map((c) => [c.previous, c.state, c.trigger]),
      [['active', 'halted', 'manual']],
    );
  });
});
