import assert from 'node:assert/strict';
import { test } from 'node:test';
import { L3Matcher, type MatchFill, NO_FILLS } from '../../../src/backtest/matching/index.js';
import { DataError } from '../../../src/core/errors.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_FILL,
  ACTION_MODIFY,
  ACTION_TRADE,
  ASK,
  BID,
  F_LAST,
  OrderBook,
  SIDE_ASK,
  SIDE_BID,
} from '../../../src/data/book/index.js';

/**
 * Bids 100 (ids 1 size 5, 2 size 3) and 99 (id 3 size 7);
 * asks 101 (ids 10 size 4, 11 size 6), 102 (id 12 size 8), 103 (id 13 size 5).
 */
function sample(): L3Matcher {
  const book = new OrderBook();
  book.add(1, BID, 100, 5);
  book.add(2, BID, 100, 3);
  book.add(3, BID, 99, 7);
  book.add(10, ASK, 101, 4);
  book.add(11, ASK, 101, 6);
  book.add(12, ASK, 102, 8);
  book.add(13, ASK, 103, 5);
  return new L3Matcher(book);
}

const fill = (id: number, tick: number, quantity: number, liquidity: 'maker' | 'taker'): MatchFill => ({
  id,
  tick,
  quantity,
  liquidity,
});

/** Feed trade: aggressor side code, price, size; `last` ends the batch. */
function trade(
  m: L3Matcher,
  aggressor: number,
  tick: number,
  size: number,
  last = true,
): readonly MatchFill[] {
  return m.applyMbo(ACTION_TRADE, aggressor, tick, size, 0, last ? F_LAST : 0);
}

function displayed(m: L3Matcher): string {
  const side = (s: typeof BID | typeof ASK) =>
    m.book
      .topLevels(s, 10)
      .map((l) => `${l.tick}x${l.size}`)
      .join(' ');
  return `${side(BID)} | ${side(ASK)}`;
}

test('a market buy walks three levels with partial fills; VWAP; the feed book is unchanged', () => {
  const m = sample();
  const before = displayed(m);
  const r = m.submit({ id: -1, side: 'buy', quantity: 20 });
  assert.deepEqual(r.fills, [
    fill(-1, 101, 10, 'taker'),
    fill(-1, 102, 8, 'taker'),
    fill(-1, 103, 2, 'taker'),
  ]);
  assert.deepEqual(
    { filled: r.filled, rested: r.rested, canceled: r.canceled, reason: r.reason },
    {
      filled: 20,
      rested: 0,
      canceled: 0,
      reason: undefined,
    },
  );
  const vwap = r.fills.reduce((s, f) => s + f.tick * f.quantity, 0) / r.filled;
  assert.equal(vwap, (101 * 10 + 102 * 8 + 103 * 2) / 20); // 101.6
  assert.equal(vwap, 101.6);
  assert.equal(displayed(m), before, 'our fills do not remove the feed orders');
  assert.equal(m.consumed('sell', 101), 10);
  assert.equal(m.consumed('sell', 103), 2);
  assert.equal(m.orderCount, 0);
});

test('a market order larger than the book: the remainder is canceled with a reason', () => {
  const m = sample();
  const r = m.submit({ id: -1, side: 'sell', quantity: 20 });
  assert.deepEqual(r.fills, [fill(-1, 100, 8, 'taker'), fill(-1, 99, 7, 'taker')]);
  assert.equal(r.canceled, 5);
  assert.equal(r.reason, 'market-no-liquidity');
  assert.equal(m.orderCount, 0);
  // A market FOK gets nothing when the book cannot fill it.
  const fok = sample().submit({ id: -2, side: 'sell', quantity: 16, timeInForce: 'FOK' });
  assert.deepEqual([fok.filled, fok.canceled, fok.reason], [0, 16, 'fok-not-fillable']);
});

