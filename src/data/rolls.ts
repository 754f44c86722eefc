import type { Bar } from '../model/data.js';
import { businessDaysBefore } from '../model/futures-calendar.js';
import type { InstrumentId } from '../model/identifiers.js';
import { type FutureContract, futureContract, futureSpec, MONTH_CODES } from '../model/instruments.js';
import { CME_GLOBEX_EQUITY } from '../model/sessions.js';
import type { UnixMicros } from '../model/time.js';
import { zonedParts, zonedTimeToUtc } from '../model/timezone.js';
import type { BarSeries } from './load-bars.js';

/**
 * Futures rolls: which contract is the one to hold, and when a continuous series switches from
 * one contract to the next.
 *
 * A roll's prices (the gap that adjusts a continuous series) come from one *same-time pair* of
 * bars: the latest bar close time `priceTime` <= `time` at which BOTH contracts have a bar; then
 * `fromPrice` = the old contract's close and `toPrice` = the new contract's close of those two
 * bars, and `gap = toPrice - fromPrice`. A continuous series takes the old contract's bars with
 * `tsEvent <= time` and the new contract's bars with `tsEvent > time`.
 */
export interface Roll {
  /** Switch time: bars closing after it come from `to`. */
  readonly time: UnixMicros;
  readonly from: InstrumentId;
  readonly to: InstrumentId;
  /** Close time of the same-time bar pair that defines the prices. */
  readonly priceTime: UnixMicros;
  readonly fromPrice: number;
  readonly toPrice: number;
  /** `toPrice - fromPrice`, on the tick grid. */
  readonly gap: number;
  /** What decided the roll: a calendar rule, a crossover, or the old contract expiring first. */
  readonly reason: 'calendar' | 'volume' | 'open-interest' | 'expiry';
}

/** Default business days before the last trade at which to roll (equity index: the roll week). */
export const DEFAULT_ROLL_BUSINESS_DAYS: Readonly<Record<string, number>> = {
  ES: 8,
  MES: 8,
  NQ: 8,
  MNQ: 8,
  YM: 8,
  RTY: 8,
};

/** The nearest listed contract of `root` that has not expired at `time` (expiry is exclusive). */
export function frontMonth(root: string, time: UnixMicros): FutureContract {
  const spec = futureSpec(root);
  const { year, month } = zonedParts(time, 'UTC');
  for (let i = 0; i < 36; i++) {
    const y = year + Math.floor((month - 1 + i) / 12);
    const m = ((month - 1 + i) % 12) + 1;
    if (!spec.months.includes(MONTH_CODES[m - 1])) continue;
    const contract = futureContract(spec.root, y, m);
    if (contract.expiry !== undefined && time < contract.expiry) return contract;
  }
  throw new RangeError(`no listed ${spec.root} contract within 3 years after ${time}`);
}

/** The contract a roll list holds at `time`: before the first roll its `from`, then each `to`. */
export function contractAt(rolls: readonly Roll[], time: UnixMicros): InstrumentId {
  if (rolls.length === 0) throw new RangeError('contractAt needs at least one roll');
  let held = rolls[0].from;
  for (const r of rolls) if (time > r.time) held = r.to;
  return held;
}

interface Leg {
  readonly series: BarSeries;
  readonly contract: FutureContract;
  readonly expiry: UnixMicros;
}

/** Dated futures series sorted by expiry; throws on anything else. */
function legs(series: readonly BarSeries[]): Leg[] {
  const out: Leg[] = [];
  for (const s of series) {
    const c = s.instrument;
    if (c.kind !== 'future' || c.expiry === undefined) {
      throw new RangeError(`${c.id} is not a dated futures contract: rolls need contracts with an expiry`);
    }
    out.push({ series: s, contract: c, expiry: c.expiry });
  }
  out.sort((a, b) => a.expiry - b.expiry);
  for (let i = 1; i < out.length; i++) {
    if (out[i].expiry === out[i - 1].expiry) throw new RangeError(`${out[i].contract.id} is given twice`);
    if (out[i].contract.root !== out[0].contract.root) {
      throw new RangeError(`rolls need one root, got ${out[0].contract.root} and ${out[i].contract.root}`);
    }
  }
  return out;
}

