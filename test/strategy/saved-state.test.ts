import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { barBacktestEngine, loadFileSeries, strategyFrom } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';
import { SimpleMovingAverage } from '../../src/indicators/averages/sma.js';
import { CrossOver } from '../../src/indicators/crossover.js';
import type { SavedStrategyState } from '../../src/strategy/state.js';

const file = new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const options = {
  strategy: 'sma-cross',
  params: ['fast=10', 'slow=30'],
  config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
};
const { series } = loadFileSeries({ file, series: 'ESZ3' });
const bars = series.bars.slice(0, 5000);

/** Runs sma-cross over `part`, optionally from a saved state; returns its fills and final state. */
function run(part: typeof bars, state?: SavedStrategyState) {
  const engine = barBacktestEngine(options, series, strategyFrom(options));
  const [strategy] = engine.kernel.strategies;
  if (state) strategy.loadState(JSON.parse(JSON.stringify(state)));
  engine.addData(part);
  const result = engine.run();
  return {
    fills: result.fills,
    state: strategy.saveState(),
    flat: engine.kernel.portfolio.netPosition(series.instrument.id) === 0,
  };
}

test('a strategy restarted from its saved state trades on exactly as if it had never stopped', () => {
  const whole = run(bars);
  // Stop where the strategy is flat with nothing working (the fresh engine has no position).
  const cuts = [1200, 2500, 3700].map((n) => {
    for (let k = n; k < bars.length; k++) {
      const first = run(bars.slice(0, k));
      const next = whole.fills.find((f) => f.time > bars[k - 1].tsEvent);
      if (first.flat && next && next.time > bars[k].tsEvent) return { k, first };
    }
    throw new Error(`no flat cut after ${n}`);
  });
  for (const { k, first } of cuts) {
    const second = run(bars.slice(k), first.state);
    assert.deepEqual(
      [...first.fills, ...second.fills].map((f) => [f.clientOrderId, f.time, f.side, f.price, f.quantity]),
      whole.fills.map((f) => [f.clientOrderId, f.time, f.side, f.price, f.quantity]),
      `cut at bar ${k}`,
    );
    assert.deepEqual(second.state, whole.state);
  }
});

test('a saved state is refused while running or when malformed', () => {
  const engine = barBacktestEngine(options, series, strategyFrom(options));
  const [strategy] = engine.kernel.strategies;
  assert.throws(
    () => strategy.loadState({ orderSequence: -1, custom: null }),
    /orderSequence must be an integer >= 0/,
  );
  strategy.start();
  assert.throws(
    () => strategy.loadState({ orderSequence: 3, custom: null }),
    /load its state before it starts/,
  );
});

test('SMA window values restore the average; the crossover restores from its last sign (property)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.integer({ min: 1, max: 4000 }).map((t) => t * 0.25),
        { minLength: 1, maxLength: 80 },
      ),
      fc.array(
        fc.integer({ min: 1, max: 4000 }).map((t) => t * 0.25),
        { maxLength: 40 },
      ),
      fc.integer({ min: 1, max: 20 }),
      (before, after, period) => {
        const a = new SimpleMovingAverage(period);
        for (const x of before) a.update(x);
        const b = new SimpleMovingAverage(period);
        for (const x of a.windowValues()) b.update(x);
        const c1 = new CrossOver();
        const c2 = new CrossOver();
        for (let i = 1; i < before.length; i++) c1.update(before[i], before[i - 1]);
        c2.restore(c1.lastSign);
        for (let i = 0; i < after.length; i++) {
          const x = after[i];
          assert.equal(a.update(x), b.update(x));
          const prev = i > 0 ? after[i - 1] : before[before.length - 1];
          assert.equal(c1.update(x, prev), c2.update(x, prev));
        }
      },
    ),
  );
});
