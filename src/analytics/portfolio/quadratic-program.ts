/**
 * A small dense convex quadratic-program solver, the primal active-set method of Nocedal & Wright,
 * "Numerical Optimization", 2nd ed., Algorithm 16.3:
 *
 *   minimise ½ xᵀH x + cᵀx   subject to   A x = b,   G x ≤ h,   lower ≤ x ≤ upper.
 *
 * H must be positive definite on the null space of the equality constraints (so the minimiser is
 * unique). The method needs a feasible starting point; the portfolio functions build one from the
 * structure of their constraints (budget + bounds + return target), which also lets them explain
 * infeasible constraint sets.
 */
import { dot, type Matrix, multiplyVector, solveLinearSystem, type Vector } from '../numerics/matrix.js';

/** The problem ½xᵀHx + cᵀx s.t. Ax = b, Gx ≤ h, lower ≤ x ≤ upper (±Infinity for a free side). */
export interface QuadraticProgram {
  readonly hessian: readonly (readonly number[])[];
  readonly linear: readonly number[];
  readonly equalityMatrix?: readonly (readonly number[])[];
  readonly equalityTarget?: readonly number[];
  readonly inequalityMatrix?: readonly (readonly number[])[];
  readonly inequalityBound?: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
}

/** The solution and its Lagrange multipliers (KKT: Hx + c + Aᵀν + Gᵀλ − λ_lo + λ_hi = 0, λ ≥ 0). */
export interface QuadraticProgramSolution {
  readonly x: Vector;
  readonly objective: number;
  readonly equalityMultipliers: Vector;
  readonly inequalityMultipliers: Vector;
  readonly lowerMultipliers: Vector;
  readonly upperMultipliers: Vector;
  readonly iterations: number;
}

interface Row {
  readonly a: Vector;
  readonly b: number;
  readonly kind: 'equality' | 'inequality' | 'lower' | 'upper';
  readonly index: number;
}

function constraintRows(problem: QuadraticProgram, n: number): Row[] {
  const rows: Row[] = [];
  const unit = (i: number, sign: number) => Array.from({ length: n }, (_, k) => (k === i ? sign : 0));
  (problem.equalityMatrix ?? []).forEach((a, index) => {
    rows.push({ a: [...a], b: problem.equalityTarget?.[index] ?? Number.NaN, kind: 'equality', index });
  });
  (problem.inequalityMatrix ?? []).forEach((a, index) => {
    rows.push({ a: [...a], b: problem.inequalityBound?.[index] ?? Number.NaN, kind: 'inequality', index });
  });
  for (let i = 0; i < n; i++) {
    const lo = problem.lower?.[i] ?? Number.NEGATIVE_INFINITY;
    const hi = problem.upper?.[i] ?? Number.POSITIVE_INFINITY;
    if (Number.isFinite(lo)) rows.push({ a: unit(i, -1), b: -lo, kind: 'lower', index: i });
    if (Number.isFinite(hi)) rows.push({ a: unit(i, 1), b: hi, kind: 'upper', index: i });
  }
  for (const row of rows) {
    if (!Number.isFinite(row.b) || row.a.length !== n || !row.a.every(Number.isFinite)) {
      throw new RangeError(
        `${row.kind} constraint ${row.index} must be ${n} finite coefficients and a finite bound`,
      );
    }
  }
  return rows;
}

/** Largest absolute entry, for scale-aware tolerances. */
function magnitude(values: readonly number[]): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Solves the QP from the feasible point `start` (checked to 1e-9; RangeError otherwise). Converges in
 * finitely many steps for strictly convex problems; throws after `maxIterations` (cycling guard).
 */
