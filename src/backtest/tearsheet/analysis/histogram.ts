/** Histograms on "nice" bin edges, and percentiles. */
import { niceTicks } from '../chart/scale.js';

export interface Histogram {
  /**
   * Bin edges, increasing: bin k is [edges[k], edges[k + 1]), the last bin closed. Only the
   * one-bin fallback for a range floats cannot split can have equal edges ([v, v]).
   */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Distance between edges (the last minus the first for a single bin). */
  readonly step: number;
}

/** The bin of `value`: the k with edges[k] ≤ value < edges[k + 1] (≤ for the last bin); −1 outside. */
export function binOf(edges: readonly number[], value: number): number {
  const bins = edges.length - 1;
  if (bins < 1 || !(value >= edges[0] && value <= edges[bins])) return -1;
  const span = edges[bins] - edges[0];
  let k = span > 0 ? Math.floor(((value - edges[0]) / span) * bins) : 0;
  k = Number.isFinite(k) ? Math.max(0, Math.min(bins - 1, k)) : 0;
  // The estimate can be one off at an edge (rounding); the edges themselves decide.
  while (k > 0 && value < edges[k]) k--;
  while (k < bins - 1 && value >= edges[k + 1]) k++;
  return k;
}

/** Edges at a 1/2/5 × 10^k step, about `targetBins` bins covering [min, max]; null if they collapse. */
function niceEdges(min: number, max: number, targetBins: number): { edges: number[]; step: number } | null {
  const span = max - min;
  const scale = Math.max(Math.abs(min), Math.abs(max));
  // niceTicks needs a step the floats can represent: a span not lost in the magnitude and not
  // underflowing (a zero span is padded by 1 % of the value, or to ±1 at 0).
  const usable =
    span === 0 ? scale === 0 || scale > 1e-280 : span > scale * 1e-9 && span / targetBins > 1e-290;
  if (!usable || !Number.isFinite(span)) return null;
  const { ticks, step } = niceTicks(min, max, targetBins);
  if (ticks.length < 2 || ticks.length > 4 * targetBins + 2 || !(step > 0)) return null;
  for (let i = 1; i < ticks.length; i++) if (!(ticks[i] > ticks[i - 1])) return null;
  if (ticks[0] > min || ticks[ticks.length - 1] < max) return null;
  return { edges: ticks, step };
}

/**
 * Counts of the finite `values` per bin. Edges are multiples of a 1/2/5 × 10^k step (so 0 is an
 * edge whenever the range spans it); when such edges cannot be formed (a range too narrow for the
 * float precision) there is one bin [min, max].
 */
export function histogram(values: readonly number[], targetBins: number): Histogram {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { edges: [], counts: [], step: 0 };
  let min = finite[0];
  let max = finite[0];
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const nice = niceEdges(min, max, Math.max(1, targetBins));
  const edges = nice?.edges ?? [min, max];
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of finite) counts[binOf(edges, v)]++;
  return { edges, counts, step: nice?.step ?? max - min };
}

/** About 2 √n bins, between 5 and 50 (the nice step then gives somewhat fewer). */
export function suggestedBins(n: number): number {
  return Math.max(5, Math.min(50, Math.ceil(2 * Math.sqrt(n))));
}
