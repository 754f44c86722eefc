import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Arnaud Legoux moving average (Legoux & Kouzis-Loukas, 2009): a Gaussian-weighted window,
 * ALMA = Σ w_i × x_i / Σ w_i over the last n inputs (i = 0 the oldest, n − 1 the latest), with
 * w_i = exp(−(i − m)² / (2 s²)), m = offset × (n − 1) and s = n / sigma.
 *
 * The weights are arbitrary, so each update is a dot product over the window: O(period), with the
 * window held twice over in one buffer so the product runs over contiguous memory.
 */
export class ArnaudLegouxMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly offset: number;
  readonly sigma: number;
  private readonly weights: Float64Array;
  private readonly weightSum: number;
  /** Each input is written at `index` and `index + period`, so buffer[index+1 … index+period] is the window. */
  private readonly buffer: Float64Array;
  private index = 0;

  constructor(period = 9, offset = 0.85, sigma = 6) {
    super();
    checkPeriod('ALMA', period);
    if (!(offset >= 0 && offset <= 1)) throw new RangeError(`ALMA: offset must be in [0, 1], got ${offset}`);
    if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`ALMA: sigma must be > 0, got ${sigma}`);
    this.period = period;
    this.offset = offset;
    this.sigma = sigma;
    this.warmup = period - 1;
    const m = offset * (period - 1);
    const s = period / sigma;
    this.weights = new Float64Array(period);
    let weightSum = 0;
    for (let i = 0; i < period; i++) {
      const w = Math.exp(-((i - m) ** 2) / (2 * s * s));
      this.weights[i] = w;
      weightSum += w;
    }
    this.weightSum = weightSum;
    this.buffer = new Float64Array(2 * period);
  }

  update(input: number): number {
    const period = this.period;
    const index = this.index + 1 === period ? 0 : this.index + 1;
    this.index = index;
    const buffer = this.buffer;
    buffer[index] = input;
    buffer[index + period] = input;
    this.count++;
    if (this.count >= period) {
      const weights = this.weights;
      // The window oldest-first is buffer[index + 1 … index + period]. Two accumulators halve the
      // chain of dependent additions.
      let even = 0;
      let odd = 0;
      let i = 0;
      let j = index + 1;
      for (; i + 1 < period; i += 2, j += 2) {
        even += weights[i] * buffer[j];
        odd += weights[i + 1] * buffer[j + 1];
      }
      if (i < period) even += weights[i] * buffer[j];
      this.value = (even + odd) / this.weightSum;
    }
    return this.value;
  }

  reset(): void {
    this.buffer.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
