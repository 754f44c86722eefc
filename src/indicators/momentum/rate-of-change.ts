import { checkPeriod, PriceIndicator } from '../core.js';

/** The last `period` inputs in a ring, so `x[t − period]` is at hand. */
abstract class LaggedPrice extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly window: Float64Array;
  private index = 0;

  constructor(name: string, period: number) {
    super();
    checkPeriod(name, period);
    this.period = period;
    this.warmup = period;
    this.window = new Float64Array(period);
  }

  /** Stores `price` and returns the input `period` inputs before it (stale until count > period). */
  protected shift(price: number): number {
    const window = this.window;
    const index = this.index;
    const old = window[index];
    window[index] = price;
    this.index = index + 1 === this.period ? 0 : index + 1;
    this.count++;
    return old;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}

/** Momentum (TA-Lib MOM): x_t − x_{t−period}. */
export class Momentum extends LaggedPrice {
  constructor(period = 10) {
    super('MOM', period);
  }

  update(price: number): number {
    const old = this.shift(price);
    if (this.count > this.period) this.value = price - old;
    return this.value;
  }
}

/**
 * Rate of change as a fraction (TA-Lib ROCP): (x_t − x_{t−period}) / x_{t−period}; 0 when
 * x_{t−period} = 0, as TA-Lib.
 */
export class RateOfChange extends LaggedPrice {
  constructor(period = 10) {
    super('ROC', period);
  }

  update(price: number): number {
    const old = this.shift(price);
    if (this.count > this.period) this.value = old !== 0 ? (price - old) / old : 0;
    return this.value;
  }
}

/**
 * Rate of change in percent (TA-Lib ROC): (x_t / x_{t−period} − 1) × 100; 0 when x_{t−period} = 0,
 * as TA-Lib.
 */
export class RateOfChangePercent extends LaggedPrice {
  constructor(period = 10) {
    super('ROCP', period);
  }

  update(price: number): number {
    const old = this.shift(price);
    if (this.count > this.period) this.value = old !== 0 ? (price / old - 1) * 100 : 0;
    return this.value;
  }
}
