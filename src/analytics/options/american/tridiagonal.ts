/**
 * Tridiagonal solves for the finite-difference grids: the Thomas algorithm, and the Brennan–Schwartz
 * variant that projects each unknown onto an obstacle during back-substitution, solving the linear
 * complementarity problem of an American option in one sweep (Brennan & Schwartz 1977, "The
 * valuation of American put options", J. Finance 32; Ikonen & Toivanen 2004 discuss its validity:
 * exact when the exercise region is one interval at one end of the grid, as for vanilla calls and puts).
 */

/** The system lower[i]·x[i−1] + diagonal[i]·x[i] + upper[i]·x[i+1] = rhs[i], i = 0..n−1 (lower[0], upper[n−1] unused). */
export interface TridiagonalSystem {
  readonly lower: Float64Array;
  readonly diagonal: Float64Array;
  readonly upper: Float64Array;
  readonly rhs: Float64Array;
}

/**
 * Solves the system into `out` (length n). With `obstacle`, each unknown is raised to at least its
 * obstacle value as it is found; `exerciseAtLowEnd` tells where the exercise region lies (a put's
 * low spots: eliminate from the top, substitute upwards from the bottom; a call's: the reverse).
 * `scratch` (length n) avoids allocation.
 */
export function solveTridiagonal(
  system: TridiagonalSystem,
  out: Float64Array,
  scratch: Float64Array,
  obstacle?: Float64Array,
  exerciseAtLowEnd = false,
): void {
  const { lower, diagonal, upper, rhs } = system;
  const n = diagonal.length;
  if (!exerciseAtLowEnd) {
    // Eliminate downwards, substitute from the top (projection from the call's exercise side).
    let pivot = diagonal[0];
    scratch[0] = upper[0] / pivot;
    out[0] = rhs[0] / pivot;
    for (let i = 1; i < n; i++) {
      pivot = diagonal[i] - lower[i] * scratch[i - 1];
      scratch[i] = upper[i] / pivot;
      out[i] = (rhs[i] - lower[i] * out[i - 1]) / pivot;
    }
    if (obstacle !== undefined) out[n - 1] = Math.max(out[n - 1], obstacle[n - 1]);
    for (let i = n - 2; i >= 0; i--) {
      out[i] -= scratch[i] * out[i + 1];
      if (obstacle !== undefined) out[i] = Math.max(out[i], obstacle[i]);
    }
    return;
  }
  // Eliminate upwards, substitute from the bottom (projection from the put's exercise side).
  let pivot = diagonal[n - 1];
  scratch[n - 1] = lower[n - 1] / pivot;
  out[n - 1] = rhs[n - 1] / pivot;
  for (let i = n - 2; i >= 0; i--) {
    pivot = diagonal[i] - upper[i] * scratch[i + 1];
    scratch[i] = lower[i] / pivot;
    out[i] = (rhs[i] - upper[i] * out[i + 1]) / pivot;
  }
  if (obstacle !== undefined) out[0] = Math.max(out[0], obstacle[0]);
  for (let i = 1; i < n; i++) {
    out[i] -= scratch[i] * out[i - 1];
    if (obstacle !== undefined) out[i] = Math.max(out[i], obstacle[i]);
  }
}
