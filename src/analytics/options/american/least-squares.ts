/**
 * Small dense least squares for the Longstaff–Schwartz regressions: accumulate the normal equations
 * XᵀX·β = Xᵀy of a few basis functions and solve them by Gaussian elimination with partial pivoting.
 */
import { solveLinearSystem, type Vector } from '../../numerics/matrix.js';

/** Accumulates the normal equations of an ordinary least-squares fit with `size` regressors. */
export class NormalEquations {
  readonly size: number;
  private readonly gram: Float64Array;
  private readonly moment: Float64Array;
  private observations = 0;

  constructor(size: number) {
    this.size = size;
    this.gram = new Float64Array(size * size);
    this.moment = new Float64Array(size);
  }

  /** Adds one observation: regressors `x` (length `size`) and response `y`. */
  add(x: Float64Array, y: number): void {
    const n = this.size;
    for (let r = 0; r < n; r++) {
      const xr = x[r];
      this.moment[r] += xr * y;
      for (let c = r; c < n; c++) this.gram[r * n + c] += xr * x[c];
    }
    this.observations++;
  }

  /** Number of observations added. */
  get count(): number {
    return this.observations;
  }

  /** Coefficients β, or undefined when the system is singular (too few or collinear observations). */
  solve(): Vector | undefined {
    const n = this.size;
    const gram = Array.from({ length: n }, (_, r) =>
      Array.from({ length: n }, (_, c) => (r <= c ? this.gram[r * n + c] : this.gram[c * n + r])),
    );
    return solveLinearSystem(gram, Array.from(this.moment));
  }
}
