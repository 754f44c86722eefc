/**
 * The run-wide execution-quality summary, hand-computed through a real backtest: market orders
 * placed on a bar's close (the arrival price, no quote) fill at the next bar's open.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { minuteBars, runScript, STOCK } from '../support/scripted-backtest.js';

describe('BacktestResult.executionQuality', () => {
  test('slippage against the arrival close and the shortfall with fees', () => {
    const { result } = runScript(
      minuteBars([
        [100, 100, 100, 100], // bar 0: buy 10 at arrival 100.00
        [100.1, 100.2, 100, 100.2], // bar 1: filled at 100.10; sell 10 at arrival 100.20
        [100.15, 100.3, 100.1, 100.2], // bar 2: filled at 100.15
      ]),
      'bars',
      {
        0: (s) => s.buy(STOCK.id, 10),
        1: (s) => s.sell(STOCK.id, 10),
      },
      { commission: { kind: 'per-unit', amount: 0.01 } },
    );
    const q = result.executionQuality;
    // Buy: +0.10 over 100.00 = 10 bps = 10 ticks; sell: 100.20 − 100.15 = +0.05 = 4.99 bps = 5 ticks.
    // Quantity-weighted (10 and 10): bps (10 + 4.9900…) / 2 = 7.495; ticks (10 + 5) / 2 = 7.5.
    assert.equal(q.orders, 2);
    assert.equal(q.filledQuantity, 20);
    assert.equal(q.slippageTicks, 7.5);
    assert.equal(q.slippageBps, 7.495);
    // Shortfall: 0.10 × 10 + 0.05 × 10 = 1.50, plus fees 2 × 10 × 0.01 = 0.20 → 1.70 USD,
    // over the arrival notional 1,000 + 1,002 = 2,002 → 8.4915 bps.
    assert.equal(q.shortfall, 1.7);
    assert.equal(q.shortfallBps, 8.4915);
  });
});
