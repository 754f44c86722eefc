/**
 * Risk contributions and risk budgeting / equal risk contribution (ERC) portfolios.
 * Maillard, Roncalli & Teïletche, "The properties of equally weighted risk contribution portfolios",
 * J. Portfolio Management 36(4), 2010 (definitions, eq. 1–3, the two-asset closed form
 * w₁ = σ₂/(σ₁ + σ₂) of §2.1); solved with Spinu's convex formulation, "An algorithm for computing risk
 * parity weights", SSRN 2297383 (2013): minimise ½yᵀΣy − Σ bᵢ ln yᵢ over y > 0 by damped Newton, then
 * w = y/1ᵀy. Long-only and fully invested by construction.
 */

import {
  dot,
  type Matrix,
  multiplyVector,
  requireSymmetricMatrix,
  solveSymmetricPositiveDefinite,
} from '../numerics/matrix.js';
import { requirePositive } from '../statistics/validate.js';

/** Each asset's contribution to portfolio volatility and its share of it. */
export interface RiskContributions {
  /** RCᵢ = wᵢ(Σw)ᵢ/σ(w); they sum to σ(w) (Euler allocation), in volatility units. */
  readonly absolute: number[];
  /** RCᵢ/σ(w); they sum to 1. */
  readonly relative: number[];
  /** σ(w) = √(wᵀΣw). */
  readonly volatility: number;
}

/** Euler risk contributions of `weights` to the volatility under `covariance` (MRT 2010 eq. 1–2). */
export function riskContributions(weights: readonly number[], covariance: Matrix): RiskContributions {
  const marginal = multiplyVector(covariance, weights);
  const variance = dot(weights, marginal);
  const volatility = Math.sqrt(Math.max(0, variance));
  const absolute = weights.map((w, i) => (w * marginal[i]) / volatility);
  return { absolute, relative: weights.map((w, i) => (w * marginal[i]) / variance), volatility };
}

/**
 * Risk-budgeting weights whose relative risk contributions equal `budgets` (normalised to sum to 1;
 * default equal budgets: the ERC portfolio). Damped Newton on Spinu's objective, stopped when the
 * Newton decrement falls below 1e-15 (quadratic convergence: risk contributions match to ~1e-14).
 */
export function riskBudgetPortfolio(covariance: Matrix, budgets?: readonly number[]): number[] {
  requireSymmetricMatrix('covariance', covariance);
  const n = covariance.length;
  const raw = budgets ?? new Array<number>(n).fill(1);
  if (raw.length !== n)
    throw new RangeError(`budgets must hold ${n} values (one per asset), got ${raw.length}`);
  raw.forEach((b, i) => {
    requirePositive(`budgets[${i}]`, b);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  const b = raw.map((v) => v / total);
  for (let i = 0; i < n; i++) requirePositive(`covariance[${i}][${i}] (a variance)`, covariance[i][i]);
  // Start at the inverse-volatility portfolio, scaled so that yᵀΣy = 1 (Spinu §3).
  let y = covariance.map((row, i) => 1 / Math.sqrt(row[i]));
  const scale = Math.sqrt(dot(y, multiplyVector(covariance, y)));
  y = y.map((v) => v / scale);
  for (let iteration = 0; iteration < 200; iteration++) {
    const sigmaY = multiplyVector(covariance, y);
    const gradient = sigmaY.map((v, i) => v - b[i] / y[i]);
    const hessian = covariance.map((row, i) => row.map((v, j) => (i === j ? v + b[i] / (y[i] * y[i]) : v)));
    const step = solveSymmetricPositiveDefinite(hessian, gradient, 'covariance');
    const decrement = Math.sqrt(Math.max(0, dot(step, gradient)));
    const damping = decrement > 0.3 ? 1 / (1 + decrement) : 1;
    y = y.map((v, i) => v - damping * step[i]);
    if (decrement < 1e-15) break;
  }
  const sum = y.reduce((a, v) => a + v, 0);
  return y.map((v) => v / sum);
}

/** The equal risk contribution portfolio (every asset carries 1/N of the volatility). */
export function equalRiskContributionPortfolio(covariance: Matrix): number[] {
  return riskBudgetPortfolio(covariance);
}