test('a marketable limit fills up to its limit and the remainder rests (not displayed)', () => {
  const m = sample();
  const r = m.submit({ id: -1, side: 'buy', quantity: 25, limitTick: 102 });
  assert.deepEqual(r.fills, [fill(-1, 101, 10, 'taker'), fill(-1, 102, 8, 'taker')]);
  assert.equal(r.rested, 7);
  assert.equal(r.canceled, 0);
  assert.equal(m.restingQuantity(-1), 7);
  assert.equal(m.tickOf(-1), 102);
  assert.equal(m.queueAhead(-1), 0);
  assert.deepEqual(m.book.bestBid(), { tick: 100, size: 8, count: 2 }, 'ours is never displayed');
  // The asks it took stay consumed: no crossing fill at the end of the next batch.
  assert.equal(m.applyMbo(ACTION_ADD, SIDE_BID, 98, 1, 50, F_LAST), NO_FILLS);
  // New size at 102 joins behind the consumed lots: our resting buy crosses it and takes it.
  const crossing = m.applyMbo(ACTION_ADD, SIDE_ASK, 102, 3, 51, F_LAST);
  assert.deepEqual(crossing, [fill(-1, 102, 3, 'maker')]);
  assert.equal(m.restingQuantity(-1), 4);
});

test('post-only: a limit that would take is canceled whole, one that would not rests', () => {
  const m = sample();
  const r = m.submit({ id: -1, side: 'buy', quantity: 5, limitTick: 101, postOnly: true });
  assert.deepEqual(
    [r.fills.length, r.filled, r.rested, r.canceled, r.reason],
    [0, 0, 0, 5, 'post-only-would-cross'],
  );
  assert.equal(m.consumed('sell', 101), 0);
  const ok = m.submit({ id: -1, side: 'buy', quantity: 5, limitTick: 100, postOnly: true });
  assert.deepEqual([ok.filled, ok.rested, ok.canceled, ok.reason], [0, 5, 0, undefined]);
  assert.equal(m.queueAhead(-1), 8);
  // A post-only order whose price is only crossed by liquidity we already consumed may rest.
  const m2 = sample();
  m2.submit({ id: -2, side: 'buy', quantity: 10 });
  const rests = m2.submit({ id: -3, side: 'buy', quantity: 2, limitTick: 101, postOnly: true });
  assert.equal(rests.rested, 2);
});

test('FOK is all or nothing (checked first); IOC cancels the remainder', () => {
  const m = sample();
  const no = m.submit({ id: -1, side: 'buy', quantity: 19, limitTick: 102, timeInForce: 'FOK' });
  assert.deepEqual([no.fills.length, no.canceled, no.reason], [0, 19, 'fok-not-fillable']);
  assert.equal(m.consumed('sell', 101), 0, 'a killed FOK consumes nothing');
  const yes = m.submit({ id: -2, side: 'buy', quantity: 18, limitTick: 102, timeInForce: 'FOK' });
  assert.deepEqual(yes.fills, [fill(-2, 101, 10, 'taker'), fill(-2, 102, 8, 'taker')]);
  const ioc = sample().submit({ id: -3, side: 'buy', quantity: 15, limitTick: 101, timeInForce: 'IOC' });
  assert.deepEqual(ioc.fills, [fill(-3, 101, 10, 'taker')]);
  assert.deepEqual([ioc.rested, ioc.canceled, ioc.reason], [0, 5, 'ioc-remainder']);
});

test('no double counting: two market orders in a row take different liquidity', () => {
  const m = sample();
  assert.deepEqual(m.submit({ id: -1, side: 'buy', quantity: 6 }).fills, [fill(-1, 101, 6, 'taker')]);
  assert.deepEqual(m.submit({ id: -2, side: 'buy', quantity: 6 }).fills, [
    fill(-2, 101, 4, 'taker'),
    fill(-2, 102, 2, 'taker'),
  ]);
  assert.equal(m.consumed('sell', 101), 10);
  assert.equal(m.book.bestAsk()?.size, 10, 'the displayed book still shows the feed');
});

