/**
 * Chi-square test of homogeneity of two binned samples: the 2 × k contingency table of bin counts,
 * X² = Σ (O − E)² / E with E = row total · column total / N, dof = k' − 1 over the k' non-empty
 * bins (Pearson 1900; e.g. Agresti, "Categorical Data Analysis", 3rd ed. 2013, §3.2.1).
 */
import { chiSquareSurvival } from '../statistics/chi-square.js';
import { type BinningOptions, binBoth, countTotals } from './samples.js';

/** Outcome of the chi-square homogeneity test, with the bin edges and counts it used. */
export interface ChiSquareTestResult {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Inner bin edges; bin i is (edges[i−1], edges[i]] with open ends. */
  readonly edges: readonly number[];
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
}

/**
 * Pearson X² statistic and dof of a 2 × k table given as two count rows (bins empty in both rows
 * are dropped). Throws when fewer than two bins are non-empty.
 */
export function chiSquareHomogeneity(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): { statistic: number; degreesOfFreedom: number; pValue: number } {
  const { referenceTotal, currentTotal } = countTotals(referenceCounts, currentCounts);
  const total = referenceTotal + currentTotal;
  let statistic = 0;
  let usedBins = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const r = referenceCounts[i] as number;
    const c = currentCounts[i] as number;
    if (!(r >= 0 && c >= 0)) throw new RangeError(`counts[${i}] must be >= 0, got ${r} and ${c}`);
    const column = r + c;
    if (column === 0) continue;
    usedBins++;
    const expectedReference = (referenceTotal * column) / total;
    const expectedCurrent = (currentTotal * column) / total;
    statistic +=
      (r - expectedReference) ** 2 / expectedReference + (c - expectedCurrent) ** 2 / expectedCurrent;
  }
  if (usedBins < 2) throw new RangeError(`counts must fill at least 2 bins, got ${usedBins}`);
  const degreesOfFreedom = usedBins - 1;
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/**
 * Chi-square homogeneity test of `current` against `reference`, binned at the reference's
 * quantiles (default 10 equal-probability bins) or at given edges. p-value from χ²(k' − 1);
 * the usual caveat applies: expected counts below ~5 make it unreliable.
 */
export function chiSquareDriftTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: BinningOptions = {},
): ChiSquareTestResult {
  const binned = binBoth(reference, current, options);
  return { ...chiSquareHomogeneity(binned.referenceCounts, binned.currentCounts), ...binned };
}
