import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import type { ExecutionClient, OrderChanges } from '../execution/engine.js';
import { type Bar, type BarType, barOpenTime, type QuoteTick, type TradeTick } from '../model/data.js';
import type { OrderSide } from '../model/enums.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import { type TradingDayOf, type UnixMicros, utcDay } from '../model/time.js';
import { type BarFillDecision, decideBarFill, decideFill } from './bar-fills.js';
import type { CommissionModel } from './commission.js';
import { type FeeModel, fromCommissionModel } from './fees/index.js';
import { mulberry32, type SlippageModel } from './slippage/index.js';

export type FillTiming = 'next-open' | 'close';

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
   * Bars only: our orders together take at most this fraction of each bar's volume (e.g. 0.1);
   * the rest keeps working on later bars (partial fills). Unlimited when not given.
   */
  readonly volumeParticipation?: number;
  /** Which trading day a time belongs to, for DAY orders (default: the UTC day). */
  readonly tradingDay?: TradingDayOf;
}

/** Can the account pay for this fill? (Checked at fill time, as a broker would.) */
export type FundsCheck = (
  instrument: Instrument,
  side: OrderSide,
  quantity: number,
  price: number,
  commission: number,
) => boolean;

/** Quantity still available to our orders on the current data point (shared by all of them). */
interface Capacity {
  left: number;
}

/** No cap: shared, since Infinity minus any fill stays Infinity (no allocation per bar). */
const UNLIMITED: Capacity = { left: Number.POSITIVE_INFINITY };

interface WorkingOrder {
  readonly order: Order;
  /** Clock time the order reached the venue: it can fill only on data after this. */
  readonly arrival: UnixMicros;
  /** UTC day a DAY order trades on (set by the first data it sees). */
  day: number;
  /** Trailing stops: best price since the order arrived (highest for sells, lowest for buys). */
  extreme: number;
}

/**
 * The venue of backtests and paper trading. Orders are acknowledged at once; working orders are
 * matched against each new bar (rules in bar-fills.ts) or tick of their instrument before the
 * strategy sees that data. Time in force: DAY orders expire when data of a later trading day (the
 * venue's session, or the UTC day) arrives;
 * IOC and FOK orders that do not fill on the first data they see are canceled. Fills are full
 * (no volume cap) in this model.
 */
