/**
 * L3Matcher on the real CME ES MBO file (data/esh4-mbo-20231225.csv.gz): market orders fill like
 * walkBook at several points of the replay and leave the feed's book alone; a limit order of ours
 * joined at the touch fills exactly when the traded volume at its price exceeds what was ahead of
 * it (expectation computed here from the raw rows, independently of the matcher's queue walk).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { L3Matcher, type MatchFill } from '../../../src/backtest/matching/index.js';
import {
  ACTION_CANCEL,
  ACTION_MODIFY,
  ACTION_TRADE,
  ASK,
  BID,
  type BookSide,
  F_LAST,
  type MboEvents,
  OrderBook,
  readMboCsv,
  replayMbo,
  SIDE_ASK,
  SIDE_BID,
  walkBook,
} from '../../../src/data/book/index.js';

const FILE = fileURLToPath(new URL('../../../data/esh4-mbo-20231225.csv.gz', import.meta.url));
let events: MboEvents;
let firstTrade = -1;

before(async () => {
  events = await readMboCsv(FILE);
  for (let i = 0; i < events.length && firstTrade < 0; i++)
    if (events.action[i] === ACTION_TRADE) firstTrade = i;
});

/** The first batch end (F_LAST row) at or after row `i`. */
function batchEndFrom(i: number): number {
  while ((events.flags[i] & F_LAST) === 0) i++;
  return i;
}

/** Feeds rows [from, to) to the matcher; returns [row, fill] pairs. */
function feed(m: L3Matcher, from: number, to: number, stopOnFill = false): Array<[number, MatchFill]> {
  const out: Array<[number, MatchFill]> = [];
  const { action, side, priceTicks, size, orderId, flags } = events;
  for (let i = from; i < to; i++) {
    const fills = m.applyMbo(action[i], side[i], priceTicks[i], size[i], orderId[i], flags[i]);
    for (const f of fills) out.push([i, f]);
    if (stopOnFill && fills.length > 0) break;
  }
  return out;
}

function plainBook(to: number): OrderBook {
  const book = new OrderBook();
  replayMbo(book, events, { to, crossCheck: 'never' });
  return book;
}

const POINTS = [15_000, 25_000, 35_000, 45_000, 55_000, 68_000];

test('market orders of several sizes fill like walkBook (levels and VWAP) and leave the feed book unchanged', () => {
  for (const point of POINTS) {
    const end = batchEndFrom(point);
    const m = new L3Matcher();
    feed(m, 0, end + 1);
    const plain = plainBook(end + 1);
    for (const side of [BID, ASK] as BookSide[])
      assert.deepEqual(m.book.topLevels(side, 50), plain.topLevels(side, 50));
    for (const dir of ['buy', 'sell'] as const) {
      let total = 0;
      let id = dir === 'buy' ? -1 : -101;
      for (const quantity of [1, 7, 40, 150]) {
        // Consecutive orders take consecutive liquidity: order k fills walk(total k) − walk(total k−1).
        const before = walkBook(plain, dir, total === 0 ? 1 : total);
        const after = walkBook(plain, dir, total + quantity);
        const expected = new Map<number, number>();
        for (const f of after.fills) expected.set(f.tick, f.quantity);
        if (total > 0) for (const f of before.fills) expected.set(f.tick, expected.get(f.tick)! - f.quantity);
        const r = m.submit({ id: id--, side: dir, quantity });
        const got = r.fills.map((f) => [f.tick, f.quantity]);
        const want = [...expected].filter(([, q]) => q > 0);
        assert.deepEqual(got, want, `${dir} ${quantity} at row ${end}`);
        assert.equal(r.filled, quantity);
        const vwap = r.fills.reduce((s, f) => s + f.tick * f.quantity, 0) / r.filled;
        const wantVwap =
          (after.averageTicks * (total + quantity) - (total > 0 ? before.averageTicks * total : 0)) /
          quantity;
        assert.ok(Math.abs(vwap - wantVwap) < 1e-6, `VWAP ${vwap} vs ${wantVwap}`);
        assert.ok(r.fills.every((f) => f.liquidity === 'taker'));
        total += quantity;
      }
      // The first order alone fills exactly like walkBook on the untouched book.
      const fresh = new L3Matcher(plainBook(end + 1));
      const walk = walkBook(plain, dir, 40);
      const r = fresh.submit({ id: -500, side: dir, quantity: 40 });
      assert.deepEqual(
        r.fills.map((f) => [f.tick, f.quantity]),
        walk.fills.map((f) => [f.tick, f.quantity]),
      );
      assert.ok(
        Math.abs(r.fills.reduce((s, f) => s + f.tick * f.quantity, 0) / 40 - walk.averageTicks) < 1e-9,
      );
    }
    for (const side of [BID, ASK] as BookSide[]) {
      assert.deepEqual(m.book.topLevels(side, 50), plain.topLevels(side, 50), 'the feed book is unchanged');
    }
    assert.equal(m.book.orderCount, plain.orderCount);
  }
});

