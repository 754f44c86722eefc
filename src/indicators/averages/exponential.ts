import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Exponential smoothing seeded with the simple average of the first `period` inputs (TA-Lib's
 * convention): value_t = value_{t-1} + alpha × (x_t − value_{t-1}). The first value is the SMA of the
 * first `period` inputs. `ExponentialMovingAverage` uses alpha = 2/(period+1); Wilder's smoothing
 * (SMMA/RMA, used by RSI, ATR and ADX) uses alpha = 1/period.
 */
export class ExponentialSmoothing extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly alpha: number;
  private seedSum = 0;

  constructor(period: number, alpha: number, name = 'EMA') {
    super();
    checkPeriod(name, period);
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`${name}: alpha must be in (0, 1], got ${alpha}`);
    this.period = period;
    this.alpha = alpha;
    this.warmup = period - 1;
  }

  update(input: number): number {
    // Steady state first: one compare, one multiply-add.
    if (this.count >= this.period) {
      this.count++;
      this.value += this.alpha * (input - this.value);
      return this.value;
    }
    this.count++;
    if (this.count < this.period) this.seedSum += input;
    else this.value = (this.seedSum + input) / this.period;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.seedSum = 0;
    this.value = Number.NaN;
  }
}

/** EMA: alpha = 2 / (period + 1), seeded with the SMA of the first `period` inputs. */
export class ExponentialMovingAverage extends ExponentialSmoothing {
  constructor(period: number) {
    super(period, 2 / (period + 1), 'EMA');
  }
}

/** Wilder's smoothed moving average (SMMA, RMA): alpha = 1 / period, SMA-seeded. */
export class WilderMovingAverage extends ExponentialSmoothing {
  constructor(period: number) {
    super(period, 1 / period, 'SMMA');
  }
}
