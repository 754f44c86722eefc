/**
 * The text parameters of `reqHistoricalData` as TWS reads them: `barSizeSetting` ("1 min", "5 secs",
 * "1 hour"), `durationStr` ("3600 S", "1 D", "2 W") and `endDateTime` (empty = now). Each parser
 * throws a RangeError naming the field and the value it cannot read.
 */
import { MICROS_PER_DAY, MICROS_PER_SECOND, type UnixMicros } from '../../../../model/time.js';
import { parseFilterTime } from '../time-format.js';

/** IB's bar sizes with a fixed length (day/week/month bars follow sessions and are not simulated). */
const BAR_SIZE_SECONDS: Readonly<Record<string, number>> = {
  '1 secs': 1,
  '5 secs': 5,
  '10 secs': 10,
  '15 secs': 15,
  '30 secs': 30,
  '1 min': 60,
  '2 mins': 120,
  '3 mins': 180,
  '5 mins': 300,
  '10 mins': 600,
  '15 mins': 900,
  '20 mins': 1200,
  '30 mins': 1800,
  '1 hour': 3600,
  '2 hours': 7200,
  '3 hours': 10_800,
  '4 hours': 14_400,
  '8 hours': 28_800,
};

/** Bar sizes IB knows but the simulator cannot build from intraday bars. */
const SESSION_BAR_SIZES: ReadonlySet<string> = new Set(['1 day', '1 week', '1 month']);

/** How a bar size setting is spelt for IB from a length in seconds ("1 min", "5 secs"), if IB has it. */
export function barSizeSetting(seconds: number): string | undefined {
  return Object.entries(BAR_SIZE_SECONDS).find(([, s]) => s === seconds)?.[0];
}

export type BarSizeParse =
  | { readonly kind: 'fixed'; readonly micros: number }
  | { readonly kind: 'session'; readonly setting: string };

/** "1 min" → 60 s in micros; "1 day" → session (not simulated); anything else throws. */
export function parseBarSize(text: string): BarSizeParse {
  const normalised = text.trim().replace(/\s+/g, ' ').toLowerCase();
  // IB also accepts the singular/plural variants "1 mins", "5 sec".
  const key = Object.keys(BAR_SIZE_SECONDS).find(
    (k) => k === normalised || k.replace(/s$/, '') === normalised.replace(/s$/, ''),
  );
  if (key !== undefined) return { kind: 'fixed', micros: BAR_SIZE_SECONDS[key] * MICROS_PER_SECOND };
  if (SESSION_BAR_SIZES.has(normalised)) return { kind: 'session', setting: normalised };
  throw new RangeError(
    `barSizeSetting: '${text}' is not an IB bar size (one of ${[...Object.keys(BAR_SIZE_SECONDS), ...SESSION_BAR_SIZES].join(', ')})`,
  );
}

const DURATION_UNIT_MICROS: Readonly<Record<string, number>> = {
  S: MICROS_PER_SECOND,
  D: MICROS_PER_DAY,
  W: 7 * MICROS_PER_DAY,
  M: 30 * MICROS_PER_DAY,
  Y: 365 * MICROS_PER_DAY,
};

/** "3600 S", "1 D", "2 W", "1 M", "1 Y" → micros (calendar days; IB counts D/W in calendar days too). */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s+([SDWMY])\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0)
    throw new RangeError(`durationStr: '${text}' is not '<positive integer> <S|D|W|M|Y>' (e.g. '1 D')`);
  return Number(m[1]) * DURATION_UNIT_MICROS[m[2].toUpperCase()];
}

/** `endDateTime`: empty = `now`; else `yyyyMMdd HH:mm:ss [zone]` (Chicago when no zone) or `yyyyMMdd-HH:mm:ss` UTC. */
export function parseEndDateTime(text: string, now: UnixMicros): UnixMicros {
  try {
    return parseFilterTime(text) ?? now;
  } catch (error) {
    throw new RangeError(`endDateTime: ${(error as Error).message.replace('execution filter time', 'time')}`);
  }
}
