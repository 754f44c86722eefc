/** Inferring the bar length of a file from the spacing of its time stamps. */
import { DataError } from '../../core/errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../model/time.js';
import type { CsvBarSpec } from './types.js';

const MINUTES_PER_DAY = 1440;
const AVERAGE_MONTH_DAYS = 30.436875;

/** Lower median (an observed value, never an average of two), or undefined for no values. */
export function lowerMedian(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * Bar of a date-only file from the day gaps between consecutive rows: median ≥ 28 days → months,
 * a whole number of weeks → weeks, else days; a single row is one day. `barMinutes` (a whole number of
 * days) overrides the inference.
 */
export function inferDateBar(dayGaps: number[], file: string, barMinutes?: number): CsvBarSpec {
  if (barMinutes !== undefined) {
    const days = barMinutes / MINUTES_PER_DAY;
    if (!Number.isInteger(days) || days <= 0) {
      throw new DataError('a date-only file needs barMinutes to be a whole number of days (1440 per day)', {
        file,
        field: 'barMinutes',
        value: String(barMinutes),
      });
    }
    return fromDays(days);
  }
  const gap = lowerMedian(dayGaps) ?? 1;
  if (gap >= 28)
    return {
      step: Math.max(1, Math.round(gap / AVERAGE_MONTH_DAYS)),
      aggregation: 'month',
      durationMicros: 0,
    };
  return fromDays(gap);
}

/**
 * Bar of a timed file from the micros between consecutive rows of each series (median), or from
 * `barMinutes`. Bars must be whole seconds long.
 */
export function inferTimedBar(gaps: number[], file: string, barMinutes?: number): CsvBarSpec {
  let duration: number;
  if (barMinutes !== undefined) {
    duration = barMinutes * MICROS_PER_MINUTE;
    if (!(duration > 0) || !Number.isInteger(duration / MICROS_PER_SECOND)) {
      throw new DataError('barMinutes must be a positive number of whole seconds', {
        file,
        field: 'barMinutes',
        value: String(barMinutes),
      });
    }
  } else {
    const median = lowerMedian(gaps);
    if (median === undefined) {
      throw new DataError(
        'cannot infer the bar length from fewer than two rows in a series; pass barMinutes',
        {
          file,
          field: 'barMinutes',
        },
      );
    }
    if (median % MICROS_PER_SECOND !== 0) {
      throw new DataError('median bar spacing is not a whole number of seconds; pass barMinutes', {
        file,
        field: 'barMinutes',
        value: `${median / MICROS_PER_SECOND} s`,
      });
    }
    duration = median;
  }
  if (duration % MICROS_PER_DAY === 0) return fromDays(duration / MICROS_PER_DAY);
  if (duration % MICROS_PER_HOUR === 0)
    return { step: duration / MICROS_PER_HOUR, aggregation: 'hour', durationMicros: duration };
  if (duration % MICROS_PER_MINUTE === 0) {
    return { step: duration / MICROS_PER_MINUTE, aggregation: 'minute', durationMicros: duration };
  }
  return { step: duration / MICROS_PER_SECOND, aggregation: 'second', durationMicros: duration };
}

function fromDays(days: number): CsvBarSpec {
  if (days % 7 === 0) return { step: days / 7, aggregation: 'week', durationMicros: days * MICROS_PER_DAY };
  return { step: days, aggregation: 'day', durationMicros: days * MICROS_PER_DAY };
}
