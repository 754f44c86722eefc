import { MICROS_PER_MILLI, MICROS_PER_MINUTE, type UnixMicros } from './time.js';

/** Wall-clock fields of an instant in a time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** Offset of local time from UTC, in minutes (e.g. -300 for New York in winter). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local offset in minutes, cached per zone and UTC quarter hour (DST changes land on those). */
const offsetCache = new Map<string, number>();

function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / 900_000);
  const key = `${timeZone}|${quarter}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(quarter * 900_000)))
    p[part.type] = part.value;
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const offset = Math.round((asUtc - quarter * 900_000) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

export function zonedParts(us: UnixMicros, timeZone: string): ZonedParts {
  const ms = Math.floor(us / MICROS_PER_MILLI);
  const offsetMinutes = offsetAt(ms, timeZone);
  const local = new Date(ms + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    year,
    month,
    day,
    hour,
    minute,
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    offsetMinutes,
  };
}

/**
 * The UTC instant of a local wall-clock time. An ambiguous time (autumn fall-back) takes the
 * earlier instant; a time skipped by the spring-forward gap is moved later by the gap's length
 * (02:30 New York on a spring-forward day is 03:30 EDT), as java.time and Temporal do.
 */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): UnixMicros {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(naive - 86_400_000, timeZone);
  const after = offsetAt(naive + 86_400_000, timeZone);
  const candidates = [before, after]
    .map((offset) => naive - offset * 60_000)
    .filter((instant, i) => offsetAt(instant, timeZone) === (i === 0 ? before : after))
    .sort((a, b) => a - b);
  const instant = candidates[0] ?? naive - before * 60_000; // in the gap: the offset before it
  return instant * MICROS_PER_MILLI;
}

export function weekdayName(weekday: number): string {
  return Object.keys(WEEKDAYS)[weekday];
}

export { MICROS_PER_MINUTE };