export function solveQuadraticProgram(
  problem: QuadraticProgram,
  start: readonly number[],
  maxIterations = 500,
): QuadraticProgramSolution {
  const n = problem.linear.length;
  if (start.length !== n) throw new RangeError(`start must hold ${n} values, got ${start.length}`);
  const rows = constraintRows(problem, n);
  const x = [...start];
  const feasibilityTolerance = 1e-9 * Math.max(1, magnitude(x));
  for (const row of rows) {
    const slack = dot(row.a, x) - row.b;
    const violated =
      row.kind === 'equality' ? Math.abs(slack) > feasibilityTolerance : slack > feasibilityTolerance;
    if (violated) throw new RangeError(`start violates ${row.kind} constraint ${row.index} by ${slack}`);
  }
  const working = rows.map((row, i) => (row.kind === 'equality' ? i : -1)).filter((i) => i >= 0);
  const hessian = problem.hessian;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = multiplyVector(hessian, x).map((v, i) => v + problem.linear[i]);
    const m = working.length;
    // KKT system [H Aᵀ; A 0][p; ν] = [−g; 0] on the working set.
    const kkt: Matrix = [];
    for (let i = 0; i < n; i++) kkt.push([...hessian[i], ...working.map((w) => rows[w].a[i])]);
    for (const w of working) kkt.push([...rows[w].a, ...new Array<number>(m).fill(0)]);
    const solution = solveLinearSystem(kkt, [...gradient.map((g) => -g), ...new Array<number>(m).fill(0)]);
    if (solution === undefined) {
      throw new RangeError(
        'hessian must be positive definite on the constraints (singular KKT system; for a covariance matrix: collinear assets, try Ledoit–Wolf shrinkage)',
      );
    }
    const step = solution.slice(0, n);
    const multipliers = solution.slice(n);
    const stepSize = magnitude(step);
    if (stepSize <= 1e-14 * Math.max(1, magnitude(x))) {
      let worst = -1;
      let worstValue = -1e-12 * Math.max(1, magnitude(gradient));
      for (let k = 0; k < m; k++) {
        if (rows[working[k]].kind !== 'equality' && multipliers[k] < worstValue) {
          worstValue = multipliers[k];
          worst = k;
        }
      }
      if (worst < 0) return finish(problem, rows, working, multipliers, x, iteration);
      working.splice(worst, 1);
      continue;
    }
    let alpha = 1;
    let blocking = -1;
    for (let r = 0; r < rows.length; r++) {
      if (rows[r].kind === 'equality' || working.includes(r)) continue;
      const slope = dot(rows[r].a, step);
      if (slope <= 1e-15 * magnitude(rows[r].a) * stepSize) continue;
      const ratio = Math.max(0, (rows[r].b - dot(rows[r].a, x)) / slope);
      if (ratio < alpha) {
        alpha = ratio;
        blocking = r;
      }
    }
    for (let i = 0; i < n; i++) x[i] += alpha * step[i];
    if (blocking >= 0) working.push(blocking);
  }
  throw new RangeError(`quadratic program did not converge in ${maxIterations} iterations`);
}

function finish(
  problem: QuadraticProgram,
  rows: readonly Row[],
  working: readonly number[],
  multipliers: readonly number[],
  x: Vector,
  iterations: number,
): QuadraticProgramSolution {
  const n = x.length;
  const equalityMultipliers = new Array<number>(problem.equalityMatrix?.length ?? 0).fill(0);
  const inequalityMultipliers = new Array<number>(problem.inequalityMatrix?.length ?? 0).fill(0);
  const lowerMultipliers = new Array<number>(n).fill(0);
  const upperMultipliers = new Array<number>(n).fill(0);
  const target = {
    equality: equalityMultipliers,
    inequality: inequalityMultipliers,
    lower: lowerMultipliers,
    upper: upperMultipliers,
  };
  working.forEach((w, k) => {
    target[rows[w].kind][rows[w].index] = multipliers[k];
  });
  // Snap coordinates that sit on an active bound exactly onto it.
  for (const w of working) {
    const row = rows[w];
    if (row.kind === 'lower') x[row.index] = problem.lower![row.index];
    if (row.kind === 'upper') x[row.index] = problem.upper![row.index];
  }
  const objective = 0.5 * dot(x, multiplyVector(problem.hessian, x)) + dot(problem.linear, x);
  return {
    x,
    objective,
    equalityMultipliers,
    inequalityMultipliers,
    lowerMultipliers,
    upperMultipliers,
    iterations,
  };
}
