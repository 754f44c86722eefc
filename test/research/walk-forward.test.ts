/**
 * Walk-forward analysis over the S&P 500 daily bars (data/sp500-2000.csv): no in-sample backtest
 * ever sees a bar of its window's out-of-sample span (checked on the tasks sent and on the results
 * they gave), out-of-sample runs end where their window ends, the stitched curve compounds the
 * windows' own returns, and worker threads give exactly what the in-process run gives.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import {
  type BacktestSetup,
  type BarRange,
  type CombinationTask,
  parameterSpace,
  runCombinationBacktest,
  runSetupBacktest,
  shareBarSeries,
  startBacktestPool,
  type WalkForwardOptions,
  walkForward,
  walkForwardWindows,
} from '../../src/research/index.js';
import { root } from '../support/cli.js';

const file = `${root}data/sp500-2000.csv`;
const { series } = loadFileSeries({ file, csv: {} });
const times = series.bars.map((bar) => bar.tsEvent);
const setup: BacktestSetup = {
  strategy: 'sma-cross',
  config: loadBourseConfig({}),
  venueModels: {},
  dataName: file,
};
const space = parameterSpace(['fast=5,20', 'slow=50,100']);

function options(
  anchored: boolean,
  warmup: number,
): WalkForwardOptions & { tasks: CombinationTask[]; runs: BarRange[] } {
  const tasks: CombinationTask[] = [];
  const runs: BarRange[] = [];
  return {
    tasks,
    runs,
    windows: walkForwardWindows(times, {
      inSample: { unit: 'years', count: 3 },
      outOfSample: { unit: 'years', count: 2 },
      anchored,
    }),
    space,
    search: { kind: 'grid' },
    objective: 'sharpe',
    constraints: {},
    strategy: 'sma-cross',
    times,
    warmup,
    startingCash: setup.config.backtest.startingCash,
    backtest: async (task) => {
      tasks.push(task);
      return runCombinationBacktest(setup, series, task);
    },
    runOutOfSample: (params, bars) => {
      runs.push(bars);
      return runSetupBacktest(setup, series, params, bars).result;
    },
  };
}

describe('walkForward on the S&P 500 daily bars', () => {
  const pools: { close(): Promise<void> }[] = [];
  after(() => Promise.all(pools.map((p) => p.close())));

  test('no out-of-sample bar is ever used in sample (rolling)', async () => {
    const run = options(false, 250);
    const report = await walkForward(run);
    assert.equal(report.windows.length, 9);
    assert.equal(run.tasks.length, 9 * 4);
    for (const outcome of report.windows) {
      const { inSample, outOfSample } = outcome.window;
      const oosStart = times[outOfSample.from];
      const mine = run.tasks.filter((t) => t.from === inSample.from);
      assert.equal(mine.length, 4, `window ${outcome.window.index}: 4 combinations in sample`);
      for (const task of mine) assert.equal(task.to, inSample.to);
      assert.ok(times[inSample.to - 1] < oosStart);
      // What the chosen in-sample backtest actually ran on: first and last equity sample.
      assert.ok(outcome.chosen.statistics.endTime < oosStart, 'in-sample result ends before out of sample');
      assert.ok(outcome.chosen.statistics.startTime >= times[inSample.from]);
      assert.equal(outcome.inSampleSpan.last, times[inSample.to - 1]);
      assert.equal(outcome.outOfSampleSpan.first, oosStart);
      // The out-of-sample run ends with the window and warms up on the 250 bars before it.
      assert.equal(outcome.runFrom, Math.max(0, outOfSample.from - 250));
      assert.ok(outcome.outOfSample.equity.time[0] >= oosStart);
      assert.equal(outcome.outOfSample.equity.time.at(-1), times[outOfSample.to - 1]);
    }
    assert.deepEqual(
      run.runs,
      report.windows.map((o) => ({ from: o.runFrom, to: o.window.outOfSample.to })),
    );
  });

  test('anchored in-sample windows start at the first bar and grow', async () => {
    const run = options(true, 0);
    const report = await walkForward(run);
    for (const outcome of report.windows) {
      assert.equal(outcome.window.inSample.from, 0);
      assert.equal(
        outcome.runFrom,
        outcome.window.outOfSample.from,
        'no warm-up: the run starts with the window',
      );
    }
    assert.ok(run.tasks.every((t) => t.from === 0));
  });

  test('the stitched curve compounds each window’s out-of-sample returns', async () => {
    const report = await walkForward(options(false, 250));
    const { stitched } = report;
    assert.equal(stitched.equity.time[0], report.windows[0].outOfSampleSpan.first);
    let level = 100_000;
    let offset = 0;
    for (const outcome of report.windows) {
      const segment = outcome.outOfSample;
      const n = segment.equity.time.length;
      const last = stitched.equity.equity[offset + n - 1];
      const expected = level * (segment.equity.equity[n - 1] / segment.base);
      assert.ok(Math.abs(last - expected) < 1e-6 * expected, `window ${outcome.window.index}`);
      assert.ok(
        Math.abs(segment.statistics.totalReturn - (segment.equity.equity[n - 1] / segment.base - 1)) < 1e-12,
      );
      level = last;
      offset += n;
    }
    assert.equal(offset, stitched.equity.time.length);
    assert.ok(Math.abs(stitched.statistics.totalReturn - (level / 100_000 - 1)) < 1e-12);
    // Every stitched sample lies in an out-of-sample window.
    for (const t of stitched.equity.time) {
      assert.ok(report.windows.some((o) => t >= o.outOfSampleSpan.first && t <= o.outOfSampleSpan.last));
    }
    assert.equal(report.stability.length, 2);
    assert.equal(report.stability[0].values.length, report.windows.length);
  });

  test('worker threads give the in-process result', async () => {
    const inProcess = await walkForward(options(false, 250));
    const pool = startBacktestPool(2, { series: shareBarSeries(series), setup });
    pools.push(pool);
    const threaded = await walkForward({ ...options(false, 250), backtest: (task) => pool.run(task) });
    assert.deepEqual(
      threaded.windows.map((o) => [o.chosen.params, o.chosen.statistics, o.outOfSample.statistics]),
      inProcess.windows.map((o) => [o.chosen.params, o.chosen.statistics, o.outOfSample.statistics]),
    );
    assert.deepEqual(threaded.stitched.statistics, inProcess.stitched.statistics);
  });

  test('a window whose combinations are all refused is an error naming it', async () => {
    const refusing = { ...options(false, 0), space: parameterSpace(['fast=50', 'slow=20']) };
    await assert.rejects(
      walkForward(refusing),
      /walk-forward window 1: the strategy refused every combination/,
    );
  });
});
