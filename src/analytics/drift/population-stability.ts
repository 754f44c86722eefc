/**
 * Population Stability Index: PSI = Σ_i (a_i − e_i)·ln(a_i / e_i) over bins, with e_i the reference
 * ("expected") and a_i the current ("actual") bin proportions — the symmetrised Kullback–Leibler
 * divergence of the binned distributions. Bands as used in credit scoring (Siddiqi, "Credit Risk
 * Scorecards", Wiley 2006; reviewed by du Pisanie, Allison, Budde & Visagie 2023, arXiv:2303.01227):
 * < 0.10 stable, 0.10–0.25 moderate shift, > 0.25 significant shift.
 */
import { requirePositive } from '../statistics/validate.js';
import { type BinningOptions, binBoth, countTotals } from './samples.js';

/** The band a PSI value falls in. */
export type PsiBand = 'stable' | 'moderate' | 'shift';

/** PSI outcome with its band and the bins behind it. */
export interface PopulationStabilityResult {
  readonly psi: number;
  readonly band: PsiBand;
  readonly edges: readonly number[];
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
}

/** Band of a PSI value: < 0.1 stable, [0.1, 0.25] moderate, > 0.25 shift. */
export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) return 'stable';
  return psi <= 0.25 ? 'moderate' : 'shift';
}

/**
 * PSI from two rows of bin counts. An empty bin's proportion is floored at `floor` (default 1e-4)
 * so the logarithm stays finite — the usual practitioner convention; document it with results.
 */
export function psiFromCounts(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  floor = 1e-4,
): number {
  requirePositive('floor', floor);
  const { referenceTotal, currentTotal } = countTotals(referenceCounts, currentCounts);
  let psi = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const expected = Math.max((referenceCounts[i] as number) / referenceTotal, floor);
    const actual = Math.max((currentCounts[i] as number) / currentTotal, floor);
    psi += (actual - expected) * Math.log(actual / expected);
  }
  return psi;
}

/**
 * PSI of `current` against `reference`, binned at the reference's deciles by default (or
 * `bins` quantiles, or given edges).
 */
export function populationStabilityIndex(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: BinningOptions = {},
): PopulationStabilityResult {
  const binned = binBoth(reference, current, options);
  const psi = psiFromCounts(binned.referenceCounts, binned.currentCounts);
  return { psi, band: psiBand(psi), ...binned };
}
