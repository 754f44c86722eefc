import { BarIndicator, type BarInput } from '../core.js';

/**
 * True range: max(high − low, |high − previous close|, |low − previous close|). Like TA-Lib's
 * TRANGE the first value comes with the second bar (the first has no previous close).
 */
export class TrueRange extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup = 1;
  private previousClose = Number.NaN;

  update(bar: BarInput): number {
    this.count++;
    if (this.count > 1) {
      const pc = this.previousClose;
      const range = bar.high - bar.low;
      const up = Math.abs(bar.high - pc);
      const down = Math.abs(bar.low - pc);
      this.value = range > up ? (range > down ? range : down) : up > down ? up : down;
    }
    this.previousClose = bar.close;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.previousClose = Number.NaN;
    this.value = Number.NaN;
  }
}
