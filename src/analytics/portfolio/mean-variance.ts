/**
 * Markowitz mean–variance portfolios under a budget (weights sum to 1) and per-asset bounds:
 * minimum variance, maximum Sharpe (tangency), a target return, a target volatility, and maximum
 * mean–variance utility. Markowitz, "Portfolio Selection", J. Finance 7 (1952); the unconstrained
 * closed forms are in Merton, "An analytic derivation of the efficient portfolio frontier", JFQA 7
 * (1972). Units follow the inputs: annual μ and Σ give annual returns and volatilities.
 */

import { dot, type Matrix, quadraticForm, requireSymmetricMatrix } from '../numerics/matrix.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';
import { extremePortfolio, type PortfolioConstraints, resolveBounds } from './constraints.js';
import { solveQuadraticProgram } from './quadratic-program.js';

export type { PortfolioConstraints } from './constraints.js';

function requireInputs(covariance: Matrix, expectedReturns?: readonly number[]): number {
  requireSymmetricMatrix('covariance', covariance);
  const n = covariance.length;
  if (expectedReturns !== undefined) {
    if (expectedReturns.length !== n) {
      throw new RangeError(
        `expectedReturns must hold ${n} values (one per asset), got ${expectedReturns.length}`,
      );
    }
    expectedReturns.forEach((v, i) => {
      requireFinite(`expectedReturns[${i}]`, v);
    });
  }
  return n;
}

/** Minimum-variance fully invested weights within the bounds: min wᵀΣw s.t. 1ᵀw = 1, lower ≤ w ≤ upper. */
export function minimumVariancePortfolio(
  covariance: Matrix,
  constraints: PortfolioConstraints = {},
): number[] {
  const n = requireInputs(covariance);
  const bounds = resolveBounds(n, constraints);
  const start = extremePortfolio(new Array<number>(n).fill(0), bounds);
  return solveQuadraticProgram(
    {
      hessian: covariance,
      linear: new Array<number>(n).fill(0),
      equalityMatrix: [new Array<number>(n).fill(1)],
      equalityTarget: [1],
      ...bounds,
    },
    start,
  ).x;
}

/** The highest and lowest expected return a fully invested portfolio within the bounds can have. */
export function attainableReturns(
  expectedReturns: readonly number[],
  constraints: PortfolioConstraints = {},
): { readonly minimum: number; readonly maximum: number } {
  const bounds = resolveBounds(expectedReturns.length, constraints);
  const maximum = dot(expectedReturns, extremePortfolio(expectedReturns, bounds));
  const minimum = dot(
    expectedReturns,
    extremePortfolio(
      expectedReturns.map((m) => -m),
      bounds,
    ),
  );
  return { minimum, maximum };
}

/**
 * Minimum-variance weights with expected return exactly `targetReturn` (a frontier point):
 * min wᵀΣw s.t. 1ᵀw = 1, μᵀw = target, bounds. RangeError when no portfolio within the bounds earns it.
 */
export function targetReturnPortfolio(
  covariance: Matrix,
  expectedReturns: readonly number[],
  targetReturn: number,
  constraints: PortfolioConstraints = {},
): number[] {
  const n = requireInputs(covariance, expectedReturns);
  requireFinite('targetReturn', targetReturn);
  const bounds = resolveBounds(n, constraints);
  const high = extremePortfolio(expectedReturns, bounds);
  const low = extremePortfolio(
    expectedReturns.map((m) => -m),
    bounds,
  );
  const highReturn = dot(expectedReturns, high);
  const lowReturn = dot(expectedReturns, low);
  const slack = 1e-12 * Math.max(1, Math.abs(highReturn), Math.abs(lowReturn));
  if (targetReturn > highReturn + slack || targetReturn < lowReturn - slack) {
    throw new RangeError(
      `targetReturn ${targetReturn} is not attainable: fully invested portfolios within the bounds earn between ${lowReturn} and ${highReturn}`,
    );
  }
  if (highReturn - lowReturn <= slack) return high;
  const share = Math.min(1, Math.max(0, (targetReturn - lowReturn) / (highReturn - lowReturn)));
  const start = low.map((l, i) => l + share * (high[i] - l));
  return solveQuadraticProgram(
    {
      hessian: covariance,
      linear: new Array<number>(n).fill(0),
      equalityMatrix: [new Array<number>(n).fill(1), [...expectedReturns]],
      equalityTarget: [1, dot(expectedReturns, start)],
      ...bounds,
    },
    start,
  ).x;
}

/**
 * Maximum-Sharpe (tangency) weights: max (μ − r_f)ᵀw / √(wᵀΣw) s.t. 1ᵀw = 1, bounds. Solved exactly as a
 * convex QP by homogenisation (Cornuéjols & Tütüncü, "Optimization Methods in Finance", 2007, §8.2):
 * min yᵀΣy s.t. (μ − r_f)ᵀy = 1, 1ᵀy = κ, κ·lower ≤ y ≤ κ·upper, κ ≥ 0, then w = y/κ. Unconstrained,
 * w = Σ⁻¹(μ − r_f)/1ᵀΣ⁻¹(μ − r_f). RangeError when no portfolio earns more than the risk-free rate.
 */
