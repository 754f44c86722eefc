import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CME_HOLIDAYS } from '../../src/model/futures-calendar.js';
import {
  addDays,
  at,
  CME_GLOBEX_EQUITY,
  cmeEquitySessionCalendar,
  type SessionCalendarDay,
  TradingSession,
} from '../../src/model/sessions.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { zonedParts } from '../../src/model/timezone.js';
import { expectSession, utc } from '../support/sessions.js';

const MIN = MICROS_PER_MINUTE;
const g = CME_GLOBEX_EQUITY;

describe('CME_GLOBEX_EQUITY holidays (hand-computed UTC instants)', () => {
  test('Christmas 2023 (Mon 12-25 closed, CST = UTC-6): no session; 12-26 opens 12-25 17:00 CT', () => {
    assert.equal(g.session('2023-12-25'), undefined);
    assert.equal(g.calendarDay('2023-12-25')?.kind, 'closed');
    expectSession(g.session('2023-12-22'), '2023-12-22', '2023-12-21T23:00Z', '2023-12-22T22:00Z', []);
    expectSession(g.session('2023-12-26'), '2023-12-26', '2023-12-25T23:00Z', '2023-12-26T22:00Z', []);
    assert.equal(g.isOpen(utc('2023-12-24T23:00Z')), false, 'Sunday 17:00 CT: no Monday session');
    assert.equal(g.isOpen(utc('2023-12-25T16:00Z')), false, 'Dec 25 10:00 CT');
    assert.equal(g.sessionAt(utc('2023-12-25T16:00Z')), undefined);
    assert.equal(g.sessionDate(utc('2023-12-25T16:00Z')), '2023-12-26');
    assert.equal(g.openOf(utc('2023-12-25T16:00Z')), utc('2023-12-25T23:00Z'));
    assert.equal(g.isOpen(utc('2023-12-25T22:59Z')), false, 'the MBO file’s pre-open');
    assert.equal(g.isOpen(utc('2023-12-25T23:00Z')), true, 'the MBO file’s 23:00 UTC reopen');
  });

  test('Christmas Eve 2013 (Tue, early close 12:15 CT = 18:15Z): the 15:15 halt is dropped', () => {
    expectSession(g.session('2013-12-24'), '2013-12-24', '2013-12-23T23:00Z', '2013-12-24T18:15Z', []);
    assert.equal(g.session('2013-12-25'), undefined, 'Christmas Day closed');
    expectSession(g.session('2013-12-26'), '2013-12-26', '2013-12-25T23:00Z', '2013-12-26T22:15Z', [
      ['2013-12-26T21:15Z', '2013-12-26T21:30Z'],
    ]);
    assert.equal(g.isOpen(utc('2013-12-24T18:14Z')), true);
    assert.equal(g.isOpen(utc('2013-12-24T18:15Z')), false);
    assert.equal(g.isHalted(utc('2013-12-24T18:15Z')), false, 'after an early close is a break');
    assert.equal(g.closeOf(utc('2013-12-24T15:00Z')), utc('2013-12-24T18:15Z'));
    assert.equal(g.minutesToClose(utc('2013-12-24T18:00Z')), 15);
    assert.equal(g.sessionDate(utc('2013-12-24T14:00Z')), '2013-12-24');
    assert.equal(g.sessionDate(utc('2013-12-24T18:15Z')), '2013-12-26', 'after the early close');
    assert.equal(g.sessionDate(utc('2013-12-25T12:00Z')), '2013-12-26');
    assert.equal(g.isOpen(utc('2013-12-24T23:00Z')), false, 'Dec 24 17:00 CT: no Christmas session');
  });

  test('Thanksgiving 2013 (Thu 11-28 holiday 12:00 CT, Fri 11-29 early close 12:15 CT)', () => {
    assert.equal(g.session('2013-11-28'), undefined);
    expectSession(g.session('2013-11-27'), '2013-11-27', '2013-11-26T23:00Z', '2013-11-27T22:15Z', [
      ['2013-11-27T21:15Z', '2013-11-27T21:30Z'],
    ]);
    // Trade date 11-29 opens Wed 17:00 CT, halts Thu 12:00–17:00 CT, ends Fri 12:15 CT.
    expectSession(g.session('2013-11-29'), '2013-11-29', '2013-11-27T23:00Z', '2013-11-29T18:15Z', [
      ['2013-11-28T18:00Z', '2013-11-28T23:00Z'],
    ]);
    assert.equal(g.sessionDate(utc('2013-11-27T23:00Z')), '2013-11-29', 'Wed 17:00 CT');
    assert.equal(g.isOpen(utc('2013-11-28T17:59Z')), true, 'Thu 11:59 CT');
    assert.equal(g.sessionDate(utc('2013-11-28T17:59Z')), '2013-11-29');
    assert.equal(g.isOpen(utc('2013-11-28T18:00Z')), false, 'Thu 12:00 CT');
    assert.equal(g.isHalted(utc('2013-11-28T18:00Z')), true, 'a halt: the trade date goes on');
    assert.equal(g.sessionDate(utc('2013-11-28T20:00Z')), '2013-11-29');
    assert.equal(g.closeOf(utc('2013-11-28T20:00Z')), utc('2013-11-29T18:15Z'));
    assert.equal(g.isOpen(utc('2013-11-28T23:00Z')), true, 'Thu 17:00 CT');
    assert.equal(g.isOpen(utc('2013-11-29T18:15Z')), false, 'Fri 12:15 CT');
    assert.equal(g.sessionDate(utc('2013-11-29T18:15Z')), '2013-12-02');
    assert.equal(g.openOf(utc('2013-11-29T18:15Z')), utc('2013-12-01T23:00Z'));
  });

  test('MLK 2014 (Mon 01-20 holiday): Sunday 17:00 → Monday 12:00 CT trades for Tuesday', () => {
    assert.equal(g.session('2014-01-20'), undefined);
    expectSession(g.session('2014-01-17'), '2014-01-17', '2014-01-16T23:00Z', '2014-01-17T22:15Z', [
      ['2014-01-17T21:15Z', '2014-01-17T21:30Z'],
    ]);
    expectSession(g.session('2014-01-21'), '2014-01-21', '2014-01-19T23:00Z', '2014-01-21T22:15Z', [
      ['2014-01-20T18:00Z', '2014-01-20T23:00Z'],
      ['2014-01-21T21:15Z', '2014-01-21T21:30Z'],
    ]);
    assert.equal(g.sessionDate(utc('2014-01-19T23:00Z')), '2014-01-21');
    assert.equal(g.isOpen(utc('2014-01-19T23:00Z')), true);
    assert.equal(g.isOpen(utc('2014-01-20T17:59Z')), true);
    assert.equal(g.isOpen(utc('2014-01-20T18:00Z')), false);
    assert.equal(g.isOpen(utc('2014-01-20T23:00Z')), true);
    assert.equal(g.sessionDate(utc('2014-01-20T15:00Z')), '2014-01-21');
  });

  test('Good Friday 2014 (04-18 closed, CDT = UTC-5): Thursday 16:15 → Sunday 17:00 CT closed', () => {
    assert.equal(g.session('2014-04-18'), undefined);
    expectSession(g.session('2014-04-17'), '2014-04-17', '2014-04-16T22:00Z', '2014-04-17T21:15Z', [
      ['2014-04-17T20:15Z', '2014-04-17T20:30Z'],
    ]);
    expectSession(g.session('2014-04-21'), '2014-04-21', '2014-04-20T22:00Z', '2014-04-21T21:15Z', [
      ['2014-04-21T20:15Z', '2014-04-21T20:30Z'],
    ]);
    assert.equal(g.isOpen(utc('2014-04-17T22:00Z')), false, 'Thursday 17:00 CDT');
    assert.equal(g.isOpen(utc('2014-04-18T15:00Z')), false);
    assert.equal(g.sessionDate(utc('2014-04-18T15:00Z')), '2014-04-21');
    assert.equal(g.openOf(utc('2014-04-18T15:00Z')), utc('2014-04-20T22:00Z'));
  });

  test('Good Friday 2015 (holiday to 08:15 CT): Thursday 17:00 → Friday 08:15 trades for Monday', () => {
    // 2015-04-06 is before the 2015-09-21 era: close 16:15 CDT, halt 15:15–15:30 CDT.
    expectSession(g.session('2015-04-06'), '2015-04-06', '2015-04-02T22:00Z', '2015-04-06T21:15Z', [
      ['2015-04-03T13:15Z', '2015-04-05T22:00Z'],
      ['2015-04-06T20:15Z', '2015-04-06T20:30Z'],
    ]);
    assert.equal(g.sessionDate(utc('2015-04-03T13:00Z')), '2015-04-06');
    assert.equal(g.isOpen(utc('2015-04-03T13:14Z')), true);
    assert.equal(g.isOpen(utc('2015-04-04T12:00Z')), false, 'Saturday, inside the halt');
    assert.equal(g.isHalted(utc('2015-04-04T12:00Z')), true);
  });

  test('an early close without a known time is a full day (2018-12-05)', () => {
    assert.equal(cmeEquitySessionCalendar('2018-12-05'), undefined);
    expectSession(g.session('2018-12-05'), '2018-12-05', '2018-12-04T23:00Z', '2018-12-05T22:00Z', [
      ['2018-12-05T21:15Z', '2018-12-05T21:30Z'],
    ]);
  });

  test('outside 2013–2027 no holidays apply (2012-12-25, 2028-12-25 are full days)', () => {
    assert.equal(cmeEquitySessionCalendar('2012-12-25'), undefined);
    assert.equal(cmeEquitySessionCalendar('2028-12-25'), undefined);
    assert.ok(g.session('2012-12-25'));
    assert.ok(g.session('2028-12-25'));
    assert.deepEqual(cmeEquitySessionCalendar('2013-07-04'), {
      kind: 'holiday',
      close: '12:00',
      name: 'Independence Day',
    });
  });

  test('sessionsBetween skips closed and holiday dates', () => {
    const dates = (from: string, to: string) => g.sessionsBetween(utc(from), utc(to)).map((s) => s.date);
    assert.deepEqual(dates('2013-11-25T00:00Z', '2013-12-03T00:00Z'), [
      '2013-11-26',
      '2013-11-27',
      '2013-11-29',
      '2013-12-02',
      '2013-12-03', // opens 12-02 23:00Z
    ]);
    assert.deepEqual(dates('2013-12-20T00:00Z', '2013-12-28T00:00Z'), [
      '2013-12-23',
      '2013-12-24',
      '2013-12-26',
      '2013-12-27',
    ]);
    assert.deepEqual(dates('2014-01-17T00:00Z', '2014-01-23T00:00Z'), [
      '2014-01-21',
      '2014-01-22',
      '2014-01-23',
    ]);
    assert.deepEqual(dates('2014-04-16T00:00Z', '2014-04-22T00:00Z'), [
      '2014-04-17',
      '2014-04-21',
      '2014-04-22',
    ]);
    // Monday 2015-04-06 opens on Thursday 04-02 17:00 CDT, four days before its date.
    assert.deepEqual(dates('2015-04-02T00:00Z', '2015-04-03T00:00Z'), ['2015-04-06']);
  });

  test('every holiday with a session is followed (weekends apart) by a trade date', () => {
    for (const h of CME_HOLIDAYS) {
      if (h.kind !== 'holiday' || h.equityClose === undefined) continue;
      const s = g.currentOrNext(utc(`${h.date}T12:00Z`));
      assert.ok(s.date > h.date, h.date);
      assert.ok(s.open < utc(`${h.date}T12:00Z`), `${h.date}: its session opened the evening before`);
    }
  });
});