/** Index of the last bar with tsEvent <= time, or -1. */
function lastAtOrBefore(bars: readonly Bar[], time: UnixMicros): number {
  let lo = 0;
  let hi = bars.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].tsEvent <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The roll from `a` to `b` at `time`, priced on their latest same-time bar pair at or before it. */
function rollAt(a: Leg, b: Leg, time: UnixMicros, reason: Roll['reason']): Roll {
  const fromBars = a.series.bars;
  const toBars = b.series.bars;
  let i = lastAtOrBefore(fromBars, time);
  let j = lastAtOrBefore(toBars, time);
  while (i >= 0 && j >= 0) {
    const ti = fromBars[i].tsEvent;
    const tj = toBars[j].tsEvent;
    if (ti === tj) {
      const grid = b.contract.priceGrid;
      const fromPrice = fromBars[i].close;
      const toPrice = toBars[j].close;
      const gap = grid.fromTicks(grid.toTicks(toPrice) - grid.toTicks(fromPrice));
      return { time, from: a.contract.id, to: b.contract.id, priceTime: ti, fromPrice, toPrice, gap, reason };
    }
    if (ti > tj) i--;
    else j--;
  }
  throw new RangeError(
    `no same-time bars of ${a.contract.id} and ${b.contract.id} at or before ${new Date(time / 1000).toISOString()}: cannot price the roll`,
  );
}

/**
 * Rolls `businessDays` CME business days before each contract's last trade, at the same Chicago
 * wall-clock time as the last trade (ES: 08:30 CT = 09:30 ET, 8 business days before the 3rd
 * Friday). Series are the consecutive contracts of one root (gaps in the chain are taken as given).
 */
export function calendarRolls(series: readonly BarSeries[], options: { businessDays?: number } = {}): Roll[] {
  const chain = legs(series);
  if (chain.length < 2) return [];
  const root = chain[0].contract.root;
  const n = options.businessDays ?? DEFAULT_ROLL_BUSINESS_DAYS[root];
  if (n === undefined) {
    throw new RangeError(
      `no default roll offset for ${root}: pass businessDays (physically delivered contracts roll before first notice)`,
    );
  }
  const rolls: Roll[] = [];
  for (let k = 0; k + 1 < chain.length; k++) {
    const local = zonedParts(chain[k].expiry, 'America/Chicago');
    const [y, m, d] = businessDaysBefore(local.date, n, true).split('-').map(Number);
    const time = zonedTimeToUtc(y, m, d, local.hour, local.minute, 'America/Chicago');
    rolls.push(rollAt(chain[k], chain[k + 1], time, 'calendar'));
  }
  return rolls;
}

/**
 * Trade date of a bar: the CME Globex session date of its interval (17:00 CT starts the next date).
 * Uses the equity index sessions, which throw before 2012-11-19; pass `day: utcDate` for older data.
 */
export function cmeTradeDate(tsEvent: UnixMicros): string {
  return CME_GLOBEX_EQUITY.sessionDate(tsEvent - 1);
}

/** UTC calendar date of a bar's interval (LEAN's daily files are UTC days). */
export function utcDate(tsEvent: UnixMicros): string {
  return zonedParts(tsEvent - 1, 'UTC').date;
}

export interface CrossoverOptions {
  /** Day a bar (or open-interest point) belongs to; default `cmeTradeDate`. */
  readonly day?: (tsEvent: UnixMicros) => string;
}

/** A daily figure per contract: total volume, or open interest. */
type DailyFigures = ReadonlyMap<InstrumentId, ReadonlyMap<string, number>>;

