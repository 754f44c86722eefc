import { checkPeriod, PriceIndicator } from '../core.js';
import { ExponentialMovingAverage } from './exponential.js';

/**
 * Zero-lag EMA (Ehlers & Way, 2010; the common "ZLEMA" form): EMA(x_t + (x_t − x_{t−lag}), n) with
 * lag = ⌊(n − 1)/2⌋ and alpha = 2/(n + 1). The de-lagged series exists from input lag + 1; like every
 * EMA here it is seeded with the SMA of its first n values, so the first value comes after
 * lag + n − 1 inputs.
 */
export class ZeroLagExponentialMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly lag: number;
  private readonly ema: ExponentialMovingAverage;
  /** The last `lag` inputs (ring); `index` holds x_{t−lag} before the write. */
  private readonly window: Float64Array;
  private index = 0;

  constructor(period: number) {
    super();
    checkPeriod('ZLEMA', period);
    this.period = period;
    this.lag = Math.floor((period - 1) / 2);
    this.warmup = this.lag + period - 1;
    this.ema = new ExponentialMovingAverage(period);
    this.window = new Float64Array(Math.max(this.lag, 1));
  }

  update(input: number): number {
    const lag = this.lag;
    this.count++;
    if (lag === 0) {
      this.value = this.ema.update(input);
      return this.value;
    }
    const lagged = this.window[this.index];
    this.window[this.index] = input;
    this.index = this.index + 1 === lag ? 0 : this.index + 1;
    if (this.count > lag) this.value = this.ema.update(input + (input - lagged));
    return this.value;
  }

  reset(): void {
    this.ema.reset();
    this.window.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
