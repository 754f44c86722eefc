import { ExponentialMovingAverage } from '../averages/exponential.js';
import { BarIndicator, type BarInput } from '../core.js';
import { AverageTrueRange } from './atr.js';

/**
 * Keltner Channels in the modern form (Linda Raschke; StockCharts ChartSchool): middle = EMA(close,
 * period), upper/lower = middle ± multiplier × ATR(atrPeriod), with the SMA-seeded EMA and Wilder's
 * ATR. The first value comes when both are ready: warm-up max(period − 1, atrPeriod) bars.
 */
export class KeltnerChannels extends BarIndicator {
  readonly outputs = ['middle', 'upper', 'lower'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly multiplier: number;
  readonly atrPeriod: number;
  upper = Number.NaN;
  lower = Number.NaN;
  private readonly ema: ExponentialMovingAverage;
  private readonly atr: AverageTrueRange;

  constructor(period = 20, multiplier = 2, atrPeriod = 10) {
    super();
    this.ema = new ExponentialMovingAverage(period);
    this.atr = new AverageTrueRange(atrPeriod);
    if (!Number.isFinite(multiplier)) {
      throw new RangeError(`KELTNER: multiplier must be finite, got ${multiplier}`);
    }
    this.period = period;
    this.multiplier = multiplier;
    this.atrPeriod = atrPeriod;
    this.warmup = Math.max(this.ema.warmup, this.atr.warmup);
  }

  /** The middle line (the primary output). */
  get middle(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    this.count++;
    const middle = this.ema.update(bar.close);
    const width = this.multiplier * this.atr.update(bar);
    if (this.count > this.warmup) {
      this.value = middle;
      this.upper = middle + width;
      this.lower = middle - width;
    }
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.ema.reset();
    this.atr.reset();
    this.value = Number.NaN;
    this.upper = Number.NaN;
    this.lower = Number.NaN;
  }
}
