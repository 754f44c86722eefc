import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Bar, BarType, MarketData, QuoteTick, TradeTick } from '../model/data.js';
import type { InstrumentId } from '../model/identifiers.js';

/** Where live data comes from: an adapter told what the kernel subscribes to. */
export interface DataClient {
  readonly venue: string;
  subscribeBars(barType: BarType): void;
  subscribeQuotes(instrumentId: InstrumentId): void;
  subscribeTrades(instrumentId: InstrumentId): void;
}

export const quoteTopic = (id: InstrumentId): string => `data.quotes.${id}`;
export const tradeTopic = (id: InstrumentId): string => `data.trades.${id}`;

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
    }
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
