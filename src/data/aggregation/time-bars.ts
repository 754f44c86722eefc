import { type Bar, type BarType, barOpenTime, type QuoteTick, type TradeTick } from '../../model/data.js';
import type { UnixMicros } from '../../model/time.js';
import { type TimeAlignment, TimeGrid } from './time-grid.js';
import {
  type AggregatedBar,
  type BarHandler,
  type EmptyIntervalPolicy,
  OhlcvAccumulator,
  outOfOrder,
  type PriceCode,
  priceCode,
  quoteInto,
  tradeInto,
} from './types.js';

export interface TimeBarOptions extends TimeAlignment {
  /** Empty intervals: `skip` (default) or `carry-forward` (flat bar at the last close, volume 0). */
  readonly emptyIntervals?: EmptyIntervalPolicy;
}

/**
 * Shared state of the time aggregators: the open interval [start, end) and its running OHLCV.
 * Subclasses feed it with their own per-item fast path; everything else (closing an interval,
 * carry-forward bars, locating the next interval) happens here, once per interval.
 */
abstract class TimeBucketAggregator extends OhlcvAccumulator {
  /** Items dropped because they fell between sessions. */
  dropped = 0;
  protected readonly grid: TimeGrid;
  protected readonly carry: boolean;
  protected start: UnixMicros = Number.POSITIVE_INFINITY;
  protected end: UnixMicros = Number.NEGATIVE_INFINITY;
  protected lastTs: UnixMicros = Number.NEGATIVE_INFINITY;
  /** End of the last bar emitted (real or flat); -Infinity before the first. */
  protected lastEnd: UnixMicros = Number.NEGATIVE_INFINITY;
  protected lastClose = Number.NaN;

  constructor(
    readonly barType: BarType,
    protected readonly onBar: BarHandler,
    options: TimeBarOptions = {},
  ) {
    super();
    this.grid = new TimeGrid(barType, options);
    this.carry = (options.emptyIntervals ?? 'skip') === 'carry-forward';
  }

  /**
   * Closes every interval that ends at or before `now` (the clock passed it with no new data):
   * the open bar, if it has data and `now >= end`, then carry-forward bars whose end ≤ `now`.
   * Later data must not be before `now`. Use it from a timer to get bars without waiting for
   * the next tick.
   */
  advanceTo(now: UnixMicros): void {
    if (now < this.lastTs) throw outOfOrder(this.barType.key, now, this.lastTs);
    this.lastTs = now;
    if (this.count > 0 && now >= this.end) this.emit(now);
    if (this.carry && this.lastEnd > Number.NEGATIVE_INFINITY) this.carryForward(now, true, now);
  }

  /**
   * Emits the open bar if it holds any data, stamped at its scheduled end although its interval
   * may not be over (the bar holds the data seen so far), and returns it; undefined when there is
   * none. Meant for the end of a stream: no carry-forward bars are added.
   */
  flush(): AggregatedBar | undefined {
    if (this.count === 0) return undefined;
    return this.emit(Math.max(this.lastTs, this.end));
  }

  /** Moves to the interval holding `t`, closing the open bar and filling gaps first. */
  protected roll(t: UnixMicros, trigger: UnixMicros): void {
    if (this.count > 0) this.emit(trigger);
    if (this.carry && this.lastEnd > Number.NEGATIVE_INFINITY) this.carryForward(t, false, trigger);
    const grid = this.grid;
    grid.locate(t);
    this.start = grid.start;
    this.end = grid.end;
  }

  /** Flat bars for the empty intervals after the last bar: those ending ≤ t (inclusive) or holding no t. */
  private carryForward(t: UnixMicros, inclusive: boolean, trigger: UnixMicros): void {
    const grid = this.grid;
    for (;;) {
      grid.locate(this.lastEnd);
      if (inclusive ? grid.end > t : t < grid.end) return;
      const start = grid.start;
      const end = grid.end;
      this.lastEnd = end;
      if (grid.inHalt(start, end)) continue;
      const c = this.lastClose;
      this.onBar(this.make(c, c, c, c, 0, start, end, trigger));
    }
  }

