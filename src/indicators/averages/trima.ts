import { checkPeriod, PriceIndicator } from '../core.js';
import { SimpleMovingAverage } from './sma.js';

/**
 * Triangular moving average (TA-Lib TRIMA): an SMA of an SMA, which weights the window 1, 2, …, 2, 1.
 * TA-Lib's split of the period: odd n → SMA(SMA(x, (n+1)/2), (n+1)/2); even n → SMA(SMA(x, n/2),
 * n/2 + 1). Either way the first value comes after n − 1 inputs.
 */
export class TriangularMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly inner: SimpleMovingAverage;
  private readonly outer: SimpleMovingAverage;

  constructor(period: number) {
    super();
    checkPeriod('TRIMA', period);
    this.period = period;
    this.warmup = period - 1;
    const half = period >> 1;
    this.inner = new SimpleMovingAverage(period % 2 === 1 ? half + 1 : half);
    this.outer = new SimpleMovingAverage(half + 1);
  }

  update(input: number): number {
    this.count++;
    const inner = this.inner.update(input);
    if (this.count >= this.inner.period) this.value = this.outer.update(inner);
    return this.value;
  }

  reset(): void {
    this.inner.reset();
    this.outer.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
