/**
 * Small dense linear algebra for the portfolio optimisers and the Longstaff–Schwartz regressions (a
 * handful of unknowns, so plain `number[][]` row-major arrays): products, Cholesky factorisation, and solves of symmetric
 * positive-definite and general square systems. Reference: Golub & Van Loan, "Matrix Computations",
 * 4th ed., §4.2 (Cholesky) and §3.4 (Gaussian elimination with partial pivoting).
 */

/** A dense matrix, row-major: `m[i][j]` is row i, column j. */
export type Matrix = number[][];
/** A dense vector. */
export type Vector = number[];

/** Inner product xᵀy. */
export function dot(x: readonly number[], y: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * y[i];
  return sum;
}

/** Matrix–vector product A·x. */
export function multiplyVector(a: readonly (readonly number[])[], x: readonly number[]): Vector {
  return a.map((row) => dot(row, x));
}

/** Matrix product A·B. */
export function multiply(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): Matrix {
  const columns = b[0]?.length ?? 0;
  return a.map((row) => {
    const out = new Array<number>(columns).fill(0);
    for (let k = 0; k < row.length; k++) {
      const r = row[k];
      if (r === 0) continue;
      const bk = b[k];
      for (let j = 0; j < columns; j++) out[j] += r * bk[j];
    }
    return out;
  });
}

/** Transpose Aᵀ. */
export function transpose(a: readonly (readonly number[])[]): Matrix {
  const columns = a[0]?.length ?? 0;
  return Array.from({ length: columns }, (_, j) => a.map((row) => row[j]));
}

/** Quadratic form xᵀA·x. */
export function quadraticForm(a: readonly (readonly number[])[], x: readonly number[]): number {
  return dot(x, multiplyVector(a, x));
}

/** The n×n identity scaled by `scale`. */
export function identity(n: number, scale = 1): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

/** Element-wise A + s·B. */
export function addScaled(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  scale = 1,
): Matrix {
  return a.map((row, i) => row.map((v, j) => v + scale * b[i][j]));
}

/**
 * Lower-triangular Cholesky factor L with A = L·Lᵀ (Golub & Van Loan Alg. 4.2.1). Throws a
 * RangeError naming `name` when A is not symmetric positive definite.
 */
export function cholesky(a: readonly (readonly number[])[], name = 'matrix'): Matrix {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    if (a[j].length !== n)
      throw new RangeError(`${name} must be square, row ${j} has ${a[j].length} columns`);
    let diagonal = a[j][j];
    for (let k = 0; k < j; k++) diagonal -= l[j][k] * l[j][k];
    if (!(diagonal > 0)) {
      throw new RangeError(`${name} must be symmetric positive definite (pivot ${j} is ${diagonal})`);
    }
    const ljj = Math.sqrt(diagonal);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      l[i][j] = sum / ljj;
    }
  }
  return l;
}

/** Solves A·x = b given the Cholesky factor L of A (forward then back substitution). */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): Vector {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
    y[i] = sum / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
}

/** Solves A·x = b for symmetric positive-definite A (Cholesky). */
export function solveSymmetricPositiveDefinite(
  a: readonly (readonly number[])[],
  b: readonly number[],
  name = 'matrix',
): Vector {
  return choleskySolve(cholesky(a, name), b);
}

/** Inverse of a symmetric positive-definite matrix (Cholesky, column by column). */
export function inverseSymmetricPositiveDefinite(a: readonly (readonly number[])[], name = 'matrix'): Matrix {
  const l = cholesky(a, name);
  const n = a.length;
  const columns = Array.from({ length: n }, (_, j) =>
    choleskySolve(
      l,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  return transpose(columns);
}

/**
 * Solves a general square system A·x = b by Gaussian elimination with partial pivoting; returns
 * undefined when A is singular to working precision (a pivot below `1e-13 ×` the largest entry).
 */
export function solveLinearSystem(
  a: readonly (readonly number[])[],
  b: readonly number[],
): Vector | undefined {
  const n = a.length;
  const m = a.map((row, i) => [...row, b[i]]);
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const tiny = 1e-13 * (scale || 1);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) <= tiny) return undefined;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = m[i][n];
    for (let k = i + 1; k < n; k++) sum -= m[i][k] * x[k];
    x[i] = sum / m[i][i];
  }
  return x;
}

/**
 * Checks that `matrix` is a square n×n array of finite numbers, symmetric to a relative 1e-10;
 * throws a RangeError naming `name` otherwise.
 */
export function requireSymmetricMatrix(
  name: string,
  matrix: readonly (readonly number[])[],
  n?: number,
): void {
  if (!Array.isArray(matrix) || matrix.length === 0)
    throw new RangeError(`${name} must be a non-empty square matrix`);
  const size = n ?? matrix.length;
  if (matrix.length !== size)
    throw new RangeError(`${name} must be ${size}×${size}, got ${matrix.length} rows`);
  for (let i = 0; i < size; i++) {
    if (!Array.isArray(matrix[i]) || matrix[i].length !== size) {
      throw new RangeError(`${name} must be ${size}×${size}, row ${i} has ${matrix[i]?.length} columns`);
    }
    for (let j = 0; j < size; j++) {
      const v = matrix[i][j];
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be a finite number, got ${v}`);
    }
  }
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < i; j++) {
      const a = matrix[i][j];
      const b = matrix[j][i];
      if (Math.abs(a - b) > 1e-10 * Math.max(1e-300, Math.abs(a), Math.abs(b))) {
        throw new RangeError(`${name} must be symmetric, but [${i}][${j}] = ${a} and [${j}][${i}] = ${b}`);
      }
    }
  }
}
