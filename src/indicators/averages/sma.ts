import { checkPeriod, PriceIndicator } from '../core.js';
import { MovingSum } from '../statistics/rolling.js';

/**
 * Simple moving average over the last `period` inputs: the window sum divided by `period`. The sum
 * is Neumaier-compensated (`MovingSum`), so it does not drift over millions of updates and matches
 * an exactly rounded window sum (Python's math.fsum) to the last bit in practice.
 */
export class SimpleMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly sum: MovingSum;

  constructor(period: number) {
    super();
    checkPeriod('SMA', period);
    this.period = period;
    this.warmup = period - 1;
    this.sum = new MovingSum(period);
  }

  update(input: number): number {
    const sum = this.sum.update(input);
    this.count++;
    if (this.count >= this.period) this.value = sum / this.period;
    return this.value;
  }

  /** The inputs in the window, oldest first: feeding them to a new SMA of the same period restores it. */
  windowValues(): number[] {
    return this.sum.windowValues();
  }

  reset(): void {
    this.sum.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
