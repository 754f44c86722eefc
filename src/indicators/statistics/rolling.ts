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

  /** The inputs in the window, oldest first (fewer than `period` while warming up). */
  windowValues(): number[] {
    const n = Math.min(this.count, this.period);
    const out = new Array<number>(n);
    const start = this.count >= this.period ? this.index : 0;
    for (let k = 0; k < n; k++) out[k] = this.window[(start + k) % this.period];
    return out;
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
 * Bands use it). Sums are kept of values shifted by a recent input (the first, then the latest at
 * each exact re-sum), which removes most of the cancellation of the textbook E[x²] − E[x]² form;
 * the variance is clamped at 0.
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
  private last = Number.NaN;

  constructor(period: number) {
    super();
    checkPeriod('STDDEV', period);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
  }

  update(input: number): number {
    if (this.count === 0) this.shift = input;
    this.last = input;
    const x = input - this.shift;
    let removed = 0;
    if (this.count >= this.period) {
      const old = this.window[this.index] - this.shift;
      this.sum -= old;
      this.sumSquares -= old * old;
      removed = old * old;
    }
    this.window[this.index] = input;
    this.index = this.index + 1 === this.period ? 0 : this.index + 1;
    this.sum += x;
    this.sumSquares += x * x;
    this.count++;
    // Sum again exactly every 64 windows (rounding cannot accumulate, and the shift follows the
    // prices), and whenever the input that left dominated what stays (its rounding would cancel
    // the small variance that remains).
    if ((this.index === 0 && this.count % (64 * this.period) === 0) || removed > 1e6 * this.sumSquares)
      this.resum();
    if (this.count >= this.period) {
      let variance = this.variance();
      // Prices far from the shift relative to their spread: re-centre, or E[x²] − E[x]² cancels.
      const meanShifted = this.sum / this.period;
      if (meanShifted * meanShifted > 1e4 * variance) {
        this.resum();
        variance = this.variance();
      }
      this.mean = this.sum / this.period + this.shift;
      this.value = variance > 0 ? Math.sqrt(variance) : 0;
    }
    return this.value;
  }

  private variance(): number {
    const meanShifted = this.sum / this.period;
    return this.sumSquares / this.period - meanShifted * meanShifted;
  }

  /** Sums of the window again, shifted by the latest input. */
  private resum(): void {
    const shift = this.last;
    const filled = Math.min(this.count, this.period);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < filled; i++) {
      const x = this.window[i] - shift;
      sum += x;
      sumSquares += x * x;
    }
    this.shift = shift;
    this.sum = sum;
    this.sumSquares = sumSquares;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.shift = 0;
    this.sum = 0;
    this.sumSquares = 0;
    this.last = Number.NaN;
    this.count = 0;
    this.value = Number.NaN;
    this.mean = Number.NaN;
  }
}
