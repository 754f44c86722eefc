import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Vortex indicator (Botes & Siepman, "The Vortex Indicator", TASC January 2010): VM+ = |H − L_prev|,
 * VM− = |L − H_prev|, TR = max(H − L, |H − C_prev|, |L − C_prev|); VI+ = ΣVM+ / ΣTR and
 * VI− = ΣVM− / ΣTR over the last `period` bars (each needs the previous bar, so the first value comes
 * on bar period + 1: warm-up `period` bars). When ΣTR is 0 (no movement at all) both are 0.
 * The window sums are running sums re-added exactly every 64 windows, so rounding cannot drift.
 */
export class Vortex extends BarIndicator {
  readonly outputs = ['plus', 'minus'] as const;
  readonly warmup: number;
  readonly period: number;
  minus = Number.NaN;
  private readonly plusWindow: Float64Array;
  private readonly minusWindow: Float64Array;
  private readonly rangeWindow: Float64Array;
  private index = 0;
  private plusSum = 0;
  private minusSum = 0;
  private rangeSum = 0;
  /** True ranges > 0 in the window: exactly 0 means ΣTR = 0 whatever the running sum's rounding. */
  private ranging = 0;
  private previousHigh = 0;
  private previousLow = 0;
  private previousClose = 0;

  constructor(period = 14) {
    super();
    checkPeriod('Vortex', period);
    this.period = period;
    this.warmup = period;
    this.plusWindow = new Float64Array(period);
    this.minusWindow = new Float64Array(period);
    this.rangeWindow = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const high = bar.high;
    const low = bar.low;
    const count = ++this.count;
    if (count > 1) {
      const vmPlus = Math.abs(high - this.previousLow);
      const vmMinus = Math.abs(low - this.previousHigh);
      const pc = this.previousClose;
      let tr = high - low;
      const up = Math.abs(high - pc);
      if (up > tr) tr = up;
      const down = Math.abs(low - pc);
      if (down > tr) tr = down;
      const i = this.index;
      const period = this.period;
      if (count > period + 1) {
        this.plusSum -= this.plusWindow[i];
        this.minusSum -= this.minusWindow[i];
        const old = this.rangeWindow[i];
        this.rangeSum -= old;
        if (old > 0) this.ranging--;
      }
      this.plusWindow[i] = vmPlus;
      this.minusWindow[i] = vmMinus;
      this.rangeWindow[i] = tr;
      this.plusSum += vmPlus;
      this.minusSum += vmMinus;
      this.rangeSum += tr;
      if (tr > 0) this.ranging++;
      this.index = i + 1 === period ? 0 : i + 1;
      if (this.index === 0 && (count - 1) % (64 * period) === 0) this.resum();
      if (count > period) {
        const range = this.rangeSum;
        if (this.ranging > 0) {
          this.value = this.plusSum / range;
          this.minus = this.minusSum / range;
        } else {
          this.value = 0;
          this.minus = 0;
        }
      }
    }
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = bar.close;
    return this.value;
  }

  private resum(): void {
    let plus = 0;
    let minus = 0;
    let range = 0;
    for (let i = 0; i < this.period; i++) {
      plus += this.plusWindow[i];
      minus += this.minusWindow[i];
      range += this.rangeWindow[i];
    }
    this.plusSum = plus;
    this.minusSum = minus;
    this.rangeSum = range;
  }

  reset(): void {
    this.plusWindow.fill(0);
    this.minusWindow.fill(0);
    this.rangeWindow.fill(0);
    this.index = 0;
    this.plusSum = 0;
    this.minusSum = 0;
    this.rangeSum = 0;
    this.ranging = 0;
    this.count = 0;
    this.value = Number.NaN;
    this.minus = Number.NaN;
  }
}
