import { BarType, type PriceType, type QuoteTick, type TradeTick } from '../../model/data.js';
import type { InstrumentId } from '../../model/identifiers.js';
import type { UnixMicros } from '../../model/time.js';
import {
  type AggregatedBar,
  type AggregationKind,
  type BarHandler,
  OhlcvAccumulator,
  outOfOrder,
  type PriceCode,
  priceCode,
  quoteInto,
  tradeInto,
} from './types.js';

/**
 * Bars that close on activity rather than time: every N ticks, N units of volume or N of notional.
 * A bar opens with its first tick (`tsOpen`) and is emitted by the tick that completes it
 * (`tsEvent` = that tick's time). They have no empty intervals. `flush()` emits the incomplete
 * last bar (fewer than N) stamped at its last tick, and returns it.
 */
abstract class ThresholdAggregator extends OhlcvAccumulator {
  protected tsOpen: UnixMicros = 0;
  protected lastTs: UnixMicros = Number.NEGATIVE_INFINITY;
  readonly priceCode: PriceCode;

  constructor(
    readonly barType: BarType,
    protected readonly onBar: BarHandler,
    private readonly kind: AggregationKind,
  ) {
    super();
    this.priceCode = priceCode(barType.priceType);
  }

  /** Adds one price/size observation at `ts`. */
  abstract update(price: number, size: number, ts: UnixMicros): void;

  handleTrade(t: TradeTick): void {
    tradeInto(this, t);
  }

  handleQuote(q: QuoteTick): void {
    quoteInto(this, q);
  }

  /** Emits and returns the incomplete last bar, if it holds any tick. */
  flush(): AggregatedBar | undefined {
    return this.count === 0 ? undefined : this.emit(this.lastTs);
  }

  protected check(ts: UnixMicros): void {
    if (ts < this.lastTs) throw outOfOrder(this.barType.key, ts, this.lastTs);
    this.lastTs = ts;
  }

  /** Starts a bar at the first tick, or extends the open one. */
  protected add(price: number, ts: UnixMicros): void {
    if (this.count === 0) this.tsOpen = ts;
    this.addPrice(price);
  }

  protected emit(ts: UnixMicros): AggregatedBar {
    const b: AggregatedBar = {
      kind: 'bar',
      barType: this.barType,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      tsEvent: ts,
      tsInit: ts,
      tsOpen: this.tsOpen,
      aggregation: this.kind,
    };
    this.count = 0;
    this.volume = 0;
    this.onBar(b);
    return b;
  }
}

/** A bar every `barType.step` ticks (trades, or quotes for BID/ASK/MID bar types). */
export class TickBarAggregator extends ThresholdAggregator {
  private readonly n: number;

  constructor(barType: BarType, onBar: BarHandler) {
    if (barType.aggregation !== 'tick')
      throw new RangeError(`tick bars need a TICK bar type, got ${barType.key}`);
    super(barType, onBar, 'tick');
    this.n = barType.step;
  }

  update(price: number, size: number, ts: UnixMicros): void {
    this.check(ts);
    this.add(price, ts);
    this.volume += size;
    if (this.count >= this.n) this.emit(ts);
  }
}

/**
 * A bar every `barType.step` units of volume, exactly: a tick that overfills the bar is split, the
 * rest (same price and time) opening the next bar — one large trade can complete several bars.
 */
export class VolumeBarAggregator extends ThresholdAggregator {
  private readonly n: number;

  constructor(barType: BarType, onBar: BarHandler) {
    if (barType.aggregation !== 'volume') {
      throw new RangeError(`volume bars need a VOLUME bar type, got ${barType.key}`);
    }
    super(barType, onBar, 'volume');
    this.n = barType.step;
  }

  update(price: number, size: number, ts: UnixMicros): void {
    this.check(ts);
    if (!(size > 0)) return;
    for (;;) {
      this.add(price, ts);
      const room = this.n - this.volume;
      if (size < room) {
        this.volume += size;
        return;
      }
      this.volume = this.n;
      size -= room;
      this.emit(ts);
      if (size <= 0) return;
    }
  }
}

export interface ValueBarOptions {
  /** Money per point per unit (ES: 50), so `notional` is in money; default 1 (notional in price × size). */
  readonly multiplier?: number;
}

/**
 * A bar each time the traded notional (price × size × multiplier) reaches `notional`. Ticks are
 * not split (that would need fractional sizes): the completing tick stays whole in its bar, so a
 * bar holds at least `notional` and the excess is not carried over.
 *
 * `BarType` has no `value` aggregation yet, so these bars carry a stand-in bar type: the VOLUME
 * type of the instrument with `step` = the notional (rounded), and `aggregation: 'value'` on each
 * bar says what they are. Do not publish them next to real volume bars of the same step.
 */
export class ValueBarAggregator extends ThresholdAggregator {
  private value = 0;
  private readonly multiplier: number;

  constructor(
    instrumentId: InstrumentId,
    readonly notional: number,
    priceType: PriceType,
    onBar: BarHandler,
    options: ValueBarOptions = {},
  ) {
    if (!(notional > 0) || !Number.isFinite(notional)) {
      throw new RangeError(`value bars need a positive notional, got ${notional}`);
    }
    super(BarType.of(instrumentId, Math.max(1, Math.round(notional)), 'volume', priceType), onBar, 'value');
    this.multiplier = options.multiplier ?? 1;
  }

  update(price: number, size: number, ts: UnixMicros): void {
    this.check(ts);
    this.add(price, ts);
    this.volume += size;
    this.value += price * size * this.multiplier;
    if (this.value >= this.notional) {
      this.value = 0;
      this.emit(ts);
    }
  }

  override flush(): AggregatedBar | undefined {
    this.value = 0;
    return super.flush();
  }
}
