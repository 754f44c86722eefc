import { CME_CALENDAR_FIRST, CME_CALENDAR_LAST, cmeHoliday } from './futures-calendar.js';
import { MICROS_PER_MINUTE, type UnixMicros } from './time.js';
import { zonedParts, zonedTimeToUtc } from './timezone.js';

/**
 * Trading sessions: when a market trades, as explicit objects with a time zone (never implied).
 *
 * A session belongs to a *session date* (the trade date): CME Globex's trade date D opens at
 * 17:00 Chicago on the evening before D, so a Sunday 18:00 Chicago timestamp belongs to Monday.
 * Schedules change over the years; each `TradingSession` holds its schedules by era, as data.
 *
 * Holidays and early closes are data too: a session may carry a `SessionCalendar` that marks dates
 * `closed` (no session), `holiday` (no trade date, but an abbreviated session whose trades belong
 * to the next trade date) or `early-close`. Without a calendar, every weekday listed in a schedule
 * is a full trading day; days not listed (weekends) are closed.
 */

/** A wall-clock time in the session's zone, `dayOffset` days from the session date (-1 = the evening before). */
export interface SessionTimeOfDay {
  readonly time: string;
  readonly dayOffset: number;
}

/** A pause inside a session (the market is closed, the session date does not change). */
export interface SessionHaltSpec {
  readonly start: SessionTimeOfDay;
  readonly end: SessionTimeOfDay;
}

/** The regular hours of one era of a market's history. */
export interface SessionSchedule {
  /** First session date (`YYYY-MM-DD`, inclusive) this schedule applies to; it lasts until the next one. */
  readonly from: string;
  /** Weekdays of the session date that trade: 0 = Sunday … 6 = Saturday. */
  readonly weekdays: readonly number[];
  readonly open: SessionTimeOfDay;
  readonly close: SessionTimeOfDay;
  readonly halts: readonly SessionHaltSpec[];
  /** Where these hours come from. */
  readonly source: string;
}

/**
 * What a holiday calendar says about one date (in the session's zone):
 * - `closed`: the date has no session at all (its trades, if any, do not exist).
 * - `holiday`: the date is not a trade date. With `close`, the market still trades an abbreviated
 *   session — from the date's regular open to `close` local time on the date — and those trades
 *   belong to the NEXT trade date, whose session then opens at the holiday's open and is halted
 *   from the holiday's `close` to its own regular open. Without `close`, nothing trades (as `closed`).
 * - `early-close`: a trade date whose session ends at `close` local time (halts after it are
 *   dropped). Without `close` the day is a full day.
 */
export type SessionCalendarKind = 'closed' | 'holiday' | 'early-close';

export interface SessionCalendarDay {
  readonly kind: SessionCalendarKind;
  /** `HH:MM` local on the date: the early close, or the end of a holiday's abbreviated session. */
  readonly close?: string;
  /** What the day is (e.g. 'Thanksgiving Day'). */
  readonly name?: string;
}

/** A holiday calendar: the entry of a `YYYY-MM-DD` date, or undefined for a regular day. */
export type SessionCalendar = (date: string) => SessionCalendarDay | undefined;

export interface TradingSessionSpec {
  readonly name: string;
  /** IANA time zone the schedule's wall-clock times are in. */
  readonly timeZone: string;
  readonly description: string;
  /** Eras in any order; they are sorted by `from`. */
  readonly schedules: readonly SessionSchedule[];
  /** Holidays and early closes; without one, every scheduled weekday is a full trading day. */
  readonly calendar?: SessionCalendar;
}

/** A halt resolved to UTC: closed in [start, end). */
export interface SessionHalt {
  readonly start: UnixMicros;
  readonly end: UnixMicros;
}

