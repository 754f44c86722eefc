import { BarIndicator, type BarInput } from '../core.js';

export type PivotMethod = 'classic' | 'fibonacci' | 'camarilla';

const CLASSIC = 0;
const FIBONACCI = 1;
const CAMARILLA = 2;

/**
 * Pivot points of the previous bar (H, L, C = its high, low, close; on daily bars, the daily pivots).
 * PP = (H + L + C)/3 for every method; with R = H − L:
 *
 * - classic (floor): R1 = 2PP − L, S1 = 2PP − H, R2 = PP + R, S2 = PP − R, R3 = H + 2(PP − L),
 *   S3 = L − 2(H − PP);
 * - fibonacci: R1/S1 = PP ± 0.382R, R2/S2 = PP ± 0.618R, R3/S3 = PP ± R;
 * - camarilla: R1/S1 = C ± 1.1R/12, R2/S2 = C ± 1.1R/6, R3/S3 = C ± 1.1R/4, R4/S4 = C ± 1.1R/2.
 *
 * r4 and s4 exist only for camarilla (NaN otherwise). The first value comes on the second bar.
 */
export class PivotPoints extends BarIndicator {
  readonly outputs = ['pp', 'r1', 'r2', 'r3', 'r4', 's1', 's2', 's3', 's4'] as const;
  readonly warmup = 1;
  readonly method: PivotMethod;
  r1 = Number.NaN;
  r2 = Number.NaN;
  r3 = Number.NaN;
  r4 = Number.NaN;
  s1 = Number.NaN;
  s2 = Number.NaN;
  s3 = Number.NaN;
  s4 = Number.NaN;
  private readonly kind: number;
  private high = 0;
  private low = 0;
  private close = 0;

  constructor(method: PivotMethod = 'classic') {
    super();
    if (method === 'classic') this.kind = CLASSIC;
    else if (method === 'fibonacci') this.kind = FIBONACCI;
    else if (method === 'camarilla') this.kind = CAMARILLA;
    else throw new RangeError(`pivots: unknown method '${method}'`);
    this.method = method;
  }

  update(bar: BarInput): number {
    if (this.count > 0) {
      const h = this.high;
      const l = this.low;
      const c = this.close;
      const pp = (h + l + c) / 3;
      const range = h - l;
      this.value = pp;
      if (this.kind === CLASSIC) {
        this.r1 = 2 * pp - l;
        this.s1 = 2 * pp - h;
        this.r2 = pp + range;
        this.s2 = pp - range;
        this.r3 = h + 2 * (pp - l);
        this.s3 = l - 2 * (h - pp);
      } else if (this.kind === FIBONACCI) {
        this.r1 = pp + 0.382 * range;
        this.s1 = pp - 0.382 * range;
        this.r2 = pp + 0.618 * range;
        this.s2 = pp - 0.618 * range;
        this.r3 = pp + range;
        this.s3 = pp - range;
      } else {
        const k = 1.1 * range;
        this.r1 = c + k / 12;
        this.s1 = c - k / 12;
        this.r2 = c + k / 6;
        this.s2 = c - k / 6;
        this.r3 = c + k / 4;
        this.s3 = c - k / 4;
        this.r4 = c + k / 2;
        this.s4 = c - k / 2;
      }
    }
    this.high = bar.high;
    this.low = bar.low;
    this.close = bar.close;
    this.count++;
    return this.value;
  }

  reset(): void {
    this.count = 0;
    this.high = 0;
    this.low = 0;
    this.close = 0;
    this.value = Number.NaN;
    this.r1 = this.r2 = this.r3 = this.r4 = Number.NaN;
    this.s1 = this.s2 = this.s3 = this.s4 = Number.NaN;
  }
}
