import type { BarType } from '../../model/data.js';
import type { SessionHalt, TradingSession } from '../../model/sessions.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, type UnixMicros } from '../../model/time.js';
import { zonedParts, zonedTimeToUtc } from '../../model/timezone.js';

/** How time bars are laid out: in a time zone's days, or in a trading session's hours. */
export interface TimeAlignment {
  /**
   * IANA zone whose local midnight starts each day's bars (default `UTC`). A bar never crosses a
   * local midnight: the last bar of a day is cut there (e.g. 7-minute or 5-hour bars). Hour bars
   * follow the local wall clock (4-hour bars start at 00:00, 04:00 … local even on DST days). Ignored when a `session` is given (the session's own zone is used).
   */
  readonly timeZone?: string;
  /**
   * Align to a trading session instead: each session's bars start at its open (17:00 Chicago for
   * Globex), the last one is cut at its close, and no bar lies between sessions. Data between
   * sessions is dropped (counted in `dropped`). A `day` bar is the whole session, stamped at its close.
   */
  readonly session?: TradingSession;
}

/**
 * The bar intervals of one time bar type, found by `locate(t)`: the interval [start, end) holding
 * `t`, or, when `t` lies between sessions, the first interval after it (`inside` false). Intervals
 * are laid on a grid of the bar's duration from the segment start (local midnight, or session
 * open) and cut at the segment end. A tick exactly at an interval end belongs to the next one.
 */
export class TimeGrid {
  /** Bar length in micros; Infinity for `day` bars (one bar per segment). */
  readonly step: number;
  start: UnixMicros = 0;
  end: UnixMicros = 0;
  inside = false;
  private segStart: UnixMicros = Number.POSITIVE_INFINITY;
  private segEnd: UnixMicros = Number.NEGATIVE_INFINITY;
  private halts: readonly SessionHalt[] = [];
  private readonly timeZone: string;
  private readonly session: TradingSession | undefined;
  /** Hour bars in a zone with DST: boundaries on the local wall clock, not elapsed time. */
  private readonly wallHours: boolean;

  constructor(barType: BarType, alignment: TimeAlignment = {}) {
    const a = barType.aggregation;
    if (a !== 'second' && a !== 'minute' && a !== 'hour' && a !== 'day') {
      throw new RangeError(
        `time bars need a second, minute, hour or day bar type, got ${barType.key} (week and month are not supported)`,
      );
    }
    if (a === 'day' && barType.step !== 1) {
      throw new RangeError(`day bars must have step 1 (one per day or session), got ${barType.key}`);
    }
    this.step = a === 'day' ? Number.POSITIVE_INFINITY : barType.durationMicros;
    this.session = alignment.session;
    this.timeZone = alignment.session?.timeZone ?? alignment.timeZone ?? 'UTC';
    zonedParts(0, this.timeZone); // throws on an unknown zone
    this.wallHours = a === 'hour' && this.session === undefined && this.timeZone !== 'UTC';
  }

  /** Finds the interval of `t` (or the next one, between sessions) into start, end, inside. */
  locate(t: UnixMicros): void {
    if (!(t >= this.segStart && t < this.segEnd)) this.segment(t);
    if (this.wallHours) {
      this.locateWallHour(t);
      return;
    }
    const segStart = this.segStart;
    if (t < segStart) {
      this.inside = false;
      this.start = segStart;
    } else {
      this.inside = true;
      this.start =
        this.step === Number.POSITIVE_INFINITY
          ? segStart
          : segStart + Math.floor((t - segStart) / this.step) * this.step;
    }
    const end = this.start + this.step;
    this.end = Math.min(end, this.segEnd);
  }

  /**
   * Hour bars start at local hours that are multiples of the step (00:00, 04:00, 08:00 … local),
   * so a bar holding a DST change is an hour shorter or longer, and the hour repeated on a
   * fall-back day joins the bar of its first occurrence.
   */
  private locateWallHour(t: UnixMicros): void {
    const p = zonedParts(t, this.timeZone);
    const hours = this.step / MICROS_PER_HOUR;
    const k = Math.floor(p.hour / hours) * hours;
    this.inside = true;
    this.start = Math.max(this.segStart, zonedTimeToUtc(p.year, p.month, p.day, k, 0, this.timeZone));
    const end =
      k + hours >= 24 ? this.segEnd : zonedTimeToUtc(p.year, p.month, p.day, k + hours, 0, this.timeZone);
    this.end = Math.min(end, this.segEnd);
  }

  /** True when [start, end) lies wholly inside a halt of the current session. */
  inHalt(start: UnixMicros, end: UnixMicros): boolean {
    for (const h of this.halts) if (start >= h.start && end <= h.end) return true;
    return false;
  }

  private segment(t: UnixMicros): void {
    if (this.session !== undefined) {
      const s = this.session.currentOrNext(t);
      this.segStart = s.open;
      this.segEnd = s.close;
      this.halts = s.halts;
      return;
    }
    if (this.timeZone === 'UTC') {
      this.segStart = Math.floor(t / MICROS_PER_DAY) * MICROS_PER_DAY;
      this.segEnd = this.segStart + MICROS_PER_DAY;
      return;
    }
    const p = zonedParts(t, this.timeZone);
    this.segStart = zonedTimeToUtc(p.year, p.month, p.day, 0, 0, this.timeZone);
    this.segEnd = zonedTimeToUtc(p.year, p.month, p.day + 1, 0, 0, this.timeZone);
  }
}
