import { type InstrumentId, parseInstrumentId, type TradeId } from './identifiers.js';
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  type UnixMicros,
} from './time.js';

export type BarAggregation = 'tick' | 'volume' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';
export type PriceType = 'last' | 'bid' | 'ask' | 'mid';

const AGGREGATIONS: readonly BarAggregation[] = [
  'tick',
  'volume',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
];
const PRICE_TYPES: readonly PriceType[] = ['last', 'bid', 'ask', 'mid'];
const FIXED_DURATION: Partial<Record<BarAggregation, number>> = {
  second: MICROS_PER_SECOND,
  minute: MICROS_PER_MINUTE,
  hour: MICROS_PER_HOUR,
  day: MICROS_PER_DAY,
  week: 7 * MICROS_PER_DAY,
};

/**
 * What a bar summarises: instrument, step and aggregation, and which price.
 * Written `ESZ3.CME-1-MINUTE-LAST`. Interned, so `===` compares bar types.
 */
export class BarType {
  private static readonly interned = new Map<string, BarType>();

  readonly key: string;
  /** Bus topic bars of this type are published on (precomputed: no string building per bar). */
  readonly topic: string;
  /** Length of one bar in micros, or 0 where bars have no fixed length (tick, volume, month). */
  readonly durationMicros: number;

  private constructor(
    readonly instrumentId: InstrumentId,
    readonly step: number,
    readonly aggregation: BarAggregation,
    readonly priceType: PriceType,
  ) {
    this.key = `${instrumentId}-${step}-${aggregation.toUpperCase()}-${priceType.toUpperCase()}`;
    this.topic = `data.bars.${this.key}`;
    const unit = FIXED_DURATION[aggregation];
    this.durationMicros = unit === undefined ? 0 : unit * step;
  }

  static of(
    instrumentId: InstrumentId,
    step: number,
    aggregation: BarAggregation,
    priceType: PriceType = 'last',
  ): BarType {
    if (!Number.isInteger(step) || step <= 0)
      throw new RangeError(`bar step must be a positive integer, got ${step}`);
    if (!AGGREGATIONS.includes(aggregation)) throw new RangeError(`unknown bar aggregation '${aggregation}'`);
    if (!PRICE_TYPES.includes(priceType)) throw new RangeError(`unknown bar price type '${priceType}'`);
    parseInstrumentId(instrumentId);
    const key = `${instrumentId}-${step}-${aggregation.toUpperCase()}-${priceType.toUpperCase()}`;
    let type = BarType.interned.get(key);
    if (!type) {
      type = new BarType(instrumentId, step, aggregation, priceType);
      BarType.interned.set(key, type);
    }
    return type;
  }

  /** Parses `ESZ3.CME-1-MINUTE-LAST`. */
  static parse(text: string): BarType {
    const m = /^(.+)-(\d+)-([A-Za-z]+)-([A-Za-z]+)$/.exec(text);
    if (!m) throw new RangeError(`bar type must look like ESZ3.CME-1-MINUTE-LAST, got '${text}'`);
    return BarType.of(
      m[1],
      Number(m[2]),
      m[3].toLowerCase() as BarAggregation,
      m[4].toLowerCase() as PriceType,
    );
  }

  toString(): string {
    return this.key;
  }
}

/** An OHLCV bar. `tsEvent` is when the bar closed (its interval is [tsEvent - duration, tsEvent)). */
export interface Bar {
  readonly kind: 'bar';
  readonly barType: BarType;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
  /** Feed sequence number, when the source has one (gap detection, ordering ties). */
  readonly sequence?: number;
}

export interface QuoteTick {
  readonly kind: 'quote';
  readonly instrumentId: InstrumentId;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
  /** Feed sequence number, when the source has one (gap detection, ordering ties). */
  readonly sequence?: number;
}

export type AggressorSide = 'buyer' | 'seller' | 'none';

export interface TradeTick {
  readonly kind: 'trade';
  readonly instrumentId: InstrumentId;
  readonly price: number;
  readonly size: number;
  readonly aggressor: AggressorSide;
  readonly tradeId: TradeId;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
  /** Feed sequence number, when the source has one (gap detection, ordering ties). */
  readonly sequence?: number;
}

/**
 * One L3 (market-by-order) event, as in Databento MBO: `action` is the ASCII code of A add, C
 * cancel, M modify, F fill, T trade, R clear or N none; `side` of B bid, A ask or N none (a trade's
 * side is its aggressor). Prices are integer ticks of the instrument's grid (NaN when none).
 * Events of one matching-engine batch share a timestamp; the last carries flag 128 (F_LAST).
 */
export interface OrderBookEvent {
  readonly kind: 'book';
  readonly instrumentId: InstrumentId;
  readonly action: number;
  readonly side: number;
  readonly priceTicks: number;
  readonly size: number;
  readonly orderId: number;
  readonly flags: number;
  readonly sequence: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

/**
 * One L2 (market-by-price) level update: `size` is the new total displayed size at (side, price),
 * 0 when the level is gone. Updates of one batch share a timestamp; the last carries flag 128
 * (F_LAST), when the book is complete again. Trades come as TradeTicks with their aggressor.
 */
export interface BookLevelUpdate {
  readonly kind: 'book-level';
  readonly instrumentId: InstrumentId;
  readonly side: 'bid' | 'ask';
  readonly priceTicks: number;
  readonly size: number;
  readonly flags: number;
  readonly sequence: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

/** Order-book data: L3 events or L2 level updates. */
export type BookData = OrderBookEvent | BookLevelUpdate;

/** One level of a depth snapshot: price in ticks, displayed size, order count (0 when unknown). */
export interface DepthLevel {
  readonly priceTicks: number;
  readonly size: number;
  readonly count: number;
}

/** The top N levels of both sides at a moment (e.g. Databento MBP-10, Binance depth snapshots). */
export interface BookDepthSnapshot {
  readonly kind: 'book-depth';
  readonly instrumentId: InstrumentId;
  /** Best first. */
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
  readonly sequence: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

export type MarketStatus = 'pre-open' | 'open' | 'halted' | 'paused' | 'closed';

/** A change of an instrument's trading status (a venue halt, the open, the close). */
export interface InstrumentStatus {
  readonly kind: 'status';
  readonly instrumentId: InstrumentId;
  readonly status: MarketStatus;
  readonly reason?: string;
  readonly sequence?: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

export type MarketData = Bar | QuoteTick | TradeTick | BookData | BookDepthSnapshot | InstrumentStatus;

export function bar(
  barType: BarType,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
  tsEvent: UnixMicros,
  tsInit: UnixMicros = tsEvent,
): Bar {
  if (!(low <= open && low <= close && high >= open && high >= close && low <= high)) {
    throw new RangeError(
      `bar ${barType.key} at ${tsEvent}: OHLC out of order (open ${open}, high ${high}, low ${low}, close ${close})`,
    );
  }
  if (!(volume >= 0)) throw new RangeError(`bar ${barType.key} at ${tsEvent}: negative volume ${volume}`);
  return { kind: 'bar', barType, open, high, low, close, volume, tsEvent, tsInit };
}

/** When the bar opened: close time minus its length, or undefined for bars with no fixed length. */
export function barOpenTime(b: Bar): UnixMicros | undefined {
  return b.barType.durationMicros > 0 ? b.tsEvent - b.barType.durationMicros : undefined;
}

export function instrumentOf(data: MarketData): InstrumentId {
  return data.kind === 'bar' ? data.barType.instrumentId : data.instrumentId;
}
