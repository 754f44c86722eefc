import { BarIndicator, type BarInput } from '../core.js';
import { AverageTrueRange } from './atr.js';

/**
 * Normalized average true range (TA-Lib NATR): 100 × ATR(period) / close, with Wilder's ATR.
 * Warm-up `period` bars, as the ATR. A close of 0 gives NaN (the ratio is undefined).
 */
export class NormalizedAverageTrueRange extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly atr: AverageTrueRange;

  constructor(period = 14) {
    super();
    this.atr = new AverageTrueRange(period);
    this.period = period;
    this.warmup = this.atr.warmup;
  }

  update(bar: BarInput): number {
    this.count++;
    const atr = this.atr.update(bar);
    if (this.count > this.warmup) this.value = bar.close !== 0 ? (100 * atr) / bar.close : Number.NaN;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.atr.reset();
    this.value = Number.NaN;
  }
}
