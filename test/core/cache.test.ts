import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Cache } from '../../src/core/cache.js';
import { BourseError, NotFoundError } from '../../src/core/errors.js';
import { type Bar, BarType, bar, type QuoteTick, type TradeTick } from '../../src/model/data.js';
import { equity, futureContract } from '../../src/model/instruments.js';
import { Order } from '../../src/model/order.js';
import type { OrderEvent } from '../../src/model/order-events.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const ES = futureContract('ES', 2013, 12);
const AAPL_1M = BarType.of(AAPL.id, 1, 'minute');
const AAPL_1D = BarType.of(AAPL.id, 1, 'day');
const MIN = 60_000_000;

function minuteBar(i: number, close = 100 + i, barType = AAPL_1M): Bar {
  return bar(barType, close, close + 1, close - 1, close, 10, (i + 1) * MIN);
}

function quote(id: string, bid: number, ask: number, ts: number): QuoteTick {
  return {
    kind: 'quote',
    instrumentId: id,
    bidPrice: bid,
    askPrice: ask,
    bidSize: 1,
    askSize: 1,
    tsEvent: ts,
    tsInit: ts,
  };
}

function trade(id: string, price: number, ts: number): TradeTick {
  return {
    kind: 'trade',
    instrumentId: id,
    price,
    size: 1,
    aggressor: 'buyer',
    tradeId: `T${ts}`,
    tsEvent: ts,
    tsInit: ts,
  };
}

function order(id: string, opts: { strategyId?: string; instrumentId?: string } = {}): Order {
  return new Order({
    clientOrderId: id,
    strategyId: opts.strategyId ?? 'S1',
    instrumentId: opts.instrumentId ?? AAPL.id,
    side: 'buy',
    type: 'limit',
    quantity: 10,
    price: 100,
    timeInForce: 'GTC',
    tsInit: 0,
  });
}

function event(o: Order, kind: OrderEvent['kind'], extra: Record<string, unknown> = {}): OrderEvent {
  const base = {
    clientOrderId: o.clientOrderId,
    strategyId: o.strategyId,
    instrumentId: o.instrumentId,
    tsEvent: 1,
    tsInit: 1,
  };
  return { ...base, kind, ...extra } as OrderEvent;
}

/** Applies events to an order and re-indexes it in the cache, as the execution engine does. */
function applyAll(cache: Cache, o: Order, events: OrderEvent[]): void {
  for (const e of events) {
    o.apply(e);
    cache.updateOrder(o);
  }
}

describe('Cache bar history', () => {
  test('keeps the newest bars; ago 0 is the latest', () => {
    const cache = new Cache(5);
    for (let i = 0; i < 3; i++) cache.addBar(minuteBar(i));
    assert.equal(cache.barCount(AAPL_1M), 3);
    assert.equal(cache.bar(AAPL_1M)?.close, 102);
    assert.equal(cache.bar(AAPL_1M, 0)?.close, 102);
    assert.equal(cache.bar(AAPL_1M, 1)?.close, 101);
    assert.equal(cache.bar(AAPL_1M, 2)?.close, 100);
    assert.equal(cache.bar(AAPL_1M, 3), undefined);
    assert.equal(cache.bar(AAPL_1M, -1), undefined);
  });

  test('wraps at capacity: only the last `capacity` bars are reachable, in order', () => {
    const capacity = 4;
    const cache = new Cache(capacity);
    for (let n = 1; n <= 11; n++) {
      cache.addBar(minuteBar(n - 1));
      const expectedCount = Math.min(n, capacity);
      assert.equal(cache.barCount(AAPL_1M), expectedCount);
      for (let ago = 0; ago < expectedCount; ago++) {
        assert.equal(cache.bar(AAPL_1M, ago)?.close, 100 + (n - 1) - ago, `n=${n} ago=${ago}`);
      }
      assert.equal(cache.bar(AAPL_1M, expectedCount), undefined);
    }
  });

  test('capacity 1 keeps just the latest bar', () => {
    const cache = new Cache(1);
    cache.addBar(minuteBar(0));
    cache.addBar(minuteBar(1));
    assert.equal(cache.barCount(AAPL_1M), 1);
    assert.equal(cache.bar(AAPL_1M)?.close, 101);
    assert.equal(cache.bar(AAPL_1M, 1), undefined);
  });

  test('bar types are kept apart; unknown types have no bars', () => {
    const cache = new Cache();
    assert.equal(cache.barCapacity, 1000);
    cache.addBar(minuteBar(0));
    cache.addBar(bar(AAPL_1D, 50, 55, 45, 52, 1000, 86_400_000_000));
    assert.equal(cache.bar(AAPL_1M)?.close, 100);
    assert.equal(cache.bar(AAPL_1D)?.close, 52);
    assert.equal(cache.barCount(AAPL_1D), 1);
    const other = BarType.of(AAPL.id, 5, 'minute');
    assert.equal(cache.bar(other), undefined);
    assert.equal(cache.barCount(other), 0);
  });
});

