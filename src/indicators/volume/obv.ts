import { BarIndicator, type BarInput } from '../core.js';

/**
 * On-balance volume (Granville), equal to TA-Lib OBV: the first value is the first bar's volume;
 * then the bar's volume is added when the close rose, subtracted when it fell, and OBV is unchanged
 * when the close is unchanged. Warm-up 0.
 */
export class OnBalanceVolume extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup = 0;
  private previousClose = 0;

  update(bar: BarInput): number {
    const close = bar.close;
    if (++this.count === 1) {
      this.value = bar.volume;
    } else if (close > this.previousClose) {
      this.value += bar.volume;
    } else if (close < this.previousClose) {
      this.value -= bar.volume;
    }
    this.previousClose = close;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.value = Number.NaN;
    this.previousClose = 0;
  }
}