export function maximumSharpePortfolio(
  covariance: Matrix,
  expectedReturns: readonly number[],
  riskFreeRate = 0,
  constraints: PortfolioConstraints = {},
): number[] {
  const n = requireInputs(covariance, expectedReturns);
  requireFinite('riskFreeRate', riskFreeRate);
  const bounds = resolveBounds(n, constraints);
  const excess = expectedReturns.map((m) => m - riskFreeRate);
  const best = extremePortfolio(excess, bounds);
  const bestExcess = dot(excess, best);
  if (!(bestExcess > 0)) {
    throw new RangeError(
      `riskFreeRate ${riskFreeRate}: no fully invested portfolio within the bounds has an expected return above it (the best earns ${bestExcess + riskFreeRate})`,
    );
  }
  // Variables (y_1..y_n, κ); bounds become rows y_i − upper_i·κ ≤ 0 and lower_i·κ − y_i ≤ 0.
  const rows: number[][] = [];
  const row = (i: number, yCoefficient: number, kappaCoefficient: number) => {
    const r = new Array<number>(n + 1).fill(0);
    r[i] = yCoefficient;
    r[n] = kappaCoefficient;
    rows.push(r);
  };
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(bounds.upper[i])) row(i, 1, -bounds.upper[i]);
    if (Number.isFinite(bounds.lower[i])) row(i, -1, bounds.lower[i]);
  }
  const hessian = covariance.map((r) => [...r, 0]);
  hessian.push(new Array<number>(n + 1).fill(0));
  const kappa = 1 / bestExcess;
  const solution = solveQuadraticProgram(
    {
      hessian,
      linear: new Array<number>(n + 1).fill(0),
      equalityMatrix: [
        [...excess, 0],
        [...new Array<number>(n).fill(1), -1],
      ],
      equalityTarget: [1, 0],
      inequalityMatrix: rows,
      inequalityBound: new Array<number>(rows.length).fill(0),
      lower: [...new Array<number>(n).fill(Number.NEGATIVE_INFINITY), 0],
    },
    [...best.map((w) => w * kappa), kappa],
  );
  const scale = solution.x[n];
  // y on an active bound row equals κ·bound only to rounding: snap w back inside the bounds.
  return solution.x
    .slice(0, n)
    .map((y, i) => Math.min(bounds.upper[i], Math.max(bounds.lower[i], y / scale)));
}

/**
 * Maximum mean–variance utility weights: max μᵀw − (δ/2)·wᵀΣw s.t. 1ᵀw = 1, bounds, with risk
 * aversion δ > 0 (the optimiser applied to Black–Litterman posterior returns).
 */
export function maximumUtilityPortfolio(
  covariance: Matrix,
  expectedReturns: readonly number[],
  riskAversion: number,
  constraints: PortfolioConstraints = {},
): number[] {
  const n = requireInputs(covariance, expectedReturns);
  requirePositive('riskAversion', riskAversion);
  const bounds = resolveBounds(n, constraints);
  return solveQuadraticProgram(
    {
      hessian: covariance.map((r) => r.map((v) => v * riskAversion)),
      linear: expectedReturns.map((m) => -m),
      equalityMatrix: [new Array<number>(n).fill(1)],
      equalityTarget: [1],
      ...bounds,
    },
    extremePortfolio(new Array<number>(n).fill(0), bounds),
  ).x;
}

/** Expected return, volatility and Sharpe ratio of weights w: μᵀw, √(wᵀΣw), (μᵀw − r_f)/√(wᵀΣw). */
export interface PortfolioPerformance {
  readonly expectedReturn: number;
  readonly volatility: number;
  readonly sharpeRatio: number;
}

/** Performance of `weights` under μ and Σ (same units as the inputs). */
export function portfolioPerformance(
  weights: readonly number[],
  covariance: Matrix,
  expectedReturns: readonly number[],
  riskFreeRate = 0,
): PortfolioPerformance {
  const expectedReturn = dot(weights, expectedReturns);
  const volatility = Math.sqrt(Math.max(0, quadraticForm(covariance, weights)));
  return { expectedReturn, volatility, sharpeRatio: (expectedReturn - riskFreeRate) / volatility };
}

/**
 * Maximum expected return with volatility at most `targetVolatility`: bisection on the frontier's
 * target return (frontier volatility increases with return above the minimum-variance point).
 * RangeError when the target is below the minimum-variance volatility.
 */
export function targetVolatilityPortfolio(
  covariance: Matrix,
  expectedReturns: readonly number[],
  targetVolatility: number,
  constraints: PortfolioConstraints = {},
): number[] {
  requirePositive('targetVolatility', targetVolatility);
  const minimum = minimumVariancePortfolio(covariance, constraints);
  const volatilityOf = (w: readonly number[]) => Math.sqrt(quadraticForm(covariance, w));
  const minimumVolatility = volatilityOf(minimum);
  if (targetVolatility < minimumVolatility * (1 - 1e-12)) {
    throw new RangeError(
      `targetVolatility ${targetVolatility} is below the minimum-variance volatility ${minimumVolatility}`,
    );
  }
  let low = dot(expectedReturns, minimum);
  let high = attainableReturns(expectedReturns, constraints).maximum;
  let best = minimum;
  const top = targetReturnPortfolio(covariance, expectedReturns, high, constraints);
  if (volatilityOf(top) <= targetVolatility) return top;
  for (let k = 0; k < 60 && high - low > 1e-12 * Math.max(1, Math.abs(high)); k++) {
    const middle = 0.5 * (low + high);
    const w = targetReturnPortfolio(covariance, expectedReturns, middle, constraints);
    if (volatilityOf(w) <= targetVolatility) {
      low = middle;
      best = w;
    } else {
      high = middle;
    }
  }
  return best;
}