test('the overlay is capped when the feed shrinks the level and cleared when it empties', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 10 }); // all of 101
  m.applyMbo(ACTION_CANCEL, SIDE_ASK, 101, 4, 10, F_LAST); // level 101: 6 left, all consumed by us
  assert.equal(m.consumed('sell', 101), 6);
  m.applyMbo(ACTION_ADD, SIDE_ASK, 101, 3, 20, F_LAST); // new lots join behind: available
  assert.equal(m.consumed('sell', 101), 6);
  assert.deepEqual(m.submit({ id: -2, side: 'buy', quantity: 3, limitTick: 101 }).fills, [
    fill(-2, 101, 3, 'taker'),
  ]);
  m.applyMbo(ACTION_CANCEL, SIDE_ASK, 101, 6, 11, 0);
  m.applyMbo(ACTION_MODIFY, SIDE_ASK, 101, 1, 20, F_LAST); // level 101 shrinks to 1: overlay capped to 1
  assert.equal(m.consumed('sell', 101), 1);
  m.applyMbo(ACTION_CANCEL, SIDE_ASK, 101, 1, 20, F_LAST); // level gone: overlay cleared
  assert.equal(m.consumed('sell', 101), 0);
  m.applyMbo(ACTION_ADD, SIDE_ASK, 101, 5, 21, F_LAST);
  assert.deepEqual(m.submit({ id: -3, side: 'buy', quantity: 5 }).fills, [fill(-3, 101, 5, 'taker')]);
});

test('L3 queue: behind 5 lots, a trade of 3 fills nothing, then a trade of 4 fills 2 of ours', () => {
  const book = new OrderBook();
  book.add(1, BID, 100, 5);
  book.add(10, ASK, 101, 9);
  const m = new L3Matcher(book);
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 100 });
  book.add(2, BID, 100, 6); // a feed order behind ours
  assert.equal(m.queueAhead(-1), 5);
  // CME batch: T (aggressor A = seller), F of the resting order, then the C that shrinks it.
  assert.equal(trade(m, SIDE_ASK, 100, 3, false), NO_FILLS);
  assert.equal(m.applyMbo(ACTION_FILL, SIDE_BID, 100, 3, 1, 0), NO_FILLS);
  assert.equal(m.applyMbo(ACTION_CANCEL, SIDE_BID, 100, 3, 1, F_LAST), NO_FILLS);
  assert.equal(m.queueAhead(-1), 2);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 4), [fill(-1, 100, 2, 'maker')]);
  assert.equal(m.restingQuantity(-1), 2);
  assert.equal(m.book.bestBid()?.size, 8, 'the feed book is not altered by our fill');
  // A buyer lifting the offer does not touch our bid.
  assert.equal(trade(m, SIDE_BID, 101, 5), NO_FILLS);
});

test('several trades in one batch do not reuse the feed volume ahead of us', () => {
  const book = new OrderBook();
  book.add(1, BID, 100, 5);
  const m = new L3Matcher(book);
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 100 });
  assert.equal(trade(m, SIDE_ASK, 100, 3, false), NO_FILLS);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 4, false), [fill(-1, 100, 2, 'maker')]);
  // The C rows remove the 5 traded feed lots; a later trade of 2 in the batch then fills ours.
  m.applyMbo(ACTION_CANCEL, SIDE_BID, 100, 5, 1, 0);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 2), [fill(-1, 100, 2, 'maker')]);
  assert.equal(m.has(-1), false);
});

test('trade-through: a sell printing below our bid fills it in full at our price', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 100 });
  m.submit({ id: -2, side: 'sell', quantity: 3, limitTick: 102 });
  assert.deepEqual(trade(m, SIDE_ASK, 99, 1), [fill(-1, 100, 4, 'maker')]);
  assert.deepEqual(trade(m, SIDE_BID, 103, 1), [fill(-2, 102, 3, 'maker')]);
  assert.equal(m.orderCount, 0);
});

