/**
 * Kernel time: microseconds since the Unix epoch, UTC. A plain number is exact up to 2^53 µs
 * (year 2255), so arithmetic never needs BigInt on the hot path.
 */
export type UnixMicros = number;

export const MICROS_PER_MILLI = 1_000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

export function microsFromMillis(ms: number): UnixMicros {
  return Math.round(ms * MICROS_PER_MILLI);
}

export function millisFromMicros(us: UnixMicros): number {
  return Math.floor(us / MICROS_PER_MILLI);
}

/** ISO-8601 UTC with microsecond precision when it has any, millisecond otherwise. */
export function isoFromMicros(us: UnixMicros): string {
  const ms = Math.floor(us / MICROS_PER_MILLI);
  const iso = new Date(ms).toISOString();
  const sub = us - ms * MICROS_PER_MILLI;
  return sub === 0 ? iso : `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

/**
 * Parses an ISO-8601 timestamp (fraction up to nanoseconds, `Z` or an offset; naive means UTC)
 * into micros. Nanoseconds round half up to the microsecond, in integer arithmetic.
 */
export function microsFromIso(text: string): UnixMicros {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) throw new RangeError(`not an ISO-8601 timestamp: '${text}'`);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new RangeError(`not a valid date/time: '${text}'`);
  }
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes =
      (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return (wall - offsetMinutes * 60_000) * MICROS_PER_MILLI + Math.floor((nanos + 500) / 1000);
}

/** Midnight UTC of a `YYYY-MM-DD` date, in micros. */
export function microsFromDate(date: string): UnixMicros {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: '${date}'`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`no such date: '${date}'`);
  }
  return ms * MICROS_PER_MILLI;
}

/** A trading day as a whole number (days since the epoch); compared to decide DAY expiry and settlement. */
export type TradingDayOf = (ts: UnixMicros) => number;

/** The default trading day: the UTC calendar day. */
export const utcDay: TradingDayOf = (ts) => Math.floor(ts / MICROS_PER_DAY);

/** `YYYY-MM-DD` of a UTC timestamp. */
export function utcDateOf(us: UnixMicros): string {
  return new Date(Math.floor(us / MICROS_PER_MILLI)).toISOString().slice(0, 10);
}
