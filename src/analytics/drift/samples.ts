/** Shared input handling of the drift tests: validated, ascending copies of the two samples. */
import { quantileSorted } from '../statistics/sample.js';
import { requireFiniteSeries, requireInteger } from '../statistics/validate.js';

/** An ascending copy of `values` after checking they are finite and at least `minLength` long. */
export function sortedSample(name: string, values: ArrayLike<number>, minLength = 1): Float64Array {
  requireFiniteSeries(name, values, minLength);
  return Float64Array.from(values).sort();
}

/**
 * Inner bin edges at the reference sample's quantiles 1/bins, …, (bins−1)/bins (type 7), with
 * duplicates removed (ties in the reference collapse bins). Bins are (−∞, e₁], (e₁, e₂], …, (e_last, ∞).
 */
export function quantileEdges(sortedReference: Float64Array, bins: number): number[] {
  requireInteger('bins', bins, 2);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = quantileSorted(sortedReference, i / bins);
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return edges;
}

/** Checks caller-given inner edges: finite and strictly increasing. */
export function checkEdges(edges: readonly number[]): number[] {
  requireFiniteSeries('edges', edges, 1);
  for (let i = 1; i < edges.length; i++) {
    if (!((edges[i] as number) > (edges[i - 1] as number))) {
      throw new RangeError(`edges must be strictly increasing, got ${edges[i - 1]} then ${edges[i]} at ${i}`);
    }
  }
  return [...edges];
}

/** Counts of an ascending sample in the bins (−∞, e₁], (e₁, e₂], …, (e_last, ∞). */
export function binCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (const value of sorted) {
    while (bin < edges.length && value > (edges[bin] as number)) bin++;
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}

/** How the two samples are binned: `bins` reference quantile bins (default 10) or explicit inner edges. */
export interface BinningOptions {
  /** Number of equal-probability bins cut at the reference sample's quantiles (default 10). */
  readonly bins?: number;
  /** Explicit inner edges (strictly increasing); overrides `bins`. */
  readonly edges?: readonly number[];
}

/** Both samples' bin counts under `options`, with the edges used. */
export function binBoth(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: BinningOptions,
): { edges: number[]; referenceCounts: number[]; currentCounts: number[] } {
  const sortedReference = sortedSample('reference', reference, 2);
  const sortedCurrent = sortedSample('current', current, 1);
  const edges = options.edges
    ? checkEdges(options.edges)
    : quantileEdges(sortedReference, options.bins ?? 10);
  return {
    edges,
    referenceCounts: binCounts(sortedReference, edges),
    currentCounts: binCounts(sortedCurrent, edges),
  };
}

/** Totals of two count rows of equal length, each checked to be positive. */
export function countTotals(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): { referenceTotal: number; currentTotal: number } {
  if (referenceCounts.length !== currentCounts.length) {
    throw new RangeError(
      `currentCounts must have as many bins as referenceCounts (${referenceCounts.length}), got ${currentCounts.length}`,
    );
  }
  const referenceTotal = referenceCounts.reduce((s, c) => s + c, 0);
  const currentTotal = currentCounts.reduce((s, c) => s + c, 0);
  if (!(referenceTotal > 0) || !(currentTotal > 0)) {
    throw new RangeError('referenceCounts and currentCounts must each hold a positive total');
  }
  return { referenceTotal, currentTotal };
}
