import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Volume-weighted moving average: Σ(close × volume) / Σ volume over the last `period` bars. A window
 * whose volumes are all zero has no weighted average: the value is NaN there (never a made-up price).
 *
 * Both running sums are Neumaier-compensated: volumes span orders of magnitude, and a huge bar
 * leaving the window would otherwise leave a rounding residue larger than the small bars' terms.
 * The number of bars with non-zero volume in the window decides the zero-volume case exactly.
 */
export class VolumeWeightedMovingAverage extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly prices: Float64Array;
  private readonly volumes: Float64Array;
  private index = 0;
  private sumPriceVolume = 0;
  private errorPriceVolume = 0;
  private sumVolume = 0;
  private errorVolume = 0;
  private nonZero = 0;

  constructor(period: number) {
    super();
    checkPeriod('VWMA', period);
    this.period = period;
    this.warmup = period - 1;
    this.prices = new Float64Array(period);
    this.volumes = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const price = bar.close;
    const volume = bar.volume;
    const period = this.period;
    const i = this.index;
    if (this.count >= period) {
      const oldVolume = this.volumes[i];
      if (oldVolume !== 0) {
        this.addPriceVolume(-(this.prices[i] * oldVolume));
        this.addVolume(-oldVolume);
        this.nonZero--;
      }
    }
    this.prices[i] = price;
    this.volumes[i] = volume;
    if (volume !== 0) {
      this.addPriceVolume(price * volume);
      this.addVolume(volume);
      this.nonZero++;
    }
    if (this.nonZero === 0) {
      // No volume in the window: both sums are exactly 0.
      this.sumPriceVolume = this.errorPriceVolume = this.sumVolume = this.errorVolume = 0;
    }
    this.index = i + 1 === period ? 0 : i + 1;
    this.count++;
    if (this.count >= period) {
      this.value =
        this.nonZero === 0
          ? Number.NaN
          : (this.sumPriceVolume + this.errorPriceVolume) / (this.sumVolume + this.errorVolume);
    }
    return this.value;
  }

  private addPriceVolume(x: number): void {
    const sum = this.sumPriceVolume;
    const t = sum + x;
    this.errorPriceVolume += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    this.sumPriceVolume = t;
  }

  private addVolume(x: number): void {
    const sum = this.sumVolume;
    const t = sum + x;
    this.errorVolume += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    this.sumVolume = t;
  }

  reset(): void {
    this.prices.fill(0);
    this.volumes.fill(0);
    this.index = 0;
    this.sumPriceVolume = 0;
    this.errorPriceVolume = 0;
    this.sumVolume = 0;
    this.errorVolume = 0;
    this.nonZero = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
