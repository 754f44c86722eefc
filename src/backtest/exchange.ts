import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { ACTION_TRADE, F_LAST } from '../data/book/mbo-events.js';
import type { LocalRelease } from '../execution/emulator.js';
import type { ExecutionClient, OrderChanges } from '../execution/engine.js';
import {
  type Bar,
  type BarType,
  type BookData,
  type BookLevelUpdate,
  barOpenTime,
  type OrderBookEvent,
  type QuoteTick,
  type TradeTick,
} from '../model/data.js';
import { LIMIT_TYPES, type OrderSide, type OrderType, TRIGGERED_TYPES } from '../model/enums.js';
import type { Grid } from '../model/grid.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import { eventIds, type OrderEvent } from '../model/order-events.js';
import type { TradingSession } from '../model/sessions.js';
import { type TradingDayOf, type UnixMicros, utcDay } from '../model/time.js';
import { type AuctionTarget, auctionReached, auctionTarget } from './auctions.js';
import {
  decideOnPath,
  type IntrabarPath,
  moveTrail,
  type PathFillDecision,
  PricePath,
  type TrailState,
} from './bar-fills.js';
import type { CommissionModel } from './commission.js';
import { type FeeModel, fromCommissionModel } from './fees/index.js';
import { checkLatency, DelayedActions, type LatencyModel } from './latency.js';
import type { L2Matcher, L3Matcher, MatchFill, QueueModel } from './matching/index.js';
import { mulberry32, type SlippageModel } from './slippage/index.js';
import { bookCancelReason, VenueBooks } from './venue-books.js';
import { checkPriceBand, type PriceBand, venueRejection } from './venue-rules.js';
import { type Capacity, type Liquidity, UNLIMITED, WorkingOrder } from './working-order.js';

export type FillTiming = 'next-open' | 'close';

/**
 * Quotes (L1): what happens to the part of a taker order beyond the displayed size at the touch.
 * `slippage` (default): it fills at once, priced by the venue's slippage model if one is set, else
 * on a synthetic ladder of levels one tick apart, each the size of the touch; `wait`: it keeps
 * working on later quotes (IOC: canceled); `unlimited`: the displayed size is ignored.
 */
export type QuoteDepth = 'slippage' | 'wait' | 'unlimited';

export interface SimulatedExchangeConfig {
  readonly venue: string;
  /** When market orders placed on a bar fill: the next bar's open (default) or this bar's close. */
  readonly fill: FillTiming;
  readonly commission: CommissionModel;
  /** A full fee schedule (IB tiered, maker/taker…); replaces `commission` when given. */
  readonly fees?: FeeModel;
  /** Slippage applied to taker fills (market, stop, marketable); none by default. */
  readonly slippage?: SlippageModel;
  /** Seed of the slippage model's random draws (same seed, same fills). Default 1. */
  readonly seed?: number;
  /**
   * Our orders together take at most this fraction of each bar's (or trade's) volume (e.g. 0.1);
   * the rest keeps working on later data (partial fills). Unlimited when not given.
   */
  readonly volumeParticipation?: number;
  /** Which trading day a time belongs to, for DAY orders and auctions (default: the UTC day). */
  readonly tradingDay?: TradingDayOf;
  /** The order a bar visits its high and low in (default `proximity`). */
  readonly intrabarPath?: IntrabarPath;
  readonly quoteDepth?: QuoteDepth;
  readonly latency?: LatencyModel;
  /** Limit and trigger prices farther than this from the last price are rejected. */
  readonly priceBand?: PriceBand;
  /** The venue's hours: at-the-open/close orders execute at its opens and closes. */
  readonly session?: TradingSession;
  /** Reject orders that arrive while `session` is closed (default false). */
  readonly rejectWhenClosed?: boolean;
  /** L2 books: how feed cancels move our estimated queue position (default `proportional`). */
  readonly queueModel?: QueueModel;
  /**
   * Order types this venue takes (default: all). The kernel emulates the others it can (stops,
   * if-touched, trailing stops); the venue rejects any other it is sent.
   */
  readonly supportedOrderTypes?: readonly OrderType[];
}

/** Can the account pay for this fill? (Checked at fill time, as a broker would.) */
export type FundsCheck = (
  instrument: Instrument,
  side: OrderSide,
  quantity: number,
  price: number,
  commission: number,
) => boolean;

/** Last prices a buy and a sell could trade at, and when (for closing auctions). */
interface LastPrices {
  buy: number;
  sell: number;
  time: UnixMicros;
}

