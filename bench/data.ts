/**
 * Data-layer throughput. Sections (run all, or `--only a,b`), each a function returning its
 * figures under `results.<section>` in the JSON object printed on the last line — add new ones
 * (catalog …) to `SECTIONS`.
 *
 * - `aggregation`: synthetic ticks shaped like CME ES trades (quarter-point random walk, mostly
 *   1–few lots with a heavy tail, bursts of trades at the same microsecond, ~80 % of them in
 *   regular hours) over 5 Globex sessions, aggregated into 1-minute bars: UTC-aligned and
 *   session-aligned (`CME_GLOBEX_EQUITY`) through the raw `update(price, size, ts)` path, through
 *   `handleTrade(TradeTick)` objects, and into 1,000-tick and 100-lot volume bars.
 * - `l2Book`: L2 book updates per second through `BookFeed` (the data engine's book path: one
 *   synthetic order per level, quotes derived at each F_LAST). The updates are the price levels of
 *   the real CME ES MBO file (data/esh4-mbo-20231225.csv.gz): every MBO row that changes a level
 *   becomes a `BookLevelUpdate` carrying that level's new aggregate size (0 = level gone), built
 *   before timing. One pass is the whole file into a fresh feed; passes repeat up to --l2-updates.
 * - `csv`: bar CSV parsing (`parseBarsCsv`, validation included) of the bundled ES minute bars
 *   (data/es-minute-trade-bars-2013-2020.csv, 23,948 rows), rows per second over the text already
 *   in memory (no disk), median of --runs passes of 10 parses each after a warm-up.
 *
 * Options: --ticks N (default 10,000,000), --l2-updates N (default 5,000,000), --runs N (default
 * 5, median reported), --only a,b.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../src/analytics/statistics/random.js';
import {
  type AggregatedBar,
  TickBarAggregator,
  TimeBarAggregator,
  type TimeBarOptions,
  VolumeBarAggregator,
} from '../src/data/aggregation/index.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_MODIFY,
  ASK,
  BID,
  BookFeed,
  type BookSide,
  OrderBook,
  readMboCsv,
  SIDE_BID,
} from '../src/data/book/index.js';
import { applyMboRow } from '../src/data/book/replay.js';
import { parseBarsCsv } from '../src/data/csv/index.js';
import { BarType, type BookLevelUpdate, type TradeTick } from '../src/model/data.js';
import { Grid } from '../src/model/grid.js';
import { CME_GLOBEX_EQUITY } from '../src/model/sessions.js';
import { MICROS_PER_HOUR } from '../src/model/time.js';
import { catalogSection } from './catalog.js';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    ticks: { type: 'string', default: '10000000' },
    'l2-updates': { type: 'string', default: '5000000' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const tickCount = Number(values.ticks);
const l2UpdateTarget = Number(values['l2-updates']);
const runs = Number(values.runs);
const only = values.only ? new Set(values.only.split(',')) : undefined;

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
  const rnd = mulberry32(20240205);
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

// ---------------------------------------------------------------- l2Book

const MBO_FILE = fileURLToPath(new URL('../data/esh4-mbo-20231225.csv.gz', import.meta.url));

/**
 * The level updates of an MBO file: replays it into an L3 book and, for each row that changes a
 * level, emits that level's new aggregate size (a modify that moves an order emits both levels).
 * The row's flags (F_LAST) go on the row's last update. Also returns the L3 book at the end.
 */
