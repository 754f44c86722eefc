import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Money flow index (Quong & Soudack), equal to TA-Lib MFI. Typical price TP = (H + L + C) / 3, raw
 * money flow = TP × volume, positive when TP rose from the previous bar, negative when it fell, neither
 * when unchanged. MFI = 100 × Σpositive / (Σpositive + Σnegative) over the last `period` bars, and 0 when
 * that total is below 1 (TA-Lib's rule). Warm-up `period` bars. The window sums are running sums
 * re-added exactly every 64 windows, so rounding cannot drift.
 */
export class MoneyFlowIndex extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private index = 0;
  private positiveSum = 0;
  private negativeSum = 0;
  private previousTypical = 0;

  constructor(period = 14) {
    super();
    checkPeriod('MFI', period);
    this.period = period;
    this.warmup = period;
    this.positive = new Float64Array(period);
    this.negative = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const typical = (bar.high + bar.low + bar.close) / 3;
    const count = ++this.count;
    if (count === 1) {
      this.previousTypical = typical;
      return this.value;
    }
    const change = typical - this.previousTypical;
    this.previousTypical = typical;
    const flow = typical * bar.volume;
    const i = this.index;
    const period = this.period;
    if (count > period + 1) {
      this.positiveSum -= this.positive[i];
      this.negativeSum -= this.negative[i];
    }
    if (change < 0) {
      this.negative[i] = flow;
      this.negativeSum += flow;
      this.positive[i] = 0;
    } else if (change > 0) {
      this.positive[i] = flow;
      this.positiveSum += flow;
      this.negative[i] = 0;
    } else {
      this.positive[i] = 0;
      this.negative[i] = 0;
    }
    this.index = i + 1 === period ? 0 : i + 1;
    if (this.index === 0 && (count - 1) % (64 * period) === 0) this.resum();
    if (count > period) {
      const total = this.positiveSum + this.negativeSum;
      this.value = total < 1 ? 0 : 100 * (this.positiveSum / total);
    }
    return this.value;
  }

  private resum(): void {
    let positive = 0;
    let negative = 0;
    for (let i = 0; i < this.period; i++) {
      positive += this.positive[i];
      negative += this.negative[i];
    }
    this.positiveSum = positive;
    this.negativeSum = negative;
  }

  reset(): void {
    this.positive.fill(0);
    this.negative.fill(0);
    this.index = 0;
    this.positiveSum = 0;
    this.negativeSum = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
