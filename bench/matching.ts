/**
 * L3 order book throughput on real CME ES data (Databento MBO, data/esh4-mbo-20231225.csv.gz).
 * 1. Replay: the file is parsed before timing; each pass rebuilds a fresh book from the 8,725-order
 *    snapshot, adds 1,000 resting orders of ours spread over the top levels (not timed), then
 *    replays the 60,067 live events. Reports MBO events/s and book updates/s (A/C/M/R rows).
 * 2. Limit add + cancel pairs on the warm end-of-file book (our orders, within 20 ticks of the
 *    touch on both sides, in bursts of 64 adds then 64 cancels).
 * 3. The same replay through the matching engine: every row goes through `L3Matcher.applyMbo`
 *    (src/backtest/matching), with the same 1,000 resting orders of ours submitted after the
 *    snapshot (not timed); trades and crossings fill them as the day unfolds. Reports MBO
 *    events/s, side by side with figure 1's events/s.
 * Median of --runs (default 5). Prints a summary on stderr and one JSON object on its last line.
 */
import { parseArgs } from 'node:util';
import { L3Matcher } from '../src/backtest/matching/index.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_MODIFY,
  ASK,
  BID,
  type MboEvents,
  OrderBook,
  readMboCsv,
  replayMbo,
} from '../src/data/book/index.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    passes: { type: 'string', default: '40' },
    pairs: { type: 'string', default: '2000000' },
  },
});
const runs = Number(values.runs);
const passes = Number(values.passes);
const pairCount = Number(values.pairs);
const SNAPSHOT_ROWS = 8_725;
const OURS = 1_000;

const events = await readMboCsv(new URL('../data/esh4-mbo-20231225.csv.gz', import.meta.url).pathname);
let updatesPerPass = 0;
for (let i = 0; i < events.length; i++) {
  const a = events.action[i];
  if (a === ACTION_ADD || a === ACTION_CANCEL || a === ACTION_MODIFY || a === ACTION_CLEAR) updatesPerPass++;
}

/** Our 1,000 orders: 500 per side, spread round-robin over the 50 best levels of each side. */
function addOurs(book: OrderBook): void {
  for (let i = 0; i < OURS; i++) {
    const side = i % 2 === 0 ? BID : ASK;
    const levels = book.levels(side);
    const level = levels.at((i >> 1) % Math.min(50, levels.depth))!;
    book.add(-(i + 1), side, level.tick, 1 + (i % 5), true);
  }
}

function replayRun(data: MboEvents): { seconds: number; book: OrderBook } {
  let elapsed = 0n;
  let book = new OrderBook();
  for (let pass = 0; pass < passes; pass++) {
    book = new OrderBook();
    let start = process.hrtime.bigint();
    replayMbo(book, data, { to: SNAPSHOT_ROWS });
    elapsed += process.hrtime.bigint() - start;
    addOurs(book);
    start = process.hrtime.bigint();
    replayMbo(book, data, { from: SNAPSHOT_ROWS });
    elapsed += process.hrtime.bigint() - start;
  }
  return { seconds: Number(elapsed) / 1e9, book };
}

/** Figure 3: the replay through L3Matcher.applyMbo with our 1,000 orders resting. */
function matcherRun(data: MboEvents): { seconds: number; fills: number; stillResting: number } {
  const { action, side, priceTicks, size, orderId, flags } = data;
  let elapsed = 0n;
  let fills = 0;
  let stillResting = 0;
  for (let pass = 0; pass < passes; pass++) {
    const matcher = new L3Matcher();
    let start = process.hrtime.bigint();
    for (let i = 0; i < SNAPSHOT_ROWS; i++) {
      matcher.applyMbo(action[i], side[i], priceTicks[i], size[i], orderId[i], flags[i]);
    }
    elapsed += process.hrtime.bigint() - start;
    for (let i = 0; i < OURS; i++) {
      const buy = i % 2 === 0;
      const levels = matcher.book.levels(buy ? BID : ASK);
      const level = levels.at((i >> 1) % Math.min(50, levels.depth))!;
      matcher.submit({
        id: -(i + 1),
        side: buy ? 'buy' : 'sell',
        quantity: 1 + (i % 5),
        limitTick: level.tick,
      });
    }
    start = process.hrtime.bigint();
    for (let i = SNAPSHOT_ROWS; i < data.length; i++) {
      fills += matcher.applyMbo(action[i], side[i], priceTicks[i], size[i], orderId[i], flags[i]).length;
    }
    elapsed += process.hrtime.bigint() - start;
    stillResting = matcher.orderCount;
  }
  return { seconds: Number(elapsed) / 1e9, fills: fills / passes, stillResting };
}

function addCancelRun(book: OrderBook): number {
  const bestBid = book.bestBidTick();
  const bestAsk = book.bestAskTick();
  const burst = 64;
  const ids = new Float64Array(burst);
  let nextId = -1_000_000;
  const start = process.hrtime.bigint();
  for (let done = 0; done < pairCount; done += burst) {
    for (let k = 0; k < burst; k++) {
      const id = nextId--;
      ids[k] = id;
      const offset = (done + k * 7) % 20;
      if ((k & 1) === 0) book.add(id, BID, bestBid - offset, 1 + (k & 3), true);
      else book.add(id, ASK, bestAsk + offset, 1 + (k & 3), true);
    }
    for (let k = 0; k < burst; k++) book.cancel(ids[k]);
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const eventRates: number[] = [];
const updateRates: number[] = [];
const pairRates: number[] = [];
const matcherRates: number[] = [];
let matcherFills = 0;
let matcherResting = 0;
let finalTop = '';
for (let r = 0; r < runs; r++) {
  const { seconds, book } = replayRun(events);
  eventRates.push((events.length * passes) / seconds);
  updateRates.push((updatesPerPass * passes) / seconds);
  const pairSeconds = addCancelRun(book);
  pairRates.push(pairCount / pairSeconds);
  const matched = matcherRun(events);
  matcherRates.push((events.length * passes) / matched.seconds);
  matcherFills = matched.fills;
  matcherResting = matched.stillResting;
  finalTop = `${book.bestBid()?.tick}x${book.bestBid()?.size} / ${book.bestAsk()?.tick}x${book.bestAsk()?.size}`;
  console.error(
    `run ${r + 1}/${runs}: ${Math.round(updateRates[r]).toLocaleString('en-US')} updates/s, ` +
      `${Math.round(eventRates[r]).toLocaleString('en-US')} events/s, ` +
      `${Math.round(pairRates[r]).toLocaleString('en-US')} add+cancel pairs/s, ` +
      `${Math.round(matcherRates[r]).toLocaleString('en-US')} events/s through L3Matcher`,
  );
}
console.log(
  JSON.stringify({
    benchmark: 'matching',
    events: events.length,
    updatesPerPass,
    passes,
    oursResting: OURS,
    runs,
    medianBookUpdatesPerSecond: Math.round(median(updateRates)),
    medianEventsPerSecond: Math.round(median(eventRates)),
    medianAddCancelPairsPerSecond: Math.round(median(pairRates)),
    medianMatcherEventsPerSecond: Math.round(median(matcherRates)),
    matcherFillsPerPass: matcherFills,
    matcherOursRestingAtEnd: matcherResting,
    targetBookUpdatesPerSecond: 2_000_000,
    targetAddCancelPairsPerSecond: 1_000_000,
    finalTopTicks: finalTop,
    node: process.version,
  }),
);
