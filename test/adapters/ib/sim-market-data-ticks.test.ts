import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Contract, EventName, SecType } from '@stoqey/ib';
import fc from 'fast-check';
import { IbDepthBook, PositionalDepth } from '../../../src/adapters/ib/client/depth-book.js';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import { IbTickByTick, IbTopOfBook } from '../../../src/adapters/ib/client/market-data-ticks.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import {
  applyDepthOperation,
  depthOperations,
  type PositionalLevel,
} from '../../../src/adapters/ib/sim/market-data/depth.js';
import { ASK, BID, BookFeed, bookEvents, readMboCsv } from '../../../src/data/book/index.js';
import type { BookDepthSnapshot, OrderBookEvent, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { microsFromIso } from '../../../src/model/time.js';
import { type ConnectedClient, connectClient, once, settle, startSim, until } from './helpers.js';

const ESH4: Contract = {
  symbol: 'ES',
  secType: SecType.FUT,
  exchange: 'CME',
  currency: 'USD',
  localSymbol: 'ESH4',
};
const OPEN = microsFromIso('2023-12-25T23:00:00Z');
const LATER = microsFromIso('2023-12-25T23:00:30Z');
const grid = new Grid(0.25);

let events: OrderBookEvent[];
/** The reference: the kernel's own book feed over the same events. */
function reference(until: number): {
  feed: BookFeed;
  quotes: QuoteTick[];
  trades: TradeTick[];
  lastQuote?: QuoteTick;
} {
  const feed = new BookFeed('ESH4.CME', grid);
  const quotes: QuoteTick[] = [];
  const trades: TradeTick[] = [];
  let lastQuote: QuoteTick | undefined;
  for (const e of events) {
    if (e.tsEvent > until) break;
    feed.apply(e);
    lastQuote = feed.quote ?? lastQuote;
    if (e.tsEvent > OPEN && feed.quote) quotes.push(feed.quote);
    if (e.tsEvent > OPEN && feed.trade) trades.push(feed.trade);
  }
  return { feed, quotes, trades, lastQuote };
}
const top = (feed: BookFeed, side: typeof BID | typeof ASK, n: number) =>
  feed.book.topLevels(side, n).map((l) => ({ priceTicks: l.tick, size: l.size, count: 0 }));

describe('simulator market data from a replayed MBO book (ESH4, Databento)', () => {
  let sim: IbGatewaySimulator;
  let client: ConnectedClient;
  let conn: IbConnection;
  let requests: IbRequests;
  before(async () => {
    events = bookEvents(await readMboCsv('data/esh4-mbo-20231225.csv.gz'), 'ESH4.CME');
    sim = await startSim({ data: events });
    await sim.replay.advanceTo(OPEN);
    client = await connectClient(sim.port, 31);
    conn = new IbConnection({
      port: sim.port,
      clientId: 32,
      connectTimeoutMs: 1000,
      heartbeatIntervalMs: 60_000,
    });
    requests = new IbRequests(conn, { defaultTimeoutMs: 2000 });
    await conn.connect(2000);
  });
  after(async () => {
    client.ib.disconnect();
    requests.close();
    await conn.close();
    await sim.stop();
  });

  it('streams reqMktData, tick-by-tick and depth; the adapter rebuilds quotes, trades and the depth book', async () => {
    const ib = client.ib;
    const params: number[] = [];
    const prices: [number, number, number][] = [];
    const sizes: [number, number, number][] = [];
    const bidAsk: number[][] = [];
    const lasts: number[][] = [];
    const depth = new PositionalDepth();
    const snapshotEnds: number[] = [];
    ib.on(EventName.tickReqParams, (reqId) => params.push(reqId));
    ib.on(EventName.tickPrice, (reqId, field, value) => prices.push([reqId, field, value]));
    ib.on(EventName.tickSize, (reqId, field, value) => sizes.push([reqId, field ?? -1, Number(value)]));
    ib.on(EventName.tickSnapshotEnd, (reqId) => snapshotEnds.push(reqId));
    ib.on(EventName.tickByTickBidAsk, (reqId, time, bid, ask, bidSize, askSize) =>
      bidAsk.push([reqId, Number(time), bid, ask, Number(bidSize), Number(askSize)]),
    );
    ib.on(EventName.tickByTickAllLast, (reqId, type, time, price, size) =>
      lasts.push([reqId, type, Number(time), price, Number(size)]),
    );
    ib.on(EventName.updateMktDepth, (reqId, position, operation, side, price, size) => {
      if (reqId === 5)
        depth.apply({ position, operation, side, priceTicks: grid.toTicks(price), size: Number(size) });
    });

    // The adapter side, on its own connection.
    const contract = await new ContractResolver(requests).resolve('ESH4');
    assert.equal(contract.instrument.priceGrid.increment, 0.25, 'tick from contract details');
    const quotes: QuoteTick[] = [];
    const trades: TradeTick[] = [];
    const tbtQuotes: QuoteTick[] = [];
    const tbtTrades: TradeTick[] = [];
    const snapshots: BookDepthSnapshot[] = [];
    const topOfBook = new IbTopOfBook({
      connection: conn,
      requests,
      contract,
      onQuote: (q) => quotes.push(q),
      onTrade: (t) => trades.push(t),
    }).start();
    const tbtBidAsk = new IbTickByTick(
      { connection: conn, requests, contract, onQuote: (q) => tbtQuotes.push(q) },
      'BidAsk',
    ).start();
    const tbtLast = new IbTickByTick(
      { connection: conn, requests, contract, onTrade: (t) => tbtTrades.push(t) },
      'AllLast',
    ).start();
    const depthBook = new IbDepthBook({
      connection: conn,
      requests,
      contract,
      depth: 5,
      onDepth: (s) => snapshots.push(s),
    }).start();

    ib.reqMktData(1, ESH4, '', false, false);
    ib.reqMktData(2, ESH4, '', true, false);
    ib.reqTickByTickData(3, ESH4, 'BidAsk' as never, 0, false);
    ib.reqTickByTickData(4, ESH4, 'AllLast' as never, 0, false);
    ib.reqMktDepth(5, ESH4, 5, false, []);
    ib.reqMktDepth(6, ESH4, 5, true, []);
    await until(() => snapshotEnds.includes(2) && params.length >= 2, 2000, 'snapshot end');
    await until(() => quotes.length >= 1, 2000, 'adapter initial quote');
    await settle(50);

    // The state at the open (the pre-open book is crossed: the last uncrossed quote stands).
    const atOpen = reference(OPEN).lastQuote!;
    assert.deepEqual(prices.filter(([r]) => r === 2).slice(0, 2), [
      [2, 1, atOpen.bidPrice],
      [2, 2, atOpen.askPrice],
    ]);
    assert.ok(
      sizes.some(([r, f]) => r === 2 && f === 0),
      'explicit BID_SIZE',
    );
    await until(() => client.errors.some((e) => e.reqId === 6), 2000, 'smart depth refusal');
    assert.equal(client.errors.find((e) => e.reqId === 6)?.code, 321, 'smart depth refused');

    await sim.replay.advanceTo(LATER);
    const ref = reference(LATER);
    await until(
      () => lasts.length >= ref.trades.length && bidAsk.length >= ref.quotes.length,
      3000,
      'tick-by-tick',
    );
    await until(
      () => tbtTrades.length >= ref.trades.length && tbtQuotes.length >= ref.quotes.length,
      3000,
      'adapter ticks',
    );
    await settle(50);

    // Tick-by-tick: one message per reference trade / quote, same values.
    assert.deepEqual(
      lasts.map(([, type, time, price, size]) => [type, time, price, size]),
      ref.trades.map((t) => [2, Math.floor(t.tsEvent / 1e6), t.price, t.size]),
    );
    assert.deepEqual(
      bidAsk.map((r) => r.slice(2)),
      ref.quotes.map((q) => [q.bidPrice, q.askPrice, q.bidSize, q.askSize]),
    );
    assert.deepEqual(
      tbtTrades.map((t) => [t.price, t.size]),
      ref.trades.map((t) => [t.price, t.size]),
    );
    assert.deepEqual(
      tbtQuotes.map((q) => [q.bidPrice, q.askPrice, q.bidSize, q.askSize]),
      ref.quotes.map((q) => [q.bidPrice, q.askPrice, q.bidSize, q.askSize]),
    );

    // reqMktData: the last tick values are the reference's latest quote and trade.
    const lastQ = ref.quotes.at(-1)!;
    const lastT = ref.trades.at(-1)!;
    assert.deepEqual(
      [quotes.at(-1)!.bidPrice, quotes.at(-1)!.askPrice, quotes.at(-1)!.bidSize, quotes.at(-1)!.askSize],
      [lastQ.bidPrice, lastQ.askPrice, lastQ.bidSize, lastQ.askSize],
    );
    assert.deepEqual([trades.at(-1)!.price, trades.at(-1)!.size], [lastT.price, lastT.size]);
    assert.equal(trades.length, ref.trades.length);
    const volume = sizes.filter(([r, f]) => r === 1 && f === 8).at(-1)![2];
    assert.equal(
      volume,
      ref.trades.reduce((s, t) => s + t.size, 0) + 0 * volume,
      'volume since the replay start',
    );

    // Depth: the client's positional book and the adapter's snapshot equal the reference top 5.
    // Rows that arrive in one burst are applied before one snapshot (IB marks no batch end).
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    await until(
      () => same(snapshots.at(-1)?.bids, top(ref.feed, BID, 5)),
      2000,
      'depth snapshot at the reference',
    );
    assert.deepEqual(depth.bids, top(ref.feed, BID, 5));
    assert.deepEqual(depth.asks, top(ref.feed, ASK, 5));
    assert.deepEqual(snapshots.at(-1)!.bids, top(ref.feed, BID, 5));
    assert.deepEqual(snapshots.at(-1)!.asks, top(ref.feed, ASK, 5));

    const counts = [prices.length, bidAsk.length, lasts.length];
    ib.cancelMktData(1);
    ib.cancelTickByTickData(3);
    ib.cancelTickByTickData(4);
    ib.cancelMktDepth(5, false);
    for (const s of [topOfBook, tbtBidAsk, tbtLast, depthBook]) s.stop();
    // The gateway answers in order: once currentTime is back, the cancels were handled.
    const answered = once(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await answered;
    await sim.replay.step(2000);
    await settle(50);
    assert.deepEqual([prices.length, bidAsk.length, lasts.length], counts, 'nothing after the cancels');
  });
});

describe('positional depth', () => {
  const level = fc.record({ tick: fc.integer({ min: 0, max: 50 }), size: fc.integer({ min: 1, max: 9 }) });
  it('the operations turn any positional side into any other (property)', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 10 }), fc.array(level, { maxLength: 10 }), (from, to) => {
        const side: PositionalLevel[] = [...from];
        const client = new PositionalDepth();
        for (const l of from)
          client.apply({
            position: client.bids.length,
            operation: 0,
            side: 1,
            priceTicks: l.tick,
            size: l.size,
          });
        for (const op of depthOperations(from, to)) {
          applyDepthOperation(side, op);
          client.apply({
            position: op.position,
            operation: op.operation,
            side: 1,
            priceTicks: op.level.tick,
            size: op.level.size,
          });
        }
        const plain = to.map((l) => ({ tick: l.tick, size: l.size }));
        assert.deepEqual(
          side.map((l) => ({ tick: l.tick, size: l.size })),
          plain,
        );
        assert.deepEqual(
          client.bids.map((l) => ({ tick: l.priceTicks, size: l.size })),
          plain,
        );
      }),
    );
  });
  it('rejects rows that do not fit, naming the field', () => {
    const d = new PositionalDepth();
    assert.throws(
      () => d.apply({ position: 1, operation: 0, side: 0, priceTicks: 1, size: 1 }),
      /position: 1 outside 0..0/,
    );
    assert.throws(
      () => d.apply({ position: 0, operation: 0, side: 2, priceTicks: 1, size: 1 }),
      /side: 0 or 1/,
    );
  });
});
