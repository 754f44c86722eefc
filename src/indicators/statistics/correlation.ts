import { BarIndicator, type BarInput, checkPeriod } from '../core.js';

/** The bar fields correlation can read. */
export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume';

export const BAR_FIELDS: readonly BarField[] = ['open', 'high', 'low', 'close', 'volume'];

function fieldCode(field: BarField): number {
  const code = BAR_FIELDS.indexOf(field);
  if (code < 0) throw new RangeError(`CORREL: unknown bar field '${field}'`);
  return code;
}

function fieldOf(bar: BarInput, code: number): number {
  switch (code) {
    case 0:
      return bar.open;
    case 1:
      return bar.high;
    case 2:
      return bar.low;
    case 3:
      return bar.close;
    default:
      return bar.volume;
  }
}

/**
 * Pearson correlation coefficient of two fields of the bar (`a`, `b`) over the last n = `period`
 * bars (TA-Lib CORREL): r = (nΣab − ΣaΣb) / √((nΣa² − (Σa)²)(nΣb² − (Σb)²)). When either field is
 * constant over the window r is 0, as in TA-Lib. Warm-up period − 1 bars.
 *
 * O(1) per update from running sums of a and b minus shifts; the sums are recomputed exactly from the
 * window (around its latest values) once per window, so they neither drift nor cancel.
 */
export class Correlation extends BarIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  readonly a: BarField;
  readonly b: BarField;
  private readonly codeA: number;
  private readonly codeB: number;
  private readonly windowA: Float64Array;
  private readonly windowB: Float64Array;
  private index = 0;
  private shiftA = 0;
  private shiftB = 0;
  private sumA = 0;
  private sumB = 0;
  private sumAA = 0;
  private sumBB = 0;
  private sumAB = 0;
  private lastA = Number.NaN;
  private lastB = Number.NaN;
  private runA = 0;
  private runB = 0;

  constructor(period = 20, a: BarField = 'high', b: BarField = 'low') {
    super();
    checkPeriod('CORREL', period);
    this.codeA = fieldCode(a);
    this.codeB = fieldCode(b);
    this.period = period;
    this.a = a;
    this.b = b;
    this.warmup = period - 1;
    this.windowA = new Float64Array(period);
    this.windowB = new Float64Array(period);
  }

  update(bar: BarInput): number {
    const n = this.period;
    const rawA = fieldOf(bar, this.codeA);
    const rawB = fieldOf(bar, this.codeB);
    this.runA = rawA === this.lastA ? this.runA + 1 : 1;
    this.runB = rawB === this.lastB ? this.runB + 1 : 1;
    this.lastA = rawA;
    this.lastB = rawB;
    if (this.count === 0) {
      this.shiftA = rawA;
      this.shiftB = rawB;
    }
    const x = rawA - this.shiftA;
    const y = rawB - this.shiftB;
    const i = this.index;
    if (this.count >= n) {
      const oldX = this.windowA[i] - this.shiftA;
      const oldY = this.windowB[i] - this.shiftB;
      this.sumA -= oldX;
      this.sumB -= oldY;
      this.sumAA -= oldX * oldX;
      this.sumBB -= oldY * oldY;
      this.sumAB -= oldX * oldY;
    }
    this.sumA += x;
    this.sumB += y;
    this.sumAA += x * x;
    this.sumBB += y * y;
    this.sumAB += x * y;
    this.windowA[i] = rawA;
    this.windowB[i] = rawB;
    this.index = i + 1 === n ? 0 : i + 1;
    this.count++;
    if (this.count < n) return this.value;
    if (this.index === 0) this.resum();
    if (this.runA >= n || this.runB >= n) {
      this.value = 0;
      return 0;
    }
    const sa = this.sumA;
    const sb = this.sumB;
    const varianceA = n * this.sumAA - sa * sa;
    const varianceB = n * this.sumBB - sb * sb;
    const product = varianceA * varianceB;
    if (!(product > 0)) {
      this.value = 0;
      return 0;
    }
    const r = (n * this.sumAB - sa * sb) / Math.sqrt(product);
    this.value = Math.min(1, Math.max(-1, r));
    return this.value;
  }

  /** Recomputes the sums exactly around the latest values. */
  private resum(): void {
    const n = this.period;
    const shiftA = this.windowA[n - 1];
    const shiftB = this.windowB[n - 1];
    let sumA = 0;
    let sumB = 0;
    let sumAA = 0;
    let sumBB = 0;
    let sumAB = 0;
    for (let i = 0; i < n; i++) {
      const x = this.windowA[i] - shiftA;
      const y = this.windowB[i] - shiftB;
      sumA += x;
      sumB += y;
      sumAA += x * x;
      sumBB += y * y;
      sumAB += x * y;
    }
    this.shiftA = shiftA;
    this.shiftB = shiftB;
    this.sumA = sumA;
    this.sumB = sumB;
    this.sumAA = sumAA;
    this.sumBB = sumBB;
    this.sumAB = sumAB;
  }

  reset(): void {
    this.windowA.fill(0);
    this.windowB.fill(0);
    this.index = 0;
    this.shiftA = 0;
    this.shiftB = 0;
    this.sumA = 0;
    this.sumB = 0;
    this.sumAA = 0;
    this.sumBB = 0;
    this.sumAB = 0;
    this.lastA = Number.NaN;
    this.lastB = Number.NaN;
    this.runA = 0;
    this.runB = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}
