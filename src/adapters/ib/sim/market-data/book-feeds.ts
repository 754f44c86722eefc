/**
 * One kernel `BookFeed` per instrument with replayed book data (L3 MBO events or L2 level
 * updates): it rebuilds the book and derives the trades and top-of-book quotes the tick streams send.
 */
import { BookFeed } from '../../../../data/book/index.js';
import type { BookData } from '../../../../model/data.js';
import { type InstrumentId, parseInstrumentId } from '../../../../model/identifiers.js';
import { equity, type Instrument, parseFutureSymbol } from '../../../../model/instruments.js';

const FUTURES_VENUES: ReadonlySet<string> = new Set(['CME', 'GLOBEX', 'CBOT', 'NYMEX', 'COMEX']);

/** The kernel instrument a replayed id names (`ESH4.CME` future, `AAPL.NASDAQ` stock), for its grid. */
export function instrumentForId(id: InstrumentId, time: number): Instrument {
  const { symbol, venue } = parseInstrumentId(id);
  return FUTURES_VENUES.has(venue) ? parseFutureSymbol(symbol, time) : equity({ symbol, venue });
}

export class BookFeeds {
  private readonly feeds = new Map<InstrumentId, BookFeed>();

  feed(id: InstrumentId): BookFeed | undefined {
    return this.feeds.get(id);
  }

  /** Applies one event; returns the instrument's feed (with `trade`/`quote` set when derived). */
  apply(event: BookData): BookFeed {
    let feed = this.feeds.get(event.instrumentId);
    if (feed === undefined) {
      const grid = instrumentForId(event.instrumentId, event.tsEvent).priceGrid;
      feed = new BookFeed(event.instrumentId, grid);
      this.feeds.set(event.instrumentId, feed);
    }
    feed.apply(event);
    return feed;
  }
}