describe('Cache last price', () => {
  test('is the bar close, the quote mid or the trade price, whichever came last', () => {
    const cache = new Cache();
    assert.equal(cache.lastPrice(AAPL.id), undefined);
    cache.addBar(minuteBar(0, 100));
    assert.equal(cache.lastPrice(AAPL.id), 100);
    cache.addQuote(quote(AAPL.id, 100.5, 100.75, 2 * MIN));
    assert.equal(cache.lastPrice(AAPL.id), 100.625);
    assert.equal(cache.quote(AAPL.id)?.askPrice, 100.75);
    cache.addTrade(trade(AAPL.id, 100.7, 3 * MIN));
    assert.equal(cache.lastPrice(AAPL.id), 100.7);
    assert.equal(cache.trade(AAPL.id)?.price, 100.7);
    cache.addBar(minuteBar(3, 99));
    assert.equal(cache.lastPrice(AAPL.id), 99);
    cache.addQuote(quote(AAPL.id, 98, 99, 5 * MIN));
    assert.equal(cache.lastPrice(AAPL.id), 98.5);
  });

  test('is kept per instrument', () => {
    const cache = new Cache();
    cache.addTrade(trade(AAPL.id, 190.12, 1));
    cache.addTrade(trade(ES.id, 1800.25, 2));
    assert.equal(cache.lastPrice(AAPL.id), 190.12);
    assert.equal(cache.lastPrice(ES.id), 1800.25);
    assert.equal(cache.quote(ES.id), undefined);
    assert.equal(cache.trade('MSFT.NASDAQ'), undefined);
  });
});

describe('Cache instruments', () => {
  test('adds, looks up and lists instruments', () => {
    const cache = new Cache();
    cache.addInstrument(AAPL);
    cache.addInstrument(ES);
    assert.equal(cache.instrument('AAPL.NASDAQ'), AAPL);
    assert.equal(cache.requireInstrument('ESZ3.CME'), ES);
    assert.equal(cache.instrument('MSFT.NASDAQ'), undefined);
    assert.deepEqual(
      cache.instruments().map((i) => i.id),
      ['AAPL.NASDAQ', 'ESZ3.CME'],
    );
  });

  test('requireInstrument throws a NotFoundError naming the id', () => {
    const cache = new Cache();
    assert.throws(
      () => cache.requireInstrument('NQZ3.CME'),
      (e: unknown) =>
        e instanceof NotFoundError &&
        e instanceof BourseError &&
        e.code === 'NOT_FOUND' &&
        e.message.includes("'NQZ3.CME'") &&
        e.message.includes('instrument'),
    );
  });
});