/** One data point, as the matching loop sees it. */
interface DataPoint {
  /** Start and end of the data (a bar's open and close times; a tick's time twice). */
  readonly start: UnixMicros;
  readonly end: UnixMicros;
  readonly day: number;
  /** Price paths for buys and for sells (the same object except for quotes). */
  readonly buyPath: PricePath;
  readonly sellPath: PricePath;
  readonly buyCapacity: Capacity;
  readonly sellCapacity: Capacity;
  /** Quotes: taker orders take the touch, then what is beyond it (QuoteDepth `slippage`). */
  readonly quote: boolean;
  /** Quotes: displayed sizes at the ask and the bid (the synthetic ladder's level size). */
  readonly buyTouch: number;
  readonly sellTouch: number;
}

/**
 * The venue of backtests and paper trading: one matching engine per instrument, keyed to the data
 * it is given (rules in docs/backtesting.md):
 * - bars: orders fill along an intrabar path (bar-fills.ts), in path order, with gap rules and an
 *   optional volume-participation cap; trade ticks are one-point paths;
 * - quotes (L1): buys at the ask and sells at the bid, up to the displayed size (see QuoteDepth);
 * - auctions: MOO/MOC and AT_THE_OPEN/AT_THE_CLOSE orders execute at the session's open or close;
 * - time in force GTC, DAY (session-aware through `tradingDay`), GTD, IOC, FOK; post-only limits
 *   that would take liquidity on arrival are canceled; reduce-only fills never reverse a position;
 * - latency on commands and responses; rejections for prices off the grid, outside the price band,
 *   or (optionally) a closed market.
 * An order never matches the data point it arrived on.
 */
