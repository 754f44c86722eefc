import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BatchSource } from '../../src/backtest/merge.js';
import type { BacktestResult } from '../../src/backtest/result.js';
import { barBacktestEngine, runFileBacktest, strategyFrom } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';
import type { MarketData } from '../../src/model/data.js';

const file = new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const options = {
  strategy: 'sma-cross',
  params: ['fast=10', 'slow=30'],
  config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
};

async function* batches(items: readonly MarketData[], size: number): BatchSource {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The result without the wall-clock time it took. */
function comparable(result: BacktestResult): unknown {
  return JSON.parse(JSON.stringify({ ...result, elapsedMs: 0 }));
}

describe('BacktestEngine.runAsync', () => {
  const fromFile = runFileBacktest({ ...options, file, series: 'ESZ3' });

  test('bars streamed in batches give exactly the result of the same bars in one array', async () => {
    assert.ok(fromFile.result.fills.length > 20, `${fromFile.result.fills.length} fills`);
    for (const size of [1, 777, 2048]) {
      const progress: [number, number][] = [];
      const engine = barBacktestEngine(
        { ...options, onProgress: (done, total) => progress.push([done, total]) },
        fromFile.series,
        strategyFrom(options),
      );
      engine.addDataSource(batches(fromFile.series.bars, size), 'ESZ3 bars', fromFile.series.bars.length);
      const result = await engine.runAsync();
      assert.deepEqual(comparable(result), comparable(fromFile.result), `batch size ${size}`);
      assert.deepEqual(progress.at(-1), [fromFile.series.bars.length, fromFile.series.bars.length]);
    }
  });

  test('arrays and batched sources merge in one run; run() refuses batched sources', async () => {
    const bars = fromFile.series.bars;
    const half = Math.floor(bars.length / 2);
    const engine = barBacktestEngine(options, fromFile.series, strategyFrom(options));
    assert.throws(() => {
      engine.addDataSource(batches(bars, 100));
      engine.run();
    }, /batched data sources need runAsync/);
    const mixed = barBacktestEngine(options, fromFile.series, strategyFrom(options));
    mixed.addData(bars.slice(0, half));
    mixed.addDataSource(batches(bars.slice(half), 500));
    assert.deepEqual(comparable(await mixed.runAsync()), comparable(fromFile.result));
  });

  test('data of an instrument never added is refused, naming the source', async () => {
    const engine = barBacktestEngine(options, fromFile.series, strategyFrom(options));
    const other = fromFile.series.bars
      .slice(0, 3)
      .map((b) => ({ ...b, barType: { ...b.barType, instrumentId: 'NQZ3.CME' } }));
    engine.addDataSource(batches(other as MarketData[], 2), 'NQ bars');
    await assert.rejects(engine.runAsync(), /^RangeError: NQ bars: add instrument NQZ3.CME before its data$/);
  });
});
