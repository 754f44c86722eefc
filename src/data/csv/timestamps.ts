/**
 * Date and time fields without regular expressions or `Date` parsing: calendar arithmetic on day
 * numbers (days since 1970-01-01), conversion of naive wall-clock times in an IANA zone to UTC micros.
 */
import { MICROS_PER_DAY, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../model/time.js';
import { zonedTimeToUtc } from '../../model/timezone.js';

/** Day number of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Date of a day number (inverse of `daysFromCivil`). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a `YYYY-MM-DD` date, or NaN when it is malformed or no such date (2006-02-30). */
export function parseDateDays(text: string): number {
  return parseDateDaysAt(text, 0, text.length);
}

/** `parseDateDays` of `text[start, end)`. */
export function parseDateDaysAt(text: string, start: number, end: number): number {
  return parseDateAt(text, start, end) ? parsedDays : Number.NaN;
}

/** Seconds since midnight of `HH:MM:SS` or `HH:MM` (00:00 to 23:59:59), or NaN. */
export function parseTimeSeconds(text: string): number {
  return parseTimeSecondsAt(text, 0, text.length);
}

/** `parseTimeSeconds` of `text[start, end)`. */
export function parseTimeSecondsAt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n !== 5 && n !== 8) return Number.NaN;
  const hour = digitsAt(text, start, 2);
  const minute = digitsAt(text, start + 3, 2);
  const second = n === 8 ? digitsAt(text, start + 6, 2) : 0;
  if (text.charCodeAt(start + 2) !== 58 || (n === 8 && text.charCodeAt(start + 5) !== 58)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  return hour * 3600 + minute * 60 + second;
}

/**
 * UTC micros of an ISO-8601 date-time: `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]` then `Z`, `±HH:MM`,
 * `±HHMM`, `±HH` or nothing. Naive times are read in `timeZone`; the fraction (up to 9 digits) is
 * rounded to microseconds. NaN when malformed.
 */
export function parseIsoMicros(text: string, timeZone: string): number {
  return parseIsoMicrosAt(text, 0, text.length, timeZone);
}

/** `parseIsoMicros` of `text[start, end)`. */
export function parseIsoMicrosAt(text: string, start: number, end: number, timeZone: string): number {
  if (end - start < 16 || !parseDateAt(text, start, start + 10)) return Number.NaN;
  const days = parsedDays;
  const separator = text.charCodeAt(start + 10);
  if (separator !== 84 && separator !== 32) return Number.NaN;
  const hour = digitsAt(text, start + 11, 2);
  const minute = digitsAt(text, start + 14, 2);
  if (text.charCodeAt(start + 13) !== 58 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return Number.NaN;
  let i = start + 16;
  let second = 0;
  let micros = 0;
  if (i < end && text.charCodeAt(i) === 58) {
    if (i + 3 > end) return Number.NaN;
    second = digitsAt(text, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (i < end && text.charCodeAt(i) === 46) {
      let j = i + 1;
      let fraction = 0;
      let scale = 1;
      while (j < end && j - i <= 9) {
        const digit = text.charCodeAt(j) - 48;
        if (digit < 0 || digit > 9) break;
        fraction = fraction * 10 + digit;
        scale *= 10;
        j++;
      }
      if (j === i + 1) return Number.NaN;
      micros = Math.round((fraction * MICROS_PER_SECOND) / scale);
      i = j;
    }
  }
  const naive = days * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + micros;
  if (i === end) return localToUtcMicros(naive, timeZone);
  const zone = text.charCodeAt(i);
  if ((zone === 90 || zone === 122) && i + 1 === end) return naive;
  if (zone !== 43 && zone !== 45) return Number.NaN;
  const rest = end - i - 1;
  const offsetHours = digitsAt(text, i + 1, 2);
  let offsetMinutes = 0;
  if (rest === 5 && text.charCodeAt(i + 3) === 58) offsetMinutes = digitsAt(text, i + 4, 2);
  else if (rest === 4) offsetMinutes = digitsAt(text, i + 3, 2);
  else if (rest !== 2) return Number.NaN;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return Number.NaN;
  const offset = (offsetHours * 60 + offsetMinutes) * MICROS_PER_MINUTE;
  return zone === 43 ? naive - offset : naive + offset;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu']);

export function isUtcZone(timeZone: string): boolean {
  return UTC_NAMES.has(timeZone);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * UTC micros of a naive wall-clock time given as micros "as if UTC". A time skipped by a DST change
 * takes the later offset; a repeated one is ambiguous (see `zonedTimeToUtc`).
 */
export function localToUtcMicros(naive: number, timeZone: string): number {
  if (isUtcZone(timeZone)) return naive;
  const days = Math.floor(naive / MICROS_PER_DAY);
  const ofDay = naive - days * MICROS_PER_DAY;
  const minuteOfDay = Math.floor(ofDay / MICROS_PER_MINUTE);
  const { year, month, day } = civilFromDays(days);
  const minuteStart = zonedTimeToUtc(
    year,
    month,
    day,
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
    timeZone,
  );
  return minuteStart + (ofDay - minuteOfDay * MICROS_PER_MINUTE);
}

/** UTC micros of local midnight starting the given day number in `timeZone`. */
export function localMidnightMicros(days: number, timeZone: string): number {
  return localToUtcMicros(days * MICROS_PER_DAY, timeZone);
}

/** Day number `months` calendar months after `days`, the day of month clamped to the target month. */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Result slot of `parseDateAt` (avoids allocating an object per row). */
let parsedDays = 0;

function parseDateAt(text: string, start: number, end: number): boolean {
  if (end - start !== 10 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45)
    return false;
  const year = digitsAt(text, start, 4);
  const month = digitsAt(text, start + 5, 2);
  const day = digitsAt(text, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  parsedDays = daysFromCivil(year, month, day);
  return true;
}

/** Value of `count` decimal digits at `start`, or -1 if any is not a digit (or missing). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}
