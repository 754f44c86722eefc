import { checkPeriod, PriceIndicator } from '../core.js';
import { WeightedMovingAverage } from './wma.js';

/**
 * Hull moving average (Alan Hull, 2005): WMA(2 × WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋). The raw series
 * 2 × WMA(⌊n/2⌋) − WMA(n) starts with input n, so the first value comes after
 * (n − 1) + (⌊√n⌋ − 1) inputs. The period must be at least 2 (⌊n/2⌋ ≥ 1).
 */
export class HullMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly half: WeightedMovingAverage;
  private readonly full: WeightedMovingAverage;
  private readonly smooth: WeightedMovingAverage;

  constructor(period: number) {
    super();
    checkPeriod('HMA', period, 2);
    this.period = period;
    const root = Math.floor(Math.sqrt(period));
    this.warmup = period - 1 + root - 1;
    this.half = new WeightedMovingAverage(Math.floor(period / 2));
    this.full = new WeightedMovingAverage(period);
    this.smooth = new WeightedMovingAverage(root);
  }

  update(input: number): number {
    this.count++;
    const half = this.half.update(input);
    const full = this.full.update(input);
    if (this.count >= this.period) this.value = this.smooth.update(2 * half - full);
    return this.value;
  }

  reset(): void {
    this.half.reset();
    this.full.reset();
    this.smooth.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