describe('TradingSession with a calendar (synthetic, UTC, 09:00–17:00, halt 12:00–13:00)', () => {
  const entries: Record<string, SessionCalendarDay> = {
    '2024-01-03': { kind: 'early-close', close: '12:30' }, // Wed: runs into the halt → ends 12:00
    '2024-01-04': { kind: 'early-close', close: '15:00' }, // Thu
    '2024-01-11': { kind: 'holiday', close: '11:00' }, // Thu
    '2024-01-12': { kind: 'holiday', close: '10:00' }, // Fri
    '2024-01-17': { kind: 'holiday' }, // Wed, no session at all
    '2024-01-18': { kind: 'early-close' }, // Thu, no time: a full day
  };
  const s = new TradingSession({
    name: 'X',
    timeZone: 'UTC',
    description: 'x',
    schedules: [
      {
        from: '2024-01-01',
        weekdays: [1, 2, 3, 4, 5],
        open: at('09:00'),
        close: at('17:00'),
        halts: [{ start: at('12:00'), end: at('13:00') }],
        source: 't',
      },
    ],
    calendar: (date) => entries[date],
  });

  test('early closes cut the session and drop the halts after them', () => {
    expectSession(s.session('2024-01-03'), '2024-01-03', '2024-01-03T09:00Z', '2024-01-03T12:00Z', []);
    expectSession(s.session('2024-01-04'), '2024-01-04', '2024-01-04T09:00Z', '2024-01-04T15:00Z', [
      ['2024-01-04T12:00Z', '2024-01-04T13:00Z'],
    ]);
    expectSession(s.session('2024-01-18'), '2024-01-18', '2024-01-18T09:00Z', '2024-01-18T17:00Z', [
      ['2024-01-18T12:00Z', '2024-01-18T13:00Z'],
    ]);
  });

  test('two holidays in a row and a weekend: Monday opens at Thursday’s open', () => {
    expectSession(s.session('2024-01-15'), '2024-01-15', '2024-01-11T09:00Z', '2024-01-15T17:00Z', [
      ['2024-01-11T11:00Z', '2024-01-12T09:00Z'],
      ['2024-01-12T10:00Z', '2024-01-15T09:00Z'],
      ['2024-01-15T12:00Z', '2024-01-15T13:00Z'],
    ]);
    assert.equal(s.sessionDate(utc('2024-01-10T18:00Z')), '2024-01-15');
    assert.equal(s.isOpen(utc('2024-01-12T09:30Z')), true);
    assert.equal(s.isHalted(utc('2024-01-13T09:30Z')), true);
  });

  test('a holiday without a close time does not trade; the next day is regular', () => {
    assert.equal(s.session('2024-01-17'), undefined);
    assert.equal(s.isOpen(utc('2024-01-17T10:00Z')), false);
    expectSession(s.session('2024-01-18'), '2024-01-18', '2024-01-18T09:00Z', '2024-01-18T17:00Z', [
      ['2024-01-18T12:00Z', '2024-01-18T13:00Z'],
    ]);
  });

  test('a close outside the session throws', () => {
    const bad = new TradingSession({
      name: 'Y',
      timeZone: 'UTC',
      description: 'y',
      schedules: s.schedules,
      calendar: () => ({ kind: 'early-close', close: '18:00' }),
    });
    assert.throws(() => bad.session('2024-01-03'), /early-close close 18:00 is not inside the session/);
  });
});

