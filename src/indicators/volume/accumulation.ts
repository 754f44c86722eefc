import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Chaikin accumulation/distribution line, equal to TA-Lib AD: AD_t = AD_{t−1} + MFM × volume with the
 * money-flow multiplier MFM = ((C − L) − (H − C)) / (H − L), and nothing added when H − L ≤ 0. Starts
 * from 0, so the first value is the first bar's MFM × volume. Warm-up 0.
 */
export class AccumulationDistribution extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup = 0;
  private sum = 0;

  update(bar: BarInput): number {
    this.count++;
    const high = bar.high;
    const low = bar.low;
    const close = bar.close;
    const range = high - low;
    if (range > 0) this.sum += ((close - low - (high - close)) / range) * bar.volume;
    this.value = this.sum;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.value = Number.NaN;
  }
}

/**
 * Chaikin A/D oscillator, equal to TA-Lib ADOSC: EMA(fast) − EMA(slow) of the A/D line, both EMAs
 * (k = 2 / (n + 1)) seeded with the FIRST A/D value (not an SMA, as TA-Lib and MetaStock) and updated
 * as k × AD + (1 − k) × EMA. Output from bar max(fast, slow) on: warm-up max(fast, slow) − 1 bars.
 */
export class ChaikinOscillator extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  private readonly fastK: number;
  private readonly fastKeep: number;
  private readonly slowK: number;
  private readonly slowKeep: number;
  private ad = 0;
  private fastEma = 0;
  private slowEma = 0;

  constructor(fast = 3, slow = 10) {
    super();
    checkPeriod('ADOSC fast', fast, 2);
    checkPeriod('ADOSC slow', slow, 2);
    this.fast = fast;
    this.slow = slow;
    this.warmup = Math.max(fast, slow) - 1;
    this.fastK = 2 / (fast + 1);
    this.fastKeep = 1 - this.fastK;
    this.slowK = 2 / (slow + 1);
    this.slowKeep = 1 - this.slowK;
  }

  update(bar: BarInput): number {
    const high = bar.high;
    const low = bar.low;
    const close = bar.close;
    const range = high - low;
    if (range > 0) this.ad += ((close - low - (high - close)) / range) * bar.volume;
    const ad = this.ad;
    if (++this.count === 1) {
      this.fastEma = ad;
      this.slowEma = ad;
    } else {
      this.fastEma = this.fastK * ad + this.fastKeep * this.fastEma;
      this.slowEma = this.slowK * ad + this.slowKeep * this.slowEma;
    }
    if (this.count > this.warmup) this.value = this.fastEma - this.slowEma;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.ad = 0;
    this.fastEma = 0;
    this.slowEma = 0;
    this.value = Number.NaN;
  }
}
