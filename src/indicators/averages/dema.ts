import { checkPeriod, PriceIndicator } from '../core.js';
import { ExponentialMovingAverage } from './exponential.js';

/**
 * Double exponential moving average (Mulloy 1994; TA-Lib DEMA): 2 × EMA1 − EMA2, where EMA1 =
 * EMA(x, period) and EMA2 = EMA(EMA1, period), each SMA-seeded. EMA2 starts once EMA1 has a value,
 * so the first value comes after 2 × (period − 1) inputs.
 */
export class DoubleExponentialMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly ema1: ExponentialMovingAverage;
  private readonly ema2: ExponentialMovingAverage;

  constructor(period: number) {
    super();
    checkPeriod('DEMA', period);
    this.period = period;
    this.warmup = 2 * (period - 1);
    this.ema1 = new ExponentialMovingAverage(period);
    this.ema2 = new ExponentialMovingAverage(period);
  }

  update(input: number): number {
    this.count++;
    const e1 = this.ema1.update(input);
    if (this.count < this.period) return this.value;
    const e2 = this.ema2.update(e1);
    if (this.count > this.warmup) this.value = 2 * e1 - e2;
    return this.value;
  }

  reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}

/**
 * Triple exponential moving average (Mulloy 1994; TA-Lib TEMA): 3 × EMA1 − 3 × EMA2 + EMA3, with
 * EMA2 = EMA(EMA1) and EMA3 = EMA(EMA2), each SMA-seeded once its input has a value, so the first
 * value comes after 3 × (period − 1) inputs.
 */
export class TripleExponentialMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly ema1: ExponentialMovingAverage;
  private readonly ema2: ExponentialMovingAverage;
  private readonly ema3: ExponentialMovingAverage;

  constructor(period: number) {
    super();
    checkPeriod('TEMA', period);
    this.period = period;
    this.warmup = 3 * (period - 1);
    this.ema1 = new ExponentialMovingAverage(period);
    this.ema2 = new ExponentialMovingAverage(period);
    this.ema3 = new ExponentialMovingAverage(period);
  }

  update(input: number): number {
    this.count++;
    const e1 = this.ema1.update(input);
    if (this.count < this.period) return this.value;
    const e2 = this.ema2.update(e1);
    if (this.count < 2 * this.period - 1) return this.value;
    const e3 = this.ema3.update(e2);
    if (this.count > this.warmup) this.value = 3 * e1 - 3 * e2 + e3;
    return this.value;
  }

  reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.ema3.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