describe('Cache orders', () => {
  test('a duplicate client order id throws and keeps the first order', () => {
    const cache = new Cache();
    const first = order('O-1');
    cache.addOrder(first);
    assert.throws(
      () => cache.addOrder(order('O-1')),
      (e: unknown) => e instanceof RangeError && e.message.includes("'O-1'"),
    );
    assert.equal(cache.order('O-1'), first);
    assert.equal(cache.orders().length, 1);
    assert.equal(cache.openOrderCount(), 1);
  });

  test('open orders leave the index after each terminal event, but stay in the order list', () => {
    const cache = new Cache();
    const filled = order('O-filled');
    const canceled = order('O-canceled');
    const expired = order('O-expired');
    const denied = order('O-denied');
    const rejected = order('O-rejected');
    const working = order('O-working');
    const partial = order('O-partial');
    for (const o of [filled, canceled, expired, denied, rejected, working, partial]) cache.addOrder(o);
    assert.equal(cache.openOrderCount(), 7);

    const fill = (o: Order, qty: number): OrderEvent =>
      event(o, 'filled', {
        venueOrderId: 'V',
        tradeId: `T-${o.clientOrderId}-${qty}`,
        side: 'buy',
        lastQuantity: qty,
        lastPrice: 100,
        commission: 0,
        liquidity: 'maker',
      });
    applyAll(cache, filled, [
      event(filled, 'submitted'),
      event(filled, 'accepted', { venueOrderId: 'V1' }),
      fill(filled, 10),
    ]);
    applyAll(cache, canceled, [
      event(canceled, 'submitted'),
      event(canceled, 'accepted', { venueOrderId: 'V2' }),
      event(canceled, 'pending-cancel'),
      event(canceled, 'canceled', { reason: 'test' }),
    ]);
    applyAll(cache, expired, [
      event(expired, 'submitted'),
      event(expired, 'accepted', { venueOrderId: 'V3' }),
      event(expired, 'expired'),
    ]);
    applyAll(cache, denied, [event(denied, 'denied', { reasonCode: 'X', reason: 'test' })]);
    applyAll(cache, rejected, [
      event(rejected, 'submitted'),
      event(rejected, 'rejected', { reasonCode: 'X', reason: 'test' }),
    ]);
    applyAll(cache, working, [
      event(working, 'submitted'),
      event(working, 'accepted', { venueOrderId: 'V4' }),
    ]);
    applyAll(cache, partial, [
      event(partial, 'submitted'),
      event(partial, 'accepted', { venueOrderId: 'V5' }),
      fill(partial, 4),
    ]);

    assert.equal(filled.status, 'filled');
    assert.equal(partial.status, 'partially-filled');
    assert.deepEqual(
      cache
        .openOrders()
        .map((o) => o.clientOrderId)
        .sort(),
      ['O-partial', 'O-working'],
    );
    assert.equal(cache.openOrderCount(), 2);
    assert.equal(cache.orders().length, 7);
    assert.equal(cache.order('O-filled'), filled);
    assert.equal(cache.hasOrder('O-denied'), true);
    assert.equal(cache.hasOrder('O-none'), false);

    applyAll(cache, partial, [fill(partial, 6)]);
    assert.deepEqual(
      cache.openOrders().map((o) => o.clientOrderId),
      ['O-working'],
    );
  });

  test('a non-terminal update keeps the order open', () => {
    const cache = new Cache();
    const o = order('O-1');
    cache.addOrder(o);
    applyAll(cache, o, [
      event(o, 'submitted'),
      event(o, 'accepted', { venueOrderId: 'V' }),
      event(o, 'pending-update'),
    ]);
    assert.equal(cache.openOrderCount(), 1);
  });

  test('openOrders filters by instrument and by strategy', () => {
    const cache = new Cache();
    cache.addOrder(order('A1', { strategyId: 'A', instrumentId: AAPL.id }));
    cache.addOrder(order('A2', { strategyId: 'A', instrumentId: ES.id }));
    cache.addOrder(order('B1', { strategyId: 'B', instrumentId: AAPL.id }));
    const ids = (list: Order[]): string[] => list.map((o) => o.clientOrderId).sort();
    assert.deepEqual(ids(cache.openOrders()), ['A1', 'A2', 'B1']);
    assert.deepEqual(ids(cache.openOrders({ strategyId: 'A' })), ['A1', 'A2']);
    assert.deepEqual(ids(cache.openOrders({ instrumentId: AAPL.id })), ['A1', 'B1']);
    assert.deepEqual(ids(cache.openOrders({ strategyId: 'A', instrumentId: ES.id })), ['A2']);
    assert.deepEqual(ids(cache.openOrders({ strategyId: 'C' })), []);
  });
});
