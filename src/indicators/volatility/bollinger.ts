import { PriceIndicator } from '../core.js';
import { MovingStandardDeviation } from '../statistics/rolling.js';

/**
 * Bollinger Bands (TA-Lib BBANDS with an SMA middle): middle = SMA(period), upper/lower = middle ±
 * stdDev × σ, where σ is the population standard deviation of the same window. Also %B =
 * (x − lower) / (upper − lower) and bandwidth = (upper − lower) / middle.
 *
 * When the last `period` inputs are all equal the band has no width: then σ = 0 exactly, the three
 * bands equal the input, %B is 0.5 (the input sits on the middle) and bandwidth 0. Bandwidth is NaN
 * when the middle is 0.
 */
export class BollingerBands extends PriceIndicator {
  readonly outputs = ['middle', 'upper', 'lower', 'percentB', 'bandwidth'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly stdDev: number;
  upper = Number.NaN;
  lower = Number.NaN;
  percentB = Number.NaN;
  bandwidth = Number.NaN;
  private readonly deviation: MovingStandardDeviation;
  private last = Number.NaN;
  /** Length of the current run of equal inputs. */
  private run = 0;

  constructor(period = 20, stdDev = 2) {
    super();
    this.deviation = new MovingStandardDeviation(period);
    if (!(stdDev > 0 && stdDev < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`BBANDS: stdDev must be a positive number, got ${stdDev}`);
    }
    this.period = period;
    this.stdDev = stdDev;
    this.warmup = period - 1;
  }

  /** The middle band (the primary output). */
  get middle(): number {
    return this.value;
  }

  update(input: number): number {
    this.count++;
    this.run = input === this.last ? this.run + 1 : 1;
    this.last = input;
    const sigma = this.deviation.update(input);
    if (this.count <= this.warmup) return this.value;
    if (this.run >= this.period) {
      this.value = input;
      this.upper = input;
      this.lower = input;
      this.percentB = 0.5;
      this.bandwidth = input !== 0 ? 0 : Number.NaN;
      return input;
    }
    const middle = this.deviation.mean;
    const width = this.stdDev * sigma;
    const upper = middle + width;
    const lower = middle - width;
    this.value = middle;
    this.upper = upper;
    this.lower = lower;
    this.percentB = (input - lower) / (upper - lower);
    this.bandwidth = middle !== 0 ? (upper - lower) / middle : Number.NaN;
    return middle;
  }

  reset(): void {
    this.count = 0;
    this.run = 0;
    this.last = Number.NaN;
    this.deviation.reset();
    this.value = Number.NaN;
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.percentB = Number.NaN;
    this.bandwidth = Number.NaN;
  }
}
