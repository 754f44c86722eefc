/**
 * Data-layer throughput. Sections (run all, or `--only a,b`), each a function returning its
 * figures under `results.<section>` in the JSON object printed on the last line — add new ones
 * (L2 book, catalog …) to `SECTIONS`.
 *
 * - `aggregation`: synthetic ticks shaped like CME ES trades (quarter-point random walk, mostly
 *   1–few lots with a heavy tail, bursts of trades at the same microsecond, ~80 % of them in
 *   regular hours) over 5 Globex sessions, aggregated into 1-minute bars: UTC-aligned and
 *   session-aligned (`CME_GLOBEX_EQUITY`) through the raw `update(price, size, ts)` path, through
 *   `handleTrade(TradeTick)` objects, and into 1,000-tick and 100-lot volume bars.
 *
 * Options: --ticks N (default 10,000,000), --runs N (default 5, median reported), --only a,b.
 */
import { parseArgs } from 'node:util';
import {
  type AggregatedBar,
  TickBarAggregator,
  TimeBarAggregator,
  type TimeBarOptions,
  VolumeBarAggregator,
} from '../src/data/aggregation/index.js';
import { BarType, type TradeTick } from '../src/model/data.js';
import { CME_GLOBEX_EQUITY } from '../src/model/sessions.js';
import { MICROS_PER_HOUR } from '../src/model/time.js';

