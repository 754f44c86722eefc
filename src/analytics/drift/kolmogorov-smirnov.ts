/**
 * Kolmogorov–Smirnov tests. Two-sample: D = sup_x |F_ref(x) − F_cur(x)| with the Stephens (1970)
 * effective-n p-value (NR 3rd ed. eq. 14.3.18). One-sample vs a continuous CDF: D = sup |F_n − F|
 * with the exact Marsaglia–Tsang–Wang (2003) p-value.
 */
import { kolmogorovSmirnovCdfExact, kolmogorovSmirnovPValueStephens } from '../statistics/kolmogorov.js';
import { sortedSample } from './samples.js';

/** A KS test outcome: the statistic D in [0, 1] and its p-value (P(D ≥ observed) under H₀). */
export interface KolmogorovSmirnovResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Two-sample KS statistic sup_x |F₁(x) − F₂(x)| over the two empirical CDFs (ties handled by
 * stepping past equal values in both samples), without a p-value.
 */
export function twoSampleKsStatistic(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const a = sortedSample('first', first);
  const b = sortedSample('second', second);
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && (a[i] as number) <= x) i++;
    while (j < b.length && (b[j] as number) <= x) j++;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  return statistic;
}

/**
 * Two-sample KS test: statistic and asymptotic p-value Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D),
 * nₑ = n·m/(n + m) (Stephens 1970). Good to ~2 digits for nₑ ≥ 4; not exact for tiny samples.
 */
export function kolmogorovSmirnovTwoSample(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): KolmogorovSmirnovResult {
  const statistic = twoSampleKsStatistic(reference, current);
  const effectiveSize = (reference.length * current.length) / (reference.length + current.length);
  return { statistic, pValue: kolmogorovSmirnovPValueStephens(statistic, effectiveSize) };
}

/**
 * One-sample KS test of `sample` against a continuous CDF: D = max_i max(i/n − F(x₍ᵢ₎),
 * F(x₍ᵢ₎) − (i−1)/n), p-value exact (Marsaglia, Tsang & Wang 2003) for n ≤ 2000.
 */
export function kolmogorovSmirnovOneSample(
  sample: ArrayLike<number>,
  cdf: (x: number) => number,
): KolmogorovSmirnovResult {
  const sorted = sortedSample('sample', sample);
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    if (!(f >= 0 && f <= 1))
      throw new RangeError(`cdf must return a probability in [0, 1], got ${f} at x = ${sorted[i]}`);
    statistic = Math.max(statistic, (i + 1) / n - f, f - i / n);
  }
  return { statistic, pValue: 1 - kolmogorovSmirnovCdfExact(n, statistic) };
}
