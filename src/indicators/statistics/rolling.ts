import { checkPeriod, PriceIndicator } from '../core.js';

/** Sum of the last `period` inputs (TA-Lib SUM), Neumaier-compensated so it does not drift. */
export class MovingSum extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly window: Float64Array;
  private index = 0;
  private sum = 0;
  private compensation = 0;

  constructor(period: number) {
    super();
    checkPeriod('SUM', period);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
  }

  update(input: number): number {
    if (this.count >= this.period) this.add(-this.window[this.index]);
    this.window[this.index] = input;
    this.index = this.index + 1 === this.period ? 0 : this.index + 1;
    this.add(input);
    this.count++;
    if (this.count >= this.period) this.value = this.sum + this.compensation;
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

/**
 * Population standard deviation of the last `period` inputs (TA-Lib STDDEV with nbDev 1; Bollinger
 * Bands use it). Sums are kept of values shifted by the first input, which removes most of the
 * cancellation of the textbook E[x²] − E[x]² form; the variance is clamped at 0.
 */
export class MovingStandardDeviation extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  /** Mean of the window (a by-product, for Bollinger Bands and z-score). */
  mean = Number.NaN;
  private readonly window: Float64Array;
  private index = 0;
  private shift = 0;
  private sum = 0;
  private sumSquares = 0;

  constructor(period: number) {
    super();
    checkPeriod('STDDEV', period);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
  }

  update(input: number): number {
    if (this.count === 0) this.shift = input;
    const x = input - this.shift;
    if (this.count >= this.period) {
      const old = this.window[this.index];
      this.sum -= old;
      this.sumSquares -= old * old;
    }
    this.window[this.index] = x;
    this.index = this.index + 1 === this.period ? 0 : this.index + 1;
    this.sum += x;
    this.sumSquares += x * x;
    this.count++;
    // Every 64 windows, re-add the window exactly so add/remove rounding cannot accumulate.
    if (this.index === 0 && this.count % (64 * this.period) === 0) this.resum();
    if (this.count >= this.period) {
      const n = this.period;
      const meanShifted = this.sum / n;
      const variance = this.sumSquares / n - meanShifted * meanShifted;
      this.mean = meanShifted + this.shift;
      this.value = variance > 0 ? Math.sqrt(variance) : 0;
    }
    return this.value;
  }

  private resum(): void {
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < this.period; i++) {
      const x = this.window[i];
      sum += x;
      sumSquares += x * x;
    }
    this.sum = sum;
    this.sumSquares = sumSquares;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.sum = 0;
    this.sumSquares = 0;
    this.count = 0;
    this.value = Number.NaN;
    this.mean = Number.NaN;
  }
}
