import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  L2Matcher,
  type MatchFill,
  NO_FILLS,
  type QueueModel,
} from '../../../src/backtest/matching/index.js';
import { walkBook } from '../../../src/data/book/index.js';

const fill = (id: number, tick: number, quantity: number, liquidity: 'maker' | 'taker'): MatchFill => ({
  id,
  tick,
  quantity,
  liquidity,
});

/** Bids 100x8, 99x7; asks 101x10, 102x8, 103x5. */
function sample(queueModel?: QueueModel): L2Matcher {
  const m = new L2Matcher({ queueModel });
  m.applyLevel('buy', 100, 8, false);
  m.applyLevel('buy', 99, 7, false);
  m.applyLevel('sell', 101, 10, false);
  m.applyLevel('sell', 102, 8, false);
  m.applyLevel('sell', 103, 5);
  return m;
}

test('L2: a market buy walks the levels like walkBook; the displayed book is unchanged', () => {
  const m = sample();
  const walk = walkBook(m.book, 'buy', 20);
  const r = m.submit({ id: -1, side: 'buy', quantity: 20 });
  assert.deepEqual(r.fills, [
    fill(-1, 101, 10, 'taker'),
    fill(-1, 102, 8, 'taker'),
    fill(-1, 103, 2, 'taker'),
  ]);
  assert.deepEqual(
    r.fills.map((f) => [f.tick, f.quantity]),
    walk.fills.map((f) => [f.tick, f.quantity]),
  );
  assert.equal(m.displayedSize('sell', 101), 10);
  // Double counting: the next market buy starts where the first stopped.
  assert.deepEqual(m.submit({ id: -2, side: 'buy', quantity: 4 }).fills, [fill(-2, 103, 3, 'taker')]);
  // A level update caps the overlay: 101 drops to 4 (all consumed), then grows by 6 (available).
  m.applyLevel('sell', 101, 4);
  assert.equal(m.consumed('sell', 101), 4);
  m.applyLevel('sell', 101, 10);
  assert.deepEqual(m.submit({ id: -3, side: 'buy', quantity: 7, limitTick: 101, timeInForce: 'IOC' }).fills, [
    fill(-3, 101, 6, 'taker'),
  ]);
  m.applyLevel('sell', 101, 0);
  assert.equal(m.consumed('sell', 101), 0, 'a deleted level clears the overlay');
});

test('L2: post-only, FOK, IOC and a resting remainder', () => {
  const m = sample();
  assert.equal(
    m.submit({ id: -1, side: 'sell', quantity: 1, limitTick: 100, postOnly: true }).reason,
    'post-only-would-cross',
  );
  const fok = m.submit({ id: -2, side: 'sell', quantity: 16, limitTick: 99, timeInForce: 'FOK' });
  assert.deepEqual([fok.filled, fok.canceled, fok.reason], [0, 16, 'fok-not-fillable']);
  const gtc = m.submit({ id: -3, side: 'sell', quantity: 10, limitTick: 100 });
  assert.deepEqual(gtc.fills, [fill(-3, 100, 8, 'taker')]);
  assert.deepEqual([gtc.rested, m.queueAhead(-3)], [2, 0]);
});

test('L2 queue estimate: proportional vs pessimistic cancels, with numbers', () => {
  const run = (model: QueueModel) => {
    const m = sample(model);
    m.submit({ id: -1, side: 'buy', quantity: 3, limitTick: 100 }); // joins behind 8
    assert.equal(m.queueAhead(-1), 8);
    m.applyLevel('buy', 100, 16); // 8 more join behind us
    assert.equal(m.queueAhead(-1), 8);
    m.applyLevel('buy', 100, 12); // a cancel of 4 not explained by a trade
    const afterCancel = m.queueAhead(-1);
    const fills = m.applyTrade('sell', 100, 7);
    const afterTrade = m.queueAhead(-1);
    m.applyLevel('buy', 100, 5); // the trade's 7 leave the level: explained, no more change
    return { m, afterCancel, fills, afterTrade, afterUpdate: m.queueAhead(-1) };
  };
  const p = run('proportional');
  assert.equal(p.afterCancel, 6); // 8 - 8 x 4 / 16
  assert.deepEqual(p.fills, [fill(-1, 100, 1, 'maker')]); // 7 - 6 ahead = 1
  assert.deepEqual([p.afterTrade, p.afterUpdate, p.m.restingQuantity(-1)], [0, 0, 2]);
  const q = run('pessimistic');
  assert.equal(q.afterCancel, 8);
  assert.equal(q.fills, NO_FILLS);
  assert.deepEqual([q.afterTrade, q.afterUpdate], [1, 1]);
  // Pessimistic: ahead never exceeds the level size.
  q.m.applyLevel('buy', 100, 4); // a cancel of 1: ahead stays 1 (<= 4)
  assert.equal(q.m.queueAhead(-1), 1);
  q.m.applyLevel('buy', 100, 0);
  assert.equal(q.m.queueAhead(-1), 0);
  assert.deepEqual(q.m.applyTrade('sell', 100, 1), [fill(-1, 100, 1, 'maker')]);
});