test('an auction print (side N) fills both sides: through our price in full, at it by queue', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 2, limitTick: 100 });
  m.submit({ id: -2, side: 'sell', quantity: 2, limitTick: 101 });
  m.submit({ id: -3, side: 'buy', quantity: 1, limitTick: 99 });
  // At 101 the ask queue holds 10 ahead of ours: 12 - 10 = 2 reach it. Our bids are below 101.
  assert.deepEqual(m.applyMbo(ACTION_TRADE, 78, 101, 12, 0, F_LAST), [fill(-2, 101, 2, 'maker')]);
  // A print at 99 is below our bid at 100 (through: in full) and at our bid at 99 (queue: 7 ahead).
  assert.deepEqual(m.applyMbo(ACTION_TRADE, 78, 99, 8, 0, F_LAST), [
    fill(-1, 100, 2, 'maker'),
    fill(-3, 99, 1, 'maker'),
  ]);
});

test('crossing without a trade: at the end of the batch ours takes the crossing displayed size', () => {
  const book = new OrderBook();
  book.add(1, BID, 99, 5);
  book.add(10, ASK, 101, 9);
  const m = new L3Matcher(book);
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 100 }); // alone at 100, above the feed's bid
  assert.equal(m.applyMbo(ACTION_ADD, SIDE_ASK, 100, 3, 20, 0), NO_FILLS, 'waits for the end of the batch');
  assert.deepEqual(m.applyMbo(ACTION_ADD, SIDE_BID, 98, 1, 21, F_LAST), [fill(-1, 100, 3, 'maker')]);
  assert.equal(m.restingQuantity(-1), 1);
  assert.equal(m.consumed('sell', 100), 3);
  // A crossed feed book (pre-open) does not match: no crossing fill.
  m.applyMbo(ACTION_ADD, SIDE_BID, 100, 2, 22, 0);
  assert.equal(m.applyMbo(ACTION_ADD, SIDE_ASK, 100, 2, 23, F_LAST), NO_FILLS);
});

test('iceberg: only the tranche queues; when it fills the next tranche joins at the back', () => {
  const book = new OrderBook();
  book.add(10, ASK, 101, 9);
  const m = new L3Matcher(book);
  const r = m.submit({ id: -1, side: 'buy', quantity: 6, limitTick: 100, displayQuantity: 2 });
  assert.equal(r.rested, 6);
  m.applyMbo(ACTION_ADD, SIDE_BID, 100, 5, 1, F_LAST); // feed order behind our tranche
  assert.equal(m.queuedQuantity(-1), 2);
  assert.equal(m.queueAhead(-1), 0);
  assert.equal(m.book.levels(BID).get(100)?.oursSize, 2);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 2), [fill(-1, 100, 2, 'maker')]);
  assert.equal(m.restingQuantity(-1), 4);
  assert.equal(m.queuedQuantity(-1), 2);
  assert.equal(m.queueAhead(-1), 5, 'the new tranche is behind the feed order');
  assert.equal(trade(m, SIDE_ASK, 100, 3), NO_FILLS);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 7), [fill(-1, 100, 2, 'maker')], '7 - 5 ahead = 2, one tranche');
  assert.equal(m.restingQuantity(-1), 2);
});

test('modify: a decrease keeps the place, an increase or a new price goes to the back', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 100 });
  m.applyMbo(ACTION_ADD, SIDE_BID, 100, 2, 4, F_LAST);
  assert.equal(m.queueAhead(-1), 8);
  assert.deepEqual(m.modify(-1, 100, 3), { fills: [], filled: 0, rested: 3, canceled: 0 });
  assert.equal(m.queueAhead(-1), 8);
  m.modify(-1, 100, 5);
  assert.equal(m.queueAhead(-1), 10);
  m.modify(-1, 99, 5);
  assert.equal(m.queueAhead(-1), 7);
  // To a marketable price: takes first, the rest rests at the new price.
  const r = m.modify(-1, 101, 12);
  assert.deepEqual(r.fills, [fill(-1, 101, 10, 'taker')]);
  assert.deepEqual([r.rested, m.restingQuantity(-1), m.tickOf(-1)], [2, 2, 101]);
  // A post-only order cannot be modified into the spread's other side: rejected, unchanged.
  m.submit({ id: -2, side: 'sell', quantity: 1, limitTick: 103, postOnly: true });
  const rejected = m.modify(-2, 100, 1);
  assert.deepEqual([rejected.filled, rejected.rested, rejected.reason], [0, 1, 'post-only-would-cross']);
  assert.equal(m.tickOf(-2), 103);
  assert.equal(m.cancel(-2), 1);
  assert.equal(m.has(-2), false);
});

