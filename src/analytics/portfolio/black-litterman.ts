/**
 * Black–Litterman expected returns: the market-implied equilibrium prior blended with views.
 * He & Litterman, "The intuition behind Black–Litterman model portfolios", Goldman Sachs (1999):
 * Π = δΣw_mkt (eq. 1); with views P·μ = Q + ε, ε ~ N(0, Ω), the posterior mean
 * μ̄ = Π + τΣPᵀ(PτΣPᵀ + Ω)⁻¹(Q − PΠ) and covariance of returns Σ_p = Σ + M with
 * M = τΣ − τΣPᵀ(PτΣPᵀ + Ω)⁻¹PτΣ (Appendix), optimal unconstrained weights w* = (δΣ_p)⁻¹μ̄.
 * Default Ω = diag(P τΣ Pᵀ) (He & Litterman's choice); Idzorek, "A step-by-step guide to the
 * Black–Litterman model" (2005) confidences cᵢ ∈ (0, 1] via the closed form ωᵢ = ((1 − cᵢ)/cᵢ)·pᵢτΣpᵢᵀ
 * (Walters, "The Black–Litterman model in detail", 2011, §3.4), which reproduces Idzorek's tilts.
 */

import {
  addScaled,
  inverseSymmetricPositiveDefinite,
  type Matrix,
  multiply,
  multiplyVector,
  requireSymmetricMatrix,
  solveSymmetricPositiveDefinite,
  transpose,
} from '../numerics/matrix.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** One view row: P·μ = Q (absolute when P picks one asset, relative when P sums to 0). */
export interface BlackLittermanViews {
  /** K×N pick matrix P. */
  readonly pick: readonly (readonly number[])[];
  /** K view returns Q. */
  readonly returns: readonly number[];
  /** Explicit K×K view covariance Ω (overrides confidences). */
  readonly omega?: readonly (readonly number[])[];
  /** Idzorek confidences in (0, 1], one per view (1 = certain). */
  readonly confidences?: readonly number[];
}

export interface BlackLittermanInputs {
  readonly covariance: Matrix;
  /** Market-capitalisation weights w_mkt (the equilibrium portfolio). */
  readonly marketWeights: readonly number[];
  /** Risk aversion δ (He & Litterman use 2.5). */
  readonly riskAversion?: number;
  /** Uncertainty scale of the prior τ (He & Litterman use 0.05). */
  readonly tau?: number;
  readonly views?: BlackLittermanViews;
}

export interface BlackLittermanResult {
  /** Π = δΣw_mkt. */
  readonly equilibriumReturns: number[];
  /** μ̄, the posterior expected returns. */
  readonly posteriorReturns: number[];
  /** Σ_p = Σ + M, the posterior covariance of returns. */
  readonly posteriorCovariance: Matrix;
  /** w* = (δΣ_p)⁻¹μ̄ (unconstrained, not normalised; He & Litterman's Table 4 weights). */
  readonly weights: number[];
  /** Ω used (K×K). */
  readonly omega: Matrix;
}

/** Implied equilibrium excess returns Π = δΣw_mkt (He & Litterman 1999 eq. 1; reverse optimisation). */
export function impliedEquilibriumReturns(
  covariance: Matrix,
  marketWeights: readonly number[],
  riskAversion = 2.5,
): number[] {
  requireSymmetricMatrix('covariance', covariance, marketWeights.length);
  requirePositive('riskAversion', riskAversion);
  marketWeights.forEach((w, i) => {
    requireFinite(`marketWeights[${i}]`, w);
  });
  return multiplyVector(covariance, marketWeights).map((v) => v * riskAversion);
}

function viewCovariance(views: BlackLittermanViews, tauSigma: Matrix): Matrix {
  const k = views.returns.length;
  if (views.omega !== undefined) {
    requireSymmetricMatrix('views.omega', views.omega, k);
    return views.omega.map((row) => [...row]);
  }
  const variance = views.pick.map((p) => multiplyVector(tauSigma, p).reduce((s, v, j) => s + v * p[j], 0));
  const confidences = views.confidences;
  if (confidences !== undefined && confidences.length !== k) {
    throw new RangeError(`views.confidences must hold ${k} values (one per view), got ${confidences.length}`);
  }
  return variance.map((v, i) => {
    const c = confidences?.[i];
    if (c !== undefined && !(c > 0 && c <= 1)) {
      throw new RangeError(`views.confidences[${i}] must be a number in (0, 1], got ${c}`);
    }
    const factor = c === undefined ? 1 : (1 - c) / c;
    return Array.from({ length: k }, (_, j) => (i === j ? v * factor : 0));
  });
}

/** The Black–Litterman posterior (He & Litterman 1999); with no views it returns Π, Σ(1 + τ), w_mkt/(1 + τ). */
export function blackLitterman(inputs: BlackLittermanInputs): BlackLittermanResult {
  const { covariance, marketWeights } = inputs;
  const n = marketWeights.length;
  const riskAversion = requirePositive('riskAversion', inputs.riskAversion ?? 2.5);
  const tau = requirePositive('tau', inputs.tau ?? 0.05);
  const prior = impliedEquilibriumReturns(covariance, marketWeights, riskAversion);
  const tauSigma = covariance.map((row) => row.map((v) => v * tau));
  const views = inputs.views;
  let posteriorReturns = prior;
  let shrink: Matrix = tauSigma;
  let omega: Matrix = [];
  if (views !== undefined && views.returns.length > 0) {
    const k = views.returns.length;
    if (views.pick.length !== k)
      throw new RangeError(`views.pick must hold ${k} rows (one per view), got ${views.pick.length}`);
    views.pick.forEach((p, i) => {
      if (p.length !== n)
        throw new RangeError(`views.pick[${i}] must hold ${n} values (one per asset), got ${p.length}`);
      p.forEach((v, j) => {
        requireFinite(`views.pick[${i}][${j}]`, v);
      });
    });
    views.returns.forEach((q, i) => {
      requireFinite(`views.returns[${i}]`, q);
    });
    omega = viewCovariance(views, tauSigma);
    const sigmaPt = multiply(tauSigma, transpose(views.pick as number[][])); // τΣPᵀ, N×K
    const middle = addScaled(multiply(views.pick as number[][], sigmaPt), omega); // PτΣPᵀ + Ω
    const surprise = views.returns.map((q, i) => q - views.pick[i].reduce((s, p, j) => s + p * prior[j], 0));
    const adjust = multiplyVector(sigmaPt, solveSymmetricPositiveDefinite(middle, surprise, 'PτΣPᵀ + Ω'));
    posteriorReturns = prior.map((v, i) => v + adjust[i]);
    const middleInverse = inverseSymmetricPositiveDefinite(middle, 'PτΣPᵀ + Ω');
    const correction = multiply(multiply(sigmaPt, middleInverse), transpose(sigmaPt));
    shrink = addScaled(tauSigma, correction, -1);
  }
  const posteriorCovariance = addScaled(covariance, shrink);
  const weights = solveSymmetricPositiveDefinite(
    posteriorCovariance.map((row) => row.map((v) => v * riskAversion)),
    posteriorReturns,
    'posterior covariance',
  );
  return { equilibriumReturns: prior, posteriorReturns, posteriorCovariance, weights, omega };
}
