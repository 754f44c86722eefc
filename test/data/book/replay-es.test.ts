import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataError } from '../../../src/core/errors.js';
import {
  ASK,
  BID,
  F_LAST,
  type MboEvents,
  mboEventAt,
  OrderBook,
  readMboCsv,
  replayMbo,
  walkBook,
} from '../../../src/data/book/index.js';
import { futureContract } from '../../../src/model/instruments.js';

const FILE = fileURLToPath(new URL('../../../data/esh4-mbo-20231225.csv.gz', import.meta.url));
const SNAPSHOT_ROWS = 8_725;
const grid = futureContract('ES', 2024, 3).priceGrid;
let events: MboEvents;

before(async () => {
  events = await readMboCsv(FILE);
});

function top(book: OrderBook): string {
  const bid = book.bestBid()!;
  const ask = book.bestAsk()!;
  return `${grid.fromTicks(bid.tick).toFixed(2)}x${bid.size} / ${grid.fromTicks(ask.tick).toFixed(2)}x${ask.size}`;
}

test('the file parses into 68,792 typed rows with the action counts of SOURCES', () => {
  assert.equal(events.length, 68_792);
  const counts = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const action = String.fromCharCode(events.action[i]);
    counts.set(action, (counts.get(action) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(counts), { A: 29_216, C: 17_999, M: 12_233, F: 6_371, T: 2_973 });
  const first = mboEventAt(events, 0);
  assert.equal(first.line, 2);
  assert.equal(first.action, 'A');
  assert.equal(first.side, 'B');
  assert.equal(first.priceTicks, 4799 * 4);
  assert.equal(first.orderId, 6412777162812);
  assert.equal(first.tsEvent, Date.UTC(2023, 11, 24, 13, 0, 5) * 1000 + 243925); // .243925307 rounded
  assert.equal(mboEventAt(events, events.length - 1).line, 68_793);
});

test('the snapshot alone rebuilds the 2023-12-24 top 4799.00x16 / 4799.50x23', () => {
  const book = new OrderBook();
  const result = replayMbo(book, events, { to: SNAPSHOT_ROWS });
  assert.equal(result.batches, 1);
  assert.equal(book.orderCount, SNAPSHOT_ROWS);
  assert.equal(top(book), '4799.00x16 / 4799.50x23');
});

test('the full replay ends at 4810.00x22 / 4810.25x28, never crossed after the opening trade', () => {
  const book = new OrderBook();
  let firstTrade = -1;
  for (let i = 0; i < events.length && firstTrade < 0; i++) if (events.action[i] === 84) firstTrade = i;
  let lastBoundaries = 0;
  let crossedBeforeOpen = 0;
  replayMbo(book, events, {
    crossCheck: 'never',
    onBatchEnd: (i) => {
      if ((events.flags[i] & F_LAST) !== 0) lastBoundaries++;
      if (book.isCrossed()) {
        assert.ok(i < firstTrade, `crossed at line ${events.line[i]}, after the opening trade`);
        crossedBeforeOpen++;
      }
    },
  });
  assert.equal(lastBoundaries, 47_022);
  assert.ok(crossedBeforeOpen > 0, 'the pre-open book is crossed (CME pre-open does not match)');
  assert.equal(top(book), '4810.00x22 / 4810.25x28');
  // The default check (after the first trade) passes; checking the pre-open too names the line.
  assert.equal(top(replayed()), '4810.00x22 / 4810.25x28');
  assert.throws(
    () => replayMbo(new OrderBook(), events, { crossCheck: 'always' }),
    (e: unknown) => e instanceof DataError && e.code === 'BOOK_CROSSED' && e.line === 8_761,
  );
});

function replayed(): OrderBook {
  const book = new OrderBook();
  replayMbo(book, events);
  return book;
}

test('a market buy of 100 at the end fills at the VWAP of the ask levels it consumes', () => {
  const book = replayed();
  const snapshot = book.topLevels(ASK, 20);
  let left = 100;
  let notional = 0;
  let levelsUsed = 0;
  for (const level of snapshot) {
    if (left === 0) break;
    const take = Math.min(left, level.size);
    notional += grid.fromTicks(level.tick) * take;
    left -= take;
    levelsUsed++;
  }
  assert.equal(left, 0);
  const walk = walkBook(book, 'buy', 100, { grid });
  assert.equal(walk.complete, true);
  assert.equal(walk.fills.length, levelsUsed);
  assert.equal(walk.fills[0].price, 4810.25);
  assert.equal(walk.fills[0].quantity, 28);
  assert.ok(Math.abs(walk.averagePrice - notional / 100) < 1e-9);
  const sell = walkBook(book, 'sell', 1_000_000, { grid });
  assert.equal(sell.complete, false);
  assert.equal(sell.fills.length, book.depth(BID));
});

test('our resting orders ride along in the replay without changing the displayed book', () => {
  const book = new OrderBook();
  replayMbo(book, events, { to: SNAPSHOT_ROWS });
  book.add(-1, BID, 4790 * 4, 3, true);
  book.add(-2, ASK, 4830 * 4, 3, true);
  replayMbo(book, events, { from: SNAPSHOT_ROWS });
  assert.equal(top(book), '4810.00x22 / 4810.25x28');
  assert.equal(book.order(-1)?.size, 3);
  assert.ok(book.queuePosition(-1) > 0);
});