interface Expected {
  row: number;
  quantity: number;
  rule: 'queue' | 'through' | 'cross';
}

/**
 * Independent model of our order joined at the back of (side, tick) after row `start − 1`: the
 * feed orders then resting there (ids and sizes) are ahead; C shrinks them, M that moves or grows
 * one sends it behind us. A trade against our side at our price fills us by what exceeds the size
 * still ahead (less volume already traded there in the same batch); through our price, in full;
 * the displayed opposite crossing our price at a batch end, up to its size.
 */
function expectFirstFill(
  start: number,
  side: BookSide,
  tick: number,
  quantity: number,
): Expected | undefined {
  const book = plainBook(start);
  const ahead = new Map<number, number>();
  for (let node = book.levels(side).get(tick)!.head; node !== null; node = node.next)
    ahead.set(node.id, node.size);
  const hitBy = side === BID ? SIDE_ASK : SIDE_BID;
  let batchTraded = 0;
  for (let i = start; i < events.length; i++) {
    replayMbo(book, events, { from: i, to: i + 1, crossCheck: 'never' });
    const id = events.orderId[i];
    const a = events.action[i];
    if (a === ACTION_CANCEL && ahead.has(id)) {
      const left = ahead.get(id)! - events.size[i];
      batchTraded = Math.max(0, batchTraded - events.size[i]);
      if (left > 0) ahead.set(id, left);
      else ahead.delete(id);
    } else if (a === ACTION_MODIFY && ahead.has(id)) {
      const old = ahead.get(id)!;
      if (events.priceTicks[i] !== tick || events.size[i] > old) {
        ahead.delete(id);
        batchTraded = Math.max(0, batchTraded - old);
      } else {
        ahead.set(id, events.size[i]);
        batchTraded = Math.max(0, batchTraded - (old - events.size[i]));
      }
    } else if (a === ACTION_TRADE && (events.side[i] === hitBy || events.side[i] === 78)) {
      const t = events.priceTicks[i];
      if (side === BID ? t < tick : t > tick) return { row: i, quantity, rule: 'through' };
      if (t === tick) {
        let before = 0;
        for (const s of ahead.values()) before += s;
        const passing = events.size[i] - (before - batchTraded);
        if (passing > 0) return { row: i, quantity: Math.min(quantity, passing), rule: 'queue' };
        batchTraded += events.size[i];
      }
    }
    if ((events.flags[i] & F_LAST) !== 0) {
      batchTraded = 0;
      const opposite = side === BID ? book.bestAsk() : book.bestBid();
      if (
        !book.isCrossed() &&
        opposite !== undefined &&
        (side === BID ? opposite.tick <= tick : opposite.tick >= tick)
      ) {
        let size = 0;
        for (const level of book.topLevels(side === BID ? ASK : BID, 50)) {
          if (side === BID ? level.tick <= tick : level.tick >= tick) size += level.size;
        }
        return { row: i, quantity: Math.min(quantity, size), rule: 'cross' };
      }
    }
  }
  return undefined;
}

test('a limit order of ours at the touch fills exactly when the traded volume there exceeds what was ahead', () => {
  const rules = new Map<string, number>();
  for (const point of [firstTrade + 500, ...POINTS.slice(0, 5), 60_000, 62_000, 64_000]) {
    for (const side of [BID, ASK] as BookSide[]) {
      const end = batchEndFrom(point);
      const m = new L3Matcher();
      feed(m, 0, end + 1);
      const touch = side === BID ? m.book.bestBid()! : m.book.bestAsk()!;
      const quantity = 5;
      const r = m.submit({ id: -1, side: side === BID ? 'buy' : 'sell', quantity, limitTick: touch.tick });
      assert.equal(r.rested, quantity);
      assert.equal(m.queueAhead(-1), touch.size, 'joins behind the displayed size');
      const expected = expectFirstFill(end + 1, side, touch.tick, quantity);
      const got = feed(m, end + 1, events.length, true);
      if (expected === undefined) {
        assert.equal(got.length, 0, `no fill expected after row ${end}`);
        continue;
      }
      rules.set(expected.rule, (rules.get(expected.rule) ?? 0) + 1);
      assert.ok(got.length > 0, `expected a fill at line ${events.line[expected.row]}`);
      const [row, fill] = got[0];
      assert.equal(events.line[row], events.line[expected.row], `first fill line (${expected.rule})`);
      assert.deepEqual(fill, { id: -1, tick: touch.tick, quantity: expected.quantity, liquidity: 'maker' });
    }
  }
  assert.ok((rules.get('queue') ?? 0) >= 3, `the queue rule decided several cases: ${[...rules]}`);
});
