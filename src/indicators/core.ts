/**
 * Streaming indicators: every indicator updates in O(1) per input without allocating, exposes its
 * warm-up length and readiness, and holds its outputs in plain number fields (NaN while warming up).
 */

/** The fields of a bar an indicator may read (a `Bar` satisfies it). */
export interface BarInput {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Close time in µs; used by session-anchored indicators (VWAP). */
  readonly tsEvent: number;
}

/** Which price of a bar a price indicator reads. */
export type PriceSource = 'close' | 'open' | 'high' | 'low' | 'hl2' | 'hlc3' | 'ohlc4';

export const PRICE_SOURCES: readonly PriceSource[] = ['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4'];

export function priceOf(bar: BarInput, source: PriceSource): number {
  switch (source) {
    case 'close':
      return bar.close;
    case 'open':
      return bar.open;
    case 'high':
      return bar.high;
    case 'low':
      return bar.low;
    case 'hl2':
      return (bar.high + bar.low) / 2;
    case 'hlc3':
      return (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return (bar.open + bar.high + bar.low + bar.close) / 4;
  }
}

export abstract class Indicator {
  /** Output names; the first is the primary output, held in `value`. */
  abstract readonly outputs: readonly string[];
  /** Inputs consumed before the first value appears (the first value comes with input `warmup + 1`). */
  abstract readonly warmup: number;
  /** Primary output (NaN while warming up). */
  value = Number.NaN;
  /** Inputs seen. */
  count = 0;

  get isReady(): boolean {
    return this.count > this.warmup;
  }

  /** Feeds one bar. */
  abstract updateBar(bar: BarInput): void;

  /** Current value of a named output (NaN while warming up). Not for hot paths: read the field. */
  output(name: string): number {
    if (name === this.outputs[0]) return this.value;
    const value = (this as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'number') throw new RangeError(`${this.constructor.name} has no output '${name}'`);
    return value;
  }

  /** Back to the state before the first input. */
  abstract reset(): void;
}

/** An indicator of one price series: `update(price)`, or a bar through its `source`. */
export abstract class PriceIndicator extends Indicator {
  source: PriceSource = 'close';

  /** Feeds one price; returns the primary output. */
  abstract update(price: number): number;

  updateBar(bar: BarInput): void {
    this.update(priceOf(bar, this.source));
  }
}

/** An indicator that needs the whole bar (high, low, close, volume…). */
export abstract class BarIndicator extends Indicator {
  /** Feeds one bar; returns the primary output. */
  abstract update(bar: BarInput): number;

  updateBar(bar: BarInput): void {
    this.update(bar);
  }
}

export function checkPeriod(name: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`${name}: period must be an integer >= ${min}, got ${period}`);
  }
}
