import { BarIndicator, type BarInput, checkPeriod } from '../core.js';
import { TrueRange } from './true-range.js';

/**
 * Average true range (Wilder): the first value is the mean of the first `period` true ranges
 * (bars 2 … period+1), then ATR_t = ATR_{t−1} + (TR_t − ATR_{t−1}) / period. Warm-up `period` bars,
 * as TA-Lib's ATR.
 */
export class AverageTrueRange extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly trueRange = new TrueRange();
  private seedSum = 0;

  constructor(period = 14) {
    super();
    checkPeriod('ATR', period);
    this.period = period;
    this.warmup = period;
  }

  update(bar: BarInput): number {
    this.count++;
    const tr = this.trueRange.update(bar);
    if (this.count === 1) return this.value;
    const n = this.count - 1; // true ranges seen
    if (n < this.period) this.seedSum += tr;
    else if (n === this.period) this.value = (this.seedSum + tr) / this.period;
    else this.value += (tr - this.value) / this.period;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.seedSum = 0;
    this.trueRange.reset();
    this.value = Number.NaN;
  }
}
