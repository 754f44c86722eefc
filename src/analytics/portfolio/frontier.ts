/**
 * The constrained efficient frontier: minimum-variance portfolios for evenly spaced target returns
 * from the minimum-variance portfolio's return up to the highest attainable return within the bounds
 * (Markowitz 1952; the upper, efficient branch only).
 */

import type { Matrix } from '../numerics/matrix.js';
import { requireInteger } from '../statistics/validate.js';
import type { PortfolioConstraints } from './constraints.js';
import {
  attainableReturns,
  minimumVariancePortfolio,
  type PortfolioPerformance,
  portfolioPerformance,
  targetReturnPortfolio,
} from './mean-variance.js';

/** One frontier portfolio: its weights and performance. */
export interface FrontierPoint extends PortfolioPerformance {
  readonly weights: number[];
}

/**
 * `points` efficient portfolios (≥ 2), ascending in expected return and volatility; the first is the
 * minimum-variance portfolio, the last the highest-return one.
 */
export function efficientFrontier(
  covariance: Matrix,
  expectedReturns: readonly number[],
  points = 20,
  constraints: PortfolioConstraints = {},
  riskFreeRate = 0,
): FrontierPoint[] {
  requireInteger('points', points, 2);
  const minimum = minimumVariancePortfolio(covariance, constraints);
  const low = portfolioPerformance(minimum, covariance, expectedReturns, riskFreeRate).expectedReturn;
  const high = attainableReturns(expectedReturns, constraints).maximum;
  if (!Number.isFinite(high) || high > 1e3 * Math.max(1, Math.abs(low))) {
    throw new RangeError('constraints: the frontier needs bounded weights (give finite --bounds) to end');
  }
  const out: FrontierPoint[] = [];
  for (let k = 0; k < points; k++) {
    const target = k === 0 ? low : low + ((high - low) * k) / (points - 1);
    const weights =
      k === 0 ? minimum : targetReturnPortfolio(covariance, expectedReturns, target, constraints);
    out.push({ weights, ...portfolioPerformance(weights, covariance, expectedReturns, riskFreeRate) });
  }
  return out;
}
