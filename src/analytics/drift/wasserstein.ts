/**
 * 1-Wasserstein (earth mover's) distance between two empirical distributions on the real line:
 * W₁ = ∫ |F(x) − G(x)| dx = ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du (Vallender 1974, Theory Probab. Appl. 18;
 * Villani, "Optimal Transport", 2009, Remark 2.19). Exact for unequal sample sizes, O((n+m) log(n+m)).
 */
import { sortedSample } from './samples.js';

/** W₁ between the empirical distributions of `first` and `second`, in the samples' units. */
export function wassersteinDistance(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const a = sortedSample('first', first);
  const b = sortedSample('second', second);
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(a[0] as number, b[0] as number);
  // Walk the merged support; between consecutive support points both CDFs are constant.
  while (i < a.length || j < b.length) {
    const x = Math.min(
      i < a.length ? (a[i] as number) : Infinity,
      j < b.length ? (b[j] as number) : Infinity,
    );
    distance += Math.abs(i / a.length - j / b.length) * (x - previous);
    while (i < a.length && (a[i] as number) <= x) i++;
    while (j < b.length && (b[j] as number) <= x) j++;
    previous = x;
  }
  return distance;
}
