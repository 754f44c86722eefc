import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Linearly weighted moving average (TA-Lib WMA): weights 1, 2, …, period from the oldest input of
 * the window to the latest, divided by period × (period + 1) / 2.
 *
 * O(1) per update with a running sum S and a running weighted sum W: moving the window on drops
 * one unit of weight from every input (W −= S) and adds the new input with weight `period`. Every
 * 64 windows both sums are recomputed from the window, so add/remove rounding cannot accumulate.
 * As with TA-Lib's WMA, an input many orders of magnitude above the rest leaves a rounding residue
 * of about 1e-16 × period × that input once it has left the window, until the next recomputation.
 */
export class WeightedMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly window: Float64Array;
  private readonly divisor: number;
  private index = 0;
  private sum = 0;
  private weightedSum = 0;

  constructor(period: number) {
    super();
    checkPeriod('WMA', period);
    this.period = period;
    this.warmup = period - 1;
    this.divisor = (period * (period + 1)) / 2;
    this.window = new Float64Array(period);
  }

  update(input: number): number {
    const period = this.period;
    const count = this.count;
    if (count >= period) {
      this.weightedSum += period * input - this.sum;
      this.sum += input - this.window[this.index];
    } else {
      this.weightedSum += (count + 1) * input;
      this.sum += input;
    }
    this.window[this.index] = input;
    this.index = this.index + 1 === period ? 0 : this.index + 1;
    this.count = count + 1;
    if (this.index === 0 && this.count % (64 * period) === 0) this.resum();
    if (this.count >= period) this.value = this.weightedSum / this.divisor;
    return this.value;
  }

  /** Recomputes both sums from the full window (oldest input at `index`). */
  private resum(): void {
    const period = this.period;
    let sum = 0;
    let weightedSum = 0;
    let weight = 1;
    for (let i = this.index; i < period; i++, weight++) {
      sum += this.window[i];
      weightedSum += weight * this.window[i];
    }
    for (let i = 0; i < this.index; i++, weight++) {
      sum += this.window[i];
      weightedSum += weight * this.window[i];
    }
    this.sum = sum;
    this.weightedSum = weightedSum;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.sum = 0;
    this.weightedSum = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
