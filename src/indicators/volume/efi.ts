import { ExponentialMovingAverage } from '../averages/exponential.js';
import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Elder force index (Elder, Trading for a Living, 1993): force = (C − C_prev) × volume from the second
 * bar on, smoothed by EMA(period) (alpha 2 / (period + 1)) seeded with the simple mean of the first
 * `period` forces (bars 2 … period + 1), as every EMA here. Warm-up `period` bars.
 */
export class ElderForceIndex extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly ema: ExponentialMovingAverage;
  private previousClose = 0;

  constructor(period = 13) {
    super();
    checkPeriod('EFI', period);
    this.period = period;
    this.warmup = period;
    this.ema = new ExponentialMovingAverage(period);
  }

  update(bar: BarInput): number {
    const close = bar.close;
    if (++this.count > 1) this.value = this.ema.update((close - this.previousClose) * bar.volume);
    this.previousClose = close;
    return this.value;
  }

  reset(): void {
    this.ema.reset();
    this.count = 0;
    this.previousClose = 0;
    this.value = Number.NaN;
  }
}
