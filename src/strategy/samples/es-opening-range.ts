import { z } from 'zod';
import type { TimeEvent } from '../../core/clock.js';
import { type Bar, type BarType, barOpenTime } from '../../model/data.js';
import type { OrderSide } from '../../model/enums.js';
import type { Instrument } from '../../model/instruments.js';
import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-events.js';
import { CME_GLOBEX_EQUITY, type Session, type TradingSession, US_EQUITY_RTH } from '../../model/sessions.js';
import { MICROS_PER_MINUTE, type UnixMicros } from '../../model/time.js';
import type { StrategyDefinition } from '../registry.js';
import { Strategy } from '../strategy.js';

export const esOpeningRangeParameters = z.object({
  rangeMinutes: z
    .number()
    .int()
    .min(1)
    .max(390)
    .default(30)
    .describe('length of the opening range, in minutes from the 09:30 New York cash open'),
  maxTradesPerDay: z.number().int().min(1).default(1).describe('most entries per Globex trade date'),
  targetMultiple: z
    .number()
    .min(0)
    .default(0)
    .describe('take-profit beyond the broken side of the range, in range heights (0 = no take-profit)'),
  flatMinutesBeforeClose: z
    .number()
    .int()
    .min(1)
    .default(15)
    .describe('minutes before the Globex close at which orders are canceled and the position is closed'),
  quantity: z.number().int().min(1).default(1).describe('contracts per entry'),
});

export type EsOpeningRangeParams = z.infer<typeof esOpeningRangeParameters>;

/** Which sessions the strategy reads (defaults: CME Globex equity index and US equity RTH). */
export interface EsOpeningRangeSessions {
  /** The futures session: trade dates, and the close the position is flattened before. */
  readonly globex?: TradingSession;
  /** The cash session whose open starts the opening range. */
  readonly cash?: TradingSession;
}

/** What the strategy knows about the current Globex trade date. */
interface TradeDay {
  readonly date: string;
  readonly session: Session;
  /** Opening range window [rangeStart, rangeEnd) of bar open times (Infinity: no range today). */
  readonly rangeStart: UnixMicros;
  readonly rangeEnd: UnixMicros;
  /** From this time on: no entries, cancel everything, close the position. */
  readonly flatAt: UnixMicros;
  /** False when the strategy joined after the range began (a partial range is not traded). */
  readonly sawRangeStart: boolean;
  high: number;
  low: number;
  entries: number;
  /** A long (short) entry needs a close back at or below the high (at or above the low) after the last one. */
  longArmed: boolean;
  shortArmed: boolean;
  flattened: boolean;
}

/**
 * Opening-range breakout for ES/MES minute bars, intraday only.
 *
 * Each Globex trade date: the range is the high and low of the bars that open in the first
 * `rangeMinutes` after the US cash open (09:30 New York). After the range, a bar that closes
 * above the range high buys `quantity` contracts at market, one that closes below the range low
 * sells; at most `maxTradesPerDay` entries per trade date, only when flat with no order working,
 * and a second entry in the same direction only after a close back inside the range. When the
 * entry fills, a protective stop-market order goes to the other side of the range and, with
 * `targetMultiple` > 0, a take-profit limit `targetMultiple` × range height beyond the entry's fill
 * price (rounded to the tick grid); when one of them fills, the other is canceled.
 *
 * `flatMinutesBeforeClose` minutes before the Globex close (or before the contract's last trade,
 * when that comes first) every order is canceled and the position is closed at market — by a
 * time alert and, as a backstop, by the first bar at or after that time. Nothing is held
 * overnight. Sessions are read from `TradingSession` objects; exchange holidays and early closes
 * are not modelled by them.
 */
export class EsOpeningRange extends Strategy<EsOpeningRangeParams> {
  private readonly globex: TradingSession;
  private readonly cash: TradingSession;
  private day: TradeDay | undefined;
  private entry: Order | undefined;
  private exit: Order | undefined;

  constructor(
    id: string,
    params: EsOpeningRangeParams,
    private readonly instrument: Instrument,
    private readonly barType: BarType,
    sessions: EsOpeningRangeSessions = {},
  ) {
    super(id, params);
    this.globex = sessions.globex ?? CME_GLOBEX_EQUITY;
    this.cash = sessions.cash ?? US_EQUITY_RTH;
  }

  protected override onStart(): void {
    this.subscribeBars(this.barType);
  }

  override onBar(bar: Bar): void {
    const start = barOpenTime(bar) ?? bar.tsEvent;
    const now = bar.tsEvent;
    const session = this.globex.sessionAt(start);
    if (session === undefined) return; // a print outside Globex hours: not a tradable bar
    if (this.day?.date !== session.date) this.beginDay(session, start);
    const day = this.day!;
    if (now >= day.flatAt) {
      this.flatten(day, 'session close');
      return;
    }
    if (start >= day.rangeStart && start < day.rangeEnd) {
      if (bar.high > day.high) day.high = bar.high;
      if (bar.low < day.low) day.low = bar.low;
      return;
    }
    if (now < day.rangeEnd || !day.sawRangeStart || !(day.high >= day.low) || day.flattened) return;
    if (bar.close <= day.high) day.longArmed = true;
    if (bar.close >= day.low) day.shortArmed = true;
    if (day.entries >= this.params.maxTradesPerDay) return;
    const id = this.instrument.id;
    if (!this.isFlat(id) || this.hasOpenOrders(id)) return;
    if (bar.close > day.high && day.longArmed) this.enter(day, 'buy');
    else if (bar.close < day.low && day.shortArmed) this.enter(day, 'sell');
  }

