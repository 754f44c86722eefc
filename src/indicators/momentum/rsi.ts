import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Relative strength index (Wilder 1978; TA-Lib RSI). Gains and losses of the price changes are
 * averaged with Wilder's smoothing: the first averages are the simple means of the first `period`
 * changes, then avg_t = (avg_{t−1} × (period − 1) + x_t) / period, exactly TA-Lib's arithmetic.
 * RSI = 100 × avgGain / (avgGain + avgLoss), and 0 when both averages are 0 (a constant series), as
 * TA-Lib gives. The first value comes with input `period + 1` (warm-up `period`).
 */
export class RelativeStrengthIndex extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  /** Wilder-smoothed average gain (NaN while warming up). */
  averageGain = Number.NaN;
  /** Wilder-smoothed average loss, a positive number (NaN while warming up). */
  averageLoss = Number.NaN;
  private previous = Number.NaN;
  private gainSum = 0;
  private lossSum = 0;

  constructor(period = 14) {
    super();
    checkPeriod('RSI', period, 2);
    this.period = period;
    this.warmup = period;
  }

  update(price: number): number {
    const n = ++this.count;
    const change = price - this.previous;
    this.previous = price;
    if (n === 1) return this.value;
    const period = this.period;
    let gain: number;
    let loss: number;
    if (n > period + 1) {
      gain = this.averageGain * (period - 1);
      loss = this.averageLoss * (period - 1);
      if (change < 0) loss -= change;
      else gain += change;
      gain /= period;
      loss /= period;
    } else {
      if (change < 0) this.lossSum -= change;
      else this.gainSum += change;
      if (n <= period) return this.value;
      gain = this.gainSum / period;
      loss = this.lossSum / period;
    }
    this.averageGain = gain;
    this.averageLoss = loss;
    const total = gain + loss;
    this.value = total !== 0 ? 100 * (gain / total) : 0;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.previous = Number.NaN;
    this.gainSum = 0;
    this.lossSum = 0;
    this.averageGain = Number.NaN;
    this.averageLoss = Number.NaN;
    this.value = Number.NaN;
  }
}
