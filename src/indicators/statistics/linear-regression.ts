import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Least-squares line through the last n = `period` inputs, x = 0 for the oldest and n − 1 for the
 * latest (TA-Lib's convention): `slope` per input (LINEARREG_SLOPE), `intercept` = the line at the
 * oldest input (LINEARREG_INTERCEPT), `forecast` = the line at the latest input (LINEARREG, the
 * primary output) and `r2`, the coefficient of determination (the squared Pearson correlation of
 * the inputs with x; 0 when the inputs are all equal, as TA-Lib's CORREL gives 0 then).
 *
 * O(1) per update from running sums S = Σy, T = Σx·y and Q = Σy²: when the window slides every x
 * drops by one, so T ← T − S + y_oldest + (n − 1)·y_new. The sums are of y minus a shift and are
 * recomputed exactly from the window (around its latest value) once per window, so they neither
 * drift nor cancel.
 */
export class LinearRegression extends PriceIndicator {
  readonly outputs = ['forecast', 'slope', 'intercept', 'r2'] as const;
  readonly warmup: number;
  readonly period: number;
  slope = Number.NaN;
  intercept = Number.NaN;
  r2 = Number.NaN;
  private readonly window: Float64Array;
  private index = 0;
  private shift = 0;
  private sumY = 0;
  private sumXY = 0;
  private sumYY = 0;
  private last = Number.NaN;
  private run = 0;
  /** Σx, n·Σx² − (Σx)² for x = 0 … n − 1. */
  private readonly sumX: number;
  private readonly divisor: number;

  constructor(period = 14) {
    super();
    checkPeriod('LINEARREG', period, 2);
    this.period = period;
    this.warmup = period - 1;
    this.window = new Float64Array(period);
    this.sumX = (period * (period - 1)) / 2;
    this.divisor = (period * period * (period * period - 1)) / 12;
  }

  /** The line at the latest input (the primary output). */
  get forecast(): number {
    return this.value;
  }

  update(input: number): number {
    const n = this.period;
    this.run = input === this.last ? this.run + 1 : 1;
    this.last = input;
    if (this.count === 0) this.shift = input;
    const y = input - this.shift;
    let removed = 0;
    if (this.count < n) {
      this.sumXY += this.count * y;
    } else {
      const old = this.window[this.index] - this.shift;
      this.sumXY += old - this.sumY + (n - 1) * y;
      this.sumY -= old;
      this.sumYY -= old * old;
      removed = old * old;
    }
    this.sumY += y;
    this.sumYY += y * y;
    this.window[this.index] = input;
    this.index = this.index + 1 === n ? 0 : this.index + 1;
    this.count++;
    if (this.count < n) return this.value;
    // Once per window, and whenever the input that left dominated what stays (a jump leaving the
    // window would leave its rounding in Σy², cancelling the small variance), sum again exactly.
    if (this.index === 0 || removed > 1e6 * this.sumYY) this.resum();
    const s = this.sumY;
    const covariance = n * this.sumXY - this.sumX * s; // n²·cov(x, y)
    const slope = covariance / this.divisor;
    const intercept = (s - slope * this.sumX) / n;
    this.slope = slope;
    this.intercept = intercept + this.shift;
    this.value = intercept + slope * (n - 1) + this.shift;
    if (this.run >= n) {
      this.r2 = 0;
    } else {
      const variance = n * this.sumYY - s * s; // n²·var(y)
      const r2 = variance > 0 ? (covariance * covariance) / (this.divisor * variance) : 0;
      this.r2 = Math.min(r2, 1);
    }
    return this.value;
  }

  /** Recomputes the sums exactly around the latest input; the oldest input is at `index`. */
  private resum(): void {
    const n = this.period;
    const shift = this.last;
    let sumY = 0;
    let sumXY = 0;
    let sumYY = 0;
    for (let x = 0, i = this.index; x < n; x++, i = i + 1 === n ? 0 : i + 1) {
      const y = this.window[i] - shift;
      sumY += y;
      sumXY += x * y;
      sumYY += y * y;
    }
    this.shift = shift;
    this.sumY = sumY;
    this.sumXY = sumXY;
    this.sumYY = sumYY;
  }

  reset(): void {
    this.window.fill(0);
    this.index = 0;
    this.shift = 0;
    this.sumY = 0;
    this.sumXY = 0;
    this.sumYY = 0;
    this.last = Number.NaN;
    this.run = 0;
    this.count = 0;
    this.value = Number.NaN;
    this.slope = Number.NaN;
    this.intercept = Number.NaN;
    this.r2 = Number.NaN;
  }
}
