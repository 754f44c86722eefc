import { BarIndicator, type BarInput, checkPeriod } from '../core.js';
import { AverageTrueRange } from '../volatility/atr.js';

/**
 * SuperTrend (Olivier Seban), with the band rules of TradingView's `ta.supertrend`:
 * basic bands hl2 ± multiplier × ATR(period) (Wilder ATR, TA-Lib convention, first value on bar
 * period + 1); final upper = basic upper if basic upper < previous final upper or the previous close
 * > previous final upper, else the previous final upper; final lower = basic lower if basic lower >
 * previous final lower or the previous close < previous final lower, else the previous final lower.
 * On the first ATR bar the final bands are the basic bands and the trend is down (−1). Then, from a
 * down trend the trend turns up when close > final upper; from an up trend it turns down when
 * close < final lower. Outputs `value` = final lower band in an up trend (+1), final upper band in a
 * down trend (−1), and `direction` (+1 / −1). Warm-up `period` bars.
 */
export class SuperTrend extends BarIndicator {
  readonly outputs = ['value', 'direction'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly multiplier: number;
  /** +1 up trend (value = lower band), −1 down trend (value = upper band). */
  direction = Number.NaN;
  /** Final upper band. */
  upper = Number.NaN;
  /** Final lower band. */
  lower = Number.NaN;
  private readonly atr: AverageTrueRange;
  private previousClose = Number.NaN;

  constructor(period = 10, multiplier = 3) {
    super();
    checkPeriod('SuperTrend', period);
    if (!(multiplier > 0) || !Number.isFinite(multiplier)) {
      throw new RangeError(`SuperTrend: multiplier must be > 0, got ${multiplier}`);
    }
    this.period = period;
    this.multiplier = multiplier;
    this.warmup = period;
    this.atr = new AverageTrueRange(period);
  }

  update(bar: BarInput): number {
    this.count++;
    const atr = this.atr.update(bar);
    const close = bar.close;
    if (this.count > this.warmup) {
      const mid = (bar.high + bar.low) / 2;
      const offset = this.multiplier * atr;
      let upper = mid + offset;
      let lower = mid - offset;
      const pc = this.previousClose;
      if (this.count === this.warmup + 1) {
        this.direction = -1;
      } else {
        const previousUpper = this.upper;
        const previousLower = this.lower;
        if (!(upper < previousUpper || pc > previousUpper)) upper = previousUpper;
        if (!(lower > previousLower || pc < previousLower)) lower = previousLower;
        if (this.direction < 0) {
          if (close > upper) this.direction = 1;
        } else if (close < lower) {
          this.direction = -1;
        }
      }
      this.upper = upper;
      this.lower = lower;
      this.value = this.direction > 0 ? lower : upper;
    }
    this.previousClose = close;
    return this.value;
  }

  reset(): void {
    this.atr.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.direction = Number.NaN;
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.previousClose = Number.NaN;
  }
}