export class SimulatedExchange implements ExecutionClient {
  readonly venue: string;
  private readonly working = new Map<InstrumentId, WorkingOrder[]>();
  /** Only one bar type per instrument drives matching (the first one seen), so fills are not repeated. */
  private readonly matchingBarType = new Map<InstrumentId, BarType>();
  private venueSequence = 0;
  private tradeSequence = 0;
  private readonly dayOf: TradingDayOf;
  private readonly fees: FeeModel;
  private readonly random: () => number;
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
  }

  submitOrder(order: Order): void {
    const now = this.clock.now();
    const venueOrderId = `${this.venue}-${++this.venueSequence}`;
    this.emit({ kind: 'accepted', ...ids(order), venueOrderId, tsEvent: now, tsInit: now });
    if (order.type === 'market' && this.config.fill === 'close') {
      const barType = this.matchingBarType.get(order.instrumentId);
      const bar = barType ? this.cache.bar(barType) : undefined;
      if (bar && bar.tsEvent === now) {
        this.fill(order, bar.close, now);
        return;
      }
    }
    let list = this.working.get(order.instrumentId);
    if (!list) {
      list = [];
      this.working.set(order.instrumentId, list);
    }
    const working: WorkingOrder = { order, arrival: now, day: -1, extreme: Number.NaN };
    list.push(working);
    if (order.type === 'trailing-stop-market') {
      const last = this.cache.lastPrice(order.instrumentId);
      if (last !== undefined) this.trail(working, last, last);
    }
  }

  cancelOrder(order: Order): void {
    const now = this.clock.now();
    if (this.remove(order))
      this.emit({
        kind: 'canceled',
        ...ids(order),
        reason: 'canceled by request',
        tsEvent: now,
        tsInit: now,
      });
    else
      this.emit({
        kind: 'cancel-rejected',
        ...ids(order),
        reason: 'order is not working at the venue',
        tsEvent: now,
        tsInit: now,
      });
  }

  modifyOrder(order: Order, changes: OrderChanges): void {
    const now = this.clock.now();
    const list = this.working.get(order.instrumentId);
    if (!list?.some((w) => w.order === order)) {
      this.emit({
        kind: 'modify-rejected',
        ...ids(order),
        reason: 'order is not working at the venue',
        tsEvent: now,
        tsInit: now,
      });
      return;
    }
    this.emit({
      kind: 'updated',
      ...ids(order),
      quantity: changes.quantity ?? order.quantity,
      price: changes.price,
      triggerPrice: changes.triggerPrice,
      tsEvent: now,
      tsInit: now,
    });
  }

  /** Matches working orders of the bar's instrument against the bar. */
  processBar(bar: Bar): void {
    const instrumentId = bar.barType.instrumentId;
    const matching = this.matchingBarType.get(instrumentId);
    if (matching === undefined) this.matchingBarType.set(instrumentId, bar.barType);
    else if (matching !== bar.barType) return;
    const list = this.working.get(instrumentId);
    if (list === undefined || list.length === 0) return;
    const grid = this.cache.requireInstrument(instrumentId).priceGrid;
    const fillTime = barOpenTime(bar) ?? bar.tsEvent;
    this.match(
      list,
      bar.tsEvent,
      this.dayOf(fillTime),
      (order) => decideBarFill(order, bar, grid),
      fillTime,
      bar.high,
      bar.low,
      this.barCapacity(bar, instrumentId),
    );
  }

  /** Matches against a trade tick: the traded price is the whole range. */
  processTrade(trade: TradeTick): void {
    const list = this.working.get(trade.instrumentId);
    if (list === undefined || list.length === 0) return;
    const grid = this.cache.requireInstrument(trade.instrumentId).priceGrid;
    const p = trade.price;
    this.match(
      list,
      trade.tsEvent,
      this.dayOf(trade.tsEvent),
      (order) => decideFill(order, p, p, p, grid),
      trade.tsEvent,
      p,
      p,
    );
  }

  /** Matches against a quote: buys trade at the ask, sells at the bid. */
  processQuote(quote: QuoteTick): void {
    const list = this.working.get(quote.instrumentId);
    if (list === undefined || list.length === 0) return;
    const grid = this.cache.requireInstrument(quote.instrumentId).priceGrid;
    this.match(
      list,
      quote.tsEvent,
      this.dayOf(quote.tsEvent),
      (order) => {
        const p = order.side === 'buy' ? quote.askPrice : quote.bidPrice;
        return decideFill(order, p, p, p, grid);
      },
      quote.tsEvent,
      quote.askPrice,
      quote.bidPrice,
    );
  }

  /** Orders working at the venue (for tests and reconciliation). */
  workingOrders(): Order[] {
    return [...this.working.values()].flatMap((list) => list.map((w) => w.order));
  }

  private match(
    list: WorkingOrder[],
    ts: UnixMicros,
    day: number,
    decide: (order: Order) => BarFillDecision,
    fillTime: UnixMicros,
    high: number,
    low: number,
    capacity: Capacity = UNLIMITED,
  ): void {
    // Iterate over a snapshot: handlers of the events below may submit or cancel orders.
    for (const working of list.slice()) {
      const order = working.order;
      if (!order.isWorking || working.arrival >= ts) continue;
      if (order.timeInForce === 'GTD' && ts > order.expireTime!) {
        this.remove(order);
        this.emit({ kind: 'expired', ...ids(order), tsEvent: order.expireTime!, tsInit: this.clock.now() });
        continue;
      }
      if (order.timeInForce === 'DAY') {
        if (working.day < 0) working.day = day;
        else if (day > working.day) {
          this.remove(order);
          this.emit({ kind: 'expired', ...ids(order), tsEvent: this.clock.now(), tsInit: this.clock.now() });
          continue;
        }
      }
      const decision = decide(order);
      if (decision.triggered) {
        this.emit({ kind: 'triggered', ...ids(order), tsEvent: fillTime, tsInit: this.clock.now() });
      }
      if (decision.price !== undefined) {
        this.fill(order, decision.price, fillTime, capacity);
      } else if (order.type === 'trailing-stop-market' && order.isWorking) {
        // Checked against the trigger of the previous data first, then trailed with this range.
        this.trail(working, high, low);
      } else if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK') {
        this.remove(order);
        const now = this.clock.now();
        this.emit({
          kind: 'canceled',
          ...ids(order),
          reason: `${order.timeInForce} not filled on arrival`,
          tsEvent: now,
          tsInit: now,
        });
      }
    }
  }

  /**
   * Moves a trailing stop's trigger with the market: a sell stop trails `offset` below the highest
   * price seen since it arrived, a buy stop above the lowest; it only ever moves toward the market,
   * on the grid and rounded away from it. Reported as an `updated` event, as a venue would.
   */
  private trail(working: WorkingOrder, high: number, low: number): void {
    const order = working.order;
    const sell = order.side === 'sell';
    const seen = sell ? high : low;
    if (Number.isNaN(working.extreme) || (sell ? seen > working.extreme : seen < working.extreme))
      working.extreme = seen;
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const grid = instrument.priceGrid;
    const offset = order.trailingOffset!;
    const distance =
      order.trailingOffsetType === 'ticks'
        ? offset * grid.increment
        : order.trailingOffsetType === 'percent'
          ? (working.extreme * offset) / 100
          : offset;
    const trigger = sell ? grid.floor(working.extreme - distance) : grid.ceil(working.extreme + distance);
    const current = order.triggerPrice;
    if (current !== undefined && (sell ? trigger <= current : trigger >= current)) return;
    const now = this.clock.now();
    this.emit({
      kind: 'updated',
      ...ids(order),
      quantity: order.quantity,
      triggerPrice: trigger,
      tsEvent: now,
      tsInit: now,
    });
  }

  private fill(order: Order, decidedPrice: number, time: UnixMicros, capacity: Capacity = UNLIMITED): void {
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const now = this.clock.now();
    const fillable = this.fillableQuantity(order);
    if (fillable <= 0) {
      this.remove(order);
      this.cancelAtVenue(order, 'reduce-only: no position left to reduce');
      return;
    }
    const quantity = Math.min(fillable, capacity.left);
    if (order.timeInForce === 'FOK' && quantity < order.leavesQuantity) {
      this.remove(order);
      this.cancelAtVenue(order, 'FOK: not fillable in full');
      return;
    }
    if (quantity <= 0) {
      // No volume left on this bar: IOC ends here, anything else waits for the next bar.
      if (order.timeInForce === 'IOC') {
        this.remove(order);
        this.cancelAtVenue(order, 'IOC: no volume available');
      }
      return;
    }
    const liquidity = order.type === 'limit' ? 'maker' : 'taker';
    const price =
      this.config.slippage && liquidity === 'taker'
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
      this.remove(order);
      this.cancelAtVenue(order, `INSUFFICIENT_FUNDS: cannot pay for ${order.side} ${quantity} at ${price}`);
      return;
    }
    this.monthVolume += quantity;
    capacity.left -= quantity;
    this.emit({
      kind: 'filled',
      ...ids(order),
      venueOrderId: order.venueOrderId ?? `${this.venue}-${++this.venueSequence}`,
      tradeId: `${this.venue}-T${++this.tradeSequence}`,
      side: order.side,
      lastQuantity: quantity,
      lastPrice: price,
      commission,
      liquidity,
      tsEvent: time,
      tsInit: now,
    });
    if (!order.isOpen) {
      this.remove(order);
    } else if (fillable < quantity + order.leavesQuantity) {
      this.remove(order);
      this.cancelAtVenue(order, 'reduce-only: the rest would reverse the position');
    } else if (order.timeInForce === 'IOC') {
      this.remove(order);
      this.cancelAtVenue(order, 'IOC: rest canceled after a partial fill');
    }
  }

  /** Volume our orders may take from a bar (on the size grid), or unlimited. */
  private barCapacity(bar: Bar, instrumentId: InstrumentId): Capacity {
    const share = this.config.volumeParticipation;
    if (share === undefined) return UNLIMITED;
    return { left: this.cache.requireInstrument(instrumentId).sizeGrid.floor(bar.volume * share) };
  }

  /** The whole remaining quantity, except that a reduce-only order never exceeds the position it reduces. */
  private fillableQuantity(order: Order): number {
    if (!order.reduceOnly) return order.leavesQuantity;
    const position = this.cache.position(order.instrumentId)?.quantity ?? 0;
    const reducible = order.side === 'sell' ? Math.max(0, position) : Math.max(0, -position);
    return Math.min(order.leavesQuantity, reducible);
  }

  private cancelAtVenue(order: Order, reason: string): void {
    const now = this.clock.now();
    this.emit({ kind: 'canceled', ...ids(order), reason, tsEvent: now, tsInit: now });
  }

  private remove(order: Order): boolean {
    const list = this.working.get(order.instrumentId);
    if (!list) return false;
    const index = list.findIndex((w) => w.order === order);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }
}

function ids(order: Order): Pick<OrderEvent, 'clientOrderId' | 'strategyId' | 'instrumentId'> {
  return {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
  };
}
