/**
 * The CME Group holiday calendar as data: which dates are not business days (no trade date, no
 * settlement) and which trade an abbreviated Globex session, 2013–2027.
 *
 * Kinds:
 * - `closed`: no Globex trading at all for the trade date (New Year's Day, Good Friday, Christmas).
 * - `holiday`: not a business day, but Globex trades an abbreviated session that halts at
 *   `equityClose` (12:00 Chicago for equity index futures); those trades belong to the next trade
 *   date (MLK, Presidents', Memorial, Juneteenth, Independence, Labor, Thanksgiving).
 * - `early-close`: a business day whose session ends early (`equityClose`, 12:15 Chicago for equity
 *   index futures): the day after Thanksgiving, Christmas Eve, July 3 before a weekday July 4.
 *
 * Observed-date rules (as CME follows the NYSE): a holiday on a Saturday is observed on the Friday
 * before, on a Sunday the Monday after — except New Year's Day on a Saturday, which is not
 * observed at all (2022: Friday 2021-12-31 traded). Juneteenth is a CME holiday from 2022.
 *
 * `sessions.ts` turns this table into the session calendar of `CME_GLOBEX_EQUITY`
 * (`cmeEquitySessionCalendar`); this module imports nothing, so no import cycle arises.
 *
 * Sources: CME Group holiday calendars and the yearly "CME Globex holiday schedule" notices, as
 * remembered (not fetched); the NYSE holiday rules. Unsure: (1) the equity close times are the
 * equity index times only (energy, metals, rates and FX halt at other times, e.g. 12:00/12:15 CT
 * for most, 13:30 ET for energy); (2) Good Friday 2015, 2021 and 2023 fell on a payrolls day and
 * equity index futures traded an abbreviated session to 08:15 CT — 2026-04-03 may do the same;
 * (3) the national days of mourning 2018-12-05 and 2025-01-09 were business days with an early
 * equity close whose exact time is not recorded here.
 */

export type CmeHolidayKind = 'closed' | 'holiday' | 'early-close';

export interface CmeHoliday {
  /** Calendar date `YYYY-MM-DD` (the trade date). */
  readonly date: string;
  readonly kind: CmeHolidayKind;
  readonly name: string;
  /** When the equity index Globex session ends that day, `HH:MM` Chicago, where known. */
  readonly equityClose?: string;
  readonly note?: string;
}

/** First and last dates (inclusive) the holiday table covers. */
export const CME_CALENDAR_FIRST = '2013-01-01';
export const CME_CALENDAR_LAST = '2027-12-31';

type Row = readonly [string, CmeHolidayKind, string, string?];