const { values } = parseArgs({
  options: {
    ticks: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const tickCount = Number(values.ticks);
const runs = Number(values.runs);
const only = values.only ? new Set(values.only.split(',')) : undefined;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `work` `runs` times; returns the median, min and max of items per second. */
function measure(items: number, work: () => void): { median: number; min: number; max: number } {
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    work();
    rates.push(items / ((performance.now() - started) / 1000));
  }
  return {
    median: Math.round(median(rates)),
    min: Math.round(Math.min(...rates)),
    max: Math.round(Math.max(...rates)),
  };
}

// ---------------------------------------------------------------- aggregation

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ticks {
  readonly price: Float64Array;
  readonly size: Float64Array;
  readonly ts: Float64Array;
  readonly sessions: number;
}

/**
 * ES-like trades over Globex trade dates 2024-02-05 … 02-09 (17:00–16:00 CT = 23:00Z–22:00Z):
 * 80 % in regular hours (08:30–15:15 CT), a third of trades sharing the previous one's
 * microsecond (sweeps), price steps of 0.25 with 75 % unchanged, sizes 1 (45 %) or a geometric tail.
 */
function esTicks(n: number): Ticks {
  const rnd = prng(20240205);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const ts = new Float64Array(n);
  const sessions = 5;
  const perSession = Math.ceil(n / sessions);
  const firstOpen = Date.UTC(2024, 1, 4, 23) * 1000; // Sunday 17:00 CST
  let ticks = 19_000; // 4,750.00
  let i = 0;
  for (let s = 0; s < sessions && i < n; s++) {
    const open = firstOpen + s * 24 * MICROS_PER_HOUR;
    const rthStart = open + 15.5 * MICROS_PER_HOUR; // 08:30 CT
    const rthEnd = open + 22.25 * MICROS_PER_HOUR; // 15:15 CT
    const close = open + 23 * MICROS_PER_HOUR;
    const rthGap = (rthEnd - rthStart) / (perSession * 0.8);
    const ethGap = (close - open - (rthEnd - rthStart)) / (perSession * 0.2);
    let t = open;
    for (let k = 0; k < perSession && i < n; k++) {
      if (rnd() >= 1 / 3) {
        const mean = t >= rthStart && t < rthEnd ? rthGap * 1.5 : ethGap * 1.5;
        t += Math.floor(-Math.log(1 - rnd()) * mean) + 1;
      }
      if (t >= close) break;
      const u = rnd();
      if (u < 0.125) ticks--;
      else if (u < 0.25) ticks++;
      price[i] = ticks * 0.25;
      size[i] = rnd() < 0.45 ? 1 : 1 + Math.floor(-Math.log(1 - rnd()) * 4);
      ts[i] = t;
      i++;
    }
  }
  return { price: price.subarray(0, i), size: size.subarray(0, i), ts: ts.subarray(0, i), sessions };
}

function aggregationSection(): Record<string, unknown> {
  const generated = esTicks(tickCount);
  const n = generated.ts.length;
  const { price, size, ts } = generated;
  const minute = BarType.parse('ESH4.CME-1-MINUTE-LAST');
  let bars = 0;
  let volume = 0;
  const onBar = (b: AggregatedBar) => {
    bars++;
    volume += b.volume;
  };

  let total = 0;
  for (let i = 0; i < n; i++) total += size[i];
  let volumeConserved = true;
  const timeBars = (options: TimeBarOptions) => () => {
    bars = 0;
    volume = 0;
    const agg = new TimeBarAggregator(minute, onBar, options);
    for (let i = 0; i < n; i++) agg.update(price[i], size[i], ts[i]);
    agg.flush();
    if (volume !== total) volumeConserved = false;
  };

  const rssWithTicksMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const heapBefore = process.memoryUsage().heapUsed;
  const utc = measure(n, timeBars({}));
  const utcBars = bars;
  const heapAfter = process.memoryUsage().heapUsed;
  const globex = measure(n, timeBars({ session: CME_GLOBEX_EQUITY }));
  const globexBars = bars;
  const carry = measure(n, timeBars({ session: CME_GLOBEX_EQUITY, emptyIntervals: 'carry-forward' }));
  const carryBars = bars;

  // TradeTick objects: one session's worth, built before timing.
  const objectCount = Math.min(n, 2_000_000);
  const trades: TradeTick[] = new Array(objectCount);
  for (let i = 0; i < objectCount; i++) {
    trades[i] = {
      kind: 'trade',
      instrumentId: 'ESH4.CME',
      price: price[i],
      size: size[i],
      aggressor: i % 2 === 0 ? 'buyer' : 'seller',
      tradeId: String(i),
      tsEvent: ts[i],
      tsInit: ts[i],
    };
  }
  const objects = measure(objectCount, () => {
    const agg = new TimeBarAggregator(minute, onBar);
    for (let i = 0; i < objectCount; i++) agg.handleTrade(trades[i]);
    agg.flush();
  });

  const tickBars = measure(n, () => {
    const agg = new TickBarAggregator(BarType.parse('ESH4.CME-1000-TICK-LAST'), onBar);
    for (let i = 0; i < n; i++) agg.update(price[i], size[i], ts[i]);
    agg.flush();
  });
  const volumeBars = measure(n, () => {
    const agg = new VolumeBarAggregator(BarType.parse('ESH4.CME-100-VOLUME-LAST'), onBar);
    for (let i = 0; i < n; i++) agg.update(price[i], size[i], ts[i]);
    agg.flush();
  });

  return {
    ticks: n,
    sessions: generated.sessions,
    ticksPerSessionMinute: Math.round(n / (generated.sessions * 23 * 60)),
    volume: total,
    minuteBarsUtc: utcBars,
    minuteBarsGlobex: globexBars,
    minuteBarsGlobexCarryForward: carryBars,
    ticksPerSecond1mUtc: utc,
    ticksPerSecond1mGlobex: globex,
    ticksPerSecond1mGlobexCarryForward: carry,
    tradeTicksPerSecond1m: { objects: objectCount, ...objects },
    ticksPerSecond1000TickBars: tickBars,
    ticksPerSecond100LotVolumeBars: volumeBars,
    rssWithTicksMiB,
    heapGrowthDuringUtcRunsMiB: +((heapAfter - heapBefore) / 2 ** 20).toFixed(1),
    target: 5_000_000,
    targetMet: utc.median >= 5_000_000 && globex.median >= 5_000_000,
    volumeConserved,
  };
}

// ---------------------------------------------------------------- sections

const SECTIONS: Record<string, () => Record<string, unknown>> = {
  aggregation: aggregationSection,
};

const results: Record<string, Record<string, unknown>> = {};
for (const [name, run] of Object.entries(SECTIONS)) {
  if (only && !only.has(name)) continue;
  const started = performance.now();
  results[name] = run();
  process.stderr.write(
    `${name}: ${JSON.stringify(results[name])} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}
console.log(
  JSON.stringify({
    benchmark: 'data',
    runs,
    node: process.version,
    results,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
