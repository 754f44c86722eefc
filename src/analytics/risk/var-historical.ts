/**
 * Historical-simulation VaR and CVaR (Jorion, "Value at Risk", 3rd ed., ch. 10; Hull, "Risk
 * Management and Financial Institutions", 4th ed., ch. 13).
 */
import { quantileSorted } from '../statistics/sample.js';
import { requireFiniteSeries } from '../statistics/validate.js';
import { overlappingReturns } from './returns.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';

/**
 * VaR and CVaR from losses L = −r, ascending-sorted: VaR is the c-quantile of the losses by linear
 * interpolation between order statistics (Hyndman–Fan type 7, as R and NumPy), CVaR the mean of the
 * losses ≥ VaR. Exported for methods that build their own loss sample.
 */
export function riskFromSortedLosses(sortedLosses: ArrayLike<number>, confidence: number): RiskEstimate {
  const valueAtRisk = quantileSorted(sortedLosses, confidence);
  let sum = 0;
  let count = 0;
  for (let i = sortedLosses.length - 1; i >= 0 && sortedLosses[i] >= valueAtRisk; i--) {
    sum += sortedLosses[i];
    count++;
  }
  return { valueAtRisk, expectedShortfall: sum / count };
}

/**
 * Historical VaR/CVaR of `returns` (or P&L) at confidence c: the loss quantile (type 7) and the mean
 * loss beyond it. `horizon` h > 1 uses the overlapping h-day sums of the returns (log returns sum
 * over days; no √h scaling).
 */
export function historicalVar(returns: ArrayLike<number>, confidence: number, horizon = 1): RiskEstimate {
  requireConfidence(confidence);
  requireFiniteSeries('returns', returns, 2);
  const sample = horizon === 1 ? returns : overlappingReturns(returns, horizon);
  const losses = new Float64Array(sample.length);
  for (let i = 0; i < sample.length; i++) losses[i] = -sample[i];
  losses.sort();
  return riskFromSortedLosses(losses, confidence);
}
