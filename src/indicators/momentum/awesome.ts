import { SimpleMovingAverage } from '../averages/sma.js';
import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Awesome oscillator (Bill Williams, "New Trading Dimensions", 1998): with the median price
 * hl2 = (high + low) / 2, AO = SMA(hl2, fast) − SMA(hl2, slow). First value after slow − 1 bars.
 */
export class AwesomeOscillator extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly fast: number;
  readonly slow: number;
  private readonly fastSma: SimpleMovingAverage;
  private readonly slowSma: SimpleMovingAverage;

  constructor(fast = 5, slow = 34) {
    super();
    checkPeriod('AO fast', fast);
    checkPeriod('AO slow', slow);
    if (fast >= slow) throw new RangeError(`AO: fast (${fast}) must be shorter than slow (${slow})`);
    this.fast = fast;
    this.slow = slow;
    this.warmup = slow - 1;
    this.fastSma = new SimpleMovingAverage(fast);
    this.slowSma = new SimpleMovingAverage(slow);
  }

  update(bar: BarInput): number {
    const median = (bar.high + bar.low) / 2;
    const fast = this.fastSma.update(median);
    const slow = this.slowSma.update(median);
    if (++this.count >= this.slow) this.value = fast - slow;
    return this.value;
  }

  reset(): void {
    this.fastSma.reset();
    this.slowSma.reset();
    this.count = 0;
    this.value = Number.NaN;
  }
}
