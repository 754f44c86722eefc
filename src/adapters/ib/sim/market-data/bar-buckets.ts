/**
 * Bars as IB sends them: stamped at their OPEN time, aggregated from the replay's (kernel,
 * close-stamped) source bars into buckets of a whole multiple of the source length, aligned to
 * multiples of the bucket length since the epoch (minutes and hours fall on the clock).
 */
import { type Bar, barOpenTime } from '../../../../model/data.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { IbBarRow } from '../../client/bar-assembler.js';

/** A bar as IB sends it (`time` = its open), with the source bars folded in so far. */
export interface IbBar extends IbBarRow {
  /** Source bars folded in so far. */
  readonly sources: number;
}

/** Open time of the bucket of length `lengthMicros` that holds `time`. */
export function bucketStart(time: UnixMicros, lengthMicros: number): UnixMicros {
  return time - (((time % lengthMicros) + lengthMicros) % lengthMicros);
}

/** The source bar's open time (bars without a fixed length cannot be bucketed). */
export function sourceOpen(bar: Bar): UnixMicros {
  const open = barOpenTime(bar);
  if (open === undefined) throw new RangeError(`bar ${bar.barType.key} has no fixed length`);
  return open;
}

/** Folds one source bar into the bucket it belongs to (a new bucket when `into` is undefined). */
export function foldBar(into: IbBar | undefined, bar: Bar, lengthMicros: number): IbBar {
  if (into === undefined)
    return {
      time: bucketStart(sourceOpen(bar), lengthMicros),
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      sources: 1,
    };
  return {
    time: into.time,
    open: into.open,
    high: Math.max(into.high, bar.high),
    low: Math.min(into.low, bar.low),
    close: bar.close,
    volume: into.volume + bar.volume,
    sources: into.sources + 1,
  };
}

/** Aggregates time-ordered source bars into IB bars of `lengthMicros` (a multiple of theirs). */
export function aggregateBars(bars: Iterable<Bar>, lengthMicros: number): IbBar[] {
  const out: IbBar[] = [];
  let current: IbBar | undefined;
  for (const bar of bars) {
    if (current !== undefined && bucketStart(sourceOpen(bar), lengthMicros) !== current.time) {
      out.push(current);
      current = undefined;
    }
    current = foldBar(current, bar, lengthMicros);
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** A bar that opens exactly at `time`: open = high = low = close = `price`, volume 0. */
export function openingBar(time: UnixMicros, price: number): IbBar {
  return { time, open: price, high: price, low: price, close: price, volume: 0, sources: 0 };
}
