import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  L2Matcher,
  L3Matcher,
  type MatchFill,
  type SubmitResult,
  type TimeInForce,
} from '../../../src/backtest/matching/index.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_TRADE,
  ASK,
  BID,
  type BookSide,
  F_LAST,
  OrderBook,
  SIDE_ASK,
  SIDE_BID,
} from '../../../src/data/book/index.js';

interface Step {
  kind: 'feedAdd' | 'feedCancel' | 'trade' | 'submit' | 'cancel' | 'modify';
  buy: boolean;
  offset: number;
  size: number;
  pick: number;
  last: boolean;
  market: boolean;
  tif: TimeInForce;
  postOnly: boolean;
  iceberg: boolean;
}

const step = fc.record<Step>({
  kind: fc.constantFrom(
    'feedAdd',
    'feedAdd',
    'feedCancel',
    'trade',
    'trade',
    'submit',
    'submit',
    'cancel',
    'modify',
  ),
  buy: fc.boolean(),
  offset: fc.integer({ min: 0, max: 12 }),
  size: fc.integer({ min: 1, max: 20 }),
  pick: fc.nat(),
  last: fc.boolean(),
  market: fc.boolean(),
  tif: fc.constantFrom<TimeInForce>('GTC', 'GTC', 'IOC', 'FOK'),
  postOnly: fc.boolean(),
  iceberg: fc.boolean(),
});

/** Feed bids rest at 88..100, asks at 101..113 (never crossed); our prices and trades span 86..115. */
const feedTick = (buy: boolean, offset: number): number => (buy ? 100 - offset : 101 + offset);
const anyTick = (offset: number, pick: number): number => 86 + ((offset * 7 + pick) % 30);

/** What each of our ids may fill: quantity cap, fills so far, current limit (NaN = market), live. */
interface Ours {
  buy: boolean;
  cap: number;
  filled: number;
  limit: number;
  live: boolean;
}

function checkFills(fills: readonly MatchFill[], ours: Map<number, Ours>): void {
  for (const f of fills) {
    const o = ours.get(f.id);
    assert.ok(o !== undefined, `fill for one of our orders (${f.id})`);
    assert.ok(o.live, `fill for a live order of ours (${f.id})`);
    assert.ok(Number.isSafeInteger(f.quantity) && f.quantity > 0);
    o.filled += f.quantity;
    assert.ok(o.filled <= o.cap, `order ${f.id} filled ${o.filled} > ${o.cap}`);
    if (f.liquidity === 'maker') assert.equal(f.tick, o.limit, 'a maker fill is at our resting price');
    else if (!Number.isNaN(o.limit))
      assert.ok(o.buy ? f.tick <= o.limit : f.tick >= o.limit, 'at or better than the limit');
  }
}

function submitStep(
  m: { submit(spec: Parameters<L3Matcher['submit']>[0]): SubmitResult },
  ours: Map<number, Ours>,
  s: Step,
  id: number,
): void {
  const market = s.market && !s.postOnly;
  const limit = market ? Number.NaN : anyTick(s.offset, s.pick);
  const tif = s.postOnly ? 'GTC' : s.tif;
  const o: Ours = { buy: s.buy, cap: s.size, filled: 0, limit, live: true };
  ours.set(id, o);
  const r = m.submit({
    id,
    side: s.buy ? 'buy' : 'sell',
    quantity: s.size,
    limitTick: market ? undefined : limit,
    timeInForce: tif,
    postOnly: s.postOnly,
    displayQuantity: s.iceberg && !market ? 1 + (s.pick % s.size) : undefined,
  });
  checkFills(r.fills, ours);
  assert.equal(r.filled + r.rested + r.canceled, s.size, 'filled + rested + canceled = quantity');
  if (tif === 'FOK') assert.ok(r.filled === 0 || r.filled === s.size);
  if (s.postOnly) assert.equal(r.filled, 0);
  if (market || tif !== 'GTC') assert.equal(r.rested, 0);
  o.live = r.rested > 0;
}

