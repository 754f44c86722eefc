/**
 * Historical VaR of a portfolio's P&L by full revaluation: every historical h-day move of the
 * underlying (and optionally a vol shift per scenario) is applied to today's spot, each option is
 * repriced with h days less to expiry, and the VaR/ES of the P&L sample are read as for historical
 * returns (Jorion, "Value at Risk", 3rd ed., §10.2 "full valuation").
 */
import { requireFiniteSeries, requireInteger } from '../statistics/validate.js';
import { type MarketState, type Position, portfolioValue, TRADING_DAYS_PER_YEAR } from './positions.js';
import { overlappingReturns } from './returns.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';
import { riskFromSortedLosses } from './var-historical.js';

/**
 * P&L of the portfolio for every overlapping h-day historical log return r: spot S·e^r, options aged
 * h/252 years, P&L = V(shocked) − V(today). Money, not fractions.
 */
export function historicalPnl(
  positions: readonly Position[],
  today: MarketState,
  logReturnSeries: ArrayLike<number>,
  horizon = 1,
): Float64Array {
  requireInteger('horizon', horizon, 1);
  requireFiniteSeries('returns', logReturnSeries, horizon);
  const moves = overlappingReturns(logReturnSeries, horizon);
  const base = portfolioValue(positions, today);
  const elapsed = (today.elapsed ?? 0) + horizon / TRADING_DAYS_PER_YEAR;
  return Float64Array.from(
    moves,
    (r) => portfolioValue(positions, { ...today, spot: today.spot * Math.exp(r), elapsed }) - base,
  );
}

/** Historical full-revaluation VaR/ES of the portfolio's h-day P&L (money; type-7 quantile of −P&L). */
export function portfolioHistoricalVar(
  positions: readonly Position[],
  today: MarketState,
  logReturnSeries: ArrayLike<number>,
  confidence: number,
  horizon = 1,
): RiskEstimate {
  requireConfidence(confidence);
  const pnl = historicalPnl(positions, today, logReturnSeries, horizon);
  const losses = Float64Array.from(pnl, (x) => -x).sort();
  return riskFromSortedLosses(losses, confidence);
}
