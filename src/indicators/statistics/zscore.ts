import { PriceIndicator } from '../core.js';
import { MovingStandardDeviation } from './rolling.js';

/**
 * Z-score of the latest input within the last n = `period` inputs: (x − mean) / σ, with the window's
 * mean (SMA) and population standard deviation σ. When the last `period` inputs are all equal σ is 0
 * and so is x − mean: the z-score is then defined as 0. Warm-up period − 1 inputs.
 */
export class ZScore extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly deviation: MovingStandardDeviation;
  private last = Number.NaN;
  private run = 0;

  constructor(period = 20) {
    super();
    this.deviation = new MovingStandardDeviation(period);
    this.period = period;
    this.warmup = period - 1;
  }

  update(input: number): number {
    this.count++;
    this.run = input === this.last ? this.run + 1 : 1;
    this.last = input;
    const sigma = this.deviation.update(input);
    if (this.count > this.warmup) {
      this.value = this.run >= this.period || sigma === 0 ? 0 : (input - this.deviation.mean) / sigma;
    }
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.run = 0;
    this.last = Number.NaN;
    this.deviation.reset();
    this.value = Number.NaN;
  }
}
