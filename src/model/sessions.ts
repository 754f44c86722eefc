import { MICROS_PER_MINUTE, type UnixMicros } from './time.js';
import { zonedParts, zonedTimeToUtc } from './timezone.js';

/**
 * Trading sessions: when a market trades, as explicit objects with a time zone (never implied).
 *
 * A session belongs to a *session date* (the trade date): CME Globex's trade date D opens at
 * 17:00 Chicago on the evening before D, so a Sunday 18:00 Chicago timestamp belongs to Monday.
 * Schedules change over the years; each `TradingSession` holds its schedules by era, as data.
 *
 * Out of scope here: exchange holidays and early closes (e.g. NYSE 13:00 closes, CME holiday
 * schedules). Every weekday listed in a schedule is a full trading day; weekends are closed.
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

export interface TradingSessionSpec {
  readonly name: string;
  /** IANA time zone the schedule's wall-clock times are in. */
  readonly timeZone: string;
  readonly description: string;
  /** Eras in any order; they are sorted by `from`. */
  readonly schedules: readonly SessionSchedule[];
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

  /** The session of a session date, or undefined when that date does not trade. */
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

  /** Sessions whose open lies in [from, to), in time order. */
  sessionsBetween(from: UnixMicros, to: UnixMicros): Session[] {
    const out: Session[] = [];
    if (!(to > from)) return out;
    const first = zonedParts(Math.max(from, this.coverageStart ?? this.firstOpen()), this.timeZone).date;
    const last = zonedParts(to, this.timeZone).date;
    for (let date = addDays(first, -1); date <= addDays(last, 2); date = addDays(date, 1)) {
      const s = this.session(date);
      if (s !== undefined && s.open >= from && s.open < to) out.push(s);
    }
    return out;
  }

  toString(): string {
    return `${this.name} (${this.timeZone})`;
  }

  private resolve(date: string): Session | undefined {
    const schedule = this.scheduleFor(date);
    if (schedule === undefined || !schedule.weekdays.includes(weekdayOf(date))) return undefined;
    const [y, m, d] = parseDate(date);
    const toUtc = (t: SessionTimeOfDay): UnixMicros => {
      const [hour, minute] = parseTime(t.time);
      return zonedTimeToUtc(y, m, d + t.dayOffset, hour, minute, this.timeZone);
    };
    const open = toUtc(schedule.open);
    const close = toUtc(schedule.close);
    if (!(close > open)) throw new RangeError(`session ${this.name} on ${date}: close is not after open`);
    const halts = schedule.halts.map((h) => ({ start: toUtc(h.start), end: toUtc(h.end) }));
    for (const h of halts) {
      if (!(h.start >= open && h.end > h.start && h.end <= close)) {
        throw new RangeError(`session ${this.name} on ${date}: a halt lies outside the session`);
      }
    }
    return { date, open, close, halts };
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

const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

/**
 * CME Globex equity index futures (ES, MES, NQ …), Chicago time. The trade date D runs from 17:00
 * on the evening before D (Sunday evening for Monday) to the close on D. Eras:
 * - from trade date 2012-11-19: 17:00–16:15, halt 15:15–15:30, closed 16:15–17:00;
 * - from 2015-09-21: the close moves to 16:00 (daily break 16:00–17:00), halt 15:15–15:30 stays;
 * - from 2021-06-28: the 15:15–15:30 halt is gone: 17:00–16:00 with the 16:00–17:00 break.
 * The shipped ES minute bars agree: Oct/Dec 2013 have no trades 15:15–15:30 and 16:15–17:00
 * Chicago, Jan 2020 none 15:15–15:30 and 16:00–17:00. Before 2012-11-19 (trade date opening
 * 15:30 the day before) is not modelled: lookups before it throw.
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
});

/**
 * US equities regular trading hours (NYSE, Nasdaq): 09:30–16:00 New York, Monday–Friday. The
 * 09:30 open dates from 1985-09-30; lookups before it throw. Holidays and 13:00 early closes are
 * not modelled.
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
