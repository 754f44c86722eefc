/**
 * Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead 1965, The Computer
 * Journal 7(4); standard coefficients reflection 1, expansion 2, contraction ½, shrink ½ as in
 * Lagarias et al. 1998, SIAM J. Optim. 9(1), §2).
 */

/** Result of a minimisation: the best point, its value and the number of function evaluations. */
export interface Minimum {
  readonly point: number[];
  readonly value: number;
  readonly evaluations: number;
}

/** Options: initial step per coordinate, evaluation budget and the stopping spread of values. */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (default 0.1 each). */
  readonly steps?: readonly number[];
  /** Maximum number of objective evaluations (default 2000). */
  readonly maxEvaluations?: number;
  /** Stop when max − min of the simplex values is below this times |best value| (default 1e-10). */
  readonly tolerance?: number;
  /** …or below this absolute amount (default 1e-20). */
  readonly absoluteTolerance?: number;
}

/** Minimises `objective` from `start`; non-finite objective values count as +∞. */
export function nelderMead(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): Minimum {
  const n = start.length;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const absoluteTolerance = options.absoluteTolerance ?? 1e-20;
  let evaluations = 0;
  const f = (x: readonly number[]): number => {
    evaluations++;
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const simplex: number[][] = [[...start]];
  for (let i = 0; i < n; i++) {
    const vertex = [...start];
    vertex[i] += options.steps?.[i] ?? 0.1;
    simplex.push(vertex);
  }
  const values = simplex.map(f);
  const along = (from: readonly number[], to: readonly number[], t: number): number[] =>
    from.map((v, i) => v + t * (to[i] - v));

  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const sortedSimplex = order.map((i) => simplex[i]);
    const sortedValues = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...sortedSimplex);
    values.splice(0, values.length, ...sortedValues);
    const spread = values[n] - values[0];
    if (spread <= tolerance * Math.abs(values[0]) || spread <= absoluteTolerance) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const reflected = along(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const fe = f(expanded);
      if (fe < fr) replace(n, expanded, fe);
      else replace(n, reflected, fr);
    } else if (fr < values[n - 1]) {
      replace(n, reflected, fr);
    } else {
      const outside = fr < values[n];
      const contracted = along(centroid, outside ? reflected : worst, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n])) {
        replace(n, contracted, fc);
      } else {
        for (let i = 1; i <= n; i++) {
          const shrunk = along(simplex[0], simplex[i], 0.5);
          replace(i, shrunk, f(shrunk));
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  return { point: simplex[best], value: values[best], evaluations };

  function replace(index: number, point: number[], value: number): void {
    simplex[index] = point;
    values[index] = value;
  }
}
