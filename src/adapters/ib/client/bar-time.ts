/**
 * Bar times and sizes as the TWS API spells them: bar dates arrive as epoch seconds (formatDate 2,
 * what the adapter asks for) or as `yyyyMMdd HH:mm:ss [zone]` text (formatDate 1; without a zone
 * they are in `defaultZone`, the gateway's time zone); bar sizes as "5 secs", "1 min", "2 hours".
 */
import { MICROS_PER_SECOND, type UnixMicros } from '../../../model/time.js';
import { zonedTimeToUtc } from '../../../model/timezone.js';

const ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  GMT: 'UTC',
  'US/CENTRAL': 'America/Chicago',
  'US/EASTERN': 'America/New_York',
  'US/PACIFIC': 'America/Los_Angeles',
  EST: 'America/New_York',
};

/** The open time a bar date names. Throws a RangeError quoting the text it cannot read. */
export function parseIbBarTime(text: string, defaultZone = 'America/Chicago'): UnixMicros {
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * MICROS_PER_SECOND;
  const m = /^(\d{4})(\d{2})(\d{2})(?:[- ]+(\d{2}):(\d{2}):(\d{2}))?(?:\s+(\S+))?$/.exec(t);
  if (!m) throw new RangeError(`IB bar date '${text}' is neither epoch seconds nor yyyyMMdd HH:mm:ss`);
  const named = m[7];
  const zone = named === undefined ? defaultZone : (ZONES[named.toUpperCase()] ?? named);
  try {
    const minuteStart = zonedTimeToUtc(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      zone,
    );
    return minuteStart + Number(m[6] ?? 0) * MICROS_PER_SECOND;
  } catch {
    throw new RangeError(`IB bar date '${text}': unknown time zone '${zone}'`);
  }
}

/** IB's intraday bar sizes, in seconds. */
const IB_BAR_SECONDS: readonly number[] = [
  1, 5, 10, 15, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 14_400, 28_800,
];

/** `barSizeSetting` for a bar length in micros ("1 min", "5 secs", "1 hour"); throws when IB has no such size. */
export function ibBarSizeSetting(lengthMicros: number): string {
  const seconds = lengthMicros / MICROS_PER_SECOND;
  if (!IB_BAR_SECONDS.includes(seconds))
    throw new RangeError(
      `bar length ${seconds} s is not an IB bar size (seconds: ${IB_BAR_SECONDS.join(', ')})`,
    );
  if (seconds < 60) return `${seconds} secs`;
  if (seconds < 3600) return seconds === 60 ? '1 min' : `${seconds / 60} mins`;
  return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
}

/** `durationStr` covering at least `micros` ("N S" up to a day, whole days beyond — IB refuses S above 86 400). */
export function ibDurationCovering(micros: number): string {
  const seconds = Math.max(1, Math.ceil(micros / MICROS_PER_SECOND));
  return seconds <= 86_400 ? `${seconds} S` : `${Math.ceil(seconds / 86_400)} D`;
}
