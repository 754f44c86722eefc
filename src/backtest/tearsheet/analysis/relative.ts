/** Beta, alpha and correlation of the strategy's daily returns against the benchmark's. */

import { allFinite, mean, sampleCovariance } from '../../../analytics/statistics/sample.js';
import { type DailyEquity, ZERO_DEVIATION } from '../../statistics.js';
import { PERIODS_PER_YEAR } from './rolling.js';

export interface RelativeStatistics {
  /** Daily return pairs used: consecutive dates present in both series. */
  readonly pairs: number;
  /** cov(r_s, r_b) / var(r_b); null when var(r_b) is 0 or there are fewer than 2 pairs. */
  readonly beta: number | null;
  /** (mean(r_s) − β · mean(r_b)) · T, annualised (simple), risk-free rate 0; null with β. */
  readonly alpha: number | null;
  /** cov(r_s, r_b) / (s_s · s_b); null when either deviation is 0 or fewer than 2 pairs. */
  readonly correlation: number | null;
}

/**
 * Paired daily returns on the dates both curves have: for consecutive common dates a < b,
 * r = E_b / E_a − 1 for each. The first common date has no pair (its return would be measured from
 * different bases), so n common dates give n − 1 pairs.
 */
export function pairedReturns(
  a: Pick<DailyEquity, 'days' | 'equity'>,
  b: Pick<DailyEquity, 'days' | 'equity'>,
): { a: number[]; b: number[] } {
  const ra: number[] = [];
  const rb: number[] = [];
  let i = 0;
  let j = 0;
  let prevA = Number.NaN;
  let prevB = Number.NaN;
  let first = true;
  while (i < a.days.length && j < b.days.length) {
    if (a.days[i] < b.days[j]) i++;
    else if (a.days[i] > b.days[j]) j++;
    else {
      if (!first) {
        ra.push(prevA > 0 ? a.equity[i] / prevA - 1 : Number.NaN);
        rb.push(prevB > 0 ? b.equity[j] / prevB - 1 : Number.NaN);
      }
      first = false;
      prevA = a.equity[i++];
      prevB = b.equity[j++];
    }
  }
  return { a: ra, b: rb };
}

export function relativeStatistics(
  strategy: Pick<DailyEquity, 'days' | 'equity'>,
  benchmark: Pick<DailyEquity, 'days' | 'equity'>,
  periodsPerYear = PERIODS_PER_YEAR,
): RelativeStatistics {
  const { a, b } = pairedReturns(strategy, benchmark);
  const pairs = a.length;
  const none = { pairs, beta: null, alpha: null, correlation: null };
  if (pairs < 2 || !allFinite(a) || !allFinite(b)) return none;
  const varB = sampleCovariance(b, b);
  const varA = sampleCovariance(a, a);
  if (!(Math.sqrt(varB) > ZERO_DEVIATION)) return none;
  const cov = sampleCovariance(a, b);
  const beta = cov / varB;
  return {
    pairs,
    beta,
    alpha: (mean(a) - beta * mean(b)) * periodsPerYear,
    correlation: Math.sqrt(varA) > ZERO_DEVIATION ? cov / Math.sqrt(varA * varB) : null,
  };
}
