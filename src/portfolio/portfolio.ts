import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Account, ExposureSample } from '../model/account.js';
import { type Currency, USD } from '../model/currency.js';
import type { MarketData } from '../model/data.js';
import { FxRates } from '../model/fx.js';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import { type Instrument, isFuturesLike } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { OrderFilled } from '../model/order-events.js';
import { Position } from '../model/position.js';
import { type TradingDayOf, type UnixMicros, utcDay } from '../model/time.js';
import { fxPriceSource } from './fx-source.js';
import { type OmsType, PositionBook, type PositionFilter } from './position-book.js';
import type { FillRecord } from './records.js';
import { RoundTripTracker } from './round-trips.js';

export interface PositionEvent {
  readonly kind: 'opened' | 'changed' | 'closed';
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId;
  /** The strategy's position: `<instrument>-<strategy>` (netting) or `P-<clientOrderId>` (hedging). */
  readonly positionId: string;
  readonly accountId: string;
  /** Signed quantity of the strategy's position after the fill. */
  readonly quantity: number;
  readonly previousQuantity: number;
  readonly averageOpenPrice: number;
  /** Realised P&L of this fill's closing part, in the instrument's currency. */
  readonly realizedPnl: number;
  /** Net quantity of the instrument over all strategies after the fill. */
  readonly netQuantity: number;
  readonly tsEvent: UnixMicros;
}

/** Which strategy positions a P&L query sums (every field given must match). */
export type PnlFilter = Omit<PositionFilter, 'open'>;

const DAILY_OR_LONGER: ReadonlySet<string> = new Set(['day', 'week', 'month']);

export const positionTopic = (strategyId: StrategyId): string => `events.position.${strategyId}`;

/**
 * Positions, accounts and P&L. Books every fill into the net position of the instrument (in the
 * cache: what the risk engine and the venue see), the strategy's own position (netting or hedging,
 * docs/portfolio.md), the account of the instrument's venue, and the round-trip record; marks
 * positions to the latest price; settles futures variation once per trading day and at the end of
 * a run. Money of accounts in different currencies is converted with `fx` into the base currency
 * (the first registered account's).
 */
