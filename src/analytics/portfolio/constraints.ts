/**
 * Portfolio constraint sets: the budget (weights sum to 1) and per-asset bounds lower ≤ w ≤ upper.
 * Long-only is lower = 0; shorting is allowed with a negative or infinite lower bound. This module
 * resolves and validates them (an infeasible set is a RangeError that says why) and builds the
 * extreme feasible portfolios the optimisers start from.
 */

/** Bounds per asset: one number for all assets or one per asset; ±Infinity for none. */
export interface PortfolioConstraints {
  /** Lower bound(s) on each weight; default 0 (long-only). */
  readonly lower?: number | readonly number[];
  /** Upper bound(s) on each weight; default 1 with the default lower bound 0, else +Infinity. */
  readonly upper?: number | readonly number[];
}

/** Constraints resolved to one lower and one upper bound per asset. */
export interface ResolvedBounds {
  readonly lower: number[];
  readonly upper: number[];
}

function perAsset(name: string, value: number | readonly number[], n: number): number[] {
  const values = typeof value === 'number' ? new Array<number>(n).fill(value) : [...value];
  if (values.length !== n)
    throw new RangeError(`${name} must hold ${n} bounds (one per asset), got ${values.length}`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new RangeError(`${name}[${i}] must be a number, got ${v}`);
  });
  return values;
}

/**
 * Resolves bounds for `n` assets and checks they admit a fully invested portfolio: lower ≤ upper per
 * asset and Σ lower ≤ 1 ≤ Σ upper (RangeError naming the violated condition otherwise).
 */
export function resolveBounds(n: number, constraints: PortfolioConstraints = {}): ResolvedBounds {
  const lower = perAsset('lower', constraints.lower ?? 0, n);
  const upper = perAsset('upper', constraints.upper ?? (constraints.lower === undefined ? 1 : Infinity), n);
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) {
      throw new RangeError(`bounds of asset ${i}: lower ${lower[i]} is above upper ${upper[i]}`);
    }
    if (lower[i] === Infinity || upper[i] === -Infinity) {
      throw new RangeError(`bounds of asset ${i} must allow a finite weight, got [${lower[i]}, ${upper[i]}]`);
    }
  }
  const lowerSum = lower.reduce((a, b) => a + b, 0);
  const upperSum = upper.reduce((a, b) => a + b, 0);
  if (lowerSum > 1 + 1e-12) {
    throw new RangeError(`bounds are infeasible: lower bounds sum to ${lowerSum} > 1, above the budget`);
  }
  if (upperSum < 1 - 1e-12) {
    throw new RangeError(`bounds are infeasible: upper bounds sum to ${upperSum} < 1, below the budget`);
  }
  return { lower, upper };
}

/**
 * Largest |weight| the start-point search uses for an unbounded side: feasible starts are searched in
 * the box [max(lower, −BOX), min(upper, BOX)], so a return target needing larger positions is reported
 * as infeasible.
 */
export const START_BOX = 1e4;

/**
 * The fully invested portfolio within bounds that maximises scoreᵀw (a fractional knapsack: start at
 * the lower bounds, then fill the best-scoring assets up to their upper bounds); infinite bounds are
 * replaced by ±START_BOX.
 */
export function extremePortfolio(score: readonly number[], bounds: ResolvedBounds): number[] {
  const n = score.length;
  const lower = bounds.lower.map((lo) => Math.max(lo, -START_BOX));
  const upper = bounds.upper.map((hi) => Math.min(hi, START_BOX));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const w = [...lower];
  let remaining = 1 - w.reduce((a, b) => a + b, 0);
  for (const i of order) {
    if (remaining <= 0) break;
    const add = Math.min(upper[i] - w[i], remaining);
    w[i] += add;
    remaining -= add;
  }
  return w;
}