/**
 * Rolls on the first day on which the next contract's figure exceeds the current one's, at the
 * close of the last bar of that day (the day's figures are only known then: no look-ahead). If the
 * current contract expires first, the roll is at its last bar (`reason: 'expiry'`); if the data
 * ends before both, no further rolls are made.
 */
function crossoverRolls(
  chain: readonly Leg[],
  figures: DailyFigures,
  missingIsZero: boolean,
  reason: 'volume' | 'open-interest',
  day: (tsEvent: UnixMicros) => string,
): Roll[] {
  const rolls: Roll[] = [];
  let after = Number.NEGATIVE_INFINITY;
  for (let k = 0; k + 1 < chain.length; k++) {
    const [a, b] = [chain[k], chain[k + 1]];
    const dayEnd = new Map<string, UnixMicros>();
    for (const leg of [a, b]) {
      for (const bar of leg.series.bars) {
        if (bar.tsEvent <= after || bar.tsEvent > a.expiry) continue;
        const d = day(bar.tsEvent);
        dayEnd.set(d, Math.max(dayEnd.get(d) ?? 0, bar.tsEvent));
      }
    }
    const fa = figures.get(a.contract.id);
    const fb = figures.get(b.contract.id);
    let time: UnixMicros | undefined;
    for (const d of [...dayEnd.keys()].sort()) {
      const va = fa?.get(d) ?? (missingIsZero ? 0 : undefined);
      const vb = fb?.get(d) ?? (missingIsZero ? 0 : undefined);
      if (va !== undefined && vb !== undefined && vb > va) {
        time = dayEnd.get(d);
        break;
      }
    }
    let roll: Roll;
    if (time !== undefined) roll = rollAt(a, b, time, reason);
    else {
      // No crossover: roll at the old contract's last bar if the data reaches its expiry, else
      // the data ends while it is still the one to hold and the chain stops here.
      const bBars = b.series.bars;
      if (bBars.length === 0 || bBars[bBars.length - 1].tsEvent <= a.expiry) break;
      const last = lastAtOrBefore(a.series.bars, a.expiry);
      if (last < 0) throw new RangeError(`${a.contract.id} has no bars before its expiry`);
      roll = rollAt(a, b, Math.max(a.series.bars[last].tsEvent, after), 'expiry');
    }
    rolls.push(roll);
    after = roll.time;
  }
  return rolls;
}

/** Rolls on the first day the next contract trades more volume than the current one. */
export function volumeRolls(series: readonly BarSeries[], options: CrossoverOptions = {}): Roll[] {
  const day = options.day ?? cmeTradeDate;
  const chain = legs(series);
  const figures = new Map<InstrumentId, Map<string, number>>();
  for (const leg of chain) {
    const perDay = new Map<string, number>();
    for (const bar of leg.series.bars) {
      const d = day(bar.tsEvent);
      perDay.set(d, (perDay.get(d) ?? 0) + bar.volume);
    }
    figures.set(leg.contract.id, perDay);
  }
  return crossoverRolls(chain, figures, true, 'volume', day);
}

/** One open-interest observation of a contract (CME publishes it once per trade date). */
export interface OpenInterestPoint {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: UnixMicros;
  readonly openInterest: number;
}

/**
 * Rolls on the first day the next contract's open interest exceeds the current one's (the day's
 * last observation counts; days without both figures are skipped).
 */
export function openInterestRolls(
  series: readonly BarSeries[],
  openInterest: readonly OpenInterestPoint[],
  options: CrossoverOptions = {},
): Roll[] {
  const day = options.day ?? cmeTradeDate;
  const chain = legs(series);
  const figures = new Map<InstrumentId, Map<string, number>>();
  const sorted = [...openInterest].sort((p, q) => p.tsEvent - q.tsEvent);
  for (const p of sorted) {
    const perDay = figures.get(p.instrumentId) ?? new Map<string, number>();
    figures.set(p.instrumentId, perDay);
    perDay.set(day(p.tsEvent), p.openInterest);
  }
  return crossoverRolls(chain, figures, false, 'open-interest', day);
}
