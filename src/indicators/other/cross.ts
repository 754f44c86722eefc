import { SimpleMovingAverage } from '../averages/sma.js';
import { checkPeriod, PriceIndicator } from '../core.js';
import { CrossOver } from '../crossover.js';

/** Relative difference under which the two averages are equal. */
const TIE = 1e-12;

/**
 * Moving-average cross signal: 1 on the bar where SMA(fast) crosses SMA(slow) in the chosen
 * direction (`up`: from below to above; `down`: from above to below), else 0. A cross is a change
 * of sign of SMA(fast) − SMA(slow) as defined by `CrossOver` (bars where they are equal keep the
 * previous sign). Averages within 1e-12 relative of each other count as equal, so that two averages
 * equal in exact arithmetic (e.g. 13.32 and 13.319999999999999) cannot make a cross out of the last
 * bit of rounding. The first bar with both averages only seeds the sign, so the first value comes
 * after max(fast, slow) inputs.
 */
export class MovingAverageCross extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  readonly direction: 'up' | 'down';
  private readonly fastAverage: SimpleMovingAverage;
  private readonly slowAverage: SimpleMovingAverage;
  private readonly cross = new CrossOver();
  private readonly sign: number;
  private readonly ready: number;

  constructor(fast: number, slow: number, direction: 'up' | 'down') {
    super();
    checkPeriod(direction === 'up' ? 'crossover fast' : 'crossunder fast', fast);
    checkPeriod(direction === 'up' ? 'crossover slow' : 'crossunder slow', slow);
    this.fast = fast;
    this.slow = slow;
    this.direction = direction;
    this.sign = direction === 'up' ? 1 : -1;
    this.ready = Math.max(fast, slow);
    this.warmup = this.ready;
    this.fastAverage = new SimpleMovingAverage(fast);
    this.slowAverage = new SimpleMovingAverage(slow);
  }

  update(input: number): number {
    this.count++;
    const f = this.fastAverage.update(input);
    const s = this.slowAverage.update(input);
    if (this.count >= this.ready) {
      // Averages equal to 1e-12 relative are equal: a tie must not become a cross by rounding.
      const tie = Math.abs(f - s) <= TIE * Math.max(Math.abs(f), Math.abs(s));
      const crossed = this.cross.update(tie ? s : f, s);
      if (this.count > this.ready) this.value = crossed === this.sign ? 1 : 0;
    }
    return this.value;
  }

  reset(): void {
    this.fastAverage.reset();
    this.slowAverage.reset();
    this.cross.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