export class SimulatedExchange implements ExecutionClient {
  readonly venue: string;
  private readonly working = new Map<InstrumentId, WorkingOrder[]>();
  private readonly byOrder = new Map<Order, WorkingOrder>();
  /** Only one bar type per instrument drives matching (the first one seen), so fills are not repeated. */
  private readonly matchingBarType = new Map<InstrumentId, BarType>();
  private readonly last = new Map<InstrumentId, LastPrices>();
  private lastInstrument: InstrumentId | undefined;
  private lastRecord: LastPrices | undefined;
  private venueSequence = 0;
  private tradeSequence = 0;
  private readonly dayOf: TradingDayOf;
  private readonly fees: FeeModel;
  private readonly random: () => number;
  private readonly path = new PricePath();
  private readonly askPath = new PricePath();
  private readonly bidPath = new PricePath();
  private readonly intrabarPath: IntrabarPath;
  private readonly quoteDepth: QuoteDepth;
  private readonly submitDelay: number;
  private readonly ackDelay: number;
  private readonly fillDelay: number;
  private readonly commands: DelayedActions;
  private readonly supportedTypes: ReadonlySet<OrderType> | undefined;
  private readonly responses: DelayedActions;
  /** Matchers of instruments that have an order-book feed, L3 or L2 (created by its first event). */
  private readonly books: VenueBooks;
  /** Quantity traded this calendar month (UTC), for volume-tiered fee schedules. */
  private monthVolume = 0;
  /** End of the calendar month `monthVolume` counts (UTC µs). */
  private monthEnd = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly config: SimulatedExchangeConfig,
    private readonly clock: Clock,
    private readonly cache: Cache,
    private readonly emit: (event: OrderEvent) => void,
    private readonly hasFunds: FundsCheck,
  ) {
    this.venue = config.venue;
    this.dayOf = config.tradingDay ?? utcDay;
    this.fees = config.fees ?? fromCommissionModel(config.commission);
    this.random = mulberry32(config.seed ?? 1);
    this.intrabarPath = config.intrabarPath ?? 'proximity';
    this.quoteDepth = config.quoteDepth ?? 'slippage';
    if (config.priceBand) checkPriceBand(config.priceBand);
    const latency = config.latency ?? {};
    checkLatency(latency);
    this.submitDelay = latency.submit ?? 0;
    this.ackDelay = latency.ack ?? 0;
    this.fillDelay = latency.fill ?? 0;
    this.commands = new DelayedActions(clock, `${this.venue}-commands`);
    this.books = new VenueBooks(config.queueModel);
    this.supportedTypes = config.supportedOrderTypes ? new Set(config.supportedOrderTypes) : undefined;
    this.responses = new DelayedActions(clock, `${this.venue}-responses`);
  }

  get supportedOrderTypes(): ReadonlySet<OrderType> | undefined {
    return this.supportedTypes;
  }

  submitOrder(order: Order, release?: LocalRelease): void {
    // No closure on the common path (no latency): one per order adds up over a long backtest.
    if (this.submitDelay === 0) this.arrive(order, release);
    else this.command(() => this.arrive(order, release));
  }

  cancelOrder(order: Order): void {
    this.command(() => {
      const working = this.byOrder.get(order);
      if (working !== undefined) {
        this.remove(working); // also takes it out of the book
        this.respond({
          kind: 'canceled',
          ...eventIds(order),
          reason: 'canceled by request',
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
      } else {
        this.respond({
          kind: 'cancel-rejected',
          ...eventIds(order),
          reason: 'order is not working at the venue',
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
      }
    });
  }

  modifyOrder(order: Order, changes: OrderChanges): void {
    this.command(() => {
      const working = this.byOrder.get(order);
      const quantity = changes.quantity ?? working?.quantity ?? order.quantity;
      if (working === undefined || !(quantity > working.filled)) {
        this.respond({
          kind: 'modify-rejected',
          ...eventIds(order),
          reason:
            working === undefined
              ? 'order is not working at the venue'
              : `quantity ${quantity} is not above the ${working.filled} already filled`,
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
        return;
      }
      // In a book the matcher decides first: a post-only order may not be moved across the spread.
      const moved =
        working.bookId !== 0
          ? this.books.modify(
              working,
              changes.price === undefined ? undefined : this.grid(order).toTicks(changes.price),
              quantity - working.filled,
            )
          : undefined;
      if (moved?.reason === 'post-only-would-cross') {
        this.respond({
          kind: 'modify-rejected',
          ...eventIds(order),
          reason: 'post-only: the new price would take liquidity',
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
        return;
      }
      working.quantity = quantity;
      if (changes.price !== undefined) working.price = changes.price;
      if (changes.triggerPrice !== undefined) working.triggerPrice = changes.triggerPrice;
      this.respond({
        kind: 'updated',
        ...eventIds(order),
        quantity,
        price: changes.price,
        triggerPrice: changes.triggerPrice,
        tsEvent: this.clock.now(),
        tsInit: this.clock.now(),
      });
      if (moved !== undefined) for (const fill of moved.fills) this.bookFill(fill, this.clock.now());
    });
  }

  /**
   * Applies one event of an instrument's L3 feed to its matcher: our resting orders fill as the
   * feed trades through their queue (docs/matching.md). At the end of each batch, DAY and GTD
   * orders resting in the book are checked for expiry.
   */
  processBook(event: OrderBookEvent): void {
    for (const fill of this.books.applyMbo(event)) this.bookFill(fill, event.tsEvent);
    // Trades trigger stops waiting outside the book (they then enter it) and set the last price.
    if (event.action === ACTION_TRADE)
      this.matchTrade(event.instrumentId, event.priceTicks, event.size, event.tsEvent);
    if ((event.flags & F_LAST) !== 0) this.expireInBook(event);
  }

  /**
   * Applies one L2 level update to the instrument's L2 matcher: our resting orders' estimated queue
   * positions move with it, and at the end of a batch orders the book crosses fill (docs/matching.md).
   */
  processBookLevel(event: BookLevelUpdate): void {
    const last = (event.flags & F_LAST) !== 0;
    for (const fill of this.books.applyLevel(event, last)) this.bookFill(fill, event.tsEvent);
    if (last) this.expireInBook(event);
  }

  /** The venue's matcher of an instrument with a book feed (our orders queued in it). */
  book(instrumentId: InstrumentId): L3Matcher | L2Matcher | undefined {
    return this.books.matcher(instrumentId);
  }

  /** Matches working orders of the bar's instrument against the bar. */
  processBar(bar: Bar): void {
    const instrumentId = bar.barType.instrumentId;
    const matching = this.matchingBarType.get(instrumentId);
    if (matching === undefined) this.matchingBarType.set(instrumentId, bar.barType);
    else if (matching !== bar.barType) return;
    const list = this.working.get(instrumentId);
    if (list !== undefined && list.length > 0) {
      const grid = this.cache.requireInstrument(instrumentId).priceGrid;
      const start = barOpenTime(bar) ?? bar.tsEvent;
      const path = this.path.fromBar(bar, grid, this.intrabarPath);
      const capacity = this.capacity(bar.volume, instrumentId);
      this.match(list, this.pricePoint(start, bar.tsEvent, path, capacity));
    }
    this.setLast(instrumentId, bar.close, bar.close, bar.tsEvent);
  }

  /** Matches against a trade tick: a one-point path at the traded price (and the L2 queues). */
  processTrade(trade: TradeTick): void {
    const grid = this.cache.requireInstrument(trade.instrumentId).priceGrid;
    if (this.books.has(trade.instrumentId)) {
      const aggressor = trade.aggressor === 'buyer' ? 'buy' : trade.aggressor === 'seller' ? 'sell' : 'none';
      const fills = this.books.applyTrade(
        trade.instrumentId,
        aggressor,
        grid.toTicks(trade.price),
        trade.size,
      );
      for (const fill of fills) this.bookFill(fill, trade.tsEvent);
    }
    this.matchTrade(trade.instrumentId, grid.toTicks(trade.price), trade.size, trade.tsEvent);
  }

  private matchTrade(instrumentId: InstrumentId, priceTicks: number, size: number, t: UnixMicros): void {
    const grid = this.cache.requireInstrument(instrumentId).priceGrid;
    const list = this.working.get(instrumentId);
    if (list !== undefined && list.length > 0) {
      const path = this.path.point(priceTicks);
      const capacity = this.capacity(size, instrumentId);
      this.match(list, this.pricePoint(t, t, path, capacity));
    }
    const price = grid.fromTicks(priceTicks);
    this.setLast(instrumentId, price, price, t);
  }

  /** Matches against a quote: buys trade at the ask, sells at the bid, up to the displayed size. */
  processQuote(quote: QuoteTick): void {
    const list = this.working.get(quote.instrumentId);
    if (list !== undefined && list.length > 0) {
      const grid = this.cache.requireInstrument(quote.instrumentId).priceGrid;
      const t = quote.tsEvent;
      const sized = this.quoteDepth !== 'unlimited';
      this.match(list, {
        start: t,
        end: t,
        day: this.dayOf(t),
        buyPath: this.askPath.point(grid.toTicks(quote.askPrice)),
        sellPath: this.bidPath.point(grid.toTicks(quote.bidPrice)),
        buyCapacity:
          sized && quote.askSize > 0 ? { left: quote.askSize } : { left: Number.POSITIVE_INFINITY },
        sellCapacity:
          sized && quote.bidSize > 0 ? { left: quote.bidSize } : { left: Number.POSITIVE_INFINITY },
        quote: true,
        buyTouch: quote.askSize > 0 ? quote.askSize : Number.POSITIVE_INFINITY,
        sellTouch: quote.bidSize > 0 ? quote.bidSize : Number.POSITIVE_INFINITY,
      });
    }
    this.setLast(quote.instrumentId, quote.askPrice, quote.bidPrice, quote.tsEvent);
  }

  /** A bar or trade as the matching loop sees it: one path and one capacity for both sides. */
  private pricePoint(start: UnixMicros, end: UnixMicros, path: PricePath, capacity: Capacity): DataPoint {
    return {
      start,
      end,
      day: this.dayOf(start),
      buyPath: path,
      sellPath: path,
      buyCapacity: capacity,
      sellCapacity: capacity,
      quote: false,
      buyTouch: Number.POSITIVE_INFINITY,
      sellTouch: Number.POSITIVE_INFINITY,
    };
  }

  /** Orders working at the venue (for tests and reconciliation). */
  workingOrders(): Order[] {
    return [...this.working.values()].flatMap((list) => list.map((w) => w.order));
  }

  // ---- arrival ----

  private arrive(order: Order, release: LocalRelease | undefined): void {
    const now = this.clock.now();
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const last = this.last.get(order.instrumentId);
    const rejection =
      release === undefined && this.supportedTypes !== undefined && !this.supportedTypes.has(order.type)
        ? {
            code: 'ORDER_TYPE_NOT_SUPPORTED',
            reason: `venue ${this.venue} does not take ${order.type} orders`,
          }
        : venueRejection(
            order,
            instrument,
            this.config,
            last === undefined ? undefined : (last.buy + last.sell) / 2,
            now,
          );
    if (rejection !== undefined) {
      // A released order is accepted already: the venue can only cancel it.
      if (release !== undefined)
        this.respond({
          kind: 'canceled',
          ...eventIds(order),
          reason: `${rejection.code}: ${rejection.reason}`,
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
      else
        this.respond({
          kind: 'rejected',
          ...eventIds(order),
          reasonCode: rejection.code,
          reason: rejection.reason,
          tsEvent: this.clock.now(),
          tsInit: this.clock.now(),
        });
      return;
    }
    if (release === undefined) {
      const venueOrderId = `${this.venue}-${++this.venueSequence}`;
      this.respond({
        kind: 'accepted',
        ...eventIds(order),
        venueOrderId,
        tsEvent: this.clock.now(),
        tsInit: this.clock.now(),
      });
    }
    const working = new WorkingOrder(
      order,
      now,
      release === undefined ? auctionTarget(order, now, this.config.session, this.dayOf) : undefined,
      this.dayOf(now),
      release,
    );
    if (order.type === 'market' && this.config.fill === 'close' && working.auction === undefined) {
      const barType = this.matchingBarType.get(order.instrumentId);
      const bar = barType ? this.cache.bar(barType) : undefined;
      if (bar && bar.tsEvent === now) {
        this.fill(working, bar.close, now, UNLIMITED, 'taker', true);
        return;
      }
    }
    working.crossedOnArrival = working.type === 'limit' && this.wouldTakeOnArrival(working);
    if (order.postOnly && working.crossedOnArrival) {
      this.respond({
        kind: 'canceled',
        ...eventIds(order),
        reason: 'post-only: the limit would take liquidity',
        tsEvent: this.clock.now(),
        tsInit: this.clock.now(),
      });
      return;
    }
    let list = this.working.get(order.instrumentId);
    if (!list) {
      list = [];
      this.working.set(order.instrumentId, list);
    }
    list.push(working);
    this.byOrder.set(order, working);
    if (
      this.books.has(order.instrumentId) &&
      working.auction === undefined &&
      !TRIGGERED_TYPES.has(working.type)
    ) {
      this.submitToBook(working);
      return;
    }
    if (working.type === 'trailing-stop-market' || working.type === 'trailing-stop-limit') {
      if (last !== undefined) this.applyTrail(working, this.trailFrom(working, last));
    }
  }

  /** Post-only against the latest quote: a buy at or above the ask (a sell at or below the bid) would take. */
  private wouldTakeOnArrival(working: WorkingOrder): boolean {
    const quote = this.cache.quote(working.order.instrumentId);
    if (quote === undefined || working.price === undefined) return false;
    return working.side === 'buy' ? working.price >= quote.askPrice : working.price <= quote.bidPrice;
  }

  // ---- matching ----

  private match(list: WorkingOrder[], data: DataPoint): void {
    let fills: { working: WorkingOrder; decision: PathFillDecision; onArrival: boolean }[] | undefined;
    // Iterate over a snapshot: handlers of the events below may submit or cancel orders.
    for (const working of list.slice()) {
      // Only data after the order reached the venue: a bar it arrived inside of is skipped too.
      if (!this.byOrder.has(working.order) || working.arrival >= data.end || working.arrival > data.start)
        continue;
      const order = working.order;
      if (order.timeInForce === 'GTD' && data.end > order.expireTime!) {
        this.expire(working, order.expireTime!);
        continue;
      }
      if (order.timeInForce === 'DAY' && working.auction === undefined) {
        if (data.day > working.day) {
          this.expire(working, this.clock.now());
          continue;
        }
      }
      if (working.auction !== undefined) {
        this.matchAuction(working, working.auction, data);
        continue;
      }
      if (working.bookId !== 0) continue; // the L3 matcher fills it
      const buy = working.side === 'buy';
      const path = buy ? data.buyPath : data.sellPath;
      const grid = this.cache.requireInstrument(order.instrumentId).priceGrid;
      const decision = decideOnPath(working, path, grid, working.trail);
      if (decision.triggered && this.books.has(order.instrumentId)) {
        // With a book, a triggered stop goes into it as a market (or limit) order.
        this.trigger(working, data.start);
        this.submitToBook(working);
        continue;
      }
      // Marketable on arrival: a bar opening through the limit right after it arrived, or (ticks)
      // a quote that already crossed it when it arrived.
      const onArrival = data.quote || path.length === 1 ? working.crossedOnArrival : !working.seen;
      working.seen = true;
      if (decision.price !== undefined) {
        if (order.postOnly && onArrival && decision.position === 0) {
          this.remove(working);
          this.cancelAtVenue(working, 'post-only: the limit would take liquidity');
          continue;
        }
        fills ??= [];
        fills.push({ working, decision, onArrival });
        continue;
      }
      if (decision.triggered) this.trigger(working, data.start);
      if (decision.trail !== undefined) this.applyTrail(working, decision.trail);
      if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK') {
        this.remove(working);
        this.cancelAtVenue(working, `${order.timeInForce} not filled on arrival`);
      }
    }
    if (fills === undefined) return;
    // Fill in the order the path reaches them, so one of two OCO exits on a bar is the first touched.
    if (fills.length > 1) fills.sort((a, b) => a.decision.position - b.decision.position);
    for (const { working, decision, onArrival } of fills) {
      if (!this.byOrder.has(working.order)) continue; // canceled by an earlier fill's handlers
      if (decision.triggered) this.trigger(working, data.start);
      // Stamped at the data's start (a bar's open time): the path orders fills, it does not time them.
      const time = data.start;
      const capacity = working.side === 'buy' ? data.buyCapacity : data.sellCapacity;
      const limitType = LIMIT_TYPES.has(working.type);
      // A limit marketable on arrival, or one filling the moment it triggers, takes liquidity.
      const taker = !limitType || decision.triggered || (onArrival && decision.position === 0);
      const liquidity: Liquidity = taker ? 'taker' : 'maker';
      if (data.quote && !limitType && this.quoteDepth === 'slippage') {
        this.takeQuote(
          working,
          decision.price!,
          time,
          capacity,
          working.side === 'buy' ? data.buyTouch : data.sellTouch,
        );
      } else {
        this.fill(working, decision.price!, time, capacity, liquidity, !limitType && !data.quote);
      }
    }
  }

  /** At-the-open / at-the-close orders: fill at the auction price (a limit only within it) or cancel. */
  private matchAuction(working: WorkingOrder, target: AuctionTarget, data: DataPoint): void {
    const buy = working.side === 'buy';
    const path = buy ? data.buyPath : data.sellPath;
    const grid = this.cache.requireInstrument(working.order.instrumentId).priceGrid;
    let price: number | undefined;
    let time: UnixMicros = data.start;
    if (target.kind === 'open') {
      if (!auctionReached(target, data.start, data.day)) return;
      price = grid.fromTicks(path.ticks[0]);
    } else if (auctionReached(target, data.start, data.day)) {
      // The close passed between the last data and this one: the last price before it is the close.
      const last = this.last.get(working.order.instrumentId);
      price = last === undefined ? undefined : buy ? last.buy : last.sell;
      time = Number.isNaN(target.time) ? (last?.time ?? data.start) : target.time;
    } else if (!Number.isNaN(target.time) && data.end >= target.time) {
      price = grid.fromTicks(path.ticks[path.length - 1]); // a bar ending at the close
      time = data.end;
    } else {
      return;
    }
    const name = target.kind === 'open' ? 'at the open' : 'at the close';
    const limit = working.price;
    if (price === undefined || (limit !== undefined && (buy ? price > limit : price < limit))) {
      this.remove(working);
      this.cancelAtVenue(
        working,
        price === undefined
          ? `not filled ${name}: no price known`
          : `not filled ${name}: the ${name.slice(7)} price ${price} is beyond the limit ${limit}`,
      );
      return;
    }
    const capacity = buy ? data.buyCapacity : data.sellCapacity;
    this.fill(working, price, time, capacity, limit === undefined ? 'taker' : 'maker', false);
    if (this.byOrder.has(working.order)) {
      this.remove(working);
      this.cancelAtVenue(working, `rest not filled ${name}`);
    }
  }

  /**
   * A taker order (no limit) on a quote: the displayed size at the touch first; the rest priced by
   * the slippage model when the venue has one, else on a synthetic ladder of levels one tick apart,
   * each the size of the touch. Time in force applies to the whole (it is all fillable).
   */
  private takeQuote(
    working: WorkingOrder,
    touch: number,
    time: UnixMicros,
    capacity: Capacity,
    levelSize: number,
  ): void {
    const grid = this.cache.requireInstrument(working.order.instrumentId).priceGrid;
    if (capacity.left > 0) this.fill(working, touch, time, capacity, 'taker', false, false);
    if (!this.byOrder.has(working.order)) return;
    if (this.config.slippage !== undefined || !Number.isFinite(levelSize) || levelSize <= 0) {
      this.fill(working, touch, time, UNLIMITED, 'taker', true);
      return;
    }
    const step = working.side === 'buy' ? 1 : -1;
    const touchTicks = grid.toTicks(touch);
    // What earlier orders took of each synthetic level on this quote (shared, like the touch).
    capacity.beyond ??= [];
    const taken = capacity.beyond;
    for (let level = 1; this.byOrder.has(working.order); level++) {
      const ticks = touchTicks + step * level;
      const last = ticks <= 1; // sells stop one tick above zero: the rest fills there
      const room = levelSize - (taken[level] ?? 0);
      if (room <= 0 && !last) continue;
      const before = working.leaves;
      this.fill(
        working,
        grid.fromTicks(ticks),
        time,
        last ? UNLIMITED : { left: room },
        'taker',
        false,
        last,
      );
      taken[level] = (taken[level] ?? 0) + (before - working.leaves);
      if (working.leaves === before || last) break;
    }
  }

  // ---- order books (L2, L3) ----

  /**
   * Sends an order into the instrument's L3 matcher: market orders (and triggered stops without a
   * limit) take the displayed book; limits take what crosses and rest in the queue. Reduce-only
   * orders are sized to the position left.
   */
  private submitToBook(working: WorkingOrder): void {
    const order = working.order;
    const quantity = this.fillableQuantity(working);
    if (quantity <= 0) {
      this.remove(working);
      this.cancelAtVenue(working, 'reduce-only: no position left to reduce');
      return;
    }
    const result = this.books.submit(working, quantity, this.grid(order));
    const now = this.clock.now();
    for (const fill of result.fills) this.bookFill(fill, now);
    this.books.settle(working, result);
    if (result.canceled > 0 && this.byOrder.has(order)) {
      this.remove(working);
      this.cancelAtVenue(working, bookCancelReason(result.reason, result.filled));
    } else if (result.rested === 0 && this.byOrder.has(order) && working.leaves > 0) {
      this.remove(working);
      this.cancelAtVenue(working, 'reduce-only: the rest would reverse the position');
    }
  }

  /** Books one matcher fill of ours: fees, funds and reduce-only checks, then the fill event. */
  private bookFill(fill: MatchFill, time: UnixMicros): void {
    const working = this.books.orderOf(fill);
    if (working === undefined) return;
    this.fill(
      working,
      this.grid(working.order).fromTicks(fill.tick),
      time,
      { left: fill.quantity },
      fill.liquidity,
      false,
      false,
    );
  }

  /** DAY and GTD orders resting in a book expire at the end of the batch that passes their time. */
  private expireInBook(event: BookData): void {
    const list = this.working.get(event.instrumentId);
    if (list === undefined || list.length === 0) return;
    const day = this.dayOf(event.tsEvent);
    // Stops waiting outside the book too: they would otherwise only be checked on trades.
    for (const working of list.slice()) {
      if (working.auction !== undefined) continue;
      const tif = working.order.timeInForce;
      if (tif === 'GTD' && event.tsEvent > working.order.expireTime!)
        this.expire(working, working.order.expireTime!);
      else if (tif === 'DAY' && day > working.day) this.expire(working, event.tsEvent);
    }
  }

  // ---- trailing stops ----

  private trailFrom(working: WorkingOrder, last: LastPrices): TrailState {
    const grid = this.cache.requireInstrument(working.order.instrumentId).priceGrid;
    const path = this.path.point(grid.toTicks(working.side === 'sell' ? last.sell : last.buy));
    return decideOnPath(working, path, grid, working.trail).trail ?? working.trail!;
  }

  /**
   * Stores a trailing stop's new state and reports a moved trigger (and a stop-limit's limit) as an
   * `updated` event, as a venue would.
   */
  private applyTrail(working: WorkingOrder, trail: TrailState): void {
    const grid = this.cache.requireInstrument(working.order.instrumentId).priceGrid;
    const moved = moveTrail(working, trail, grid);
    if (moved === undefined) return;
    this.respond({
      kind: 'updated',
      ...eventIds(working.order),
      quantity: working.quantity,
      ...moved,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  // ---- fills ----

  /**
   * Fills what the order may take at `decidedPrice`: its leaves, capped by the data's capacity and,
   * for reduce-only orders, by the position left; the account must afford it. `slip` applies the
   * slippage model (taker orders without a limit).
   */
  private fill(
    working: WorkingOrder,
    decidedPrice: number,
    time: UnixMicros,
    capacity: Capacity,
    liquidity: Liquidity,
    slip: boolean,
    /** Apply IOC/FOK to what is left (false while a quote's levels are still being taken). */
    timeInForceRules = true,
  ): void {
    const order = working.order;
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const fillable = this.fillableQuantity(working);
    if (fillable <= 0) {
      this.remove(working);
      this.cancelAtVenue(working, 'reduce-only: no position left to reduce');
      return;
    }
    const quantity = Math.min(fillable, capacity.left);
    if (timeInForceRules && order.timeInForce === 'FOK' && quantity < working.leaves) {
      this.remove(working);
      this.cancelAtVenue(working, 'FOK: not fillable in full');
      return;
    }
    if (quantity <= 0) {
      // No volume left on this data point: IOC ends here, anything else waits for the next one.
      if (timeInForceRules && order.timeInForce === 'IOC') {
        this.remove(working);
        this.cancelAtVenue(working, 'IOC: no volume available');
      }
      return;
    }
    const price =
      this.config.slippage && slip
        ? this.config.slippage.adjust(
            { instrument, side: order.side, price: decidedPrice, quantity, timestamp: time },
            { random: this.random },
          )
        : decidedPrice;
    if (time >= this.monthEnd) {
      const d = new Date(Math.floor(time / 1000));
      this.monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) * 1000;
      this.monthVolume = 0;
    }
    const commission = this.fees.feeFor(
      { instrument, side: order.side, quantity, price, liquidity, orderType: order.type, timestamp: time },
      { monthlyVolume: this.monthVolume },
    ).total;
    if (!this.hasFunds(instrument, order.side, quantity, price, commission)) {
      this.remove(working);
      this.cancelAtVenue(working, `INSUFFICIENT_FUNDS: cannot pay for ${order.side} ${quantity} at ${price}`);
      return;
    }
    this.monthVolume += quantity;
    capacity.left -= quantity;
    working.filled += quantity;
    const done = working.leaves <= 1e-9 * working.quantity;
    if (done) this.remove(working);
    this.respond(
      {
        kind: 'filled',
        ...eventIds(order),
        venueOrderId: order.venueOrderId ?? `${this.venue}-${++this.venueSequence}`,
        tradeId: `${this.venue}-T${++this.tradeSequence}`,
        side: order.side,
        lastQuantity: quantity,
        lastPrice: price,
        commission,
        liquidity,
        tsEvent: time,
        tsInit: this.clock.now(),
      },
      this.fillDelay,
    );
    if (done || !this.byOrder.has(order)) return;
    if (fillable < quantity + working.leaves) {
      this.remove(working);
      this.cancelAtVenue(working, 'reduce-only: the rest would reverse the position');
    } else if (timeInForceRules && order.timeInForce === 'IOC') {
      this.remove(working);
      this.cancelAtVenue(working, 'IOC: rest canceled after a partial fill');
    }
  }

  /** Volume our orders may take from a bar or trade (on the size grid), or unlimited. */
  private capacity(volume: number, instrumentId: InstrumentId): Capacity {
    const share = this.config.volumeParticipation;
    if (share === undefined) return UNLIMITED;
    return { left: this.cache.requireInstrument(instrumentId).sizeGrid.floor(volume * share) };
  }

  /** The whole remaining quantity, except that a reduce-only order never exceeds the position it reduces. */
  private fillableQuantity(working: WorkingOrder): number {
    const order = working.order;
    if (!order.reduceOnly) return working.leaves;
    const position = this.cache.position(order.instrumentId)?.quantity ?? 0;
    const reducible = order.side === 'sell' ? Math.max(0, position) : Math.max(0, -position);
    return Math.min(working.leaves, reducible);
  }

  // ---- events ----

  private trigger(working: WorkingOrder, time: UnixMicros): void {
    working.isTriggered = true;
    this.respond({ kind: 'triggered', ...eventIds(working.order), tsEvent: time, tsInit: this.clock.now() });
  }

  private expire(working: WorkingOrder, time: UnixMicros): void {
    this.remove(working);
    this.respond({ kind: 'expired', ...eventIds(working.order), tsEvent: time, tsInit: this.clock.now() });
  }

  private cancelAtVenue(working: WorkingOrder, reason: string): void {
    this.respond({
      kind: 'canceled',
      ...eventIds(working.order),
      reason,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  /** Runs a command now, or when it reaches the venue (submit latency). */
  private command(run: () => void): void {
    if (this.submitDelay === 0) run();
    else this.commands.at(this.clock.now() + this.submitDelay, run);
  }

  /** Sends an event back to the kernel, now or after the ack (or fill) latency. */
  private respond(event: OrderEvent, delay = this.ackDelay): void {
    if (delay === 0 && this.responses.pending === 0) this.emit(event);
    else this.responses.at(this.clock.now() + delay, () => this.emit(event));
  }

  private setLast(instrumentId: InstrumentId, buy: number, sell: number, time: UnixMicros): void {
    // Runs on every data point: the previous instrument's record is usually the one (one lookup saved).
    let last = this.lastInstrument === instrumentId ? this.lastRecord : this.last.get(instrumentId);
    if (last === undefined) {
      last = { buy, sell, time };
      this.last.set(instrumentId, last);
    } else {
      last.buy = buy;
      last.sell = sell;
      last.time = time;
    }
    this.lastInstrument = instrumentId;
    this.lastRecord = last;
  }

  private grid(order: Order): Grid {
    return this.cache.requireInstrument(order.instrumentId).priceGrid;
  }

  private remove(working: WorkingOrder): void {
    this.books.release(working);
    if (!this.byOrder.delete(working.order)) return;
    const list = this.working.get(working.order.instrumentId)!;
    const index = list.indexOf(working);
    if (index >= 0) list.splice(index, 1);
  }
}
