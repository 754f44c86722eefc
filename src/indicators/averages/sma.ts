import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Simple moving average over the last `period` inputs, O(1) per update and allocation-free.
 * The running sum is Neumaier-compensated, so it does not drift over millions of updates and
 * matches an exactly rounded window sum (Python's math.fsum) to the last bit in practice.
 */
export class SimpleMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly window: Float64Array;
  private index = 0;
  private sum = 0;
  private compensation = 0;

  constructor(period: number) {
    super();
    checkPeriod('SMA', period);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
  }

  update(input: number): number {
    const period = this.period;
    if (this.count >= period) this.add(-this.window[this.index]);
    this.window[this.index] = input;
    this.index = this.index + 1 === period ? 0 : this.index + 1;
    this.add(input);
    this.count++;
    if (this.count >= period) this.value = (this.sum + this.compensation) / period;
    return this.value;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.sum = 0;
    this.compensation = 0;
    this.count = 0;
    this.value = Number.NaN;
  }

  private add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }
}