test('a feed clear (R) keeps our resting orders in their queue order', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 1, limitTick: 100 });
  m.submit({ id: -2, side: 'buy', quantity: 2, limitTick: 100 });
  m.applyMbo(ACTION_CLEAR, 78, Number.NaN, 0, 0, F_LAST);
  assert.equal(m.book.bestBid(), undefined);
  assert.deepEqual([m.queueAhead(-1), m.queueAhead(-2)], [0, 1]);
  m.applyMbo(ACTION_ADD, SIDE_BID, 100, 5, 1, F_LAST);
  assert.deepEqual(trade(m, SIDE_ASK, 100, 2), [fill(-1, 100, 1, 'maker'), fill(-2, 100, 1, 'maker')]);
});

test('bad input throws RangeErrors naming the field', () => {
  const m = sample();
  const throwsField = (f: () => unknown, field: string) =>
    assert.throws(f, (e: unknown) => e instanceof RangeError && e.message.startsWith(field));
  throwsField(() => m.submit({ id: 1, side: 'buy', quantity: 1 }), 'id');
  throwsField(() => m.submit({ id: -1.5, side: 'buy', quantity: 1 }), 'id');
  throwsField(() => m.submit({ id: -1, side: 'buy', quantity: 0 }), 'quantity');
  throwsField(() => m.submit({ id: -1, side: 'buy', quantity: 1.5 }), 'quantity');
  throwsField(() => m.submit({ id: -1, side: 'buy', quantity: 2, limitTick: 100.5 }), 'limitTick');
  throwsField(
    () => m.submit({ id: -1, side: 'buy', quantity: 2, limitTick: 99, displayQuantity: 3 }),
    'displayQuantity',
  );
  throwsField(() => m.submit({ id: -1, side: 'buy', quantity: 2, postOnly: true }), 'postOnly');
  m.submit({ id: -1, side: 'buy', quantity: 2, limitTick: 99 });
  assert.throws(
    () => m.submit({ id: -1, side: 'buy', quantity: 2, limitTick: 99 }),
    /id -1 is already a live order/,
  );
  throwsField(() => m.cancel(-7), 'id');
  throwsField(() => m.modify(-7, 99, 1), 'id');
  throwsField(() => m.modify(-1, 99, -1), 'quantity');
  throwsField(() => m.restingQuantity(-7), 'id');
  throwsField(() => m.applyMbo(0, SIDE_BID, 99, 1, 5, 0), 'action');
});

test('inconsistent feed rows throw the book DataError with their location', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 1, limitTick: 99 });
  const where = { file: 'feed.csv', line: 7 };
  assert.throws(
    () => m.applyMbo(ACTION_CANCEL, SIDE_BID, 100, 1, 999, 0, where),
    (e: unknown) => e instanceof DataError && e.line === 7 && /no resting order 999/.test(e.message),
  );
  assert.throws(
    () => m.applyMbo(ACTION_CANCEL, SIDE_BID, 99, 1, -1, 0, where),
    (e: unknown) => e instanceof DataError && /our own order -1/.test(e.message),
  );
  assert.throws(
    () => m.applyMbo(ACTION_CANCEL, SIDE_ASK, 100, 1, 1, 0, where),
    (e: unknown) => e instanceof DataError && /other side/.test(e.message),
  );
  assert.equal(m.restingQuantity(-1), 1);
});