async function levelUpdatesFromMbo(file: string): Promise<{ updates: BookLevelUpdate[]; book: OrderBook }> {
  const events = await readMboCsv(file);
  const book = new OrderBook();
  const updates: BookLevelUpdate[] = [];
  const touched: Array<[BookSide, number]> = [];
  for (let i = 0; i < events.length; i++) {
    const code = events.action[i];
    touched.length = 0;
    if (code === ACTION_ADD) touched.push([events.side[i] === SIDE_BID ? BID : ASK, events.priceTicks[i]]);
    else if (code === ACTION_CANCEL || code === ACTION_MODIFY) {
      const order = book.order(events.orderId[i]);
      if (order !== undefined) touched.push([order.side, order.tick]);
      const side = events.side[i] === SIDE_BID ? BID : ASK;
      if (code === ACTION_MODIFY && order?.tick !== events.priceTicks[i])
        touched.push([side, events.priceTicks[i]]);
    } else if (code === ACTION_CLEAR) throw new Error('R rows are not expected in the bench file');
    applyMboRow(book, code, events.side[i], events.priceTicks[i], events.size[i], events.orderId[i], false);
    for (const [k, [side, tick]] of touched.entries()) {
      updates.push({
        kind: 'book-level',
        instrumentId: 'ESH4.CME',
        side: side === BID ? 'bid' : 'ask',
        priceTicks: tick,
        size: book.levels(side).get(tick)?.size ?? 0,
        flags: k === touched.length - 1 ? events.flags[i] : 0,
        sequence: events.sequence[i],
        tsEvent: events.tsRecv[i],
        tsInit: events.tsRecv[i],
      });
    }
  }
  return { updates, book };
}

async function l2BookSection(): Promise<Record<string, unknown>> {
  const { updates, book: l3 } = await levelUpdatesFromMbo(MBO_FILE);
  const n = updates.length;
  const passes = Math.max(1, Math.ceil(l2UpdateTarget / n));
  const grid = new Grid(0.25);
  let quotes = 0;
  let feed = new BookFeed('ESH4.CME', grid);
  const onePass = () => {
    feed = new BookFeed('ESH4.CME', grid);
    for (let i = 0; i < n; i++) {
      feed.apply(updates[i]);
      if (feed.quote !== undefined) quotes++;
    }
  };
  // The L2 book built from the levels must show the L3 book's levels (sizes; L2 counts are 1).
  onePass();
  const sizes = (b: OrderBook, side: BookSide) => b.topLevels(side, 1_000).map((l) => `${l.tick}x${l.size}`);
  const consistent =
    sizes(feed.book, BID).join() === sizes(l3, BID).join() &&
    sizes(feed.book, ASK).join() === sizes(l3, ASK).join();
  const quotesPerPass = quotes;
  const rssWithUpdatesMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const heapBefore = process.memoryUsage().heapUsed;
  const rate = measure(n * passes, () => {
    for (let p = 0; p < passes; p++) onePass();
  });
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    file: 'data/esh4-mbo-20231225.csv.gz',
    updatesPerPass: n,
    passes,
    updatesPerRun: n * passes,
    quotesPerPass,
    levelsAtEnd: { bids: feed.book.depth(BID), asks: feed.book.depth(ASK) },
    updatesPerSecond: rate,
    rssWithUpdatesMiB,
    heapGrowthDuringRunsMiB: +((heapAfter - heapBefore) / 2 ** 20).toFixed(1),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    target: 2_000_000,
    targetMet: rate.median >= 2_000_000,
    consistent,
  };
}

// ---------------------------------------------------------------- csv

function csvSection(): Record<string, unknown> {
  const file = fileURLToPath(new URL('../data/es-minute-trade-bars-2013-2020.csv', import.meta.url));
  const text = readFileSync(file, 'utf8');
  const rowCount = parseBarsCsv(text, file).rowCount;
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (let k = 0; k < 10; k++) {
      if (parseBarsCsv(text, file).rowCount !== rowCount) throw new Error('csv: row count changed');
    }
    rates.push(Math.round((10 * rowCount) / ((performance.now() - started) / 1000)));
  }
  return {
    file: 'data/es-minute-trade-bars-2013-2020.csv',
    rowCount,
    rowsPerSecond: median(rates),
    runs: rates,
  };
}

// ---------------------------------------------------------------- sections

const SECTIONS: Record<string, () => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  aggregation: aggregationSection,
  l2Book: l2BookSection,
  csv: csvSection,
  catalog: () => catalogSection(Math.min(tickCount, 3_000_000), Math.min(runs, 3)),
};

const results: Record<string, Record<string, unknown>> = {};
for (const [name, run] of Object.entries(SECTIONS)) {
  if (only && !only.has(name)) continue;
  const started = performance.now();
  results[name] = await run();
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
