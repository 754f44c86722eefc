/**
 * How a historical range is split into `reqHistoricalData` requests IB accepts: each bar size has
 * a longest duration (IB's "valid duration / bar size" table: 1 secs up to 1800 S, 5 secs 3600 S,
 * 10–15 secs 14400 S, 30 secs 28800 S, 1 min 1 D, 2 mins 2 D, 3–20 mins 1 W, 30 mins and up 1 M).
 */
import { MICROS_PER_DAY, MICROS_PER_SECOND, type UnixMicros } from '../../../model/time.js';
import { ibBarSizeSetting, ibDurationCovering } from './bar-time.js';

/** Longest span (micros) one request may cover for bars of `barMicros` (an IB bar size). */
export function maxRequestSpanMicros(barMicros: number): number {
  ibBarSizeSetting(barMicros); // throws for a size IB does not have
  const s = barMicros / MICROS_PER_SECOND;
  if (s <= 1) return 1800 * MICROS_PER_SECOND;
  if (s <= 5) return 3600 * MICROS_PER_SECOND;
  if (s <= 15) return 14_400 * MICROS_PER_SECOND;
  if (s <= 30) return 28_800 * MICROS_PER_SECOND;
  if (s <= 60) return MICROS_PER_DAY;
  if (s <= 120) return 2 * MICROS_PER_DAY;
  if (s <= 1200) return 7 * MICROS_PER_DAY;
  return 30 * MICROS_PER_DAY;
}

/** One request: the bars opening at/after `start` and closing by `end` (both whole seconds). */
export interface BackfillChunk {
  readonly start: UnixMicros;
  readonly end: UnixMicros;
  /** `durationStr` covering [start, end) (may reach further back: the overlap is dropped). */
  readonly duration: string;
}

/**
 * Splits [from, to) into consecutive chunks of at most `maxRequestSpanMicros(barMicros)`, oldest
 * first, covering it exactly once. `from` is rounded up and `to` down to whole seconds (IB's
 * `endDateTime` resolution).
 */
export function backfillChunks(from: UnixMicros, to: UnixMicros, barMicros: number): BackfillChunk[] {
  const span = maxRequestSpanMicros(barMicros);
  const start = Math.ceil(from / MICROS_PER_SECOND) * MICROS_PER_SECOND;
  const end = Math.floor(to / MICROS_PER_SECOND) * MICROS_PER_SECOND;
  const chunks: BackfillChunk[] = [];
  for (let s = start; s < end; s += span) {
    const e = Math.min(s + span, end);
    chunks.push({ start: s, end: e, duration: ibDurationCovering(e - s) });
  }
  return chunks;
}
