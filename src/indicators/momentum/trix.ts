import { ExponentialMovingAverage } from '../averages/exponential.js';
import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * TRIX (Hutson 1983; TA-Lib TRIX): the 1-period rate of change in percent of a triple EMA,
 * TRIX = (E3_t / E3_{t−1} − 1) × 100 with E3 = EMA(EMA(EMA(x))), each EMA SMA-seeded once its input
 * has a value (0 when E3_{t−1} = 0, as TA-Lib). First value after 3 × (period − 1) + 1 inputs.
 * Signal = EMA(TRIX, signal), from signal − 1 inputs later.
 */
export class Trix extends PriceIndicator {
  readonly outputs = ['trix', 'signal'] as const;
  readonly warmup: number;
  readonly period: number;
  /** EMA of TRIX (NaN until warmup + signal − 1 inputs); TRIX is `value`. */
  signal = Number.NaN;
  private readonly ema1: ExponentialMovingAverage;
  private readonly ema2: ExponentialMovingAverage;
  private readonly ema3: ExponentialMovingAverage;
  private readonly signalEma: ExponentialMovingAverage;
  private previous = Number.NaN;

  constructor(period = 15, signal = 9) {
    super();
    checkPeriod('TRIX', period);
    checkPeriod('TRIX signal', signal);
    this.period = period;
    this.warmup = 3 * (period - 1) + 1;
    this.ema1 = new ExponentialMovingAverage(period);
    this.ema2 = new ExponentialMovingAverage(period);
    this.ema3 = new ExponentialMovingAverage(period);
    this.signalEma = new ExponentialMovingAverage(signal);
  }

  update(price: number): number {
    const n = ++this.count;
    const p = this.period;
    const e1 = this.ema1.update(price);
    if (n < p) return this.value;
    const e2 = this.ema2.update(e1);
    if (n < 2 * p - 1) return this.value;
    const e3 = this.ema3.update(e2);
    const previous = this.previous;
    this.previous = e3;
    if (n <= this.warmup) return this.value;
    const trix = previous !== 0 ? (e3 / previous - 1) * 100 : 0;
    this.value = trix;
    this.signal = this.signalEma.update(trix);
    return trix;
  }

  reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.ema3.reset();
    this.signalEma.reset();
    this.previous = Number.NaN;
    this.count = 0;
    this.value = Number.NaN;
    this.signal = Number.NaN;
  }
}
