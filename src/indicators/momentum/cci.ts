import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Commodity channel index (Lambert 1980; TA-Lib CCI): with the typical price TP = (high + low +
 * close) / 3, CCI = (TP − SMA(TP)) / (0.015 × MD), MD the mean absolute deviation of the last
 * `period` TPs from their mean; 0 when TP equals the mean or MD is 0, as TA-Lib. The sums are taken
 * of deviations from the newest TP, so a window of equal TPs gives exactly 0 (TA-Lib's plain mean
 * can miss their common value by an ulp and report ±66.67 for a constant series).
 *
 * The mean deviation has no O(1) update (the mean moves under every term), so each update makes two
 * passes over the `period` window, as TA-Lib does — O(period), no allocation.
 */
export class CommodityChannelIndex extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly window: Float64Array;
  private index = 0;

  constructor(period = 20) {
    super();
    checkPeriod('CCI', period, 2);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const period = this.period;
    const window = this.window;
    const typical = (bar.high + bar.low + bar.close) / 3;
    window[this.index] = typical;
    this.index = this.index + 1 === period ? 0 : this.index + 1;
    if (++this.count < period) return this.value;
    // Deviations from the newest TP: a window of equal TPs gives exactly 0 (TA-Lib's plain mean can
    // miss the common value by an ulp and report ±66.67 for a constant series).
    let sum = 0;
    for (let j = 0; j < period; j++) sum += window[j] - typical;
    const offset = sum / period; // mean − TP
    let deviation = 0;
    for (let j = 0; j < period; j++) deviation += Math.abs(window[j] - typical - offset);
    this.value = offset !== 0 && deviation !== 0 ? -offset / (0.015 * (deviation / period)) : 0;
    return this.value;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