test('L3 properties: fills never exceed our quantity, at or better than the limit; ours never displayed', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
      const m = new L3Matcher();
      const mirror = new OrderBook(); // the feed alone
      const feed: number[] = [];
      const ours = new Map<number, Ours>();
      let nextFeed = 1;
      let nextOurs = -1;
      for (const s of steps) {
        let fills: readonly MatchFill[] = [];
        if (s.kind === 'feedAdd' || (s.kind === 'feedCancel' && feed.length === 0)) {
          const id = nextFeed++;
          const tick = feedTick(s.buy, s.offset);
          mirror.add(id, s.buy ? BID : ASK, tick, s.size);
          fills = m.applyMbo(ACTION_ADD, s.buy ? SIDE_BID : SIDE_ASK, tick, s.size, id, s.last ? F_LAST : 0);
          feed.push(id);
        } else if (s.kind === 'feedCancel') {
          const index = s.pick % feed.length;
          const order = mirror.order(feed[index])!;
          const size = Math.min(s.size, order.size);
          const code = order.side === BID ? SIDE_BID : SIDE_ASK;
          fills = m.applyMbo(ACTION_CANCEL, code, order.tick, size, order.id, s.last ? F_LAST : 0);
          if (size === order.size) feed.splice(index, 1);
          mirror.cancel(order.id, size);
        } else if (s.kind === 'trade') {
          fills = m.applyMbo(
            ACTION_TRADE,
            s.buy ? SIDE_BID : SIDE_ASK,
            anyTick(s.offset, s.pick),
            s.size,
            0,
            s.last ? F_LAST : 0,
          );
        } else if (s.kind === 'submit') {
          submitStep(m, ours, s, nextOurs--);
        } else {
          const live = [...ours.entries()].filter(([, o]) => o.live);
          if (live.length > 0) {
            const [id, o] = live[s.pick % live.length];
            assert.equal(m.restingQuantity(id), o.cap - o.filled);
            if (s.kind === 'cancel') {
              assert.equal(m.cancel(id), o.cap - o.filled);
              o.live = false;
            } else {
              const tick = anyTick(s.offset, s.pick + 3);
              const old = o.limit;
              o.limit = tick;
              o.cap = o.filled + s.size;
              const r = m.modify(id, tick, s.size);
              if (r.reason === 'post-only-would-cross') {
                o.limit = old;
                o.cap = o.filled + m.restingQuantity(id);
              }
              checkFills(r.fills, ours);
              o.live = r.rested > 0;
            }
          }
        }
        checkFills(fills, ours);
        for (const [id, o] of ours) {
          if (o.live && !m.has(id)) o.live = false; // filled in full
          assert.equal(m.has(id), o.live);
          assert.ok(!o.live || o.filled < o.cap);
        }
        for (const side of [BID, ASK] as BookSide[]) {
          assert.deepEqual(
            m.book.topLevels(side, 40),
            mirror.topLevels(side, 40),
            'displayed = the feed only',
          );
        }
        assert.equal(m.book.orderCount, mirror.orderCount + m.orderCount);
      }
    }),
    { numRuns: 300 },
  );
});

test('L2 properties: fills never exceed our quantity, at or better than the limit; the displayed book is the feed', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
      const m = new L2Matcher({ queueModel: steps.length % 2 === 0 ? 'proportional' : 'pessimistic' });
      const levels = new Map<string, number>();
      const ours = new Map<number, Ours>();
      let nextOurs = -1;
      for (const s of steps) {
        let fills: readonly MatchFill[] = [];
        if (s.kind === 'feedAdd' || s.kind === 'feedCancel') {
          const tick = feedTick(s.buy, s.offset);
          const size = s.kind === 'feedAdd' ? s.size : s.pick % 3 === 0 ? 0 : s.size % 7;
          levels.set(`${s.buy}:${tick}`, size);
          fills = m.applyLevel(s.buy ? 'buy' : 'sell', tick, size, s.last);
        } else if (s.kind === 'trade') {
          fills = m.applyTrade(s.buy ? 'buy' : 'sell', anyTick(s.offset, s.pick), s.size);
        } else if (s.kind === 'submit') {
          submitStep(m, ours, s, nextOurs--);
        } else {
          const live = [...ours.entries()].filter(([, o]) => o.live);
          if (live.length > 0) {
            const [id, o] = live[s.pick % live.length];
            assert.equal(m.restingQuantity(id), o.cap - o.filled);
            assert.ok(m.queueAhead(id) >= 0);
            assert.equal(m.cancel(id), o.cap - o.filled);
            o.live = false;
          }
        }
        checkFills(fills, ours);
        for (const [id, o] of ours) {
          if (o.live && !m.has(id)) o.live = false;
          assert.equal(m.has(id), o.live);
        }
        for (const [key, size] of levels) {
          const [buy, tick] = key.split(':');
          assert.equal(m.displayedSize(buy === 'true' ? 'buy' : 'sell', Number(tick)), size);
        }
      }
    }),
    { numRuns: 300 },
  );
});
