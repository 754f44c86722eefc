/**
 * The simulator's market-data side: every replayed item passes through `onData`, which keeps the
 * history and state and pushes the live streams (historical bars with keepUpToDate, top of book,
 * tick-by-tick, depth) to the connections that asked for them. Request decoding lives in
 * `handlers/market-data.ts`.
 */
import { F_LAST } from '../../../../data/book/index.js';
import type { MarketData } from '../../../../model/data.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import { BookFeeds } from './book-feeds.js';
import { DepthStreams } from './depth.js';
import { HistoricalBars } from './historical-bars.js';
import { TickStreams } from './ticks.js';

export class SimMarketData {
  readonly bars: HistoricalBars;
  readonly ticks: TickStreams;
  readonly depth: DepthStreams;
  private readonly books = new BookFeeds();

  constructor(
    readonly sim: SimServer,
    upcoming: () => MarketData | undefined,
  ) {
    this.bars = new HistoricalBars(sim, upcoming);
    this.ticks = new TickStreams(sim);
    this.depth = new DepthStreams(sim, (id) => this.books.feed(id));
  }

  /** One replayed item; `next` is the item after it when already known. */
  onData(item: MarketData, next: MarketData | undefined): void {
    switch (item.kind) {
      case 'bar':
        this.bars.onBar(item, next);
        return;
      case 'quote':
        this.ticks.onQuote(item);
        return;
      case 'trade':
        this.ticks.onTrade(item);
        return;
      case 'book':
      case 'book-level': {
        const feed = this.books.apply(item);
        if (feed.trade !== undefined) this.ticks.onTrade(feed.trade);
        if (feed.quote !== undefined) this.ticks.onQuote(feed.quote);
        if ((item.flags & F_LAST) !== 0) this.depth.onBook(item.instrumentId, feed);
        return;
      }
      default:
    }
  }

  /** A connection closed: its subscriptions end. */
  dropConnection(c: SimConnection): void {
    this.bars.dropConnection(c);
    this.ticks.dropConnection(c);
    this.depth.dropConnection(c);
  }
}