  protected emit(trigger: UnixMicros): AggregatedBar {
    const b = this.make(
      this.open,
      this.high,
      this.low,
      this.close,
      this.volume,
      this.start,
      this.end,
      trigger,
    );
    this.count = 0;
    this.volume = 0;
    this.lastEnd = this.end;
    this.lastClose = this.close;
    this.onBar(b);
    return b;
  }

  private make(
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    tsOpen: UnixMicros,
    tsEvent: UnixMicros,
    trigger: UnixMicros,
  ): AggregatedBar {
    return {
      kind: 'bar',
      barType: this.barType,
      open,
      high,
      low,
      close,
      volume,
      tsEvent,
      tsInit: trigger > tsEvent ? trigger : tsEvent,
      tsOpen,
      aggregation: this.barType.aggregation,
    };
  }
}

/**
 * Time bars (seconds, minutes, hours, days) from trades or quotes, one item at a time. Each bar
 * covers [tsOpen, tsEvent) and is emitted when the first item at or after its end arrives (or by
 * `advanceTo`, or `flush` at the end): an item exactly at an interval's end opens the next bar.
 * The price is the trade price for `LAST` bar types, the bid, ask or mid for `BID`/`ASK`/`MID`.
 */
export class TimeBarAggregator extends TimeBucketAggregator {
  readonly priceCode: PriceCode;

  constructor(barType: BarType, onBar: BarHandler, options: TimeBarOptions = {}) {
    super(barType, onBar, options);
    this.priceCode = priceCode(barType.priceType);
  }

  /** Adds one price/size observation at `ts` (the raw path: no objects needed). */
  update(price: number, size: number, ts: UnixMicros): void {
    if (ts < this.lastTs) throw outOfOrder(this.barType.key, ts, this.lastTs);
    this.lastTs = ts;
    if (!(ts >= this.start && ts < this.end)) {
      this.roll(ts, ts);
      if (ts < this.start) {
        this.dropped++;
        return;
      }
    }
    this.addPrice(price);
    this.volume += size;
  }

  handleTrade(t: TradeTick): void {
    tradeInto(this, t);
  }

  handleQuote(q: QuoteTick): void {
    quoteInto(this, q);
  }
}

/**
 * Bars of bars: time bars (e.g. 1m → 5m, 1h, or session daily bars) from smaller bars. An input
 * bar belongs to the output interval holding its open time (`tsOpen` of an aggregated bar, else
 * `tsEvent − duration`) and must end inside it. An output bar is emitted as soon as an input bar
 * reaching its end arrives (no need to wait for the next one), else when a later bar arrives, or by
 * `advanceTo`/`flush`. Carry-forward input bars (volume 0) count as data.
 */
export class BarResampler extends TimeBucketAggregator {
  handleBar(b: Bar): void {
    const opened = (b as Partial<AggregatedBar>).tsOpen ?? barOpenTime(b);
    if (opened === undefined) {
      throw new RangeError(`${this.barType.key}: input bar ${b.barType.key} has no open time`);
    }
    if (b.tsEvent < this.lastTs) throw outOfOrder(this.barType.key, b.tsEvent, this.lastTs);
    this.lastTs = b.tsEvent;
    if (!(opened >= this.start && opened < this.end)) {
      this.roll(opened, b.tsEvent);
      if (opened < this.start) {
        this.dropped++;
        return;
      }
    }
    if (b.tsEvent > this.end) {
      throw new RangeError(
        `${this.barType.key}: input bar ${b.barType.key} [${opened}, ${b.tsEvent}) crosses the output bar end ${this.end}`,
      );
    }
    if (this.count === 0) {
      this.open = b.open;
      this.high = b.high;
      this.low = b.low;
    } else {
      if (b.high > this.high) this.high = b.high;
      if (b.low < this.low) this.low = b.low;
    }
    this.close = b.close;
    this.volume += b.volume;
    this.count++;
    if (b.tsEvent === this.end) this.emit(b.tsEvent);
  }
}
