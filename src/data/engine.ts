import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Bar, BarType, BookData, MarketData, QuoteTick, TradeTick } from '../model/data.js';
import type { InstrumentId } from '../model/identifiers.js';
import { BookFeed } from './book/feed.js';

/** Where live data comes from: an adapter told what the kernel subscribes to. */
export interface DataClient {
  readonly venue: string;
  subscribeBars(barType: BarType): void;
  subscribeQuotes(instrumentId: InstrumentId): void;
  subscribeTrades(instrumentId: InstrumentId): void;
}

export const quoteTopic = (id: InstrumentId): string => `data.quotes.${id}`;
export const tradeTopic = (id: InstrumentId): string => `data.trades.${id}`;
export const bookTopic = (id: InstrumentId): string => `data.book.${id}`;
export const depthTopic = (id: InstrumentId): string => `data.depth.${id}`;
export const statusTopic = (id: InstrumentId): string => `data.status.${id}`;

/**
 * Routes market data: writes each item to the cache, then publishes it on its topic
 * (`data.bars.<barType>`, `data.quotes.<instrument>`, `data.trades.<instrument>`).
 * Subscriptions are forwarded to the data client of the instrument's venue, if any.
 */
export class DataEngine {
  private readonly clients = new Map<string, DataClient>();
  private readonly barSubscriptions = new Set<BarType>();
  private readonly quoteSubscriptions = new Set<InstrumentId>();
  private readonly tradeSubscriptions = new Set<InstrumentId>();
  private readonly quoteTopics = new Map<InstrumentId, string>();
  private readonly tradeTopics = new Map<InstrumentId, string>();
  private readonly bookTopics = new Map<InstrumentId, string>();
  private readonly depthTopics = new Map<InstrumentId, string>();
  private readonly statusTopics = new Map<InstrumentId, string>();
  private readonly bookFeeds = new Map<InstrumentId, BookFeed>();
  processedCount = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly cache: Cache,
  ) {}

  registerClient(client: DataClient): void {
    this.clients.set(client.venue, client);
  }

  process(data: MarketData): void {
    this.processedCount++;
    switch (data.kind) {
      case 'bar':
        this.cache.addBar(data);
        this.bus.publish(data.barType.topic, data);
        break;
      case 'quote':
        this.cache.addQuote(data);
        this.bus.publish(this.topicFor(this.quoteTopics, data.instrumentId, quoteTopic), data);
        break;
      case 'trade':
        this.cache.addTrade(data);
        this.bus.publish(this.topicFor(this.tradeTopics, data.instrumentId, tradeTopic), data);
        break;
      case 'book-depth':
        this.bus.publish(this.topicFor(this.depthTopics, data.instrumentId, depthTopic), data);
        break;
      case 'status':
        this.bus.publish(this.topicFor(this.statusTopics, data.instrumentId, statusTopic), data);
        break;
      case 'book':
      case 'book-level':
        this.processedCount--; // counted by publishBook
        this.publishBook(data, this.applyBook(data));
        break;
    }
  }

  /**
   * First half of processing a book event (L3 or L2): applies it to the instrument's book (kept in the cache,
   * see `Cache.orderBook`) and derives its trade and quote, without publishing anything. The
   * backtest engine lets the venue and the portfolio see the derived data before strategies do.
   */
  applyBook(event: BookData): BookFeed {
    let feed = this.bookFeeds.get(event.instrumentId);
    if (feed === undefined) {
      feed = new BookFeed(event.instrumentId, this.cache.requireInstrument(event.instrumentId).priceGrid);
      this.bookFeeds.set(event.instrumentId, feed);
      this.cache.setOrderBook(event.instrumentId, feed.book);
    }
    feed.apply(event);
    return feed;
  }

  /** Second half: publishes the event on `data.book.<instrument>`, then its derived trade and quote. */
  publishBook(event: BookData, feed: BookFeed): void {
    this.processedCount++;
    this.bus.publish(this.topicFor(this.bookTopics, event.instrumentId, bookTopic), event);
    if (feed.trade !== undefined) this.process(feed.trade);
    if (feed.quote !== undefined) this.process(feed.quote);
  }

  subscribeBars(barType: BarType, handler: (bar: Bar) => void): () => void {
    if (!this.barSubscriptions.has(barType)) {
      this.barSubscriptions.add(barType);
      this.clientFor(barType.instrumentId)?.subscribeBars(barType);
    }
    return this.bus.subscribe(barType.topic, handler);
  }

  subscribeQuotes(instrumentId: InstrumentId, handler: (quote: QuoteTick) => void): () => void {
    if (!this.quoteSubscriptions.has(instrumentId)) {
      this.quoteSubscriptions.add(instrumentId);
      this.clientFor(instrumentId)?.subscribeQuotes(instrumentId);
    }
    return this.bus.subscribe(quoteTopic(instrumentId), handler);
  }

  subscribeTrades(instrumentId: InstrumentId, handler: (trade: TradeTick) => void): () => void {
    if (!this.tradeSubscriptions.has(instrumentId)) {
      this.tradeSubscriptions.add(instrumentId);
      this.clientFor(instrumentId)?.subscribeTrades(instrumentId);
    }
    return this.bus.subscribe(tradeTopic(instrumentId), handler);
  }

  /** Book events (L3 or L2) of an instrument (its book is `cache.orderBook(id)`, already updated by each one). */
  subscribeBook(instrumentId: InstrumentId, handler: (event: BookData) => void): () => void {
    return this.bus.subscribe(bookTopic(instrumentId), handler);
  }

  subscribedBarTypes(): BarType[] {
    return [...this.barSubscriptions];
  }

  private clientFor(instrumentId: InstrumentId): DataClient | undefined {
    const instrument = this.cache.instrument(instrumentId);
    return instrument ? this.clients.get(instrument.venue) : undefined;
  }

  private topicFor(
    topics: Map<InstrumentId, string>,
    id: InstrumentId,
    make: (id: InstrumentId) => string,
  ): string {
    let topic = topics.get(id);
    if (topic === undefined) {
      topic = make(id);
      topics.set(id, topic);
    }
    return topic;
  }
}
