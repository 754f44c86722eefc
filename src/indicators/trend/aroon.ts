import { BarIndicator, type BarInput, checkPeriod } from '../core.js';
import { Highest, Lowest } from '../statistics/extremes.js';

/**
 * Aroon (Chande 1995), equal to TA-Lib AROON and AROONOSC. Over the last `period + 1` bars (this bar
 * and the `period` before it): up = 100 × (period − bars since the highest high) / period, down =
 * 100 × (period − bars since the lowest low) / period; ties go to the most recent bar. `oscillator` =
 * up − down, computed as TA-Lib does: 100/period × (bars since the low − bars since the high).
 * Outputs `up` (primary), `down`, `oscillator`. Warm-up `period` bars.
 */
export class Aroon extends BarIndicator {
  readonly outputs = ['up', 'down', 'oscillator'] as const;
  readonly warmup: number;
  readonly period: number;
  down = Number.NaN;
  oscillator = Number.NaN;
  private readonly highest: Highest;
  private readonly lowest: Lowest;
  private readonly factor: number;

  constructor(period = 14) {
    super();
    checkPeriod('Aroon', period);
    this.period = period;
    this.warmup = period;
    this.factor = 100 / period;
    this.highest = new Highest(period + 1);
    this.lowest = new Lowest(period + 1);
  }

  update(bar: BarInput): number {
    this.count++;
    this.highest.update(bar.high);
    this.lowest.update(bar.low);
    if (this.count > this.period) {
      const sinceHigh = this.highest.offset;
      const sinceLow = this.lowest.offset;
      const factor = this.factor;
      this.value = factor * (this.period - sinceHigh);
      this.down = factor * (this.period - sinceLow);
      this.oscillator = factor * (sinceLow - sinceHigh);
    }
    return this.value;
  }

  reset(): void {
    this.highest.reset();
    this.lowest.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.down = Number.NaN;
    this.oscillator = Number.NaN;
  }
}
