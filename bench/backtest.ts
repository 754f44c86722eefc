/**
 * Full-kernel backtest throughput: SMA(10)/SMA(30) cross over the ORCL daily bars repeated to
 * 1,000,000 bars (strategy → risk → execution → simulated exchange → portfolio, equity sampled
 * every bar). Prints one JSON object on its last line. `--bars N`, `--runs N` change the work.
 */
import { parseArgs } from 'node:util';
import { BacktestEngine } from '../src/backtest/engine.js';
import { readBarsCsv } from '../src/data/csv/index.js';
import { barSeriesFromCsv } from '../src/data/load-bars.js';
import { type Bar, bar } from '../src/model/data.js';
import { MICROS_PER_DAY } from '../src/model/time.js';
import { smaCrossDefinition } from '../src/strategy/samples/sma-cross.js';

const { values } = parseArgs({
  options: {
    bars: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
  },
});
const targetBars = Number(values.bars);
const runs = Number(values.runs);

const [series] = barSeriesFromCsv(
  readBarsCsv(new URL('../data/orcl-1995-2014.txt', import.meta.url).pathname),
);
const base = series.bars;
const span = base[base.length - 1].tsEvent - base[0].tsEvent + MICROS_PER_DAY;
const bars: Bar[] = new Array(targetBars);
for (let i = 0; i < targetBars; i++) {
  const b = base[i % base.length];
  const shift = Math.floor(i / base.length) * span;
  bars[i] = bar(b.barType, b.open, b.high, b.low, b.close, b.volume, b.tsEvent + shift);
}

function runOnce(): { barsPerSecond: number; elapsedMs: number; fills: number; finalValue: number } {
  const engine = new BacktestEngine({
    venues: [{ name: 'SIM', accountType: 'cash', startingCash: 100_000 }],
  });
  engine.addInstrument(series.instrument);
  engine.addData(bars);
  const params = smaCrossDefinition.parameters.parse({ fast: 10, slow: 30 });
  engine.addStrategy(
    smaCrossDefinition.create({ id: 'SMA', params, instrument: series.instrument, barType: series.barType }),
  );
  const started = performance.now();
  const result = engine.run();
  const elapsedMs = performance.now() - started;
  return {
    barsPerSecond: targetBars / (elapsedMs / 1000),
    elapsedMs,
    fills: result.fills.length,
    finalValue: result.finalValue,
  };
}

const results = [];
// Each run starts from a collected heap (npm run bench:backtest passes --expose-gc), so one run's
// garbage does not land in the next run's time.
const collect = (globalThis as { gc?: () => void }).gc;
for (let r = 0; r < runs; r++) {
  collect?.();
  const result = runOnce();
  results.push(result);
  console.error(
    `run ${r + 1}/${runs}: ${Math.round(result.barsPerSecond).toLocaleString('en-US')} bars/s (${result.elapsedMs.toFixed(0)} ms, ${result.fills} fills)`,
  );
}
const sorted = results.map((r) => r.barsPerSecond).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  JSON.stringify({
    benchmark: 'backtest',
    bars: targetBars,
    runs,
    medianBarsPerSecond: Math.round(median),
    minBarsPerSecond: Math.round(sorted[0]),
    maxBarsPerSecond: Math.round(sorted[sorted.length - 1]),
    fills: results[0].fills,
    finalValue: results[0].finalValue,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    referencePythonBarsPerSecond: 10_600,
    node: process.version,
  }),
);
