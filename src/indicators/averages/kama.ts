import { checkPeriod, PriceIndicator } from '../core.js';

/** TA-Lib's TA_IS_ZERO: |v| < 1e-14. */
const ZERO = 1e-14;

/**
 * Kaufman's adaptive moving average (Kaufman, Smarter Trading, 1995; TA-Lib KAMA), with TA-Lib's
 * arithmetic and seeding:
 *
 * - efficiency ratio ER = |x_t − x_{t−n}| / Σ_{i=t−n+1..t} |x_i − x_{i−1}| (1 when the sum of
 *   changes is below 1e-14, or when it is ≤ x_t − x_{t−n});
 * - smoothing constant sc = (ER × (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²;
 * - KAMA_t = KAMA_{t−1} + sc × (x_t − KAMA_{t−1}), seeded with KAMA_{n−1} = x_{n−1}, so the first
 *   value (at input n + 1) is x_{n−1} + sc × (x_n − x_{n−1}).
 *
 * The sum of absolute changes is a running sum (added and removed like TA-Lib's), kept over a ring
 * of the last n + 1 inputs. One departure from TA-Lib's arithmetic: when no change in the window is
 * non-zero the sum is set to exactly 0 (so ER = 1), where TA-Lib's running sum can keep a rounding
 * residue above its 1e-14 zero test after a move and give ER = 0 on a flat window.
 */
export class KaufmanAdaptiveMovingAverage extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly fast: number;
  readonly slow: number;
  private readonly slowAlpha: number;
  private readonly alphaRange: number;
  /** The last period + 1 inputs; `index` is where the next goes (the oldest once full). */
  private readonly window: Float64Array;
  private index = 0;
  private previous = 0;
  private sumChanges = 0;
  /** Non-zero changes in the window. */
  private nonZero = 0;

  constructor(period = 10, fast = 2, slow = 30) {
    super();
    checkPeriod('KAMA', period);
    checkPeriod('KAMA fast', fast);
    checkPeriod('KAMA slow', slow);
    this.period = period;
    this.fast = fast;
    this.slow = slow;
    this.warmup = period;
    this.slowAlpha = 2 / (slow + 1);
    this.alphaRange = 2 / (fast + 1) - this.slowAlpha;
    this.window = new Float64Array(period + 1);
  }

  update(input: number): number {
    const count = this.count;
    const size = this.period + 1;
    if (count > 0) {
      if (count > this.period) {
        // Drop the change from x_{t−n−1} to x_{t−n}; x_{t−n−1} is the oldest in the ring.
        const next = this.index + 1 === size ? 0 : this.index + 1;
        const leaving = Math.abs(this.window[this.index] - this.window[next]);
        this.sumChanges -= leaving;
        if (leaving !== 0) this.nonZero--;
      }
      const entering = Math.abs(input - this.previous);
      this.sumChanges += entering;
      if (entering !== 0) this.nonZero++;
      // No change in the window: the sum is exactly 0, whatever the add/remove rounding left.
      if (this.nonZero === 0) this.sumChanges = 0;
    }
    this.window[this.index] = input;
    this.index = this.index + 1 === size ? 0 : this.index + 1;
    this.count = count + 1;
    if (this.count > this.period) {
      // After the write, `index` holds x_{t−n} (the oldest of the last n + 1 inputs).
      const change = input - this.window[this.index];
      const sum = this.sumChanges;
      const er = sum <= change || (sum > -ZERO && sum < ZERO) ? 1 : Math.abs(change / sum);
      let sc = er * this.alphaRange + this.slowAlpha;
      sc *= sc;
      const prior = this.count === this.period + 1 ? this.previous : this.value;
      this.value = (input - prior) * sc + prior;
    }
    this.previous = input;
    return this.value;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.previous = 0;
    this.sumChanges = 0;
    this.nonZero = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
