/** Calendar-aware UTC time-axis ticks. */
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  type UnixMicros,
} from '../../../model/time.js';

export interface TimeTick {
  readonly time: UnixMicros;
  readonly label: string;
}

interface FixedStep {
  readonly micros: number;
  readonly unit: 'second' | 'minute' | 'day' | 'week';
}

const FIXED_STEPS: readonly FixedStep[] = [
  { micros: MICROS_PER_SECOND, unit: 'second' },
  { micros: 5 * MICROS_PER_SECOND, unit: 'second' },
  { micros: 15 * MICROS_PER_SECOND, unit: 'second' },
  { micros: 30 * MICROS_PER_SECOND, unit: 'second' },
  { micros: MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 5 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 15 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 30 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: MICROS_PER_HOUR, unit: 'minute' },
  { micros: 3 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: 6 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: 12 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: MICROS_PER_DAY, unit: 'day' },
  { micros: 2 * MICROS_PER_DAY, unit: 'day' },
  { micros: 7 * MICROS_PER_DAY, unit: 'week' },
  { micros: 14 * MICROS_PER_DAY, unit: 'week' },
];
const MONTH_STEPS = [1, 2, 3, 6] as const;
/** The Unix epoch was a Thursday: weekly ticks are shifted to fall on Mondays. */
const MONDAY_OFFSET = 4 * MICROS_PER_DAY;

function iso(time: UnixMicros): string {
  return new Date(Math.floor(time / MICROS_PER_MILLI)).toISOString();
}

/**
 * UTC time-axis ticks over [t0, t1], at most `maxTicks` intervals, on round calendar boundaries (whole
 * seconds/minutes/hours, days, Mondays, month or year starts), labelled at the step's resolution.
 */
export function timeTicks(t0: UnixMicros, t1: UnixMicros, maxTicks = 8): TimeTick[] {
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t1 < t0) return [];
  if (t1 === t0) return [{ time: t0, label: iso(t0).slice(0, 19).replace('T', ' ') }];
  const span = t1 - t0;
  const limit = Math.max(2, maxTicks);
  for (const step of FIXED_STEPS) {
    if (span / step.micros > limit) continue;
    return fixedTicks(t0, t1, step);
  }
  const start = new Date(Math.floor(t0 / MICROS_PER_MILLI));
  const end = new Date(Math.floor(t1 / MICROS_PER_MILLI));
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  for (const step of MONTH_STEPS) {
    if (months / step > limit) continue;
    return calendarTicks(t0, t1, step, (text) => text.slice(0, 7));
  }
  const years = end.getUTCFullYear() - start.getUTCFullYear();
  let step = 1;
  for (const candidate of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    step = candidate;
    if (years / candidate <= limit) break;
  }
  return calendarTicks(t0, t1, step * 12, (text) => text.slice(0, 4));
}

/** Ticks every `step.micros` in [t0, t1] (weekly ones on Mondays), labelled at the step's unit. */
function fixedTicks(t0: UnixMicros, t1: UnixMicros, step: FixedStep): TimeTick[] {
  const span = t1 - t0;
  const offset = step.unit === 'week' ? MONDAY_OFFSET : 0;
  const ticks: TimeTick[] = [];
  for (let t = Math.ceil((t0 - offset) / step.micros) * step.micros + offset; t <= t1; t += step.micros) {
    const text = iso(t);
    const label =
      step.unit === 'second'
        ? text.slice(11, 19)
        : step.unit === 'minute'
          ? span > MICROS_PER_DAY
            ? `${text.slice(5, 10)} ${text.slice(11, 16)}`
            : text.slice(11, 16)
          : text.slice(0, 10);
    ticks.push({ time: t, label });
  }
  return ticks;
}

/** Month starts (UTC) in [t0, t1] whose month index is a multiple of `stepMonths`. */
function calendarTicks(
  t0: UnixMicros,
  t1: UnixMicros,
  stepMonths: number,
  label: (iso: string) => string,
): TimeTick[] {
  const start = new Date(Math.floor(t0 / MICROS_PER_MILLI));
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  index = Math.ceil(index / stepMonths) * stepMonths;
  const ticks: TimeTick[] = [];
  for (; ; index += stepMonths) {
    const t = Date.UTC(Math.floor(index / 12), index % 12, 1) * MICROS_PER_MILLI;
    if (t < t0) continue;
    if (t > t1) break;
    ticks.push({ time: t, label: label(iso(t)) });
  }
  return ticks;
}
