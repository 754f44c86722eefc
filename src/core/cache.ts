import type { OrderBook } from '../data/book/order-book.js';
import type { Account } from '../model/account.js';
import type { Bar, BarType, QuoteTick, TradeTick } from '../model/data.js';
import type { ClientOrderId, InstrumentId, StrategyId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { Position } from '../model/position.js';
import { NotFoundError } from './errors.js';

/** Fixed-capacity history of the latest bars of one bar type (newest last). */
class BarHistory {
  private readonly items: Bar[];
  private next = 0;
  count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<Bar>(capacity);
  }

  push(bar: Bar): void {
    this.items[this.next] = bar;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** `ago` 0 is the latest bar, 1 the one before… */
  get(ago: number): Bar | undefined {
    if (ago < 0 || ago >= this.count) return undefined;
    const index = (this.next - 1 - ago + this.capacity * 2) % this.capacity;
    return this.items[index];
  }
}

/**
 * The kernel's memory of current state. Data is written here before it is published, so any
 * handler can read the latest state of everything.
 */
export class Cache {
  private readonly instrumentsById = new Map<InstrumentId, Instrument>();
  private readonly bars = new Map<BarType, BarHistory>();
  private readonly quotes = new Map<InstrumentId, QuoteTick>();
  private readonly trades = new Map<InstrumentId, TradeTick>();
  private readonly ordersById = new Map<ClientOrderId, Order>();
  private readonly openOrdersById = new Map<ClientOrderId, Order>();
  private readonly positionsById = new Map<InstrumentId, Position>();
  private readonly accountsById = new Map<string, Account>();
  private readonly lastPrices = new Map<InstrumentId, number>();
  private readonly books = new Map<InstrumentId, OrderBook>();

  constructor(readonly barCapacity = 1_000) {}

  addInstrument(instrument: Instrument): void {
    this.instrumentsById.set(instrument.id, instrument);
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.instrumentsById.get(id);
  }

  /** Like instrument() but throws a NotFoundError naming the id. */
  requireInstrument(id: InstrumentId): Instrument {
    const instrument = this.instrumentsById.get(id);
    if (!instrument) throw new NotFoundError('instrument', id);
    return instrument;
  }

  instruments(): Instrument[] {
    return [...this.instrumentsById.values()];
  }

  addBar(bar: Bar): void {
    let history = this.bars.get(bar.barType);
    if (!history) {
      history = new BarHistory(this.barCapacity);
      this.bars.set(bar.barType, history);
    }
    history.push(bar);
    this.lastPrices.set(bar.barType.instrumentId, bar.close);
  }

  /** The latest bar of a type (`ago` bars back). */
  bar(barType: BarType, ago = 0): Bar | undefined {
    return this.bars.get(barType)?.get(ago);
  }

  barCount(barType: BarType): number {
    return this.bars.get(barType)?.count ?? 0;
  }

  addQuote(quote: QuoteTick): void {
    this.quotes.set(quote.instrumentId, quote);
    this.lastPrices.set(quote.instrumentId, (quote.bidPrice + quote.askPrice) / 2);
  }

  quote(id: InstrumentId): QuoteTick | undefined {
    return this.quotes.get(id);
  }

  addTrade(trade: TradeTick): void {
    this.trades.set(trade.instrumentId, trade);
    this.lastPrices.set(trade.instrumentId, trade.price);
  }

  trade(id: InstrumentId): TradeTick | undefined {
    return this.trades.get(id);
  }

  /** Registers the book the data engine keeps for an instrument with an L3 feed. */
  setOrderBook(id: InstrumentId, book: OrderBook): void {
    this.books.set(id, book);
  }

  /** The instrument's L3 order book (displayed liquidity), when it has a book feed. Read it, never change it. */
  orderBook(id: InstrumentId): OrderBook | undefined {
    return this.books.get(id);
  }

  /** Latest known price: last trade, mid quote or bar close, whichever came last. */
  lastPrice(id: InstrumentId): number | undefined {
    return this.lastPrices.get(id);
  }

  addOrder(order: Order): void {
    if (this.ordersById.has(order.clientOrderId)) {
      throw new RangeError(`duplicate client order id '${order.clientOrderId}'`);
    }
    this.ordersById.set(order.clientOrderId, order);
    this.openOrdersById.set(order.clientOrderId, order);
  }

  /** Re-indexes an order after an event changed its status. */
  updateOrder(order: Order): void {
    if (order.isTerminal) this.openOrdersById.delete(order.clientOrderId);
  }

  order(id: ClientOrderId): Order | undefined {
    return this.ordersById.get(id);
  }

  hasOrder(id: ClientOrderId): boolean {
    return this.ordersById.has(id);
  }

  orders(): Order[] {
    return [...this.ordersById.values()];
  }

  /** Orders not yet terminal, optionally of one instrument and/or strategy. */
  openOrders(filter: { instrumentId?: InstrumentId; strategyId?: StrategyId } = {}): Order[] {
    const result: Order[] = [];
    for (const order of this.openOrdersById.values()) {
      if (filter.instrumentId !== undefined && order.instrumentId !== filter.instrumentId) continue;
      if (filter.strategyId !== undefined && order.strategyId !== filter.strategyId) continue;
      result.push(order);
    }
    return result;
  }

  openOrderCount(): number {
    return this.openOrdersById.size;
  }

  addPosition(position: Position): void {
    this.positionsById.set(position.instrumentId, position);
  }

  position(id: InstrumentId): Position | undefined {
    return this.positionsById.get(id);
  }

  positions(): Position[] {
    return [...this.positionsById.values()];
  }

  addAccount(account: Account): void {
    this.accountsById.set(account.id, account);
  }

  account(id: string): Account | undefined {
    return this.accountsById.get(id);
  }

  accounts(): Account[] {
    return [...this.accountsById.values()];
  }
}