const ROWS: readonly Row[] = [
  ['2013-01-01', 'closed', "New Year's Day"],
  ['2013-01-21', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2013-02-18', 'holiday', "Presidents' Day", '12:00'],
  ['2013-03-29', 'closed', 'Good Friday'],
  ['2013-05-27', 'holiday', 'Memorial Day', '12:00'],
  ['2013-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2013-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2013-09-02', 'holiday', 'Labor Day', '12:00'],
  ['2013-11-28', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2013-11-29', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2013-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2013-12-25', 'closed', 'Christmas Day'],
  ['2014-01-01', 'closed', "New Year's Day"],
  ['2014-01-20', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2014-02-17', 'holiday', "Presidents' Day", '12:00'],
  ['2014-04-18', 'closed', 'Good Friday'],
  ['2014-05-26', 'holiday', 'Memorial Day', '12:00'],
  ['2014-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2014-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2014-09-01', 'holiday', 'Labor Day', '12:00'],
  ['2014-11-27', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2014-11-28', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2014-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2014-12-25', 'closed', 'Christmas Day'],
  ['2015-01-01', 'closed', "New Year's Day"],
  ['2015-01-19', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2015-02-16', 'holiday', "Presidents' Day", '12:00'],
  ['2015-04-03', 'holiday', 'Good Friday', '08:15'],
  ['2015-05-25', 'holiday', 'Memorial Day', '12:00'],
  ['2015-07-03', 'holiday', 'Independence Day', '12:00'],
  ['2015-09-07', 'holiday', 'Labor Day', '12:00'],
  ['2015-11-26', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2015-11-27', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2015-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2015-12-25', 'closed', 'Christmas Day'],
  ['2016-01-01', 'closed', "New Year's Day"],
  ['2016-01-18', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2016-02-15', 'holiday', "Presidents' Day", '12:00'],
  ['2016-03-25', 'closed', 'Good Friday'],
  ['2016-05-30', 'holiday', 'Memorial Day', '12:00'],
  ['2016-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2016-09-05', 'holiday', 'Labor Day', '12:00'],
  ['2016-11-24', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2016-11-25', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2016-12-26', 'closed', 'Christmas Day'],
  ['2017-01-02', 'closed', "New Year's Day"],
  ['2017-01-16', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2017-02-20', 'holiday', "Presidents' Day", '12:00'],
  ['2017-04-14', 'closed', 'Good Friday'],
  ['2017-05-29', 'holiday', 'Memorial Day', '12:00'],
  ['2017-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2017-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2017-09-04', 'holiday', 'Labor Day', '12:00'],
  ['2017-11-23', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2017-11-24', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2017-12-25', 'closed', 'Christmas Day'],
  ['2018-01-01', 'closed', "New Year's Day"],
  ['2018-01-15', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2018-02-19', 'holiday', "Presidents' Day", '12:00'],
  ['2018-03-30', 'closed', 'Good Friday'],
  ['2018-05-28', 'holiday', 'Memorial Day', '12:00'],
  ['2018-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2018-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2018-09-03', 'holiday', 'Labor Day', '12:00'],
  ['2018-11-22', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2018-11-23', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2018-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2018-12-25', 'closed', 'Christmas Day'],
  ['2019-01-01', 'closed', "New Year's Day"],
  ['2019-01-21', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2019-02-18', 'holiday', "Presidents' Day", '12:00'],
  ['2019-04-19', 'closed', 'Good Friday'],
  ['2019-05-27', 'holiday', 'Memorial Day', '12:00'],
  ['2019-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2019-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2019-09-02', 'holiday', 'Labor Day', '12:00'],
  ['2019-11-28', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2019-11-29', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2019-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2019-12-25', 'closed', 'Christmas Day'],
  ['2020-01-01', 'closed', "New Year's Day"],
  ['2020-01-20', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2020-02-17', 'holiday', "Presidents' Day", '12:00'],
  ['2020-04-10', 'closed', 'Good Friday'],
  ['2020-05-25', 'holiday', 'Memorial Day', '12:00'],
  ['2020-07-03', 'holiday', 'Independence Day', '12:00'],
  ['2020-09-07', 'holiday', 'Labor Day', '12:00'],
  ['2020-11-26', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2020-11-27', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2020-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2020-12-25', 'closed', 'Christmas Day'],
  ['2021-01-01', 'closed', "New Year's Day"],
  ['2021-01-18', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2021-02-15', 'holiday', "Presidents' Day", '12:00'],
  ['2021-04-02', 'holiday', 'Good Friday', '08:15'],
  ['2021-05-31', 'holiday', 'Memorial Day', '12:00'],
  ['2021-07-05', 'holiday', 'Independence Day', '12:00'],
  ['2021-09-06', 'holiday', 'Labor Day', '12:00'],
  ['2021-11-25', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2021-11-26', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2021-12-24', 'closed', 'Christmas Day'],
  ['2022-01-17', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2022-02-21', 'holiday', "Presidents' Day", '12:00'],
  ['2022-04-15', 'closed', 'Good Friday'],
  ['2022-05-30', 'holiday', 'Memorial Day', '12:00'],
  ['2022-06-20', 'holiday', 'Juneteenth', '12:00'],
  ['2022-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2022-09-05', 'holiday', 'Labor Day', '12:00'],
  ['2022-11-24', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2022-11-25', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2022-12-26', 'closed', 'Christmas Day'],
  ['2023-01-02', 'closed', "New Year's Day"],
  ['2023-01-16', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2023-02-20', 'holiday', "Presidents' Day", '12:00'],
  ['2023-04-07', 'holiday', 'Good Friday', '08:15'],
  ['2023-05-29', 'holiday', 'Memorial Day', '12:00'],
  ['2023-06-19', 'holiday', 'Juneteenth', '12:00'],
  ['2023-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2023-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2023-09-04', 'holiday', 'Labor Day', '12:00'],
  ['2023-11-23', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2023-11-24', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2023-12-25', 'closed', 'Christmas Day'],
  ['2024-01-01', 'closed', "New Year's Day"],
  ['2024-01-15', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2024-02-19', 'holiday', "Presidents' Day", '12:00'],
  ['2024-03-29', 'closed', 'Good Friday'],
  ['2024-05-27', 'holiday', 'Memorial Day', '12:00'],
  ['2024-06-19', 'holiday', 'Juneteenth', '12:00'],
  ['2024-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2024-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2024-09-02', 'holiday', 'Labor Day', '12:00'],
  ['2024-11-28', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2024-11-29', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2024-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2024-12-25', 'closed', 'Christmas Day'],
  ['2025-01-01', 'closed', "New Year's Day"],
  ['2025-01-20', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2025-02-17', 'holiday', "Presidents' Day", '12:00'],
  ['2025-04-18', 'closed', 'Good Friday'],
  ['2025-05-26', 'holiday', 'Memorial Day', '12:00'],
  ['2025-06-19', 'holiday', 'Juneteenth', '12:00'],
  ['2025-07-03', 'early-close', 'Independence Day eve', '12:15'],
  ['2025-07-04', 'holiday', 'Independence Day', '12:00'],
  ['2025-09-01', 'holiday', 'Labor Day', '12:00'],
  ['2025-11-27', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2025-11-28', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2025-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2025-12-25', 'closed', 'Christmas Day'],
  ['2026-01-01', 'closed', "New Year's Day"],
  ['2026-01-19', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2026-02-16', 'holiday', "Presidents' Day", '12:00'],
  ['2026-04-03', 'closed', 'Good Friday'],
  ['2026-05-25', 'holiday', 'Memorial Day', '12:00'],
  ['2026-06-19', 'holiday', 'Juneteenth', '12:00'],
  ['2026-07-03', 'holiday', 'Independence Day', '12:00'],
  ['2026-09-07', 'holiday', 'Labor Day', '12:00'],
  ['2026-11-26', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2026-11-27', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2026-12-24', 'early-close', 'Christmas Eve', '12:15'],
  ['2026-12-25', 'closed', 'Christmas Day'],
  ['2027-01-01', 'closed', "New Year's Day"],
  ['2027-01-18', 'holiday', 'Martin Luther King Jr. Day', '12:00'],
  ['2027-02-15', 'holiday', "Presidents' Day", '12:00'],
  ['2027-03-26', 'closed', 'Good Friday'],
  ['2027-05-31', 'holiday', 'Memorial Day', '12:00'],
  ['2027-06-18', 'holiday', 'Juneteenth', '12:00'],
  ['2027-07-05', 'holiday', 'Independence Day', '12:00'],
  ['2027-09-06', 'holiday', 'Labor Day', '12:00'],
  ['2027-11-25', 'holiday', 'Thanksgiving Day', '12:00'],
  ['2027-11-26', 'early-close', 'Day after Thanksgiving', '12:15'],
  ['2027-12-24', 'closed', 'Christmas Day'],
];

const SPECIAL: readonly CmeHoliday[] = [
  {
    date: '2018-12-05',
    kind: 'early-close',
    name: 'National Day of Mourning (George H. W. Bush)',
    note: 'NYSE closed; CME equity index futures traded an abbreviated session (exact close not recorded)',
  },
  {
    date: '2025-01-09',
    kind: 'early-close',
    name: 'National Day of Mourning (Jimmy Carter)',
    note: 'NYSE closed; CME equity index futures traded an abbreviated session (exact close not recorded)',
  },
];

/** Every entry of the table, in date order. */
export const CME_HOLIDAYS: readonly CmeHoliday[] = [
  ...ROWS.map(([date, kind, name, equityClose]) =>
    equityClose === undefined ? { date, kind, name } : { date, kind, name, equityClose },
  ),
  ...SPECIAL,
].sort((a, b) => a.date.localeCompare(b.date));

const BY_DATE = new Map(CME_HOLIDAYS.map((h) => [h.date, h]));

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDate(date: string): Date {
  const m = DATE_RE.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== date) throw new RangeError(`not a YYYY-MM-DD date: '${date}'`);
  return d;
}

/** `date` plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The table entry of a date (holiday or early close), if any. */
export function cmeHoliday(date: string): CmeHoliday | undefined {
  toUtcDate(date);
  return BY_DATE.get(date);
}

/** True when the date lies inside the table's coverage. */
export function isCovered(date: string): boolean {
  toUtcDate(date);
  return date >= CME_CALENDAR_FIRST && date <= CME_CALENDAR_LAST;
}

/**
 * A CME business day: a weekday that is neither `closed` nor `holiday` (early closes are business
 * days). Throws outside 2013–2027, where the table does not know the holidays.
 */
export function isBusinessDay(date: string): boolean {
  if (!isCovered(date)) {
    throw new RangeError(
      `CME calendar covers ${CME_CALENDAR_FIRST} … ${CME_CALENDAR_LAST}, not '${date}' (extend CME_HOLIDAYS)`,
    );
  }
  return isBusinessDayLenient(date);
}

/**
 * Like `isBusinessDay`, but outside the table's coverage only weekends are known to be closed.
 * For expiry rules of far contracts, which must not throw; may be a holiday off there.
 */
export function isBusinessDayLenient(date: string): boolean {
  const weekday = toUtcDate(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const h = BY_DATE.get(date);
  return h === undefined || h.kind === 'early-close';
}

function step(date: string, n: number, direction: 1 | -1, isBusiness: (d: string) => boolean): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`business-day count must be an integer >= 0, got ${n}`);
  let d = date;
  for (let left = n; left > 0; ) {
    d = addCalendarDays(d, direction);
    if (isBusiness(d)) left--;
  }
  return d;
}

/**
 * The n-th business day strictly before `date` (`date` itself need not be a business day);
 * n = 0 returns `date`. `businessDaysBefore('2013-12-20', 8)` = '2013-12-10'.
 */
export function businessDaysBefore(date: string, n: number, lenient = false): string {
  return step(date, n, -1, lenient ? isBusinessDayLenient : isBusinessDay);
}

/** The n-th business day strictly after `date`; n = 0 returns `date`. */
export function businessDaysAfter(date: string, n: number, lenient = false): string {
  return step(date, n, 1, lenient ? isBusinessDayLenient : isBusinessDay);
}

/** The latest business day on or before `date`. */
export function businessDayOnOrBefore(date: string, lenient = false): string {
  const isBusiness = lenient ? isBusinessDayLenient : isBusinessDay;
  return isBusiness(date) ? date : businessDaysBefore(date, 1, lenient);
}

/** Business days in the calendar month (1–12), in order. */
export function businessDaysOfMonth(year: number, month: number, lenient = false): string[] {
  const isBusiness = lenient ? isBusinessDayLenient : isBusinessDay;
  const out: string[] = [];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let day = 1; day <= days; day++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (isBusiness(date)) out.push(date);
  }
  return out;
}
