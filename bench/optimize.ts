/**
 * Optimiser throughput: backtests per second of `bourse optimize`'s worker pool with 1 worker and with
 * every core, on two grids of `sma-cross`:
 *   - sweep40: fast=1, slow=5..44 over `data/2006-day-001.txt` (255 bars), 40 combinations;
 *   - grid1000: fast=2..21, slow=30..128:2 over `data/orcl-1995-2014.txt` (5,036 bars), 1,000.
 * The bars are loaded and shared once; each pool is started (and its start-up timed) and warmed
 * up by untimed runs (sweep40: 10, grid1000: 1) so that every worker's code is optimised before
 * the timed runs, which go through `optimize` (grid search, results kept in memory) exactly as the
 * CLI does. A run's figure is combinations / wall time; each cell is the median of its runs
 * (sweep40 runs 5× as often: one run lasts tens of milliseconds). Prints one JSON object on its last line.
 * `--runs N` (default 3), `--workers N` (the "all cores" count, default os.availableParallelism()).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadFileSeries } from '../src/backtest/run-file.js';
import { loadBourseConfig } from '../src/core/config-schema.js';
import {
  memoryResults,
  optimize,
  parameterSpace,
  shareBarSeries,
  spaceSize,
  startBacktestPool,
} from '../src/research/index.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(availableParallelism()) },
  },
});
const runs = Number(values.runs);
const allCores = Number(values.workers);

const WORKLOADS = [
  {
    name: 'sweep40',
    file: 'data/2006-day-001.txt',
    params: ['fast=1', 'slow=5..44'],
    runs: runs * 5,
    warmUps: 10,
  },
  {
    name: 'grid1000',
    file: 'data/orcl-1995-2014.txt',
    params: ['fast=2..21', 'slow=30..128:2'],
    runs,
    warmUps: 1,
  },
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(workload: (typeof WORKLOADS)[number], workers: number) {
  const file = new URL(`../${workload.file}`, import.meta.url).pathname;
  const { series } = loadFileSeries({ file, csv: {}, instrument: {} });
  const setup = { strategy: 'sma-cross', config: loadBourseConfig({}), venueModels: {}, dataName: file };
  const space = parameterSpace([...workload.params]);
  const startedAt = performance.now();
  const pool = startBacktestPool(workers, { series: shareBarSeries(series), setup });
  await pool.ready;
  const poolStartMs = performance.now() - startedAt;
  const rates: number[] = [];
  let finalValues: number[] = [];
  let coldRate = 0;
  try {
    for (let r = -workload.warmUps; r < workload.runs; r++) {
      const began = performance.now();
      const report = await optimize({
        space,
        search: { kind: 'grid' },
        objective: 'sharpe',
        constraints: {},
        strategy: 'sma-cross',
        backtest: (params) => pool.run(params),
        results: memoryResults(),
      });
      const seconds = (performance.now() - began) / 1000;
      if (r >= 0)
        rates.push(report.ran / seconds); // runs before 0 warm the workers up
      // The first run with the pool's start-up: what one `bourse optimize` of this grid sees.
      else if (r === -workload.warmUps) coldRate = report.ran / (seconds + poolStartMs / 1000);
      finalValues = report.results.map((result) => result.finalValue);
    }
  } finally {
    await pool.close();
  }
  const rate = median(rates);
  console.error(
    `${workload.name} (${spaceSize(space)} combinations, ${series.bars.length} bars) × ${workers} worker(s): ${rate.toFixed(0)} backtests/s (runs ${rates.map((x) => x.toFixed(0)).join(' ')}), pool start ${poolStartMs.toFixed(0)} ms, first run with start-up ${coldRate.toFixed(0)} backtests/s`,
  );
  return { rate, coldRate, poolStartMs, finalValues };
}

const figures: Record<string, unknown> = {};
for (const workload of WORKLOADS) {
  const one = await measure(workload, 1);
  const all = await measure(workload, allCores);
  if (JSON.stringify(one.finalValues) !== JSON.stringify(all.finalValues))
    throw new Error(`${workload.name}: results differ between 1 and ${allCores} workers`);
  figures[workload.name] = {
    combinations: one.finalValues.length,
    backtestsPerSecond1Worker: Math.round(one.rate),
    [`backtestsPerSecond${allCores}Workers`]: Math.round(all.rate),
    speedup: Number((all.rate / one.rate).toFixed(2)),
    coldBacktestsPerSecond1Worker: Math.round(one.coldRate),
    [`coldBacktestsPerSecond${allCores}Workers`]: Math.round(all.coldRate),
    poolStartMs1Worker: Math.round(one.poolStartMs),
    [`poolStartMs${allCores}Workers`]: Math.round(all.poolStartMs),
  };
}
console.log(JSON.stringify({ benchmark: 'optimize', workers: allCores, runs, ...figures }));
