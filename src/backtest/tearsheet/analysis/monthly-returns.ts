/** Calendar-month and calendar-year returns compounded from daily equity. */

import { MICROS_PER_DAY, MICROS_PER_MILLI } from '../../../model/time.js';
import type { DailyEquity } from '../../statistics.js';

export interface YearReturns {
  readonly year: number;
  /** Twelve entries, January first: the month's return as a fraction, `null` without data. */
  readonly months: readonly (number | null)[];
  /** Year-end equity / equity before the year's first month − 1 (= the months compounded). */
  readonly total: number | null;
}

/** A ratio return, `null` when the base is not positive (the account was wiped out). */
function growth(end: number, base: number): number | null {
  return base > 0 ? end / base - 1 : null;
}

/**
 * Monthly returns from the daily equity: month-end equity (the last observed date of the month) over
 * the previous month-end equity with data − 1; the first month is relative to `initialCapital`. One
 * row per calendar year from the first to the last year with data (years in between stay empty).
 */
export function monthlyReturns(
  daily: Pick<DailyEquity, 'days' | 'equity'>,
  initialCapital: number,
): YearReturns[] {
  // Month-end equity per month index (year × 12 + month), in time order.
  const monthIndex: number[] = [];
  const monthEnd: number[] = [];
  for (let d = 0; d < daily.days.length; d++) {
    const date = new Date((daily.days[d] * MICROS_PER_DAY) / MICROS_PER_MILLI);
    const index = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (monthIndex.length > 0 && monthIndex[monthIndex.length - 1] === index) {
      monthEnd[monthEnd.length - 1] = daily.equity[d];
    } else {
      monthIndex.push(index);
      monthEnd.push(daily.equity[d]);
    }
  }
  if (monthIndex.length === 0) return [];
  const firstYear = Math.floor(monthIndex[0] / 12);
  const lastYear = Math.floor(monthIndex[monthIndex.length - 1] / 12);
  const rows = new Map<number, { months: (number | null)[]; base: number; end: number | null }>();
  for (let y = firstYear; y <= lastYear; y++)
    rows.set(y, { months: new Array(12).fill(null), base: 0, end: null });
  let previous = initialCapital;
  for (let k = 0; k < monthIndex.length; k++) {
    const row = rows.get(Math.floor(monthIndex[k] / 12))!;
    if (row.end === null) row.base = previous;
    row.months[monthIndex[k] % 12] = growth(monthEnd[k], previous);
    row.end = monthEnd[k];
    previous = monthEnd[k];
  }
  return [...rows.entries()].map(([year, row]) => ({
    year,
    months: row.months,
    total: row.end === null ? null : growth(row.end, row.base),
  }));
}
