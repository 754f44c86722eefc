import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Account } from '../model/account.js';
import type { MarketData } from '../model/data.js';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import { type Instrument, isFuturesLike } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { OrderFilled } from '../model/order-events.js';
import { Position } from '../model/position.js';
import { type TradingDayOf, type UnixMicros, utcDay } from '../model/time.js';
import type { FillRecord } from './records.js';
import { RoundTripTracker } from './round-trips.js';

export interface PositionEvent {
  readonly kind: 'opened' | 'changed' | 'closed';
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId;
  readonly quantity: number;
  readonly previousQuantity: number;
  readonly averageOpenPrice: number;
  /** Realised P&L of this fill's closing part. */
  readonly realizedPnl: number;
  readonly tsEvent: UnixMicros;
}

const DAILY_OR_LONGER: ReadonlySet<string> = new Set(['day', 'week', 'month']);

export const positionTopic = (strategyId: StrategyId): string => `events.position.${strategyId}`;

/**
 * Positions, accounts and P&L. Books every fill into the position (netting per instrument), the
 * account of the instrument's venue, and the round-trip record; marks positions to the latest
 * price; settles futures variation once per trading day and at the end of a run.
 */
export class Portfolio {
  readonly fills: FillRecord[] = [];
  private readonly accountsByVenue = new Map<string, Account>();
  /** The same accounts as a plain array: summed on every data point, without an iterator. */
  private readonly accountList: Account[] = [];
  private readonly openPositions = new Set<Position>();
  private readonly settlementDay = new Map<InstrumentId, number>();
  private tracker: RoundTripTracker | undefined;
  private readonly tradingDays = new Map<string, TradingDayOf>();
  /** Index of the data point being processed (for bars held). */
  dataIndex = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly cache: Cache,
  ) {}

  registerAccount(venue: string, account: Account): void {
    this.accountsByVenue.set(venue, account);
    if (!this.accountList.includes(account)) this.accountList.push(account);
    this.cache.addAccount(account);
    this.tracker ??= new RoundTripTracker(account.currency);
  }

  /** How a venue's times map to trading days for futures settlement (default: the UTC day). */
  setTradingDay(venue: string, tradingDay: TradingDayOf): void {
    this.tradingDays.set(venue, tradingDay);
  }

  /** The account that books trades in an instrument (by its venue). */
  accountFor(instrument: Instrument): Account {
    const account = this.accountsByVenue.get(instrument.venue);
    if (!account)
      throw new RangeError(
        `no account registered for venue '${instrument.venue}' (instrument ${instrument.id})`,
      );
    return account;
  }

  /** The registered accounts (read-only view, no copy: the margin monitor reads it per data point). */
  accounts(): readonly Account[] {
    return this.accountList;
  }

  get closedTrades(): RoundTripTracker['closed'] {
    return this.tracker?.closed ?? [];
  }

  /** Signed net quantity held in an instrument. */
  netPosition(instrumentId: InstrumentId): number {
    return this.cache.position(instrumentId)?.quantity ?? 0;
  }

  isFlat(instrumentId: InstrumentId): boolean {
    return this.netPosition(instrumentId) === 0;
  }

  /** Whether any position is open. */
  get inMarket(): boolean {
    return this.openPositions.size > 0;
  }

  /** Sum of the equity of all accounts (single currency). */
  totalEquity(): number {
    let total = 0;
    for (let i = 0; i < this.accountList.length; i++) total += this.accountList[i].equity;
    return total;
  }

  unrealizedPnl(instrumentId: InstrumentId): number {
    const position = this.cache.position(instrumentId);
    const price = this.cache.lastPrice(instrumentId);
    return position && price !== undefined ? position.unrealizedPnl(price) : 0;
  }

  /** Books a fill; publishes the position event to the order's strategy. */
  applyFill(order: Order, fill: OrderFilled): void {
    const instrument = this.cache.requireInstrument(fill.instrumentId);
    const account = this.accountFor(instrument);
    let position = this.cache.position(instrument.id);
    if (!position) {
      position = new Position(instrument.id, instrument.multiplier, account.currency);
      this.cache.addPosition(position);
    }
    account.applyFill(instrument, fill.side, fill.lastQuantity, fill.lastPrice, fill.commission);
    const result = position.applyFill(
      fill.side,
      fill.lastQuantity,
      fill.lastPrice,
      fill.commission,
      fill.tsEvent,
    );
    if (position.isFlat) this.openPositions.delete(position);
    else this.openPositions.add(position);
    if (isFuturesLike(instrument) && !this.settlementDay.has(instrument.id)) {
      this.settlementDay.set(instrument.id, (this.tradingDays.get(instrument.venue) ?? utcDay)(fill.tsEvent));
    }
    this.tracker?.onFill(
      instrument.id,
      instrument.multiplier,
      fill.side,
      fill.lastQuantity,
      fill.lastPrice,
      fill.commission,
      fill.tsEvent,
      this.dataIndex,
    );
    this.fills.push({
      time: fill.tsEvent,
      clientOrderId: fill.clientOrderId,
      instrumentId: fill.instrumentId,
      side: fill.side,
      price: fill.lastPrice,
      quantity: fill.lastQuantity,
      commission: fill.commission,
      liquidity: fill.liquidity,
    });
    const event: PositionEvent = {
      kind: result.previousQuantity === 0 ? 'opened' : position.isFlat ? 'closed' : 'changed',
      instrumentId: instrument.id,
      strategyId: order.strategyId,
      quantity: position.quantity,
      previousQuantity: result.previousQuantity,
      averageOpenPrice: position.averageOpenPrice,
      realizedPnl: result.realizedPnl,
      tsEvent: fill.tsEvent,
    };
    this.bus.publish(positionTopic(order.strategyId), event);
  }

  /**
   * Marks open positions to new data. Futures variation is settled at the previous price when a
   * new UTC day starts, and at the close of daily (or longer) bars.
   */
  onData(data: MarketData): void {
    // Book events mark nothing: the trades and quotes derived from them do.
    if (this.openPositions.size === 0) return;
    if (data.kind !== 'bar' && data.kind !== 'trade' && data.kind !== 'quote') return;
    const instrumentId = data.kind === 'bar' ? data.barType.instrumentId : data.instrumentId;
    const position = this.cache.position(instrumentId);
    if (!position || position.isFlat) return;
    const instrument = this.cache.requireInstrument(instrumentId);
    const account = this.accountFor(instrument);
    const price =
      data.kind === 'bar'
        ? data.close
        : data.kind === 'trade'
          ? data.price
          : (data.bidPrice + data.askPrice) / 2;
    if (!isFuturesLike(instrument)) {
      account.mark(instrumentId, price);
      return;
    }
    const day = (this.tradingDays.get(instrument.venue) ?? utcDay)(data.tsEvent);
    const lastDay = this.settlementDay.get(instrumentId) ?? day;
    if (day > lastDay) {
      account.settle(instrumentId); // yesterday's last price
      this.settlementDay.set(instrumentId, day);
    }
    account.mark(instrumentId, price);
    if (data.kind === 'bar' && DAILY_OR_LONGER.has(data.barType.aggregation))
      account.settle(instrumentId, price);
  }

  /** End of run (or of a session): settles all futures variation. */
  settleAll(): void {
    for (const account of this.accountsByVenue.values()) account.settleAll();
  }
}
