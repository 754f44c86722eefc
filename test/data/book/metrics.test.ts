import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ASK,
  BID,
  depthView,
  imbalance,
  imbalanceOf,
  microprice,
  midTicks,
  OrderBook,
  spreadTicks,
} from '../../../src/data/book/index.js';

/**
 * Bids 100 (5+3), 99 (7), 97 (4); asks 102 (2), 103 (6+6), 105 (10). Worked by hand:
 * spread 2 ticks, mid 101, microprice (100×2 + 102×8) / 10 = 101.6,
 * imbalance 1 level (8−2)/10 = 0.6, 2 levels (15−14)/29, 3 levels (19−24)/43.
 */
function handBook(): OrderBook {
  const book = new OrderBook();
  book.add(1, BID, 100, 5);
  book.add(2, BID, 100, 3);
  book.add(3, BID, 99, 7);
  book.add(4, BID, 97, 4);
  book.add(10, ASK, 102, 2);
  book.add(11, ASK, 103, 6);
  book.add(12, ASK, 103, 6);
  book.add(13, ASK, 105, 10);
  return book;
}

test('depth-N views list the top N displayed levels of each side, best first', () => {
  const book = handBook();
  assert.deepEqual(depthView(book, 2), {
    bids: [
      { tick: 100, size: 8, count: 2 },
      { tick: 99, size: 7, count: 1 },
    ],
    asks: [
      { tick: 102, size: 2, count: 1 },
      { tick: 103, size: 12, count: 2 },
    ],
  });
  assert.equal(depthView(book, 10).bids.length, 3);
  assert.throws(() => depthView(book, 0), RangeError);
  assert.throws(() => depthView(book, 1.5), RangeError);
});

test('spread in ticks, mid and microprice of the touch', () => {
  const book = handBook();
  assert.equal(spreadTicks(book), 2);
  assert.equal(midTicks(book), 101);
  assert.ok(Math.abs(microprice(book) - 101.6) < 1e-12);
  // Equal sizes at the touch: the microprice is the mid.
  book.add(20, ASK, 102, 6);
  assert.equal(microprice(book), 101);
});

test('imbalance (Σbid − Σask)/(Σbid + Σask) over N levels', () => {
  const book = handBook();
  assert.ok(Math.abs(imbalance(book, 1) - 0.6) < 1e-12);
  assert.ok(Math.abs(imbalance(book, 2) - 1 / 29) < 1e-12);
  assert.ok(Math.abs(imbalance(book, 3) - -5 / 43) < 1e-12);
  assert.equal(imbalance(book, 3), imbalance(book, 50));
  assert.equal(imbalanceOf(depthView(book, 2)), imbalance(book, 2));
});

test('one-sided and empty books: metrics that need both sides are NaN', () => {
  const empty = new OrderBook();
  assert.ok(Number.isNaN(spreadTicks(empty)));
  assert.ok(Number.isNaN(midTicks(empty)));
  assert.ok(Number.isNaN(microprice(empty)));
  assert.ok(Number.isNaN(imbalance(empty, 5)));
  const bidsOnly = new OrderBook();
  bidsOnly.add(1, BID, 100, 5);
  assert.ok(Number.isNaN(spreadTicks(bidsOnly)));
  assert.ok(Number.isNaN(microprice(bidsOnly)));
  assert.equal(imbalance(bidsOnly, 5), 1);
});

test('our own resting orders are not displayed liquidity and do not move the metrics', () => {
  const book = handBook();
  book.add(-1, BID, 101, 50, true);
  book.add(-2, ASK, 102, 50, true);
  assert.equal(spreadTicks(book), 2);
  assert.ok(Math.abs(microprice(book) - 101.6) < 1e-12);
  assert.ok(Math.abs(imbalance(book, 1) - 0.6) < 1e-12);
});
