/** Rolling annualised Sharpe ratio and volatility over a window of daily returns. */

import { allFinite, mean, sampleStdDev } from '../../../analytics/statistics/sample.js';
import { MICROS_PER_DAY } from '../../../model/time.js';
import { type DailyEquity, ZERO_DEVIATION } from '../../statistics.js';

/** Daily returns in each rolling window (about six months of trading days). */
export const ROLLING_WINDOW_DAYS = 126;

/** Periods per year used to annualise daily figures, as in docs/statistics.md. */
export const PERIODS_PER_YEAR = 252;

export interface RollingRisk {
  /** Midnight (UTC) of the window's last day, one entry per complete window. */
  readonly time: number[];
  /** mean(r) / s · √T over the window (risk-free rate 0); NaN when s ≤ 1e-12 or a return is undefined. */
  readonly sharpe: number[];
  /** s · √T, s the sample standard deviation of the window's returns; NaN when a return is undefined. */
  readonly volatility: number[];
}

/**
 * Rolling risk over `window` consecutive daily returns: the value at day d uses returns d − window + 1
 * … d. Empty when there are fewer than `window` returns.
 */
export function rollingRisk(
  daily: Pick<DailyEquity, 'days' | 'returns'>,
  window = ROLLING_WINDOW_DAYS,
  periodsPerYear = PERIODS_PER_YEAR,
): RollingRisk {
  const out: RollingRisk = { time: [], sharpe: [], volatility: [] };
  const { days, returns } = daily;
  if (window < 2) throw new RangeError(`rolling window must be at least 2 returns, got ${window}`);
  const sqrtYear = Math.sqrt(periodsPerYear);
  for (let end = window; end <= returns.length; end++) {
    const from = end - window;
    out.time.push(days[end - 1] * MICROS_PER_DAY);
    if (!allFinite(returns, from, end)) {
      out.sharpe.push(Number.NaN);
      out.volatility.push(Number.NaN);
      continue;
    }
    const sd = sampleStdDev(returns, from, end);
    out.volatility.push(sd * sqrtYear);
    out.sharpe.push(sd > ZERO_DEVIATION ? (mean(returns, from, end) / sd) * sqrtYear : Number.NaN);
  }
  return out;
}