test('L2: fractional estimates fill whole lots only', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 5, limitTick: 99 }); // behind 7
  m.applyLevel('buy', 99, 4); // cancel 3 of 7: ahead 7 - 7 x 3 / 7 = 4
  assert.equal(m.queueAhead(-1), 4);
  m.applyLevel('buy', 99, 8);
  m.applyLevel('buy', 99, 5); // cancel 3 of 8: ahead 4 - 4 x 3 / 8 = 2.5
  assert.equal(m.queueAhead(-1), 2.5);
  assert.deepEqual(m.applyTrade('sell', 99, 4), [fill(-1, 99, 1, 'maker')]); // 1.5 passes: 1 lot
});

test('L2: two of ours at one level are served in joining order', () => {
  const m = sample();
  m.submit({ id: -1, side: 'sell', quantity: 2, limitTick: 102 }); // behind 8
  m.applyLevel('sell', 102, 11);
  m.submit({ id: -2, side: 'sell', quantity: 3, limitTick: 102 }); // behind 11 feed + our 2
  assert.deepEqual([m.queueAhead(-1), m.queueAhead(-2)], [8, 13]);
  // 15 lots: 8 feed, our 2, 3 feed, then 2 of our 3.
  assert.deepEqual(m.applyTrade('buy', 102, 15), [fill(-1, 102, 2, 'maker'), fill(-2, 102, 2, 'maker')]);
});

test('L2: trade-through, crossing at the end of a batch, iceberg refill to the back', () => {
  const m = sample();
  m.submit({ id: -1, side: 'buy', quantity: 4, limitTick: 99 });
  assert.deepEqual(m.applyTrade('sell', 98, 1), [fill(-1, 99, 4, 'maker')]);
  m.submit({ id: -2, side: 'sell', quantity: 5, limitTick: 102 });
  m.applyLevel('sell', 101, 0, false);
  m.applyLevel('sell', 102, 0, false); // ours is alone at 102 now
  m.applyLevel('buy', 102, 3, false); // a bid crosses our offer (mid-batch: nothing yet)
  assert.equal(m.book.isCrossed(), false, 'the feed book itself is not crossed (best ask 103)');
  assert.deepEqual(m.endBatch(), [fill(-2, 102, 3, 'maker')]);
  assert.deepEqual([m.restingQuantity(-2), m.consumed('buy', 102)], [2, 3]);
  m.applyLevel('sell', 102, 0);
  const ice = new L2Matcher();
  ice.applyLevel('buy', 100, 4);
  ice.submit({ id: -9, side: 'buy', quantity: 5, limitTick: 100, displayQuantity: 2 });
  assert.deepEqual([ice.queueAhead(-9), ice.queuedQuantity(-9), ice.restingQuantity(-9)], [4, 2, 5]);
  assert.deepEqual(ice.applyTrade('sell', 100, 6), [fill(-9, 100, 2, 'maker')]);
  // The next tranche joins the back: the level shows 4 until its update, less the 6 traded: 0.
  assert.deepEqual([ice.queueAhead(-9), ice.queuedQuantity(-9)], [0, 2]);
  ice.applyLevel('buy', 100, 3); // new size joined behind
  assert.equal(ice.queueAhead(-9), 0);
  assert.deepEqual(ice.applyTrade('sell', 100, 1), [fill(-9, 100, 1, 'maker')]);
});

test('L2: bad input throws RangeErrors naming the field', () => {
  const m = sample();
  assert.throws(() => m.applyLevel('buy', 100, -1), /^RangeError: size/);
  assert.throws(() => m.applyLevel('buy', 100.5, 1), /^RangeError: tick/);
  assert.throws(() => m.applyTrade('buy', 100, 0), /^RangeError: size/);
  assert.throws(() => m.cancel(-5), /^RangeError: id/);
  assert.throws(() => new L2Matcher({ queueModel: 'optimistic' as QueueModel }), /^RangeError: queueModel/);
});
