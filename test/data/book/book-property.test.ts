import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ASK, BID, type BookSide, OrderBook, type RestingOrder } from '../../../src/data/book/index.js';

interface Command {
  kind: 'add' | 'cancel' | 'modify';
  pick: number;
  side: BookSide;
  offset: number;
  size: number;
  ours: boolean;
}

const command = fc.record<Command>({
  kind: fc.constantFrom('add', 'add', 'cancel', 'modify'),
  pick: fc.nat(),
  side: fc.constantFrom(BID, ASK),
  offset: fc.integer({ min: 0, max: 12 }),
  size: fc.integer({ min: 1, max: 20 }),
  ours: fc.boolean(),
});

/** Bids rest at ticks 88..100 and asks at 101..113: the inputs never cross. */
const tickOf = (side: BookSide, offset: number): number => (side === BID ? 100 - offset : 101 + offset);

/** Applies a command; the model is the list of live order ids. Returns nothing, mutates both. */
function apply(book: OrderBook, live: number[], c: Command, nextId: () => number): void {
  if (c.kind === 'add' || live.length === 0) {
    const id = nextId();
    book.add(id, c.side, tickOf(c.side, c.offset), c.size, c.ours);
    live.push(id);
    return;
  }
  const index = c.pick % live.length;
  const id = live[index];
  const order = book.order(id)!;
  if (c.kind === 'cancel') {
    const before = order.size;
    const amount = c.pick % 2 === 0 ? before : 1 + (c.size % before);
    book.cancel(id, amount);
    if (amount === before) live.splice(index, 1);
    assert.equal(book.order(id)?.size, amount === before ? undefined : before - amount);
  } else {
    book.modify(id, c.pick % 3 === 0 ? order.tick : tickOf(order.side, c.offset), c.size);
  }
}

function checkInvariants(book: OrderBook, live: number[]): void {
  assert.equal(book.orderCount, live.length);
  for (const side of [BID, ASK] as const) {
    const levels = book.levels(side);
    let previous = Number.NaN;
    let seen = 0;
    for (let rank = 0; rank < levels.depth; rank++) {
      const level = levels.at(rank)!;
      if (!Number.isNaN(previous)) assert.ok(side === BID ? level.tick < previous : level.tick > previous);
      previous = level.tick;
      let size = 0;
      let count = 0;
      let oursSize = 0;
      let lastSequence = 0;
      assert.ok(level.head !== null, 'no empty level is kept');
      for (let node: RestingOrder | null = level.head; node !== null; node = node.next) {
        assert.ok(node.size > 0);
        assert.equal(node.tick, level.tick);
        assert.ok(node.sequence > lastSequence, 'FIFO in arrival order');
        lastSequence = node.sequence;
        if (node.isOurs) oursSize += node.size;
        else {
          size += node.size;
          count++;
        }
        seen++;
      }
      assert.equal(level.size, size);
      assert.equal(level.count, count);
      assert.equal(level.oursSize, oursSize);
    }
    assert.equal(seen, live.filter((id) => book.order(id)?.side === side).length);
  }
  const bid = book.levels(BID).best();
  const ask = book.levels(ASK).best();
  if (bid && ask) assert.ok(bid.tick < ask.tick);
  assert.equal(book.isCrossed(), false);
}

test('random add/cancel/modify keeps level aggregates, order and an uncrossed touch', () => {
  fc.assert(
    fc.property(fc.array(command, { maxLength: 120 }), (commands) => {
      const book = new OrderBook();
      const live: number[] = [];
      let id = 0;
      for (const c of commands) {
        apply(book, live, c, () => ++id);
        checkInvariants(book, live);
      }
      const liveTicks = (side: BookSide) =>
        live.map((x) => book.order(x)!).filter((o) => o.side === side && !o.isOurs);
      const bids = liveTicks(BID).map((o) => o.tick);
      const asks = liveTicks(ASK).map((o) => o.tick);
      assert.equal(book.bestBid()?.tick, bids.length ? Math.max(...bids) : undefined);
      assert.equal(book.bestAsk()?.tick, asks.length ? Math.min(...asks) : undefined);
    }),
    { numRuns: 300 },
  );
});

test('queue position never increases while orders ahead cancel and orders behind arrive', () => {
  const step = fc.record({
    ahead: fc.boolean(),
    pick: fc.nat(),
    partial: fc.boolean(),
    size: fc.integer({ min: 1, max: 9 }),
  });
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
      fc.array(step, { maxLength: 60 }),
      (sizesAhead, steps) => {
        const book = new OrderBook();
        for (let i = 0; i < sizesAhead.length; i++) book.add(i + 1, BID, 100, sizesAhead[i]);
        const target = 1000;
        book.add(target, BID, 100, 5, true);
        let ahead = sizesAhead.map((_, i) => i + 1);
        let nextBehind = 2000;
        let position = book.queuePosition(target);
        assert.equal(
          position,
          sizesAhead.reduce((a, b) => a + b, 0),
        );
        for (const s of steps) {
          if (s.ahead && ahead.length > 0) {
            const id = ahead[s.pick % ahead.length];
            const order = book.order(id)!;
            if (s.partial && order.size > 1) book.modify(id, 100, order.size - 1);
            else {
              book.cancel(id);
              ahead = ahead.filter((x) => x !== id);
            }
          } else book.add(nextBehind++, BID, 100, s.size);
          const now = book.queuePosition(target);
          assert.ok(now <= position, `${now} > ${position}`);
          position = now;
        }
        for (const id of ahead) book.cancel(id);
        assert.equal(book.queuePosition(target), 0);
      },
    ),
    { numRuns: 300 },
  );
});
