import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError } from '../../../src/core/errors.js';
import { ASK, BID, OrderBook, walkBook } from '../../../src/data/book/index.js';
import { Grid } from '../../../src/model/grid.js';

/** Bids 100 (ids 1,2,3 sizes 5,3,2) and 99 (id 4 size 7); asks 101 (ids 10,11 sizes 4,6) and 102 (id 12 size 8). */
function sampleBook(): OrderBook {
  const book = new OrderBook();
  book.add(1, BID, 100, 5);
  book.add(2, BID, 100, 3);
  book.add(3, BID, 100, 2);
  book.add(4, BID, 99, 7);
  book.add(10, ASK, 101, 4);
  book.add(11, ASK, 101, 6);
  book.add(12, ASK, 102, 8);
  return book;
}

test('best levels, L2 snapshot and depth aggregate the queues', () => {
  const book = sampleBook();
  assert.deepEqual(book.bestBid(), { tick: 100, size: 10, count: 3 });
  assert.deepEqual(book.bestAsk(), { tick: 101, size: 10, count: 2 });
  assert.deepEqual(book.topLevels(BID, 5), [
    { tick: 100, size: 10, count: 3 },
    { tick: 99, size: 7, count: 1 },
  ]);
  assert.deepEqual(book.topLevels(ASK, 1), [{ tick: 101, size: 10, count: 2 }]);
  assert.equal(book.depth(BID), 2);
  assert.equal(book.depth(ASK), 2);
  assert.equal(book.orderCount, 7);
  assert.equal(book.isCrossed(), false);
});

test('queue position is the size resting ahead in FIFO order', () => {
  const book = sampleBook();
  assert.equal(book.queuePosition(1), 0);
  assert.equal(book.queuePosition(2), 5);
  assert.equal(book.queuePosition(3), 8);
  book.cancel(1);
  assert.equal(book.queuePosition(3), 3);
});

test('partial cancel keeps priority, full cancel removes the order and an empty level', () => {
  const book = sampleBook();
  book.cancel(1, 4);
  assert.equal(book.order(1)?.size, 1);
  assert.equal(book.queuePosition(2), 1);
  assert.deepEqual(book.bestBid(), { tick: 100, size: 6, count: 3 });
  book.cancel(4);
  assert.equal(book.depth(BID), 1);
  assert.equal(book.order(4), undefined);
});

test('modify: size decrease keeps priority, size increase and price change lose it', () => {
  const book = sampleBook();
  book.modify(1, 100, 2); // decrease: stays first
  assert.equal(book.queuePosition(1), 0);
  assert.equal(book.queuePosition(2), 2);
  book.modify(2, 100, 4); // increase: back of the queue
  assert.equal(book.queuePosition(2), 2 + 2);
  assert.equal(book.queuePosition(3), 2);
  book.modify(1, 99, 2); // price change: back of the new level
  assert.equal(book.queuePosition(1), 7);
  assert.deepEqual(book.bestBid(), { tick: 100, size: 6, count: 2 });
  book.modify(3, 98, 2);
  book.modify(2, 98, 4);
  assert.equal(book.depth(BID), 2); // level 100 emptied and removed
  assert.deepEqual(book.bestBid(), { tick: 99, size: 9, count: 2 });
  const sequenceBefore = book.order(12)!.sequence;
  book.modify(12, 102, 8); // same price and size: nothing changes
  assert.equal(book.order(12)!.sequence, sequenceBefore);
});

test('inconsistent input throws a DataError naming the line, never a negative size', () => {
  const book = sampleBook();
  const where = { file: 'x.csv', line: 42 };
  assert.throws(
    () => book.add(1, BID, 100, 1, false, where),
    (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /x\.csv:42/);
      assert.equal(e.line, 42);
      return true;
    },
  );
  assert.throws(() => book.cancel(99, 1, where), DataError);
  assert.throws(() => book.cancel(1, 6, where), /exceeds/);
  assert.throws(() => book.modify(1, 100, 0, where), /positive/);
  assert.throws(() => book.add(50, BID, 100.5, 1), /tick grid/);
  assert.throws(() => book.add(51, BID, 100, -3), /positive/);
  assert.equal(book.order(1)?.size, 5);
  assert.deepEqual(book.bestBid(), { tick: 100, size: 10, count: 3 });
});

test('clear empties both sides', () => {
  const book = sampleBook();
  book.clear();
  assert.equal(book.bestBid(), undefined);
  assert.equal(book.bestAsk(), undefined);
  assert.ok(Number.isNaN(book.bestBidTick()));
  assert.equal(book.orderCount, 0);
  book.add(1, BID, 100, 1);
  assert.deepEqual(book.bestBid(), { tick: 100, size: 1, count: 1 });
});

test('our resting orders hold a queue position but are not displayed liquidity', () => {
  const book = sampleBook();
  book.add(-1, BID, 100, 4, true);
  book.add(13, BID, 100, 1);
  assert.deepEqual(book.bestBid(), { tick: 100, size: 11, count: 4 });
  assert.equal(book.levels(BID).best()?.oursSize, 4);
  assert.equal(book.queuePosition(-1), 10);
  assert.equal(book.queuePosition(13), 14);
  book.add(-2, ASK, 103, 5, true); // a level holding only our order
  book.add(-3, ASK, 101, 9, true);
  const walk = walkBook(book, 'buy', 25);
  assert.deepEqual(
    walk.fills.map((f) => [f.tick, f.quantity]),
    [
      [101, 10],
      [102, 8],
    ],
  );
  assert.equal(walk.filledQuantity, 18);
  assert.equal(walk.remainingQuantity, 7);
  assert.equal(walk.complete, false);
  assert.equal(walk.averageTicks, (101 * 10 + 102 * 8) / 18);
});

test('walkBook fills from the touch with a VWAP, honours a limit and does not change the book', () => {
  const book = sampleBook();
  const grid = new Grid(0.25);
  const buy = walkBook(book, 'buy', 12, { grid });
  assert.deepEqual(buy.fills, [
    { tick: 101, price: 25.25, quantity: 10 },
    { tick: 102, price: 25.5, quantity: 2 },
  ]);
  assert.equal(buy.complete, true);
  assert.equal(buy.averagePrice, ((101 * 10 + 102 * 2) / 12) * 0.25);
  const sell = walkBook(book, 'sell', 20, { limitTick: 100 });
  assert.deepEqual(sell.fills, [{ tick: 100, price: 100, quantity: 10 }]);
  assert.equal(sell.remainingQuantity, 10);
  assert.deepEqual(book.bestAsk(), { tick: 101, size: 10, count: 2 });
  assert.throws(() => walkBook(book, 'buy', 0), RangeError);
  assert.ok(Number.isNaN(walkBook(new OrderBook(), 'buy', 1).averagePrice));
});

test('a level holding only our orders is not displayed, and our crossed order is not a crossed book', () => {
  const book = sampleBook();
  book.add(-1, BID, 105, 2, true); // ours, through the market ask
  assert.deepEqual(book.bestBid(), { tick: 100, size: 10, count: 3 });
  assert.equal(book.bestBidTick(), 100);
  assert.equal(book.isCrossed(), false);
  assert.deepEqual(
    book.topLevels(BID, 2).map((l) => l.tick),
    [100, 99],
  );
  assert.equal(book.depth(BID), 2);
  assert.equal(book.levels(BID).depth, 3);
  book.add(20, BID, 101, 1);
  assert.equal(book.isCrossed(), true);
});
