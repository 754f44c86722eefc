/**
 * The simulator's market-data side: every replayed item passes through `onData`, which keeps the
 * history and state and pushes the live streams (historical bars with keepUpToDate, top of book,
 * tick-by-tick, depth, 5-second real-time bars) to the connections that asked for them. Request
 * decoding lives in `handlers/market-data.ts`.
 */
import { F_LAST } from '../../../../data/book/index.js';
import type { MarketData, QuoteTick, TradeTick } from '../../../../model/data.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import type { SimPacingGuard } from '../pacing-guard.js';
import { itemStartTime } from '../replay.js';
import { BookFeeds } from './book-feeds.js';
import { DepthStreams } from './depth.js';
import { HistoricalBars } from './historical-bars.js';
import { RealTimeBars } from './realtime-bars.js';
import { TickStreams } from './ticks.js';

export class SimMarketData {
  readonly bars: HistoricalBars;
  readonly ticks: TickStreams;
  readonly depth: DepthStreams;
  readonly realTime: RealTimeBars;
  private readonly books = new BookFeeds();

  constructor(
    readonly sim: SimServer,
    upcoming: () => MarketData | undefined,
    /** IB's historical pacing rules, enforced on reqHistoricalData (undefined: not enforced). */
    readonly pacing?: SimPacingGuard,
  ) {
    this.bars = new HistoricalBars(sim, upcoming);
    this.ticks = new TickStreams(sim);
    this.depth = new DepthStreams(sim, (id) => this.books.feed(id));
    this.realTime = new RealTimeBars(sim, (id) => this.bars.sourceLength(id));
  }

  /** One replayed item; `next` is the item after it when already known. */
  onData(item: MarketData, next: MarketData | undefined): void {
    // Data time reached the item's start: the 5-second bars ending by then are complete.
    this.realTime.advance(itemStartTime(item));
    switch (item.kind) {
      case 'bar':
        this.bars.onBar(item, next);
        this.realTime.onBar(item);
        return;
      case 'quote':
        this.onQuote(item);
        return;
      case 'trade':
        this.onTrade(item);
        return;
      case 'book':
      case 'book-level': {
        const feed = this.books.apply(item);
        if (feed.trade !== undefined) this.onTrade(feed.trade);
        if (feed.quote !== undefined) this.onQuote(feed.quote);
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
    this.realTime.dropConnection(c);
  }

  private onTrade(trade: TradeTick): void {
    this.ticks.onTrade(trade);
    this.realTime.onTrade(trade);
  }

  private onQuote(quote: QuoteTick): void {
    this.ticks.onQuote(quote);
    this.realTime.onQuote(quote);
  }
}