/** An independent oracle for CME equity index hours from the Chicago wall clock and the table. */
function oracle(us: number): { open: boolean; date?: string } {
  const p = zonedParts(us, 'America/Chicago');
  const m = p.minuteOfDay;
  const L = p.date;
  const weekday = (d: string) => new Date(`${d}T00:00Z`).getUTCDay();
  const isWeekday = (d: string) => weekday(d) >= 1 && weekday(d) <= 5;
  const entry = (d: string) => cmeEquitySessionCalendar(d);
  const isTradeDate = (d: string) =>
    isWeekday(d) && (entry(d) === undefined || entry(d)?.kind === 'early-close');
  const nextTradeDate = (d: string) => {
    let n = addDays(d, 1);
    while (!isTradeDate(n)) n = addDays(n, 1);
    return n;
  };
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  if (m >= 17 * 60) {
    const next = addDays(L, 1);
    const e = entry(next);
    const trades =
      isWeekday(next) && e?.kind !== 'closed' && !(e?.kind === 'holiday' && e.close === undefined);
    return trades ? { open: true, date: nextTradeDate(L) } : { open: false };
  }
  if (!isWeekday(L)) return { open: false };
  const e = entry(L);
  if (e?.kind === 'closed' || (e?.kind === 'holiday' && e.close === undefined)) return { open: false };
  const regularClose = L >= '2015-09-21' ? 16 * 60 : 16 * 60 + 15;
  const close = e?.close !== undefined ? toMin(e.close) : regularClose;
  if (m >= close) return { open: false };
  const halted = L < '2021-06-28' && m >= 15 * 60 + 15 && m < 15 * 60 + 30;
  if (halted) return { open: false };
  return { open: true, date: e?.kind === 'holiday' ? nextTradeDate(L) : L };
}

