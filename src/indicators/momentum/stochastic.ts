import { SimpleMovingAverage } from '../averages/sma.js';
import { BarIndicator, type BarInput, checkPeriod, PriceIndicator } from '../core.js';
import { Highest, Lowest } from '../statistics/extremes.js';
import { RelativeStrengthIndex } from './rsi.js';

/**
 * Fast stochastic (Lane; TA-Lib STOCHF with SMA): %K = 100 × (close − LL) / (HH − LL) over the last
 * `fastK` bars (0 when HH = LL, as TA-Lib), %D = SMA(%K, fastD). Both lines appear together once %D
 * has a value, after fastK + fastD − 2 bars, as TA-Lib's STOCHF.
 */
export class StochasticFast extends BarIndicator {
  readonly outputs = ['k', 'd'] as const;
  readonly warmup: number;
  readonly fastK: number;
  readonly fastD: number;
  /** %D: the SMA of %K (NaN while warming up); %K is `value`. */
  d = Number.NaN;
  private readonly highest: Highest;
  private readonly lowest: Lowest;
  private readonly smoothing: SimpleMovingAverage;

  constructor(fastK = 5, fastD = 3) {
    super();
    checkPeriod('STOCHF fastK', fastK);
    checkPeriod('STOCHF fastD', fastD);
    this.fastK = fastK;
    this.fastD = fastD;
    this.warmup = fastK + fastD - 2;
    this.highest = new Highest(fastK);
    this.lowest = new Lowest(fastK);
    this.smoothing = new SimpleMovingAverage(fastD);
  }

  update(bar: BarInput): number {
    return this.updateValues(bar.high, bar.low, bar.close);
  }

  /** Feeds one bar as numbers (StochRSI feeds the RSI as high, low and close). */
  updateValues(high: number, low: number, close: number): number {
    const n = ++this.count;
    const hh = this.highest.update(high);
    const ll = this.lowest.update(low);
    if (n < this.fastK) return this.value;
    // TA-Lib's arithmetic: (close − LL) / ((HH − LL) / 100).
    const diff = (hh - ll) / 100;
    const k = diff !== 0 ? (close - ll) / diff : 0;
    const d = this.smoothing.update(k);
    if (n > this.warmup) {
      this.value = k;
      this.d = d;
    }
    return this.value;
  }

  reset(): void {
    this.highest.reset();
    this.lowest.reset();
    this.smoothing.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.d = Number.NaN;
  }
}

/**
 * Slow (and full) stochastic (Lane; TA-Lib STOCH with SMA): raw %K over `fastK` bars as in
 * {@link StochasticFast}, %K = SMA(raw %K, slowK), %D = SMA(%K, slowD). With slowK = 3 it is the
 * classic slow stochastic; any other slowK gives the "full" stochastic, slowK = 1 the fast one. Both
 * lines appear together after fastK + slowK + slowD − 3 bars, as TA-Lib's STOCH.
 */
export class Stochastic extends BarIndicator {
  readonly outputs = ['k', 'd'] as const;
  readonly warmup: number;
  readonly fastK: number;
  readonly slowK: number;
  readonly slowD: number;
  /** %D: the SMA of %K (NaN while warming up); %K is `value`. */
  d = Number.NaN;
  private readonly fast: StochasticFast;
  private readonly smoothing: SimpleMovingAverage;

  constructor(fastK = 5, slowK = 3, slowD = 3) {
    super();
    checkPeriod('STOCH slowD', slowD);
    this.fast = new StochasticFast(fastK, slowK);
    this.fastK = fastK;
    this.slowK = slowK;
    this.slowD = slowD;
    this.warmup = this.fast.warmup + slowD - 1;
    this.smoothing = new SimpleMovingAverage(slowD);
  }

  update(bar: BarInput): number {
    const n = ++this.count;
    this.fast.updateValues(bar.high, bar.low, bar.close);
    if (n <= this.fast.warmup) return this.value;
    const k = this.fast.d;
    const d = this.smoothing.update(k);
    if (n > this.warmup) {
      this.value = k;
      this.d = d;
    }
    return this.value;
  }

  reset(): void {
    this.fast.reset();
    this.smoothing.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.d = Number.NaN;
  }
}

/**
 * Stochastic RSI (Chande & Kroll 1994; TA-Lib STOCHRSI with SMA): the fast stochastic of the RSI,
 * %K = 100 × (RSI − min RSI) / (max RSI − min RSI) over `fastK` RSI values (0 when they are all
 * equal), %D = SMA(%K, fastD). Warm-up period + fastK + fastD − 2, as TA-Lib.
 */
export class StochasticRsi extends PriceIndicator {
  readonly outputs = ['k', 'd'] as const;
  readonly warmup: number;
  readonly period: number;
  /** %D: the SMA of %K (NaN while warming up); %K is `value`. */
  d = Number.NaN;
  private readonly rsi: RelativeStrengthIndex;
  private readonly stochastic: StochasticFast;

  constructor(period = 14, fastK = 5, fastD = 3) {
    super();
    this.rsi = new RelativeStrengthIndex(period);
    this.stochastic = new StochasticFast(fastK, fastD);
    this.period = period;
    this.warmup = period + this.stochastic.warmup;
  }

  update(price: number): number {
    const n = ++this.count;
    const rsi = this.rsi.update(price);
    if (n <= this.period) return this.value;
    const stochastic = this.stochastic;
    stochastic.updateValues(rsi, rsi, rsi);
    if (n > this.warmup) {
      this.value = stochastic.value;
      this.d = stochastic.d;
    }
    return this.value;
  }

  reset(): void {
    this.rsi.reset();
    this.stochastic.reset();
    this.count = 0;
    this.value = Number.NaN;
    this.d = Number.NaN;
  }
}

/**
 * Williams %R (Larry Williams; TA-Lib WILLR): −100 × (HH − close) / (HH − LL) over the last `period`
 * bars, from −100 (close at the low) to 0 (close at the high); 0 when HH = LL, as TA-Lib.
 */
export class WilliamsR extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  private readonly highest: Highest;
  private readonly lowest: Lowest;

  constructor(period = 14) {
    super();
    checkPeriod('WILLR', period, 2);
    this.period = period;
    this.warmup = period - 1;
    this.highest = new Highest(period);
    this.lowest = new Lowest(period);
  }

  update(bar: BarInput): number {
    const hh = this.highest.update(bar.high);
    const ll = this.lowest.update(bar.low);
    if (++this.count < this.period) return this.value;
    // TA-Lib's arithmetic: (HH − close) / ((HH − LL) / −100).
    const diff = (hh - ll) / -100;
    this.value = diff !== 0 ? (hh - bar.close) / diff : 0;
    return this.value;
  }

  reset(): void {
    this.highest.reset();
    this.lowest.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