  override onTimer(event: TimeEvent): void {
    const day = this.day;
    // onTimer receives the name given to setTimeAlert.
    if (day !== undefined && event.name === this.alertName(day)) this.flatten(day, 'session close');
  }

  override onOrderEvent(event: OrderEvent, order: Order): void {
    const id = this.instrument.id;
    if (event.kind === 'filled') {
      const day = this.day;
      if (order === this.entry && order.status === 'filled') {
        if (day === undefined || day.flattened) this.flatten(day, 'entry filled after flatten');
        else this.protect(day, order);
      } else if (this.isFlat(id)) {
        // A stop, target or exit closed the position: nothing may stay working.
        for (const open of this.openOrders(id)) if (open !== this.entry) this.cancel(open);
      }
    }
    if (order.isTerminal) {
      if (order === this.entry) this.entry = undefined;
      if (order === this.exit) this.exit = undefined;
    }
  }

  /** The current trade date's state (for tests and dashboards). */
  get currentDay(): Readonly<Omit<TradeDay, 'session'>> | undefined {
    return this.day;
  }

  private beginDay(session: Session, start: UnixMicros): void {
    const previous = this.day;
    if (
      previous !== undefined &&
      (!this.isFlat(this.instrument.id) || this.hasOpenOrders(this.instrument.id))
    ) {
      this.log.warn(`${this.id}: still exposed when trade date ${session.date} began; flattening`);
      this.flatten(previous, 'missed flatten');
    }
    const minute = MICROS_PER_MINUTE;
    let flatAt = session.close - this.params.flatMinutesBeforeClose * minute;
    const expiry = this.instrument.kind === 'future' ? this.instrument.expiry : undefined;
    if (expiry !== undefined) flatAt = Math.min(flatAt, expiry - this.params.flatMinutesBeforeClose * minute);
    const cash = this.cash.session(session.date);
    let rangeStart = Number.POSITIVE_INFINITY;
    let rangeEnd = Number.POSITIVE_INFINITY;
    if (cash !== undefined && cash.open >= session.open) {
      rangeStart = cash.open;
      rangeEnd = cash.open + this.params.rangeMinutes * minute;
      if (rangeEnd > flatAt) rangeStart = rangeEnd = Number.POSITIVE_INFINITY;
    }
    this.day = {
      date: session.date,
      session,
      rangeStart,
      rangeEnd,
      flatAt,
      sawRangeStart: start <= rangeStart,
      high: Number.NEGATIVE_INFINITY,
      low: Number.POSITIVE_INFINITY,
      entries: 0,
      longArmed: true,
      shortArmed: true,
      flattened: false,
    };
    if (flatAt > this.clock.now()) this.setTimeAlert(this.alertName(this.day), flatAt);
  }

  private alertName(day: TradeDay): string {
    return `flatten-${day.date}`;
  }

  private enter(day: TradeDay, side: OrderSide): void {
    day.entries++;
    if (side === 'buy') day.longArmed = false;
    else day.shortArmed = false;
    const id = this.instrument.id;
    const tags = [`entry-${side === 'buy' ? 'long' : 'short'}`];
    this.entry =
      side === 'buy'
        ? this.buy(id, this.params.quantity, { tags })
        : this.sell(id, this.params.quantity, { tags });
  }

  /** Stop at the other side of the range, optional target beyond the broken side. */
  private protect(day: TradeDay, entry: Order): void {
    const id = this.instrument.id;
    const position = this.position(id);
    if (position === 0) return;
    const quantity = Math.abs(position);
    const long = position > 0;
    const grid = this.instrument.priceGrid;
    const stop = long ? day.low : day.high;
    const options = { reduceOnly: true, timeInForce: 'GTC' } as const;
    if (long) this.sell(id, quantity, { ...options, triggerPrice: stop, tags: ['stop'] });
    else this.buy(id, quantity, { ...options, triggerPrice: stop, tags: ['stop'] });
    if (this.params.targetMultiple > 0 && entry.averagePrice !== undefined) {
      const distance = this.params.targetMultiple * (day.high - day.low);
      const target = grid.round(long ? entry.averagePrice + distance : entry.averagePrice - distance);
      if (long) this.sell(id, quantity, { ...options, price: target, tags: ['target'] });
      else this.buy(id, quantity, { ...options, price: target, tags: ['target'] });
    }
    this.log.debug(
      `${this.id}: ${entry.side} ${entry.filledQuantity} ${id} at ${entry.averagePrice}, stop ${stop}`,
    );
  }

  /** Cancels every order but a pending exit and closes the position; no more entries today. */
  private flatten(day: TradeDay | undefined, reason: string): void {
    if (day !== undefined) day.flattened = true;
    const id = this.instrument.id;
    for (const order of this.openOrders(id)) if (order !== this.exit) this.cancel(order);
    if (!this.isFlat(id) && this.exit === undefined)
      this.exit = this.close(id, { tags: ['flatten', reason] });
  }
}

export const esOpeningRangeDefinition: StrategyDefinition<typeof esOpeningRangeParameters> = {
  name: 'es-opening-range',
  description:
    'ES/MES opening-range breakout: trade a close beyond the first minutes after the 09:30 New York open, stop at the other side, flat before the Globex close.',
  parameters: esOpeningRangeParameters,
  create: ({ id, params, instrument, barType }) => new EsOpeningRange(id, params, instrument, barType),
};
