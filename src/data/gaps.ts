import type { Session, TradingSession } from '../model/sessions.js';
import { addDays } from '../model/sessions.js';
import type { UnixMicros } from '../model/time.js';

/** Why the market was closed between two times. */
export type ClosureReason = 'daily-break' | 'weekend' | 'holiday' | 'halt';

export interface Closure {
  readonly from: UnixMicros;
  readonly to: UnixMicros;
  readonly reason: ClosureReason;
  /** Holidays: the calendar's name for the day(s) skipped. */
  readonly note?: string;
}

/** Consecutive expected bars that are missing: [from, to) covers `missingBars` bar intervals. */
export interface Gap {
  readonly from: UnixMicros;
  readonly to: UnixMicros;
  readonly missingBars: number;
}

export interface GapReport {
  readonly sessions: number;
  readonly expectedBars: number;
  readonly presentBars: number;
  /** Bars outside any session interval (a data or calendar problem). */
  readonly outsideSessions: number;
  readonly gaps: readonly Gap[];
  /** When the market was closed between the first and the last bar: not gaps. */
  readonly closures: readonly Closure[];
}

/**
 * Compares bars of one fixed length (close times `times`, sorted) with the trading calendar: every
 * interval of `barMicros` inside a session's open hours (halts excluded, holidays and early closes
 * from the session's calendar) should hold a bar. Missing intervals are gaps (merged into runs);
 * the daily breaks, weekends, holidays and halts between the first and last bar are closures, not
 * gaps. Intervals are aligned to each session's open. Only the sessions from the first bar's to
 * the last bar's are checked.
 */
export function findGaps(
  times: ArrayLike<UnixMicros>,
  barMicros: number,
  session: TradingSession,
): GapReport {
  if (!(barMicros > 0)) throw new RangeError(`bar length must be positive, got ${barMicros}`);
  const gaps: Gap[] = [];
  const closures: Closure[] = [];
  if (times.length === 0)
    return { sessions: 0, expectedBars: 0, presentBars: 0, outsideSessions: 0, gaps, closures };
  const first = times[0] - barMicros;
  const last = times[times.length - 1];
  let index = 0;
  let expected = 0;
  let present = 0;
  let outside = 0;
  let sessions = 0;
  let previous: Session | undefined;
  let gapStart = Number.NaN;
  let gapBars = 0;
  const closeGap = (end: UnixMicros): void => {
    if (gapBars > 0) gaps.push({ from: gapStart, to: end, missingBars: gapBars });
    gapBars = 0;
  };
  for (let s: Session = session.currentOrNext(first); s.open < last; s = session.currentOrNext(s.close)) {
    sessions++;
    if (previous !== undefined) {
      closeGap(previous.close);
      closures.push(closureBetween(session, previous, s));
    }
    for (const halt of s.halts) closures.push({ from: halt.start, to: halt.end, reason: 'halt' });
    for (let start = s.open; start + barMicros <= s.close; start += barMicros) {
      const end = start + barMicros;
      if (s.halts.some((h) => start < h.end && end > h.start)) {
        closeGap(start);
        continue;
      }
      if (end <= first || start >= last) continue; // outside the data's span
      expected++;
      // Bars before this slot that matched none: between sessions, in a halt, or off the grid.
      while (index < times.length && times[index] < end) {
        outside++;
        index++;
      }
      if (index < times.length && times[index] === end) {
        present++;
        index++;
        closeGap(start);
      } else {
        if (gapBars === 0) gapStart = start;
        gapBars++;
      }
    }
    closeGap(s.close);
    previous = s;
  }
  outside += times.length - index;
  return { sessions, expectedBars: expected, presentBars: present, outsideSessions: outside, gaps, closures };
}

/** The closure between two consecutive sessions: a weekend, holiday(s) or the daily break. */
function closureBetween(session: TradingSession, before: Session, after: Session): Closure {
  const skipped: string[] = [];
  for (let d = addDays(before.date, 1); d < after.date; d = addDays(d, 1)) {
    const day = session.calendarDay(d);
    if (day !== undefined && day.kind !== 'early-close') skipped.push(day.name ?? d);
  }
  if (skipped.length > 0)
    return { from: before.close, to: after.open, reason: 'holiday', note: skipped.join(', ') };
  const weekend = after.open - before.close > 36 * 3_600_000_000;
  return { from: before.close, to: after.open, reason: weekend ? 'weekend' : 'daily-break' };
}
