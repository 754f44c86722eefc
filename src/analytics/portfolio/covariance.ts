/**
 * Covariance estimators for a T×N panel of returns (one row per period, one column per asset):
 * the sample covariance, Ledoit–Wolf shrinkage towards a scaled identity, and the RiskMetrics EWMA.
 * All are per period (annualise by multiplying by the periods per year).
 */

import type { Matrix } from '../numerics/matrix.js';
import { mean, sampleCovariance } from '../statistics/sample.js';
import { requireFinite } from '../statistics/validate.js';

/** Checks a T×N returns panel: at least `minRows` rows, N ≥ 1 equal-length rows of finite numbers. */
export function requireReturnsPanel(
  name: string,
  returns: readonly (readonly number[])[],
  minRows: number,
): void {
  if (!Array.isArray(returns) || returns.length < minRows) {
    throw new RangeError(`${name} must hold at least ${minRows} rows (periods), got ${returns?.length ?? 0}`);
  }
  const n = returns[0].length;
  if (n < 1) throw new RangeError(`${name} must hold at least one column (asset)`);
  for (let t = 0; t < returns.length; t++) {
    if (returns[t].length !== n) {
      throw new RangeError(`${name}[${t}] must hold ${n} values like row 0, got ${returns[t].length}`);
    }
    for (let i = 0; i < n; i++) requireFinite(`${name}[${t}][${i}]`, returns[t][i]);
  }
}

function column(returns: readonly (readonly number[])[], i: number): number[] {
  return returns.map((row) => row[i]);
}

/** Per-asset mean return (per period) of a T×N panel. */
export function meanReturns(returns: readonly (readonly number[])[]): number[] {
  requireReturnsPanel('returns', returns, 1);
  return returns[0].map((_, i) => mean(column(returns, i)));
}

/** Sample covariance matrix (divides by T − 1) of a T×N returns panel, per period. */
export function sampleCovarianceMatrix(returns: readonly (readonly number[])[]): Matrix {
  requireReturnsPanel('returns', returns, 2);
  const columns = returns[0].map((_, i) => column(returns, i));
  const n = columns.length;
  const out: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const c = sampleCovariance(columns[i], columns[j]);
      out[i][j] = c;
      out[j][i] = c;
    }
  }
  return out;
}

/** The Ledoit–Wolf estimate and its ingredients. */
export interface LedoitWolfEstimate {
  /** Σ* = δ·m·I + (1 − δ)·S, per period. */
  readonly covariance: Matrix;
  /** Shrinkage intensity δ = b²/d² in [0, 1]. */
  readonly shrinkage: number;
  /** m = tr(S)/N, the target's common variance. */
  readonly targetVariance: number;
  /** S: the maximum-likelihood sample covariance (divides by T), the matrix being shrunk. */
  readonly sampleCovariance: Matrix;
}

/**
 * Ledoit–Wolf (2004) shrinkage of the sample covariance towards the scaled identity m·I
 * (Ledoit & Wolf, "A well-conditioned estimator for large-dimensional covariance matrices", JMVA 88,
 * Lemmas 3.2–3.4 and Theorem 3.4): with demeaned returns x_t, S = (1/T)Σ x_t x_tᵀ,
 * ‖A‖² = tr(AAᵀ)/N, m = tr(S)/N, d² = ‖S − m I‖², b̄² = (1/T²)Σ_t ‖x_t x_tᵀ − S‖², b² = min(b̄², d²),
 * δ = b²/d², Σ* = δ m I + (1 − δ) S. S divides by T as in the paper (and scikit-learn).
 */
export function ledoitWolfCovariance(returns: readonly (readonly number[])[]): LedoitWolfEstimate {
  requireReturnsPanel('returns', returns, 2);
  const t = returns.length;
  const n = returns[0].length;
  const means = meanReturns(returns);
  const x = returns.map((row) => row.map((v, i) => v - means[i]));
  const s: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const row of x) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i][j] += (row[i] * row[j]) / t;
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += s[i][i];
  const m = trace / n;
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = s[i][j] - (i === j ? m : 0);
      d2 += v * v;
    }
  }
  d2 /= n;
  let bBar2 = 0;
  for (const row of x) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = row[i] * row[j] - s[i][j];
        norm += v * v;
      }
    }
    bBar2 += norm / n;
  }
  bBar2 /= t * t;
  const b2 = Math.min(bBar2, d2);
  const shrinkage = d2 === 0 ? 1 : b2 / d2;
  const covariance = s.map((row, i) =>
    row.map((v, j) => (1 - shrinkage) * v + (i === j ? shrinkage * m : 0)),
  );
  return { covariance, shrinkage, targetVariance: m, sampleCovariance: s };
}

/**
 * RiskMetrics exponentially weighted covariance (J.P. Morgan/Reuters, "RiskMetrics — Technical
 * Document", 4th ed., 1996, eq. 5.3 (variance) and 5.4 (covariance)): zero-mean returns, Σ₁ = r₁r₁ᵀ and
 * Σ_t = λ Σ_{t−1} + (1 − λ) r_t r_tᵀ; returns Σ_T, per period. λ = 0.94 is RiskMetrics' daily decay.
 */
export function ewmaCovariance(returns: readonly (readonly number[])[], decay = 0.94): Matrix {
  requireReturnsPanel('returns', returns, 1);
  if (!(decay > 0 && decay < 1)) throw new RangeError(`decay must be a number in (0, 1), got ${decay}`);
  const first = returns[0];
  const sigma: Matrix = first.map((a) => first.map((b) => a * b));
  for (let t = 1; t < returns.length; t++) {
    const r = returns[t];
    for (let i = 0; i < r.length; i++) {
      for (let j = 0; j < r.length; j++) sigma[i][j] = decay * sigma[i][j] + (1 - decay) * r[i] * r[j];
    }
  }
  return sigma;
}

/** Simple returns p_t/p_{t−1} − 1 of a T×N price panel (rows = dates); throws on a non-positive price. */
export function simpleReturns(prices: readonly (readonly number[])[]): Matrix {
  requireReturnsPanel('prices', prices, 2);
  const out: Matrix = [];
  for (let t = 1; t < prices.length; t++) {
    out.push(
      prices[t].map((p, i) => {
        const previous = prices[t - 1][i];
        if (!(previous > 0)) throw new RangeError(`prices[${t - 1}][${i}] must be > 0, got ${previous}`);
        return p / previous - 1;
      }),
    );
  }
  return out;
}

/** Scales a per-period matrix or vector to annual units (× periods per year). */
export function annualise<T extends number[] | Matrix>(value: T, periodsPerYear: number): T {
  return value.map((v) => (Array.isArray(v) ? v.map((x) => x * periodsPerYear) : v * periodsPerYear)) as T;
}