describe('properties (2013–2027)', () => {
  const from = utc('2013-01-01T12:00Z');
  const to = utc('2027-12-31T00:00Z');
  const holidayTimes = CME_HOLIDAYS.map((h) => utc(`${h.date}T00:00Z`));
  // Uniform minutes over the table's years, and minutes within −3 … +5 days of a table entry.
  const timestamp = fc.oneof(
    fc.integer({ min: 0, max: Math.floor((to - from) / MIN) }).map((n) => from + n * MIN),
    fc
      .tuple(fc.constantFrom(...holidayTimes), fc.integer({ min: -3 * 24 * 60, max: 5 * 24 * 60 }))
      .map(([h, n]) => h + n * MIN),
  );

  test('sessionDate is never a closed or holiday date; isOpen implies sessionAt', () => {
    fc.assert(
      fc.property(timestamp, (us) => {
        const date = g.sessionDate(us);
        const kind = g.calendarDay(date)?.kind;
        assert.ok(kind === undefined || kind === 'early-close', `${date} is ${kind}`);
        assert.ok(g.session(date), `${date} has a session`);
        if (g.isOpen(us)) {
          const s = g.sessionAt(us);
          assert.ok(s, `a session at ${new Date(us / 1000).toISOString()}`);
          assert.equal(s.date, date);
        }
      }),
      { numRuns: 4000 },
    );
  });

  test('isOpen and the trade date agree with the wall-clock oracle', () => {
    fc.assert(
      fc.property(timestamp, (us) => {
        const expected = oracle(us);
        const at = new Date(us / 1000).toISOString();
        assert.equal(g.isOpen(us), expected.open, at);
        if (expected.open) assert.equal(g.sessionDate(us), expected.date, at);
      }),
      { numRuns: 4000 },
    );
  });
});
