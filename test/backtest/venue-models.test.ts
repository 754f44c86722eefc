import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ibFees } from '../../src/backtest/fees/index.js';
import { type FileBacktestOptions, runFileBacktest } from '../../src/backtest/run-file.js';
import { fixedTickSlippage, probabilisticSlippage } from '../../src/backtest/slippage/index.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';

const base: FileBacktestOptions = {
  file: new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname,
  strategy: 'sma-cross',
  params: ['fast=10', 'slow=30'],
  config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
  series: 'ESZ3',
};

describe('fee schedules and slippage in the simulated exchange', () => {
  test('IB futures fees: 0.85 commission + 1.28 exchange + 0.02 NFA per ES contract, booked per fill', () => {
    const plain = runFileBacktest(base).result;
    const withFees = runFileBacktest({ ...base, fees: ibFees() }).result;
    assert.equal(withFees.fills.length, plain.fills.length);
    for (const fill of withFees.fills) assert.equal(fill.commission, 2.15 * fill.quantity);
    assert.equal(withFees.statistics.totalCommissions, Math.round(2.15 * withFees.fills.length * 100) / 100);
    assert.equal(
      withFees.finalValue,
      Math.round((plain.finalValue - withFees.statistics.totalCommissions) * 100) / 100,
    );
  });

  test('fixed slippage moves every taker fill one tick against the order, same decisions', () => {
    const plain = runFileBacktest(base).result;
    const slipped = runFileBacktest({ ...base, slippage: fixedTickSlippage(1) }).result;
    assert.equal(slipped.fills.length, plain.fills.length);
    slipped.fills.forEach((fill, i) => {
      assert.equal(fill.time, plain.fills[i].time);
      assert.equal(fill.price - plain.fills[i].price, fill.side === 'buy' ? 0.25 : -0.25);
    });
  });

  test('probabilistic slippage repeats exactly for a seed and differs for another', () => {
    const model = () => probabilisticSlippage({ probability: 0.5, ticks: 2 });
    const prices = (seed: number) =>
      runFileBacktest({ ...base, slippage: model(), seed }).result.fills.map((f) => f.price);
    const plain = runFileBacktest(base).result.fills.map((f) => f.price);
    const a = prices(7);
    assert.deepEqual(prices(7), a);
    assert.notDeepEqual(prices(8), a);
    const slippedShare = a.filter((p, i) => p !== plain[i]).length / a.length;
    assert.ok(slippedShare > 0.4 && slippedShare < 0.6, `about half the fills slip: ${slippedShare}`);
  });
});
