/**
 * The live node's quote feed (ibQuoteFeed) on the IB Gateway simulator replaying the real ESH4 MBO
 * book (Databento), through the real @stoqey/ib client: tick-by-tick delivers every quote and trade
 * of the kernel's own book feed over the same events, in order; top of book ends on the same quote
 * and trades; `flush()` is a round trip after which everything sent before has arrived; `stop()`
 * ends delivery.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResolvedContract } from '../../../src/adapters/ib/client/contracts.js';
import { ContractResolver, IbConnection, IbRequests } from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { type IbQuoteFeedKind, ibQuoteFeed } from '../../../src/adapters/ib/live/index.js';
import { BookFeed, bookEvents, readMboCsv } from '../../../src/data/book/index.js';
import type { LiveDataFeed } from '../../../src/live/ports.js';
import type { MarketData, OrderBookEvent, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { microsFromIso } from '../../../src/model/time.js';
import { startSim } from './helpers.js';

const OPEN = microsFromIso('2023-12-25T23:00:00Z');
const LATER = microsFromIso('2023-12-25T23:00:20Z');
const END = microsFromIso('2023-12-25T23:00:40Z');

let events: OrderBookEvent[];

/** The kernel's book feed over the same events: quotes and trades in (OPEN, until]. */
function reference(until: number): { quotes: QuoteTick[]; trades: TradeTick[] } {
  const feed = new BookFeed('ESH4.CME', new Grid(0.25));
  const quotes: QuoteTick[] = [];
  const trades: TradeTick[] = [];
  for (const e of events) {
    if (e.tsEvent > until) break;
    feed.apply(e);
    if (e.tsEvent > OPEN && feed.quote) quotes.push(feed.quote);
    if (e.tsEvent > OPEN && feed.trade) trades.push(feed.trade);
  }
  return { quotes, trades };
}

const quoteRow = (q: QuoteTick) => [q.bidPrice, q.askPrice, q.bidSize, q.askSize];
const tradeRow = (t: TradeTick) => [t.price, t.size];

describe('ibQuoteFeed on the simulator (ESH4 MBO replay)', () => {
  let sim: IbGatewaySimulator;
  let connection: IbConnection;
  let requests: IbRequests;
  let contract: ResolvedContract;

  before(async () => {
    events = bookEvents(await readMboCsv('data/esh4-mbo-20231225.csv.gz'), 'ESH4.CME');
    sim = await startSim({ data: events });
    await sim.replay.advanceTo(OPEN);
    connection = new IbConnection({
      port: sim.port,
      clientId: 41,
      connectTimeoutMs: 1000,
      heartbeatIntervalMs: 60_000,
      pacing: { messagesPerSecond: 100_000, burst: 100 },
    });
    requests = new IbRequests(connection, { defaultTimeoutMs: 2000 });
    await connection.connect(2000);
    contract = await new ContractResolver(requests).resolve('ESH4');
  });
  after(async () => {
    requests.close();
    await connection.close();
    await sim.stop();
  });

  async function started(kind: IbQuoteFeedKind): Promise<{ feed: LiveDataFeed; items: MarketData[] }> {
    const items: MarketData[] = [];
    const feed = ibQuoteFeed({ connection, requests, contracts: [contract], kind });
    await feed.start((item) => items.push(item));
    await feed.flush?.(); // the subscriptions reached the gateway
    return { feed, items };
  }

  it('delivers quotes and trades in gateway order; flush is a round trip; stop ends delivery', async () => {
    const tbt = await started('tick-by-tick');
    const top = await started('top-of-book');
    assert.equal(tbt.items.length, 0, 'tick-by-tick sends no initial state');
    assert.ok(
      top.items.some((i) => i.kind === 'quote'),
      'top of book starts with the current quote',
    );

    await sim.replay.advanceTo(LATER);
    await tbt.feed.flush?.();
    const ref = reference(LATER);
    assert.ok(ref.quotes.length > 50 && ref.trades.length > 10, 'the window has quotes and trades');
    const quotes = tbt.items.filter((i): i is QuoteTick => i.kind === 'quote');
    const trades = tbt.items.filter((i): i is TradeTick => i.kind === 'trade');
    assert.deepEqual(quotes.map(quoteRow), ref.quotes.map(quoteRow));
    assert.deepEqual(trades.map(tradeRow), ref.trades.map(tradeRow));
    assert.equal(tbt.items.length, quotes.length + trades.length, 'quotes and trades only');
    for (const item of [...quotes, ...trades]) assert.equal(item.instrumentId, 'ESH4.CME');

    // Top of book: the latest quote and every trade (LAST + LAST_SIZE) of the window.
    const topQuotes = top.items.filter((i): i is QuoteTick => i.kind === 'quote');
    const topTrades = top.items.filter((i): i is TradeTick => i.kind === 'trade');
    assert.deepEqual(quoteRow(topQuotes.at(-1)!), quoteRow(ref.quotes.at(-1)!));
    assert.deepEqual(topTrades.map(tradeRow), ref.trades.map(tradeRow));

    await tbt.feed.stop();
    const counts = [tbt.items.length, top.items.length];
    await sim.replay.advanceTo(END);
    await top.feed.flush?.();
    assert.equal(tbt.items.length, counts[0], 'nothing after stop');
    assert.ok(top.items.length > counts[1], 'the other feed still runs');
    await top.feed.stop();
    await assert.rejects(
      (async () => {
        const feed = ibQuoteFeed({ connection, requests, contracts: [contract], kind: 'top-of-book' });
        await feed.start(() => {});
        await feed.start(() => {});
      })(),
      /already started/,
    );
  });
});
