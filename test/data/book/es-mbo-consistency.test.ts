/**
 * Done-when checks of issue 5 ("Order books") on the real CME ES file: the rebuilt book is never
 * crossed once trading has started, every trade prints at the touch it hit (sweeps and the opening
 * auction explained), and `bourse book` agrees with an independent replay.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_MODIFY,
  ACTION_TRADE,
  ASK,
  applyMboRow,
  BID,
  F_LAST,
  F_SNAPSHOT,
  type MboEvents,
  OrderBook,
  readMboCsv,
  replayMbo,
  SIDE_ASK,
  SIDE_BID,
  SIDE_NONE,
} from '../../../src/data/book/index.js';
import { microsFromIso } from '../../../src/model/time.js';
import { bourseAsync } from '../../support/cli.js';

const RELATIVE = 'data/esh4-mbo-20231225.csv.gz';
const FILE = fileURLToPath(new URL(`../../../${RELATIVE}`, import.meta.url));
let events: MboEvents;

before(async () => {
  events = await readMboCsv(FILE);
});

/** Complete batch: a row with F_LAST, or the last row of the snapshot. */
function isBatchEnd(i: number): boolean {
  const flag = events.flags[i];
  return (
    (flag & F_LAST) !== 0 ||
    ((flag & F_SNAPSHOT) !== 0 && (i === events.length - 1 || (events.flags[i + 1] & F_SNAPSHOT) === 0))
  );
}

test('(a) the rebuilt book is never crossed after a complete batch once trading has started', () => {
  let firstTrade = -1;
  for (let i = 0; i < events.length && firstTrade < 0; i++)
    if (events.action[i] === ACTION_TRADE) firstTrade = i;
  assert.equal(events.line[firstTrade], 9_652); // the 23:00 UTC opening auction print
  const book = new OrderBook();
  let checked = 0;
  let crossed = 0;
  let preOpen = 0;
  let crossedPreOpen = 0;
  let twoSided = 0;
  replayMbo(book, events, {
    crossCheck: 'never',
    onBatchEnd: (i) => {
      if (i < firstTrade) {
        preOpen++;
        if (book.isCrossed()) crossedPreOpen++;
        return;
      }
      checked++;
      if (book.isCrossed()) crossed++;
      if (book.bestBid() !== undefined && book.bestAsk() !== undefined) twoSided++;
    },
  });
  assert.equal(checked, 46_097, 'complete batches from the opening trade to the end of the file');
  assert.equal(twoSided, checked, 'both sides quoted after every batch');
  assert.equal(crossed, 0);
  assert.equal(preOpen + checked, 47_023);
  // Before the open the book may cross (CME pre-open accepts crossing orders without matching).
  assert.equal(preOpen, 926);
  assert.equal(crossedPreOpen, 891);
});

test('(b) every trade prints at the best price of the side it hit, before its batch is applied', () => {
  const book = new OrderBook();
  let touch = 0;
  let sweep = 0;
  let sweepExact = 0;
  let auction = 0;
  const unexplained: number[] = [];
  let sameAsRowMoment = 0;
  // State before the current batch: the resting sides' levels, and the batch's trades so far.
  let inBatch = false;
  let bidsBefore = book.topLevels(BID, 0);
  let asksBefore = bidsBefore;
  let batchTrades: Array<{ side: number; tick: number; size: number }> = [];
  let trades = 0;
  for (let i = 0; i < events.length; i++) {
    if (!inBatch) {
      inBatch = true;
      bidsBefore = book.topLevels(BID, 64);
      asksBefore = book.topLevels(ASK, 64);
      batchTrades = [];
    }
    if (events.action[i] === ACTION_TRADE) {
      trades++;
      const aggressor = events.side[i];
      const tick = events.priceTicks[i];
      if (aggressor === SIDE_NONE) {
        // The opening auction: no aggressor; the pre-open book is crossed, the price is the
        // auction's equilibrium (inside the crossed touch), not one side's best.
        assert.equal(events.line[i], 9_652);
        assert.ok(bidsBefore[0].tick >= asksBefore[0].tick, 'crossed pre-open book');
        assert.ok(tick > asksBefore[0].tick && tick < bidsBefore[0].tick);
        auction++;
      } else {
        const buy = aggressor === SIDE_BID;
        assert.ok(buy || aggressor === SIDE_ASK);
        const resting = buy ? asksBefore : bidsBefore;
        const restingNow = buy ? book.bestAskTick() : book.bestBidTick();
        if (restingNow === resting[0].tick) sameAsRowMoment++;
        const better = (t: number) => (buy ? t < tick : t > tick);
        if (tick === resting[0].tick) touch++;
        else {
          // A sweep: an earlier trade of the same aggressor in this batch took the better
          // level(s); this print is at a deeper level that rested before the batch.
          const earlier = batchTrades.filter((t) => t.side === aggressor && better(t.tick));
          const isLevel = resting.some((l) => l.tick === tick);
          if (earlier.length > 0 && isLevel && better(resting[0].tick)) {
            sweep++;
            const taken = earlier.reduce((a, t) => a + t.size, 0);
            const ahead = resting.filter((l) => better(l.tick)).reduce((a, l) => a + l.size, 0);
            if (taken === ahead) sweepExact++;
            else assert.ok(ahead - taken >= 1 && ahead - taken <= 5, `line ${events.line[i]}`);
          } else unexplained.push(events.line[i]);
        }
      }
      batchTrades.push({ side: events.side[i], tick: events.priceTicks[i], size: events.size[i] });
    }
    applyMboRow(
      book,
      events.action[i],
      events.side[i],
      events.priceTicks[i],
      events.size[i],
      events.orderId[i],
      false,
    );
    if (isBatchEnd(i)) inBatch = false;
  }
  assert.equal(trades, 2_973);
  assert.deepEqual(unexplained, []);
  assert.equal(touch, 2_890, 'at the touch');
  assert.equal(sweep, 82, 'sweep continuations at deeper levels');
  assert.equal(sweepExact, 68, 'the earlier prints took exactly the displayed size ahead');
  assert.equal(auction, 1, 'the opening auction print');
  assert.equal(touch + sweep + auction, trades);
  // T rows lead their batch (before the fills and book updates): the touch "at that moment"
  // is the touch before the batch.
  assert.equal(sameAsRowMoment, trades - auction);
});

