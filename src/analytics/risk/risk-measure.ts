/**
 * The shape every VaR method returns, and the checks of the confidence level shared by them.
 */
import { requireFinite } from '../statistics/validate.js';

/**
 * A VaR estimate at confidence c: both numbers are positive losses (a loss of 0.03 is a 3 % fall in
 * return units, or money when the inputs are P&L). `expectedShortfall` (CVaR) is the mean loss
 * beyond the VaR; it is ≥ `valueAtRisk`.
 */
export interface RiskEstimate {
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
}

/** A VaR confidence level c, strictly between 0 and 1 (e.g. 0.99). */
export function requireConfidence(confidence: number): number {
  requireFinite('confidence', confidence);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be a number in (0, 1), e.g. 0.99, got ${confidence}`);
  }
  return confidence;
}
