import { SimpleMovingAverage } from '../averages/sma.js';
import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Ease of movement (Arms; StockCharts ChartSchool "Ease of Movement"), from the second bar on:
 * distance = (H + L)/2 − (H_prev + L_prev)/2, box ratio = (volume / divisor) / (H − L),
 * EMV = distance / box ratio; a bar with H = L or volume 0 has EMV 0 (its box ratio is 0 or
 * undefined). EOM = SMA(period) of EMV. Warm-up `period` bars.
 */
export class EaseOfMovement extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly divisor: number;
  private readonly sma: SimpleMovingAverage;
  private previousMid = 0;

  constructor(period = 14, divisor = 100_000_000) {
    super();
    checkPeriod('EOM', period);
    if (!(divisor > 0) || !Number.isFinite(divisor)) {
      throw new RangeError(`EOM: divisor must be > 0, got ${divisor}`);
    }
    this.period = period;
    this.divisor = divisor;
    this.warmup = period;
    this.sma = new SimpleMovingAverage(period);
  }

  update(bar: BarInput): number {
    const high = bar.high;
    const low = bar.low;
    const mid = (high + low) / 2;
    if (++this.count > 1) {
      const range = high - low;
      const volume = bar.volume;
      let emv = 0;
      if (range !== 0 && volume !== 0) emv = (mid - this.previousMid) / (volume / this.divisor / range);
      this.value = this.sma.update(emv);
    }
    this.previousMid = mid;
    return this.value;
  }

  reset(): void {
    this.sma.reset();
    this.count = 0;
    this.previousMid = 0;
    this.value = Number.NaN;
  }
}