export class Portfolio {
  readonly fills: FillRecord[] = [];
  /** Rates between currencies: set explicitly, or read from the cache's FX instruments (`EUR/USD.*`). */
  readonly fx: FxRates;
  private readonly accountsByVenue = new Map<string, Account>();
  /** The same accounts as a plain array: summed on every data point, without an iterator. */
  private readonly accountList: Account[] = [];
  /** Whether some account's base currency differs from the portfolio's (slow path for totals). */
  private mixedBases = false;
  private readonly openPositions = new Set<Position>();
  private readonly settlementDay = new Map<InstrumentId, number>();
  private tracker: RoundTripTracker | undefined;
  private readonly tradingDays = new Map<string, TradingDayOf>();
  private readonly book = new PositionBook();
  private readonly venueOms = new Map<string, OmsType>();
  private readonly strategyOms = new Map<StrategyId, OmsType>();
  /** Index of the data point being processed (for bars held). */
  dataIndex = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly cache: Cache,
  ) {
    this.fx = new FxRates(fxPriceSource(cache));
  }

  registerAccount(venue: string, account: Account): void {
    this.accountsByVenue.set(venue, account);
    if (!this.accountList.includes(account)) this.accountList.push(account);
    account.fxRates ??= this.fx;
    if (account.currency.code !== this.baseCurrency.code) this.mixedBases = true;
    this.cache.addAccount(account);
    this.tracker ??= new RoundTripTracker(account.currency);
  }

  /** The currency portfolio totals are in: the first registered account's (USD before any). */
  get baseCurrency(): Currency {
    return this.accountList[0]?.currency ?? USD;
  }

  /** How a venue's times map to trading days for futures settlement (default: the UTC day). */
  setTradingDay(venue: string, tradingDay: TradingDayOf): void {
    this.tradingDays.set(venue, tradingDay);
  }

  /** The order-management type of a venue's fills (default netting); a strategy's own setting wins. */
  setVenueOms(venue: string, oms: OmsType): void {
    this.venueOms.set(venue, oms);
  }

  /** The order-management type of one strategy's fills, on every venue. */
  setStrategyOms(strategyId: StrategyId, oms: OmsType): void {
    this.strategyOms.set(strategyId, oms);
  }

  /** The OMS type that books a strategy's fills in an instrument: strategy, else venue, else netting. */
  omsFor(instrument: Instrument, strategyId: StrategyId): OmsType {
    return this.strategyOms.get(strategyId) ?? this.venueOms.get(instrument.venue) ?? 'netting';
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

  /** Signed net quantity held in an instrument, over all strategies. */
  netPosition(instrumentId: InstrumentId): number {
    return this.cache.position(instrumentId)?.quantity ?? 0;
  }

  isFlat(instrumentId: InstrumentId): boolean {
    return this.netPosition(instrumentId) === 0;
  }

  /**
   * A strategy's netting position in an instrument (undefined before its first fill, and under
   * hedging, where a strategy holds several: use `positions({ instrumentId, strategyId })`).
   */
  position(instrumentId: InstrumentId, strategyId: StrategyId): Position | undefined {
    return this.book.nettingPositionOf(instrumentId, strategyId);
  }

  /** A strategy position by id (`<instrument>-<strategy>` or `P-<clientOrderId>`). */
  positionById(positionId: string): Position | undefined {
    return this.book.get(positionId);
  }

  /** Every position of a strategy (open and closed, netting and hedging), oldest first. */
  positionsOf(strategyId: StrategyId): readonly Position[] {
    return this.book.ofStrategy(strategyId);
  }

  /** Strategy positions matching a filter (per account, strategy, instrument, open or closed). */
  positions(filter: PositionFilter = {}): Position[] {
    return this.book.list(filter);
  }

  /** Signed quantity a strategy holds in an instrument (the sum of its positions, either OMS). */
  strategyQuantity(instrumentId: InstrumentId, strategyId: StrategyId): number {
    let quantity = 0;
    for (const p of this.book.ofStrategy(strategyId))
      if (p.instrumentId === instrumentId) quantity += p.quantity;
    return quantity;
  }

  /** Whether any position is open. */
  get inMarket(): boolean {
    return this.openPositions.size > 0;
  }

  /** Sum of the equity of all accounts, in the base currency. */
  totalEquity(): number {
    let total = 0;
    if (!this.mixedBases) {
      for (let i = 0; i < this.accountList.length; i++) total += this.accountList[i].equity;
      return total;
    }
    for (const a of this.accountList) total += this.toBase(a.equity, a.currency.code);
    return total;
  }

  /** Σ |notional| of the net positions of all accounts, in the base currency. */
  grossExposure(): number {
    let total = 0;
    for (let i = 0; i < this.accountList.length; i++) {
      const a = this.accountList[i];
      total += this.mixedBases ? this.toBase(a.grossExposure, a.currency.code) : a.grossExposure;
    }
    return total;
  }

  /** Σ signed notional (longs less shorts) of all accounts, in the base currency. */
  netExposure(): number {
    let total = 0;
    for (let i = 0; i < this.accountList.length; i++) {
      const a = this.accountList[i];
      total += this.mixedBases ? this.toBase(a.netExposure, a.currency.code) : a.netExposure;
    }
    return total;
  }

  /**
   * Gross and net exposure of all accounts in one pass, into `out` (reset first): what the
   * backtest samples per data point while a position is open.
   */
  sampleExposure(out: ExposureSample): void {
    out.gross = 0;
    out.net = 0;
    if (!this.mixedBases) {
      for (let i = 0; i < this.accountList.length; i++) this.accountList[i].addExposure(out);
      return;
    }
    out.gross = this.grossExposure();
    out.net = this.netExposure();
  }

  /** Gross exposure / equity (Infinity when equity <= 0 with positions open; 0 when flat). */
  leverage(): number {
    const gross = this.grossExposure();
    if (gross === 0) return 0;
    const equity = this.totalEquity();
    return equity > 0 ? gross / equity : Number.POSITIVE_INFINITY;
  }

  /**
   * Realised P&L of the strategy positions matching the filter (before commissions), converted
   * into the base currency (`accountId` given: that account's) at the current rates. Each
   * position's P&L is booked in cents of its currency; the converted sum is a report, not rounded.
   */
  realizedPnl(filter: PnlFilter = {}): number {
    return this.sumPnl(filter, (p) => p.realizedPnl);
  }

  /**
   * Unrealised P&L of the matching open strategy positions at the cache's last prices, in the base
   * currency. An instrument id stands for `{ instrumentId }`.
   */
  unrealizedPnl(filter: PnlFilter | InstrumentId = {}): number {
    const f = typeof filter === 'string' ? { instrumentId: filter } : filter;
    return this.sumPnl(f, (p) => {
      if (p.isFlat) return 0;
      const price = this.cache.lastPrice(p.instrumentId);
      return price === undefined ? 0 : p.unrealizedPnl(price);
    });
  }

  /** Realised P&L of the matching strategy positions per currency, unconverted. */
  realizedPnlByCurrency(filter: PnlFilter = {}): Map<string, number> {
    const totals = new Map<string, number>();
    for (const p of this.book.list(filter))
      totals.set(p.currency.code, (totals.get(p.currency.code) ?? 0) + p.realizedPnl);
    return totals;
  }

  /** Books a fill; publishes the position event(s) to the order's strategy. */
  applyFill(order: Order, fill: OrderFilled): void {
    const instrument = this.cache.requireInstrument(fill.instrumentId);
    const account = this.accountFor(instrument);
    let position = this.cache.position(instrument.id);
    if (!position) {
      position = new Position(instrument.id, instrument.multiplier, instrument.currency, {
        accountId: account.id,
      });
      this.cache.addPosition(position);
    }
    account.applyFill(instrument, fill.side, fill.lastQuantity, fill.lastPrice, fill.commission);
    position.applyFill(fill.side, fill.lastQuantity, fill.lastPrice, fill.commission, fill.tsEvent);
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
      instrument.currency,
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
    const booked = this.book.apply(
      this.omsFor(instrument, order.strategyId),
      order,
      fill,
      instrument,
      account.id,
    );
    for (const { position: own, result } of booked) {
      const event: PositionEvent = {
        kind: result.previousQuantity === 0 ? 'opened' : own.isFlat ? 'closed' : 'changed',
        instrumentId: instrument.id,
        strategyId: order.strategyId,
        positionId: own.id,
        accountId: account.id,
        quantity: own.quantity,
        previousQuantity: result.previousQuantity,
        averageOpenPrice: own.averageOpenPrice,
        realizedPnl: result.realizedPnl,
        netQuantity: position.quantity,
        tsEvent: fill.tsEvent,
      };
      this.bus.publish(positionTopic(order.strategyId), event);
    }
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

  private toBase(amount: number, code: string): number {
    return amount === 0 ? 0 : this.fx.convert(amount, code, this.baseCurrency.code);
  }

  /** The currency a P&L query answers in: the filtered account's, else the base currency. */
  private currencyOf(filter: PnlFilter): Currency {
    if (filter.accountId === undefined) return this.baseCurrency;
    return this.accountList.find((a) => a.id === filter.accountId)?.currency ?? this.baseCurrency;
  }

  private sumPnl(filter: PnlFilter, pnlOf: (p: Position) => number): number {
    const to = this.currencyOf(filter);
    let total = 0;
    for (const p of this.book.list(filter)) {
      const pnl = pnlOf(p);
      if (pnl !== 0) total += this.fx.convert(pnl, p.currency.code, to.code);
    }
    return total;
  }
}