/** One session resolved to UTC: open in [open, close) except during its halts. */
export interface Session {
  /** Session (trade) date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly open: UnixMicros;
  readonly close: UnixMicros;
  readonly halts: readonly SessionHalt[];
}

/** `at('17:00', -1)`: 17:00 local on the day before the session date. */
export function at(time: string, dayOffset = 0): SessionTimeOfDay {
  return { time, dayOffset };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MAX_GAP_DAYS = 14;

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: '${date}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseTime(time: string): [number, number] {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not an HH:MM time: '${time}'`);
  return [Number(m[1]), Number(m[2])];
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(date: string): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * A market's trading hours in its own time zone, with schedules by era. Lookups are cached: the
 * session of each date is resolved once, and the last session found answers every timestamp up
 * to its close without touching the time-zone database, so per-bar calls are cheap.
 */
export class TradingSession {
  readonly name: string;
  readonly timeZone: string;
  readonly description: string;
  readonly schedules: readonly SessionSchedule[];
  readonly calendar: SessionCalendar | undefined;
  private readonly byDate = new Map<string, Session | null>();
  /** Every timestamp in [spanStart, span.close) has `span` as its current-or-next session. */
  private span: Session | undefined;
  private spanStart: UnixMicros = Number.POSITIVE_INFINITY;
  private coverageStart: UnixMicros | undefined;

  constructor(spec: TradingSessionSpec) {
    if (spec.schedules.length === 0) throw new RangeError(`session ${spec.name} needs at least one schedule`);
    zonedParts(0, spec.timeZone); // throws on an unknown zone
    this.name = spec.name;
    this.timeZone = spec.timeZone;
    this.description = spec.description;
    this.schedules = [...spec.schedules].sort((a, b) => a.from.localeCompare(b.from));
    this.calendar = spec.calendar;
    for (const s of this.schedules) {
      parseDate(s.from);
      for (const t of [s.open, s.close, ...s.halts.flatMap((h) => [h.start, h.end])]) parseTime(t.time);
      if (s.weekdays.some((w) => !Number.isInteger(w) || w < 0 || w > 6)) {
        throw new RangeError(
          `session ${spec.name} (from ${s.from}): weekdays must be 0 (Sunday) … 6 (Saturday)`,
        );
      }
    }
  }

  /** The schedule in force on a session date, or undefined before the first era. */
  scheduleFor(date: string): SessionSchedule | undefined {
    let found: SessionSchedule | undefined;
    for (const s of this.schedules) if (s.from <= date) found = s;
    return found;
  }

  /** The holiday-calendar entry of a date (closed, holiday or early close), if any. */
  calendarDay(date: string): SessionCalendarDay | undefined {
    return this.calendar?.(date);
  }

  /** The session of a session date, or undefined when that date does not trade (weekend, closed, holiday). */
  session(date: string): Session | undefined {
    const cached = this.byDate.get(date);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.resolve(date);
    if (this.byDate.size > 50_000) this.byDate.clear();
    this.byDate.set(date, resolved ?? null);
    return resolved;
  }

  /** The session containing `us` (halts included), or undefined between sessions. */
  sessionAt(us: UnixMicros): Session | undefined {
    const s = this.currentOrNext(us);
    return us >= s.open ? s : undefined;
  }

  /** The session containing `us`, or the next one to open when the market is between sessions. */
  currentOrNext(us: UnixMicros): Session {
    const span = this.span;
    if (span !== undefined && us >= this.spanStart && us < span.close) return span;
    if (this.coverageStart === undefined) this.coverageStart = this.firstOpen();
    if (us < this.coverageStart) {
      throw new RangeError(
        `session ${this.name} has no schedule before ${new Date(this.coverageStart / 1000).toISOString()} (first era ${this.schedules[0].from})`,
      );
    }
    const localDate = zonedParts(us, this.timeZone).date;
    for (let i = -1; i <= MAX_GAP_DAYS; i++) {
      const s = this.session(addDays(localDate, i));
      if (s !== undefined && us < s.close) {
        this.span = s;
        this.spanStart = Math.min(us, s.open);
        return s;
      }
    }
    throw new RangeError(`session ${this.name}: no session within ${MAX_GAP_DAYS} days after ${localDate}`);
  }

  /** True while the market trades: inside a session and not in one of its halts. */
  isOpen(us: UnixMicros): boolean {
    const s = this.sessionAt(us);
    if (s === undefined) return false;
    for (const h of s.halts) if (us >= h.start && us < h.end) return false;
    return true;
  }

  /** True inside a session's halt (the session is not over, the market is paused). */
  isHalted(us: UnixMicros): boolean {
    const s = this.sessionAt(us);
    return s?.halts.some((h) => us >= h.start && us < h.end) ?? false;
  }

  /** The session date `us` belongs to; between sessions, the date of the next session. */
  sessionDate(us: UnixMicros): string {
    return this.currentOrNext(us).date;
  }

  /** UTC open of the session containing `us` (or of the next one between sessions). */
  openOf(us: UnixMicros): UnixMicros {
    return this.currentOrNext(us).open;
  }

  /** UTC close of the session containing `us` (or of the next one between sessions). */
  closeOf(us: UnixMicros): UnixMicros {
    return this.currentOrNext(us).close;
  }

  /** Minutes (fractional) from `us` to `closeOf(us)`. */
  minutesToClose(us: UnixMicros): number {
    return (this.closeOf(us) - us) / MICROS_PER_MINUTE;
  }

  /**
   * Sessions whose open lies in [from, to), in time order. A session after a holiday opens at the
   * holiday's open (up to several days before its date), so the scan runs past `to`.
   */
  sessionsBetween(from: UnixMicros, to: UnixMicros): Session[] {
    const out: Session[] = [];
    if (!(to > from)) return out;
    const first = zonedParts(Math.max(from, this.coverageStart ?? this.firstOpen()), this.timeZone).date;
    const last = zonedParts(to, this.timeZone).date;
    const end = addDays(last, this.calendar === undefined ? 2 : MAX_GAP_DAYS);
    for (let date = addDays(first, -1); date <= end; date = addDays(date, 1)) {
      const s = this.session(date);
      if (s !== undefined && s.open >= from && s.open < to) out.push(s);
    }
    return out;
  }

  toString(): string {
    return `${this.name} (${this.timeZone})`;
  }

  private resolve(date: string): Session | undefined {
    const day = this.calendar?.(date);
    if (day?.kind === 'closed' || day?.kind === 'holiday') return undefined;
    return this.build(date, day, 0);
  }

  /**
   * The session of `date` as if it were a trade date: its regular hours, cut at the calendar
   * entry's `close` (an early close, or a holiday's abbreviated close), and preceded by the
   * abbreviated session of a holiday right before it (only weekends in between), if any.
   */
  private build(date: string, day: SessionCalendarDay | undefined, depth: number): Session | undefined {
    const schedule = this.scheduleFor(date);
    if (schedule === undefined || !schedule.weekdays.includes(weekdayOf(date))) return undefined;
    const [y, m, d] = parseDate(date);
    const toUtc = (t: SessionTimeOfDay): UnixMicros => {
      const [hour, minute] = parseTime(t.time);
      return zonedTimeToUtc(y, m, d + t.dayOffset, hour, minute, this.timeZone);
    };
    let open = toUtc(schedule.open);
    let close = toUtc(schedule.close);
    if (!(close > open)) throw new RangeError(`session ${this.name} on ${date}: close is not after open`);
    let halts: SessionHalt[] = schedule.halts.map((h) => ({ start: toUtc(h.start), end: toUtc(h.end) }));
    for (const h of halts) {
      if (!(h.start >= open && h.end > h.start && h.end <= close)) {
        throw new RangeError(`session ${this.name} on ${date}: a halt lies outside the session`);
      }
    }
    if (day?.close !== undefined && day.kind !== 'closed') {
      const early = toUtc(at(day.close));
      if (!(early > open && early <= close)) {
        throw new RangeError(
          `session ${this.name} on ${date}: the ${day.kind} close ${day.close} is not inside the session`,
        );
      }
      close = early;
      halts = halts
        .filter((h) => h.start < close)
        .map((h) => (h.end > close ? { start: h.start, end: close } : h));
      // A halt running into the close ends the session there.
      while (halts.length > 0 && halts[halts.length - 1].end >= close) {
        close = halts[halts.length - 1].start;
        halts = halts.slice(0, -1);
      }
    }
    const before = depth < MAX_GAP_DAYS ? this.holidayBefore(date) : undefined;
    if (before !== undefined) {
      const abbreviated = this.build(before.date, before.day, depth + 1);
      if (abbreviated !== undefined && abbreviated.close <= open) {
        halts = [...abbreviated.halts, { start: abbreviated.close, end: open }, ...halts];
        open = abbreviated.open;
      }
    }
    return { date, open, close, halts: mergeHalts(halts) };
  }

  /**
   * The `holiday` (with an abbreviated session) whose trades belong to `date`: the nearest earlier
   * date, skipping only days the schedule does not trade (weekends). A trading day, a `closed`
   * date or a holiday without a session in between ends the search.
   */
  private holidayBefore(date: string): { date: string; day: SessionCalendarDay } | undefined {
    if (this.calendar === undefined) return undefined;
    for (let i = 1; i <= MAX_GAP_DAYS; i++) {
      const prev = addDays(date, -i);
      const schedule = this.scheduleFor(prev);
      if (schedule === undefined) return undefined;
      if (!schedule.weekdays.includes(weekdayOf(prev))) continue;
      const day = this.calendar(prev);
      return day?.kind === 'holiday' && day.close !== undefined ? { date: prev, day } : undefined;
    }
    return undefined;
  }

  /** Open of the first session of the first era. */
  private firstOpen(): UnixMicros {
    const from = this.schedules[0].from;
    for (let i = 0; i <= MAX_GAP_DAYS; i++) {
      const s = this.session(addDays(from, i));
      if (s !== undefined) return s.open;
    }
    throw new RangeError(`session ${this.name}: no trading day in the ${MAX_GAP_DAYS} days from ${from}`);
  }
}

/** Halts in time order, overlapping or touching ones joined. */
function mergeHalts(halts: readonly SessionHalt[]): SessionHalt[] {
  const sorted = [...halts].sort((a, b) => a.start - b.start);
  const out: SessionHalt[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && h.start <= last.end) {
      if (h.end > last.end) out[out.length - 1] = { start: last.start, end: h.end };
    } else out.push(h);
  }
  return out;
}

const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

/**
 * The CME holiday table (`futures-calendar.ts`, 2013–2027) as the equity index session calendar:
 * `closed` → no session; `holiday` with an equity close → an abbreviated session (regular open to
 * the equity close, 12:00 CT; Good Friday 2015/2021/2023 08:15 CT) whose trades belong to the next
 * trade date; `early-close` with an equity close → the session ends then (12:15 CT). An
 * `early-close` without a known time (the days of mourning 2018-12-05 and 2025-01-09) is treated
 * as a full day, a `holiday` without one as closed. Outside 2013–2027 no holidays are applied.
 */
export function cmeEquitySessionCalendar(date: string): SessionCalendarDay | undefined {
  if (date < CME_CALENDAR_FIRST || date > CME_CALENDAR_LAST) return undefined;
  const h = cmeHoliday(date);
  if (h === undefined) return undefined;
  if (h.kind === 'closed') return { kind: 'closed', name: h.name };
  if (h.equityClose === undefined) return h.kind === 'holiday' ? { kind: 'closed', name: h.name } : undefined;
  return { kind: h.kind, close: h.equityClose, name: h.name };
}

/**
 * CME Globex equity index futures (ES, MES, NQ …), Chicago time. The trade date D runs from 17:00
 * on the evening before D (Sunday evening for Monday) to the close on D. Eras:
 * - from trade date 2012-11-19: 17:00–16:15, halt 15:15–15:30, closed 16:15–17:00;
 * - from 2015-09-21: the close moves to 16:00 (daily break 16:00–17:00), halt 15:15–15:30 stays;
 * - from 2021-06-28: the 15:15–15:30 halt is gone: 17:00–16:00 with the 16:00–17:00 break.
 * The shipped ES minute bars agree: Oct/Dec 2013 have no trades 15:15–15:30 and 16:15–17:00
 * Chicago, Jan 2020 none 15:15–15:30 and 16:00–17:00. Before 2012-11-19 (trade date opening
 * 15:30 the day before) is not modelled: lookups before it throw.
 *
 * Holidays come from the CME table via `cmeEquitySessionCalendar` (2013–2027; outside it every
 * weekday is a full day). E.g. Christmas 2023 (closed): no session 2023-12-25, trade date 12-26
 * opens 12-25 17:00 CT. MLK 2014 (holiday): Sunday 17:00 → Monday 12:00 CT trades for Tuesday
 * 2014-01-21, halted Monday 12:00–17:00. Christmas Eve 2013 (early close): ends 12:15 CT.
 */
export const CME_GLOBEX_EQUITY = new TradingSession({
  name: 'CME Globex equity index',
  timeZone: 'America/Chicago',
  description:
    'CME Globex equity index futures (ES, MES): Sunday–Friday from 17:00 Chicago the evening before',
  schedules: [
    {
      from: '2012-11-19',
      weekdays: MONDAY_TO_FRIDAY,
      open: at('17:00', -1),
      close: at('16:15'),
      halts: [{ start: at('15:15'), end: at('15:30') }],
      source:
        'CME notice "Equity Index Later Close for CME Globex Trading Day" (effective Sunday 2012-11-18, first trade date 2012-11-19): close 16:15 CT, 15-minute halt 15:15–15:30 CT, reopen 17:00 CT',
    },
    {
      from: '2015-09-21',
      weekdays: MONDAY_TO_FRIDAY,
      open: at('17:00', -1),
      close: at('16:00'),
      halts: [{ start: at('15:15'), end: at('15:30') }],
      source:
        'CME Globex daily maintenance moved 15 minutes earlier from Monday 2015-09-21: CME equity closes 16:00 CT, halt 15:15–15:30 CT unchanged (NinjaTrader advisory #25, 2015-09-15; ATAS note)',
    },
    {
      from: '2021-06-28',
      weekdays: MONDAY_TO_FRIDAY,
      open: at('17:00', -1),
      close: at('16:00'),
      halts: [],
      source:
        'CME Globex notice 2021-06-21: the 15:15–15:30 CT equity index market pause is eliminated from trade date 2021-06-28; continuous 17:00–16:00 CT',
    },
  ],
  calendar: cmeEquitySessionCalendar,
});

/**
 * US equities regular trading hours (NYSE, Nasdaq): 09:30–16:00 New York, Monday–Friday. The
 * 09:30 open dates from 1985-09-30; lookups before it throw. It has no holiday calendar: NYSE
 * holidays and 13:00 early closes are not modelled (every Monday–Friday is a full day).
 */
export const US_EQUITY_RTH = new TradingSession({
  name: 'US equity regular hours',
  timeZone: 'America/New_York',
  description: 'NYSE/Nasdaq regular trading hours, 09:30–16:00 New York, Monday–Friday (no holiday calendar)',
  schedules: [
    {
      from: '1985-09-30',
      weekdays: MONDAY_TO_FRIDAY,
      open: at('09:30'),
      close: at('16:00'),
      halts: [],
      source: 'NYSE regular session 09:30–16:00 ET (09:30 open since 1985-09-30)',
    },
  ],
});
