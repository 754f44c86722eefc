import { SimpleMovingAverage } from '../averages/sma.js';
import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Detrended price oscillator (StockCharts ChartSchool), non-centred: with k = ⌊period / 2⌋ + 1,
 * DPO_t = x_{t−k} − SMA(x, period)_t — the price k bars ago minus today's SMA, reported on today's
 * bar (no look-ahead; charting packages that centre it shift it k bars back). First value after
 * max(period − 1, k) inputs (period − 1 for period ≥ 3).
 */
export class DetrendedPriceOscillator extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  /** How many inputs back the price is taken: ⌊period / 2⌋ + 1. */
  readonly lag: number;
  private readonly sma: SimpleMovingAverage;
  private readonly window: Float64Array;
  private index = 0;

  constructor(period = 20) {
    super();
    checkPeriod('DPO', period);
    this.period = period;
    this.lag = Math.floor(period / 2) + 1;
    this.warmup = Math.max(period - 1, this.lag);
    this.sma = new SimpleMovingAverage(period);
    this.window = new Float64Array(this.lag);
  }

  update(price: number): number {
    const sma = this.sma.update(price);
    const window = this.window;
    const index = this.index;
    const lagged = window[index];
    window[index] = price;
    this.index = index + 1 === this.lag ? 0 : index + 1;
    if (++this.count > this.warmup) this.value = lagged - sma;
    return this.value;
  }

  reset(): void {
    this.sma.reset();
    this.window.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
