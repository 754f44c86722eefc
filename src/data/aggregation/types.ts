import type { Bar, BarAggregation, BarType, PriceType, QuoteTick, TradeTick } from '../../model/data.js';
import type { UnixMicros } from '../../model/time.js';

/**
 * What an aggregator builds. The model's `BarAggregation` plus `value` (N of notional), which
 * `BarType` cannot express yet: value bars carry a stand-in `barType` (see `ValueBarAggregator`).
 */
export type AggregationKind = BarAggregation | 'value';

/**
 * A bar built by an aggregator: a model `Bar` (stamped at its close, `tsEvent`) that also keeps
 * when it opened. Time bars: `tsOpen` is the start of the interval [tsOpen, tsEvent) — shorter than
 * the bar type's duration when cut at a session close or a local midnight, so read `tsOpen` rather
 * than `barOpenTime()`. Tick, volume and value bars: the times of their first and last tick.
 * `tsInit` is when the aggregator knew the bar (the event that completed it), never before `tsEvent`.
 */
export interface AggregatedBar extends Bar {
  readonly tsOpen: UnixMicros;
  /** What the bar aggregates: `barType.aggregation`, or `value` for value bars. */
  readonly aggregation: AggregationKind;
}

/** Receives each completed bar, in time order. */
export type BarHandler = (bar: AggregatedBar) => void;

/**
 * What a time aggregator does with an interval that saw no data: `skip` emits nothing (default);
 * `carry-forward` emits a flat bar at the last close with volume 0. Intervals before the first
 * bar, between sessions and wholly inside a session's halt never produce a bar.
 */
export type EmptyIntervalPolicy = 'skip' | 'carry-forward';

/** 0 last, 1 bid, 2 ask, 3 mid: the price type as a small integer for the per-tick paths. */
export type PriceCode = 0 | 1 | 2 | 3;

export function priceCode(priceType: PriceType): PriceCode {
  return priceType === 'last' ? 0 : priceType === 'bid' ? 1 : priceType === 'ask' ? 2 : 3;
}

/** The price a quote contributes to bars of a price type: bid, ask or the mid (bid + ask) / 2. */
export function quotePrice(q: QuoteTick, code: PriceCode): number {
  return code === 1 ? q.bidPrice : code === 2 ? q.askPrice : (q.bidPrice + q.askPrice) / 2;
}

/** The size a quote contributes: bid size, ask size, or their mean for mid bars. */
export function quoteSize(q: QuoteTick, code: PriceCode): number {
  return code === 1 ? q.bidSize : code === 2 ? q.askSize : (q.bidSize + q.askSize) / 2;
}

/**
 * The open bar's running OHLCV and item count, shared by every aggregator. `addPrice` starts the
 * bar at its first price or extends it; volume is the caller's (trades add a size, bars a volume).
 */
export abstract class OhlcvAccumulator {
  protected open = 0;
  protected high = 0;
  protected low = 0;
  protected close = 0;
  protected volume = 0;
  protected count = 0;

  protected addPrice(price: number): void {
    if (this.count === 0) {
      this.open = price;
      this.high = price;
      this.low = price;
    } else {
      if (price > this.high) this.high = price;
      if (price < this.low) this.low = price;
    }
    this.close = price;
    this.count++;
  }
}

/** What `tradeInto` / `quoteInto` feed: an aggregator of one bar type taking price/size ticks. */
export interface TickTarget {
  readonly barType: BarType;
  /** The bar type's price type as a PriceCode. */
  readonly priceCode: PriceCode;
  update(price: number, size: number, ts: UnixMicros): void;
}

/** A trade into an aggregator of LAST bars (bid/ask/mid bars are built from quotes: an error). */
export function tradeInto(target: TickTarget, t: TradeTick): void {
  if (target.priceCode !== 0)
    throw new RangeError(`${target.barType.key} bars are built from quotes, not trades`);
  target.update(t.price, t.size, t.tsEvent);
}

/** A quote into an aggregator of bid, ask or mid bars (LAST bars are built from trades: an error). */
export function quoteInto(target: TickTarget, q: QuoteTick): void {
  const code = target.priceCode;
  if (code === 0) throw new RangeError(`${target.barType.key} bars are built from trades, not quotes`);
  target.update(quotePrice(q, code), quoteSize(q, code), q.tsEvent);
}

export function outOfOrder(what: string, ts: UnixMicros, last: UnixMicros): RangeError {
  return new RangeError(`${what}: data out of time order (${ts} after ${last})`);
}
