/**
 * The optimiser on worker threads with real backtests: bars shared (not copied) with the workers,
 * and the same seed giving the same combinations and results with 1 worker, 2 workers and in
 * process.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import { BourseError } from '../../src/core/errors.js';
import {
  type BacktestOutcome,
  type BacktestPoolTask,
  type BacktestSetup,
  barSeriesFromShared,
  type OptimizationOptions,
  optimize,
  parameterSpace,
  runCombinationBacktest,
  type SearchChoice,
  shareBarSeries,
  startBacktestPool,
  type WorkerPool,
} from '../../src/research/index.js';
import { root } from '../support/cli.js';

const file = `${root}data/2006-day-001.txt`;
const { series } = loadFileSeries({ file, csv: {}, instrument: { multiplier: 10, margin: 1000 } });
const setup: BacktestSetup = {
  strategy: 'sma-cross',
  config: loadBourseConfig({ overrides: { 'backtest.commission': { kind: 'per-unit', amount: 2 } } }),
  venueModels: {},
  dataName: file,
};
const shared = shareBarSeries(series);
const pools: WorkerPool<BacktestPoolTask, BacktestOutcome>[] = [];
after(() => Promise.all(pools.map((pool) => pool.close())));

function pool(workers: number) {
  const started = startBacktestPool(workers, { series: shared, setup });
  pools.push(started);
  return started;
}

const space = parameterSpace(['fast=1..10', 'slow=5..44']);

function run(search: SearchChoice, backtest: OptimizationOptions['backtest']) {
  return optimize({ space, search, objective: 'sharpe', constraints: {}, strategy: 'sma-cross', backtest });
}

describe('parallel optimisation', () => {
  test('shared bars come back as the same bars and instrument; the buffer is shared, not copied', async () => {
    const rebuilt = barSeriesFromShared(shared);
    assert.deepEqual(rebuilt.bars, series.bars);
    assert.deepEqual(rebuilt.instrument, series.instrument);
    assert.equal(rebuilt.barType, series.barType);
    assert.ok(shared.buffer instanceof SharedArrayBuffer);
    // A worker writing into the series it was started with changes the main thread's memory.
    const probe = shareBarSeries(series);
    assert.equal(new Float64Array(probe.buffer)[0], series.bars[0].open);
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       new Float64Array(workerData.buffer)[0] = 42; parentPort.postMessage('written');`,
      { eval: true, workerData: probe },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    assert.equal(new Float64Array(probe.buffer)[0], 42);
  });

  const searches: SearchChoice[] = [
    { kind: 'random', samples: 24, seed: 11 },
    { kind: 'genetic', population: 8, generations: 4, seed: 11 },
  ];
  for (const search of searches) {
    test(`${search.kind}: the same combinations and results with 1 worker, 2 workers and in process`, async () => {
      const inProcess = await run(search, async (params) => runCombinationBacktest(setup, series, params));
      const one = pool(1);
      const two = pool(2);
      const [withOne, withTwo] = await Promise.all([
        run(search, (params) => one.run(params)),
        run(search, (params) => two.run(params)),
      ]);
      assert.ok(inProcess.results.length >= 8);
      assert.deepEqual(withOne, inProcess);
      assert.deepEqual(withTwo, inProcess);
    });
  }

  test('an error in a worker reaches the caller with its code', async () => {
    const single = pool(1);
    await assert.rejects(
      single.run(['fast=30', 'slow=5']),
      (error: unknown) => error instanceof BourseError && error.code === 'STRATEGY_PARAMS_INVALID',
    );
    // The pool goes on.
    const outcome = await single.run(['fast=1', 'slow=15']);
    assert.equal(outcome.finalValue, runCombinationBacktest(setup, series, ['fast=1', 'slow=15']).finalValue);
  });
});
