/**
 * Descriptive statistics of number arrays shared by the tearsheet and the research diagnostics:
 * means, sample standard deviations and covariances over index ranges, and quantiles of sorted values.
 */

/** Mean of `values[from..to)`; NaN for an empty range. */
export function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

/** Sample covariance (divides by n − 1) of `a` and `b` over `[from, to)`, around their means. */
export function sampleCovariance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  from = 0,
  to = Math.min(a.length, b.length),
): number {
  const ma = mean(a, from, to);
  const mb = mean(b, from, to);
  let sum = 0;
  for (let i = from; i < to; i++) sum += (a[i] - ma) * (b[i] - mb);
  return sum / (to - from - 1);
}

/** Sample standard deviation (divides by n − 1, two-pass) of `values[from..to)`. */
export function sampleStdDev(values: ArrayLike<number>, from = 0, to = values.length): number {
  return Math.sqrt(sampleCovariance(values, values, from, to));
}

/** True when every value of `values[from..to)` is a finite number. */
export function allFinite(values: ArrayLike<number>, from = 0, to = values.length): boolean {
  for (let i = from; i < to; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * Quantile of ascending `sorted` (no NaN) by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  // Written so that equal neighbours give exactly that value, and the result stays within [a, b].
  return frac === 0 ? a : Math.min(b, a + frac * (b - a));
}
