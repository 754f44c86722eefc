/**
 * Hierarchical risk parity. López de Prado, "Building diversified portfolios that outperform out of
 * sample", J. Portfolio Management 42(4), 2016: (1) correlation distance dᵢⱼ = √(½(1 − ρᵢⱼ)) and the
 * Euclidean distance between its columns d̃ᵢⱼ = √Σₖ(dₖᵢ − dₖⱼ)²; (2) single-linkage clustering on d̃;
 * (3) quasi-diagonalisation: the dendrogram's leaf order; (4) recursive bisection: split the ordered
 * list in halves, give each half the inverse-variance portfolio's variance V and scale the left half by
 * α = 1 − V_left/(V_left + V_right), the right by 1 − α. Long-only, fully invested.
 */
import { type Matrix, quadraticForm, requireSymmetricMatrix } from '../numerics/matrix.js';

/** One merge of the single-linkage tree: clusters `left` and `right` (ids ≥ N are earlier merges). */
export interface LinkageStep {
  readonly left: number;
  readonly right: number;
  readonly distance: number;
  readonly size: number;
}

export interface HierarchicalRiskParityResult {
  readonly weights: number[];
  /** The quasi-diagonal order of the assets (dendrogram leaves). */
  readonly order: number[];
  /** The N − 1 merges, as scipy.cluster.hierarchy.linkage reports them (smaller id first). */
  readonly linkage: LinkageStep[];
}

/** Correlation matrix of a covariance matrix. */
export function correlationFromCovariance(covariance: Matrix): Matrix {
  const sd = covariance.map((row, i) => Math.sqrt(row[i]));
  return covariance.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i] * sd[j]))));
}

/** Single-linkage agglomerative clustering of a distance matrix (naive O(N³); N is small). */
export function singleLinkage(distance: Matrix): LinkageStep[] {
  const n = distance.length;
  let clusters = Array.from({ length: n }, (_, i) => ({ id: i, members: [i] }));
  const steps: LinkageStep[] = [];
  while (clusters.length > 1) {
    let best = { a: 0, b: 1, d: Number.POSITIVE_INFINITY };
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let d = Number.POSITIVE_INFINITY;
        for (const i of clusters[a].members)
          for (const j of clusters[b].members) d = Math.min(d, distance[i][j]);
        if (d < best.d) best = { a, b, d };
      }
    }
    const first = clusters[best.a];
    const second = clusters[best.b];
    const [left, right] = first.id < second.id ? [first, second] : [second, first];
    const merged = { id: n + steps.length, members: [...left.members, ...right.members] };
    steps.push({ left: left.id, right: right.id, distance: best.d, size: merged.members.length });
    clusters = clusters.filter((_, k) => k !== best.a && k !== best.b);
    clusters.push(merged);
  }
  return steps;
}

/** Leaf order of a linkage tree (left subtree first): the quasi-diagonal order. */
export function quasiDiagonalOrder(linkage: readonly LinkageStep[], n: number): number[] {
  if (n === 1) return [0];
  const expand = (id: number): number[] =>
    id < n ? [id] : [...expand(linkage[id - n].left), ...expand(linkage[id - n].right)];
  return expand(n + linkage.length - 1);
}

function inverseVarianceVariance(covariance: Matrix, members: readonly number[]): number {
  const inverse = members.map((i) => 1 / covariance[i][i]);
  const total = inverse.reduce((a, b) => a + b, 0);
  const w = inverse.map((v) => v / total);
  const sub = members.map((i) => members.map((j) => covariance[i][j]));
  return quadraticForm(sub, w);
}

/** HRP weights of López de Prado (2016) from a covariance matrix (long-only, sum to 1). */
export function hierarchicalRiskParity(covariance: Matrix): HierarchicalRiskParityResult {
  requireSymmetricMatrix('covariance', covariance);
  const n = covariance.length;
  covariance.forEach((row, i) => {
    if (!(row[i] > 0)) throw new RangeError(`covariance[${i}][${i}] (a variance) must be > 0, got ${row[i]}`);
  });
  const correlation = correlationFromCovariance(covariance);
  const d = correlation.map((row) => row.map((rho) => Math.sqrt(Math.max(0, 0.5 * (1 - rho)))));
  const distance = d.map((_, i) =>
    d.map((__, j) => Math.sqrt(d.reduce((s, row) => s + (row[i] - row[j]) ** 2, 0))),
  );
  const linkage = singleLinkage(distance);
  const order = quasiDiagonalOrder(linkage, n);
  const weights = new Array<number>(n).fill(1);
  const pending: number[][] = [order];
  while (pending.length > 0) {
    const items = pending.pop()!;
    if (items.length < 2) continue;
    const half = Math.floor(items.length / 2);
    const left = items.slice(0, half);
    const right = items.slice(half);
    const leftVariance = inverseVarianceVariance(covariance, left);
    const rightVariance = inverseVarianceVariance(covariance, right);
    const alpha = 1 - leftVariance / (leftVariance + rightVariance);
    for (const i of left) weights[i] *= alpha;
    for (const i of right) weights[i] *= 1 - alpha;
    pending.push(left, right);
  }
  return { weights, order, linkage };
}
