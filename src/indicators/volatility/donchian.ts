import { BarIndicator, type BarInput } from '../core.js';
import { Highest, Lowest } from '../statistics/extremes.js';

/**
 * Donchian Channels: upper = highest high of the last `period` bars, lower = lowest low of the same
 * bars (TA-Lib MAX(high) and MIN(low)), middle = (upper + lower) / 2. Warm-up period − 1 bars.
 */
export class DonchianChannels extends BarIndicator {
  readonly outputs = ['upper', 'lower', 'middle'] as const;
  readonly warmup: number;
  readonly period: number;
  lower = Number.NaN;
  middle = Number.NaN;
  private readonly highest: Highest;
  private readonly lowest: Lowest;

  constructor(period = 20) {
    super();
    this.highest = new Highest(period);
    this.lowest = new Lowest(period);
    this.period = period;
    this.warmup = period - 1;
  }

  /** The upper band (the primary output). */
  get upper(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    this.count++;
    const upper = this.highest.update(bar.high);
    const lower = this.lowest.update(bar.low);
    if (this.count > this.warmup) {
      this.value = upper;
      this.lower = lower;
      this.middle = (upper + lower) / 2;
    }
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.highest.reset();
    this.lowest.reset();
    this.value = Number.NaN;
    this.lower = Number.NaN;
    this.middle = Number.NaN;
  }
}
