/**
 * Streaming indicator throughput: each registered indicator is fed 1,000,000 inputs (ORCL daily
 * bars repeated: real prices and volumes), side by side with the same indicator from the
 * `trading-signals` and `technicalindicators` packages on the same input in the same run.
 * Prints a table on stderr and one JSON object on its last line.
 * Options: --inputs N (default 1,000,000), --runs N (default 3, median reported), --only a,b,c.
 */
import { parseArgs } from 'node:util';
import { readBarsCsv } from '../src/data/csv/index.js';
import type { BarInput, Indicator } from '../src/indicators/core.js';
import { indicatorDefinitions } from '../src/indicators/registry.js';
import { type Competitor, TECHNICAL_INDICATORS, TRADING_SIGNALS } from './indicator-competitors.js';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const inputCount = Number(values.inputs);
const runs = Number(values.runs);
const only = values.only ? new Set(values.only.split(',')) : undefined;

/** Bourse parameters matching the competitors' configuration (the rest use their defaults). */
const PARAMS: Readonly<Record<string, Record<string, unknown>>> = {
  sma: { period: 20 },
  ema: { period: 20 },
  wma: { period: 20 },
  smma: { period: 14 },
  dema: { period: 20 },
  tema: { period: 20 },
  trima: { period: 20 },
  hma: { period: 20 },
  zlema: { period: 20 },
  vwma: { period: 20 },
  trix: { period: 30 },
  cci: { period: 20 },
  roc: { period: 10 },
  mom: { period: 10 },
  dpo: { period: 20 },
  bbands: { period: 20, stdDev: 2 },
  donchian: { period: 20 },
  stddev: { period: 20 },
  meandev: { period: 20 },
  cmf: { period: 20 },
  highest: { period: 20 },
  lowest: { period: 20 },
  sum: { period: 20 },
  linreg: { period: 14 },
};

// ---- input: ORCL bars repeated to `inputCount`, as prices and as candle objects ----
const base = readBarsCsv(new URL('../data/orcl-1995-2014.txt', import.meta.url).pathname).series[0].rows;
const closes = new Float64Array(inputCount);
const bars: BarInput[] = new Array(inputCount);
const span = base[base.length - 1].tsEvent - base[0].tsEvent + 86_400_000_000;
for (let i = 0; i < inputCount; i++) {
  const r = base[i % base.length];
  closes[i] = r.close;
  bars[i] = {
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    volume: r.volume,
    tsEvent: r.tsEvent + Math.floor(i / base.length) * span,
  };
}

// A fresh function per measured subject keeps each call site monomorphic: every library gets
// the same best case, and one subject's types cannot slow down the next one's loop.
function timeLoop(
  subject: Record<string, unknown> | Indicator,
  method: string,
  input: 'price' | 'bar',
): number {
  const loop = new Function(
    'subject',
    'xs',
    'n',
    `for (let i = 0; i < n; i++) subject.${method}(xs[i]); return subject;`,
  ) as (s: unknown, xs: ArrayLike<unknown>, n: number) => unknown;
  const xs: ArrayLike<unknown> = input === 'price' ? closes : bars;
  const started = performance.now();
  loop(subject, xs, inputCount);
  return inputCount / ((performance.now() - started) / 1000);
}

function measure(
  make: () => Record<string, unknown> | Indicator,
  method: string,
  input: 'price' | 'bar',
): number {
  const rates: number[] = [];
  // No forced GC between runs: update() allocates nothing, and a forced full GC makes V8 drop
  // the optimised code of the update methods, so every run would be timed cold (measured: 4×).
  for (let r = 0; r < runs; r++) rates.push(timeLoop(make(), method, input));
  return median(rates);
}

function measureCompetitor(competitor: Competitor | undefined): number | null {
  if (!competitor) return null;
  try {
    return measure(() => competitor.make(), competitor.method, competitor.input);
  } catch (error) {
    process.stderr.write(`  (competitor failed: ${(error as Error).message})\n`);
    return null;
  }
}

interface Row {
  name: string;
  bourse: number;
  tradingSignals: number | null;
  technicalIndicators: number | null;
}

const rows: Row[] = [];
const fmt = (x: number | null): string => (x === null ? '—' : `${(x / 1e6).toFixed(2)} M/s`);
process.stderr.write(
  `${'indicator'.padEnd(12)}${'bourse'.padStart(14)}${'trading-signals'.padStart(22)}${'technicalindicators'.padStart(24)}\n`,
);
for (const definition of indicatorDefinitions()) {
  if (only && !only.has(definition.name)) continue;
  const params = definition.parameters.parse(PARAMS[definition.name] ?? {});
  const bourse = measure(() => definition.create(params), 'update', definition.input);
  const row: Row = {
    name: definition.name,
    bourse,
    tradingSignals: measureCompetitor(TRADING_SIGNALS[definition.name]),
    technicalIndicators: measureCompetitor(TECHNICAL_INDICATORS[definition.name]),
  };
  rows.push(row);
  const ratio = (x: number | null): string => (x === null ? '' : ` (${(bourse / x).toFixed(1)}×)`);
  process.stderr.write(
    `${row.name.padEnd(12)}${fmt(bourse).padStart(14)}${(fmt(row.tradingSignals) + ratio(row.tradingSignals)).padStart(22)}${(fmt(row.technicalIndicators) + ratio(row.technicalIndicators)).padStart(24)}\n`,
  );
}

const TARGETS: Record<string, number> = { sma: 30e6, ema: 30e6, rsi: 10e6, atr: 10e6, macd: 10e6 };
const targetMisses = rows
  .filter((r) => TARGETS[r.name] !== undefined && r.bourse < TARGETS[r.name])
  .map((r) => r.name);
const slowerThanAlternative = rows
  .filter(
    (r) =>
      (r.tradingSignals !== null && r.bourse <= r.tradingSignals) ||
      (r.technicalIndicators !== null && r.bourse <= r.technicalIndicators),
  )
  .map((r) => r.name);
console.log(
  JSON.stringify({
    benchmark: 'indicators',
    inputs: inputCount,
    runs,
    node: process.version,
    results: rows.map((r) => ({
      name: r.name,
      bourseUpdatesPerSecond: Math.round(r.bourse),
      tradingSignalsUpdatesPerSecond: r.tradingSignals === null ? null : Math.round(r.tradingSignals),
      technicalIndicatorsUpdatesPerSecond:
        r.technicalIndicators === null ? null : Math.round(r.technicalIndicators),
      ratioVsTradingSignals: r.tradingSignals === null ? null : +(r.bourse / r.tradingSignals).toFixed(2),
      ratioVsTechnicalIndicators:
        r.technicalIndicators === null ? null : +(r.bourse / r.technicalIndicators).toFixed(2),
    })),
    targetMisses,
    slowerThanAlternative,
  }),
);
