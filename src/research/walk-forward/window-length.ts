/**
 * The length of a walk-forward window: a number of bars (`500`) or a calendar span (`90d`, `26w`,
 * `18m`, `2y`). Calendar spans are added in UTC; months and years keep the day of the month,
 * clamped to the month's last day (Jan 31 + 1 month = Feb 28 or 29).
 */
import { BourseError } from '../../core/errors.js';
import { MICROS_PER_DAY, type UnixMicros } from '../../model/time.js';

export type CalendarUnit = 'days' | 'weeks' | 'months' | 'years';

export type WindowLength =
  | { readonly unit: 'bars'; readonly count: number }
  | { readonly unit: CalendarUnit; readonly count: number };

const UNITS: Record<string, CalendarUnit> = { d: 'days', w: 'weeks', m: 'months', y: 'years' };

/** Parses `500`, `90d`, `26w`, `18m` or `2y`; `source` names the flag or key in errors. */
export function parseWindowLength(text: string, source: string): WindowLength {
  const match = /^\s*(\d+)\s*([dwmy]?)\s*$/i.exec(text);
  const count = match ? Number(match[1]) : Number.NaN;
  if (!match || !(count >= 1) || !Number.isSafeInteger(count))
    throw new BourseError(
      'CLI_INVALID',
      `${source}: expected a number of bars (500) or a span such as 90d, 26w, 18m, 2y, got '${text}'`,
    );
  const unit = match[2].toLowerCase();
  return unit === '' ? { unit: 'bars', count } : { unit: UNITS[unit], count };
}

/** `time` moved by `count` × the unit (negative: back), in UTC. */
export function addCalendar(time: UnixMicros, unit: CalendarUnit, count: number): UnixMicros {
  if (unit === 'days') return time + count * MICROS_PER_DAY;
  if (unit === 'weeks') return time + count * 7 * MICROS_PER_DAY;
  const months = unit === 'years' ? 12 * count : count;
  const millis = Math.floor(time / 1000);
  const within = time - millis * 1000;
  const date = new Date(millis);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  return moved * 1000 + within;
}

/** How a length is written back (`500 bars`, `2 years`). */
export function describeWindowLength(length: WindowLength): string {
  const unit = length.count === 1 ? length.unit.slice(0, -1) : length.unit;
  return `${length.count} ${unit}`;
}