/** An independent replay: orders in a plain Map, levels aggregated at the end (no OrderBook). */
function naiveTop(at: number, n: number) {
  let last = -1;
  for (let i = 0; i < events.length && events.tsRecv[i] <= at; i++) if (isBatchEnd(i)) last = i;
  const orders = new Map<number, { side: number; tick: number; size: number }>();
  for (let i = 0; i <= last; i++) {
    const code = events.action[i];
    const id = events.orderId[i];
    if (code === ACTION_ADD)
      orders.set(id, { side: events.side[i], tick: events.priceTicks[i], size: events.size[i] });
    else if (code === ACTION_MODIFY)
      orders.set(id, { side: events.side[i], tick: events.priceTicks[i], size: events.size[i] });
    else if (code === ACTION_CANCEL) {
      const order = orders.get(id)!;
      order.size -= events.size[i];
      if (order.size === 0) orders.delete(id);
    } else if (code === ACTION_CLEAR) orders.clear();
  }
  const levels = (side: number) => {
    const byTick = new Map<number, { size: number; count: number }>();
    for (const o of orders.values()) {
      if (o.side !== side) continue;
      const level = byTick.get(o.tick) ?? { size: 0, count: 0 };
      level.size += o.size;
      level.count++;
      byTick.set(o.tick, level);
    }
    return [...byTick.entries()]
      .sort((a, b) => (side === SIDE_BID ? b[0] - a[0] : a[0] - b[0]))
      .slice(0, n)
      .map(([tick, l]) => ({ price: tick * 0.25, size: l.size, count: l.count }));
  };
  return { bids: levels(SIDE_BID), asks: levels(SIDE_ASK), asOf: events.tsRecv[last] };
}

test('(c) `bourse book` at three times matches an independent replay of the top levels', async () => {
  const times = ['2023-12-25T22:50:00Z', '2023-12-25T23:00:00.5Z', '2023-12-25T23:45:00Z'];
  const runs = await Promise.all(
    times.map((t) =>
      bourseAsync('book', RELATIVE, '--format', 'databento-mbo', '--at', t, '--depth', '10', '--json'),
    ),
  );
  for (const [k, run] of runs.entries()) {
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    const expected = naiveTop(microsFromIso(times[k]), 10);
    assert.equal(microsFromIso(json.asOf), expected.asOf);
    assert.deepEqual(json.bids, expected.bids, times[k]);
    assert.deepEqual(json.asks, expected.asks, times[k]);
    assert.equal(json.bids.length, 10);
    const sum = (ls: Array<{ size: number }>) => ls.reduce((a, l) => a + l.size, 0);
    const b = sum(expected.bids);
    const a = sum(expected.asks);
    assert.ok(Math.abs(json.imbalance - (b - a) / (b + a)) < 1e-12);
    assert.equal(json.spread, expected.asks[0].price - expected.bids[0].price);
    assert.equal(json.crossed, k === 0, 'crossed only in the pre-open');
  }
});
