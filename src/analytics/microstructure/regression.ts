import { mean } from '../statistics/sample.js';

/** Result of a simple OLS regression y = α + β·x + ε. */
export interface SimpleRegression {
  /** Intercept α. */
  readonly intercept: number;
  /** Slope β. */
  readonly slope: number;
  /** Standard error of β: √(s² / Σ(x − x̄)²), s² = SSR / (n − 2). */
  readonly slopeStdError: number;
  /** t-statistic of β (β / se(β)); ±Infinity for an exact fit. */
  readonly slopeTStat: number;
  /** Coefficient of determination 1 − SSR/SST (NaN when y is constant). */
  readonly rSquared: number;
  /** Observations used. */
  readonly n: number;
}

/**
 * Ordinary least squares of `y` on `x` with an intercept, with the classical (homoskedastic)
 * standard error of the slope (e.g. Greene, "Econometric Analysis", 7th ed., §4.5). NaN
 * everywhere when fewer than 3 points or x is constant.
 */
export function simpleRegression(x: ArrayLike<number>, y: ArrayLike<number>): SimpleRegression {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have the same length, got ${x.length} and ${y.length}`);
  }
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (n < 3 || !(sxx > 0)) {
    const nan = Number.NaN;
    return { intercept: nan, slope: nan, slopeStdError: nan, slopeTStat: nan, rSquared: nan, n };
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssr = Math.max(0, syy - slope * sxy);
  const slopeStdError = Math.sqrt(ssr / (n - 2) / sxx);
  const slopeTStat =
    slopeStdError === 0 ? Math.sign(slope) * Number.POSITIVE_INFINITY : slope / slopeStdError;
  const rSquared = syy > 0 ? 1 - ssr / syy : Number.NaN;
  return { intercept, slope, slopeStdError, slopeTStat, rSquared, n };
}
