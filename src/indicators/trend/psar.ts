import { BarIndicator, type BarInput } from '../core.js';

/**
 * Parabolic SAR (Wilder 1978), step for step TA-Lib's SAR. The first bar only seeds: the initial
 * direction is short when the second bar's −DM1 is positive (low₀ − low₁ > 0 and > high₁ − high₀),
 * long otherwise (ties long). Long: SAR = low₀, EP = high₁; short: SAR = high₀, EP = low₁. On every bar
 * from the second on, the SAR computed on the previous step is output unless the bar penetrates it
 * (long: low ≤ SAR; short: high ≥ SAR), in which case the position flips, the output is the old EP
 * clamped outside the previous and current bar's range, AF resets to `acceleration` and EP to the
 * bar's extreme. Otherwise a new extreme raises AF by `acceleration` (capped at `maximum`). The next
 * SAR = SAR + AF × (EP − SAR), clamped not to enter the previous or current bar's range. Warm-up
 * 1 bar. Second output `direction`: +1 long (SAR below price), −1 short, after this bar's flip, if any.
 * As in TA-Lib an `acceleration` above `maximum` is lowered to `maximum`.
 */
export class ParabolicSar extends BarIndicator {
  readonly outputs = ['value', 'direction'] as const;
  readonly warmup = 1;
  readonly acceleration: number;
  readonly maximum: number;
  /** +1 while long (SAR below price), −1 while short; NaN before the second bar. */
  direction = Number.NaN;
  private isLong = true;
  private sar = 0;
  private extreme = 0;
  private factor = 0;
  private lastHigh = 0;
  private lastLow = 0;

  constructor(acceleration = 0.02, maximum = 0.2) {
    super();
    if (!(acceleration > 0) || !(maximum > 0) || !Number.isFinite(maximum)) {
      throw new RangeError(`PSAR: acceleration and maximum must be > 0, got ${acceleration}, ${maximum}`);
    }
    this.maximum = maximum;
    this.acceleration = Math.min(acceleration, maximum);
  }

  update(bar: BarInput): number {
    const newHigh = bar.high;
    const newLow = bar.low;
    this.count++;
    if (this.count === 1) {
      this.lastHigh = newHigh;
      this.lastLow = newLow;
      return this.value;
    }
    let prevHigh = this.lastHigh;
    let prevLow = this.lastLow;
    if (this.count === 2) {
      const diffM = prevLow - newLow;
      const diffP = newHigh - prevHigh;
      this.isLong = !(diffM > 0 && diffP < diffM);
      if (this.isLong) {
        this.extreme = newHigh;
        this.sar = prevLow;
      } else {
        this.extreme = newLow;
        this.sar = prevHigh;
      }
      this.factor = this.acceleration;
      // TA-Lib uses the second bar itself as the "previous" bar of its first step.
      prevHigh = newHigh;
      prevLow = newLow;
    }
    this.lastHigh = newHigh;
    this.lastLow = newLow;
    let sar = this.sar;
    if (this.isLong) {
      if (newLow <= sar) {
        this.isLong = false;
        sar = this.extreme;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        this.value = sar;
        this.factor = this.acceleration;
        this.extreme = newLow;
        sar = sar + this.factor * (this.extreme - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        this.value = sar;
        if (newHigh > this.extreme) {
          this.extreme = newHigh;
          this.factor += this.acceleration;
          if (this.factor > this.maximum) this.factor = this.maximum;
        }
        sar = sar + this.factor * (this.extreme - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      this.isLong = true;
      sar = this.extreme;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      this.value = sar;
      this.factor = this.acceleration;
      this.extreme = newHigh;
      sar = sar + this.factor * (this.extreme - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      this.value = sar;
      if (newLow < this.extreme) {
        this.extreme = newLow;
        this.factor += this.acceleration;
        if (this.factor > this.maximum) this.factor = this.maximum;
      }
      sar = sar + this.factor * (this.extreme - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    this.sar = sar;
    this.direction = this.isLong ? 1 : -1;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.value = Number.NaN;
    this.direction = Number.NaN;
    this.isLong = true;
    this.sar = 0;
    this.extreme = 0;
    this.factor = 0;
  }
}
