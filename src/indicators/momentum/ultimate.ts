import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/**
 * Ultimate oscillator (Williams 1985; TA-Lib ULTOSC). With the previous close pc, buying pressure
 * BP = close − min(low, pc) and true range TR = max(high, pc) − min(low, pc); A_n = ΣBP / ΣTR over
 * the last n bars (a term is dropped when its ΣTR is 0, as TA-Lib);
 * ULTOSC = 100 × (4·A_short + 2·A_medium + A_long) / 7. The first bar only gives its close, so the
 * first value comes after `long` bars.
 *
 * One ring of the last `long` BP and TR values feeds six running sums; every 64 laps of the ring
 * they are re-added from the ring, so rounding cannot accumulate.
 */
export class UltimateOscillator extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly short: number;
  readonly medium: number;
  readonly long: number;
  private readonly pressures: Float64Array;
  private readonly ranges: Float64Array;
  private index = 0;
  private previousClose = Number.NaN;
  private pressureShort = 0;
  private pressureMedium = 0;
  private pressureLong = 0;
  private rangeShort = 0;
  private rangeMedium = 0;
  private rangeLong = 0;

  constructor(short = 7, medium = 14, long = 28) {
    super();
    checkPeriod('ULTOSC short', short);
    checkPeriod('ULTOSC medium', medium);
    checkPeriod('ULTOSC long', long);
    if (!(short <= medium && medium <= long)) {
      throw new RangeError(
        `ULTOSC: periods must satisfy short <= medium <= long, got ${short}, ${medium}, ${long}`,
      );
    }
    this.short = short;
    this.medium = medium;
    this.long = long;
    this.warmup = long;
    this.pressures = new Float64Array(long);
    this.ranges = new Float64Array(long);
  }

  update(bar: BarInput): number {
    const n = ++this.count;
    const pc = this.previousClose;
    this.previousClose = bar.close;
    if (n === 1) return this.value;
    const low = Math.min(bar.low, pc);
    const high = Math.max(bar.high, pc);
    const pressure = bar.close - low;
    const range = high - low;
    const terms = n - 1; // BP/TR terms including this one
    const size = this.long;
    const pressures = this.pressures;
    const ranges = this.ranges;
    const i = this.index;
    // Drop the terms leaving each window (read before the ring slot is overwritten).
    if (terms > this.short) {
      const j = i >= this.short ? i - this.short : i - this.short + size;
      this.pressureShort -= pressures[j];
      this.rangeShort -= ranges[j];
    }
    if (terms > this.medium) {
      const j = i >= this.medium ? i - this.medium : i - this.medium + size;
      this.pressureMedium -= pressures[j];
      this.rangeMedium -= ranges[j];
    }
    if (terms > size) {
      this.pressureLong -= pressures[i];
      this.rangeLong -= ranges[i];
    }
    pressures[i] = pressure;
    ranges[i] = range;
    this.index = i + 1 === size ? 0 : i + 1;
    this.pressureShort += pressure;
    this.pressureMedium += pressure;
    this.pressureLong += pressure;
    this.rangeShort += range;
    this.rangeMedium += range;
    this.rangeLong += range;
    if (terms % (64 * size) === 0) this.resum();
    if (terms < size) return this.value;
    let sum = 0;
    if (this.rangeShort !== 0) sum += 4 * (this.pressureShort / this.rangeShort);
    if (this.rangeMedium !== 0) sum += 2 * (this.pressureMedium / this.rangeMedium);
    if (this.rangeLong !== 0) sum += this.pressureLong / this.rangeLong;
    this.value = 100 * (sum / 7);
    return this.value;
  }

  /** Re-adds the three windows from the ring, newest first (called when the ring is full). */
  private resum(): void {
    const size = this.long;
    let a = 0;
    let b = 0;
    let j = this.index;
    for (let k = 1; k <= size; k++) {
      j = j === 0 ? size - 1 : j - 1;
      a += this.pressures[j];
      b += this.ranges[j];
      if (k === this.short) {
        this.pressureShort = a;
        this.rangeShort = b;
      }
      if (k === this.medium) {
        this.pressureMedium = a;
        this.rangeMedium = b;
      }
    }
    this.pressureLong = a;
    this.rangeLong = b;
  }

  reset(): void {
    this.pressures.fill(0);
    this.ranges.fill(0);
    this.index = 0;
    this.previousClose = Number.NaN;
    this.pressureShort = 0;
    this.pressureMedium = 0;
    this.pressureLong = 0;
    this.rangeShort = 0;
    this.rangeMedium = 0;
    this.rangeLong = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
