import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';

const file = new URL('../../data/2006-day-001.txt', import.meta.url).pathname;

function config(backtest: Record<string, unknown>) {
  return bourseConfigSchema.parse({ backtest });
}

// Reference results of backtrader's published SMA-crossover test on this file
// (tests/test_strategy_unoptimized.py: period 15, close vs SMA, buy 1 / close on cross down).
describe('sma-cross on 2006-day-001 reproduces the published reference results', () => {
  test('stock-like: 10284.10 value, 6164.16 cash', () => {
    const { result } = runFileBacktest({
      file,
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      config: config({ startingCash: 10_000 }),
    });
    assert.equal(result.finalValue, 10284.1);
    assert.equal(result.finalCash, 6164.16);
    assert.equal(result.fills.length, 23);
    assert.equal(result.trades.length, 11);
    // First entry: cross up on 2006-01-26's close, filled at 2006-01-27's open.
    assert.deepEqual(
      {
        price: result.fills[0].price,
        side: result.fills[0].side,
        time: new Date(result.fills[0].time / 1000).toISOString(),
      },
      { price: 3643.35, side: 'buy', time: '2006-01-27T00:00:00.000Z' },
    );
  });

  test('futures-like: commission 2, multiplier 10, margin 1000 → 12795.00 value, 11795.00 cash', () => {
    const { result } = runFileBacktest({
      file,
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      config: config({ startingCash: 10_000, commission: { kind: 'per-unit', amount: 2 } }),
      instrument: { multiplier: 10, margin: 1000 },
    });
    assert.equal(result.finalValue, 12795);
    assert.equal(result.finalCash, 11795);
    assert.equal(result.statistics.totalCommissions, 46); // 23 fills × 2
  });

  test('fill at the signal bar close moves every fill to the close of the crossing bar', () => {
    const nextOpen = runFileBacktest({
      file,
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      config: config({}),
    });
    const atClose = runFileBacktest({
      file,
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      config: config({ fill: 'close' }),
    });
    assert.equal(atClose.result.fills.length, nextOpen.result.fills.length);
    const closes = new Map(atClose.series.bars.map((b) => [b.tsEvent, b.close]));
    for (const fill of atClose.result.fills) assert.equal(fill.price, closes.get(fill.time));
    assert.notDeepEqual(
      atClose.result.fills.map((f) => f.price),
      nextOpen.result.fills.map((f) => f.price),
    );
  });
});

describe('determinism', () => {
  test('the same inputs give the same fills, trades and equity, byte for byte', () => {
    const run = () =>
      runFileBacktest({
        file: new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname,
        strategy: 'sma-cross',
        params: ['fast=5', 'slow=20'],
        config: config({ startingCash: 100_000, commission: { kind: 'per-unit', amount: 2.25 } }),
        series: 'ESZ3',
      }).result;
    const a = run();
    const b = run();
    assert.ok(a.fills.length > 100);
    assert.equal(JSON.stringify(a.fills), JSON.stringify(b.fills));
    assert.equal(JSON.stringify(a.trades), JSON.stringify(b.trades));
    assert.equal(JSON.stringify(a.equity), JSON.stringify(b.equity));
    assert.equal(JSON.stringify(a.statistics), JSON.stringify(b.statistics));
  });
});
