import { ExponentialMovingAverage } from '../averages/exponential.js';
import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * True strength index (Blau 1991): with Δ_t = x_t − x_{t−1},
 * TSI = 100 × EMA(EMA(Δ, long), short) / EMA(EMA(|Δ|, long), short) (0 when the denominator is 0,
 * i.e. a constant series); signal = EMA(TSI, signal). Every EMA is SMA-seeded (the library's
 * convention; TradingView seeds with the first value instead, which differs early on). First value
 * after long + short − 1 inputs; the signal signal − 1 inputs later.
 */
export class TrueStrengthIndex extends PriceIndicator {
  readonly outputs = ['tsi', 'signal'] as const;
  readonly warmup: number;
  readonly long: number;
  readonly short: number;
  /** EMA of TSI (NaN until warmup + signal − 1 inputs); TSI is `value`. */
  signal = Number.NaN;
  private readonly longChange: ExponentialMovingAverage;
  private readonly longAbsolute: ExponentialMovingAverage;
  private readonly shortChange: ExponentialMovingAverage;
  private readonly shortAbsolute: ExponentialMovingAverage;
  private readonly signalEma: ExponentialMovingAverage;
  private previous = Number.NaN;

  constructor(long = 25, short = 13, signal = 7) {
    super();
    checkPeriod('TSI long', long);
    checkPeriod('TSI short', short);
    checkPeriod('TSI signal', signal);
    this.long = long;
    this.short = short;
    this.warmup = long + short - 1;
    this.longChange = new ExponentialMovingAverage(long);
    this.longAbsolute = new ExponentialMovingAverage(long);
    this.shortChange = new ExponentialMovingAverage(short);
    this.shortAbsolute = new ExponentialMovingAverage(short);
    this.signalEma = new ExponentialMovingAverage(signal);
  }

  update(price: number): number {
    const n = ++this.count;
    const change = price - this.previous;
    this.previous = price;
    if (n === 1) return this.value;
    const a = this.longChange.update(change);
    const b = this.longAbsolute.update(change < 0 ? -change : change);
    if (n <= this.long) return this.value;
    const numerator = this.shortChange.update(a);
    const denominator = this.shortAbsolute.update(b);
    if (n <= this.warmup) return this.value;
    const tsi = denominator !== 0 ? (100 * numerator) / denominator : 0;
    this.value = tsi;
    this.signal = this.signalEma.update(tsi);
    return tsi;
  }

  reset(): void {
    this.longChange.reset();
    this.longAbsolute.reset();
    this.shortChange.reset();
    this.shortAbsolute.reset();
    this.signalEma.reset();
    this.previous = Number.NaN;
    this.count = 0;
    this.value = Number.NaN;
    this.signal = Number.NaN;
  }
}
