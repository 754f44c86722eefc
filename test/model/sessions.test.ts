import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, at, CME_GLOBEX_EQUITY, TradingSession, US_EQUITY_RTH } from '../../src/model/sessions.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { zonedParts } from '../../src/model/timezone.js';
import { expectSession, utc } from '../support/sessions.js';

const MIN = MICROS_PER_MINUTE;

/** A fresh copy of the CME schedule and holiday calendar (no shared cache between checks). */
function freshGlobex(): TradingSession {
  return new TradingSession({
    name: CME_GLOBEX_EQUITY.name,
    timeZone: CME_GLOBEX_EQUITY.timeZone,
    description: CME_GLOBEX_EQUITY.description,
    schedules: CME_GLOBEX_EQUITY.schedules,
    calendar: CME_GLOBEX_EQUITY.calendar,
  });
}

/** The CME regular hours without the holiday calendar (every weekday a full day). */
const GLOBEX_REGULAR = new TradingSession({
  name: CME_GLOBEX_EQUITY.name,
  timeZone: CME_GLOBEX_EQUITY.timeZone,
  description: CME_GLOBEX_EQUITY.description,
  schedules: CME_GLOBEX_EQUITY.schedules,
});

describe('CME_GLOBEX_EQUITY: hand-checked UTC instants by era', () => {
  test('Tue 2013-10-08 (CDT, UTC-5): 17:00 the evening before → 16:15, halt 15:15–15:30', () => {
    expectSession(
      CME_GLOBEX_EQUITY.session('2013-10-08'),
      '2013-10-08',
      '2013-10-07T22:00Z',
      '2013-10-08T21:15Z',
      [['2013-10-08T20:15Z', '2013-10-08T20:30Z']],
    );
  });

  test('Tue 2013-12-03 (CST, UTC-6): the same local hours are an hour later in UTC', () => {
    expectSession(
      CME_GLOBEX_EQUITY.session('2013-12-03'),
      '2013-12-03',
      '2013-12-02T23:00Z',
      '2013-12-03T22:15Z',
      [['2013-12-03T21:15Z', '2013-12-03T21:30Z']],
    );
  });

  test('Mon 2020-01-06 (CST): opens Sunday 17:00, closes 16:00, halt 15:15–15:30 still there', () => {
    expectSession(
      CME_GLOBEX_EQUITY.session('2020-01-06'),
      '2020-01-06',
      '2020-01-05T23:00Z',
      '2020-01-06T22:00Z',
      [['2020-01-06T21:15Z', '2020-01-06T21:30Z']],
    );
  });

  test('Wed 2024-07-10 (CDT): 17:00–16:00 with no halt', () => {
    expectSession(
      CME_GLOBEX_EQUITY.session('2024-07-10'),
      '2024-07-10',
      '2024-07-09T22:00Z',
      '2024-07-10T21:00Z',
      [],
    );
    assert.equal(
      CME_GLOBEX_EQUITY.isOpen(utc('2024-07-10T20:20Z')),
      true,
      '15:20 CDT trades since 2021-06-28',
    );
    assert.equal(CME_GLOBEX_EQUITY.isOpen(utc('2024-07-10T21:00Z')), false, '16:00 CDT is the close');
    assert.equal(CME_GLOBEX_EQUITY.isOpen(utc('2024-07-10T22:00Z')), true, '17:00 CDT reopens for Thursday');
    assert.equal(CME_GLOBEX_EQUITY.sessionDate(utc('2024-07-10T22:00Z')), '2024-07-11');
  });

  test('era boundaries: 2015-09-18 closes 16:15, 2015-09-21 16:00; the halt ends with 2021-06-25', () => {
    assert.equal(CME_GLOBEX_EQUITY.session('2015-09-18')?.close, utc('2015-09-18T21:15Z'));
    assert.equal(CME_GLOBEX_EQUITY.session('2015-09-21')?.close, utc('2015-09-21T21:00Z'));
    assert.equal(CME_GLOBEX_EQUITY.session('2021-06-25')?.halts.length, 1);
    assert.equal(CME_GLOBEX_EQUITY.session('2021-06-28')?.halts.length, 0);
  });

  test('isOpen around the halt and the close (Oct 2013)', () => {
    const g = CME_GLOBEX_EQUITY;
    assert.equal(g.isOpen(utc('2013-10-08T20:14Z')), true);
    assert.equal(g.isOpen(utc('2013-10-08T20:15Z')), false);
    assert.equal(g.isHalted(utc('2013-10-08T20:15Z')), true);
    assert.equal(g.isOpen(utc('2013-10-08T20:29:59Z')), false);
    assert.equal(g.isOpen(utc('2013-10-08T20:30Z')), true);
    assert.equal(g.isOpen(utc('2013-10-08T21:14:59Z')), true);
    assert.equal(g.isOpen(utc('2013-10-08T21:15Z')), false);
    assert.equal(g.isHalted(utc('2013-10-08T21:15Z')), false, 'after the close is a break, not a halt');
    assert.equal(g.isOpen(utc('2013-10-08T21:59Z')), false);
    assert.equal(g.isOpen(utc('2013-10-08T22:00Z')), true);
  });

  test('a halt keeps the session: sessionDate, closeOf and minutesToClose', () => {
    const g = CME_GLOBEX_EQUITY;
    const inHalt = utc('2013-10-08T20:20Z');
    assert.equal(g.sessionDate(inHalt), '2013-10-08');
    assert.equal(g.closeOf(inHalt), utc('2013-10-08T21:15Z'));
    assert.equal(g.minutesToClose(inHalt), 55);
    assert.equal(g.minutesToClose(utc('2013-12-03T22:00Z')), 15);
    assert.equal(g.openOf(utc('2013-12-03T22:00Z')), utc('2013-12-02T23:00Z'));
  });

  test('the trade date starts at 17:00 Chicago the evening before', () => {
    const g = CME_GLOBEX_EQUITY;
    // Sunday 2013-10-06 18:00 CDT = 23:00Z → Monday's session.
    assert.equal(g.sessionDate(utc('2013-10-06T23:00Z')), '2013-10-07');
    assert.equal(g.isOpen(utc('2013-10-06T23:00Z')), true);
    // Sunday 2013-12-15 18:00 CST = 2013-12-16T00:00Z.
    assert.equal(g.sessionDate(utc('2013-12-16T00:00Z')), '2013-12-16');
    // Tuesday 16:59 CDT is before Wednesday's open: between sessions, the next one's date.
    assert.equal(g.sessionDate(utc('2013-10-08T21:59Z')), '2013-10-09');
    assert.equal(g.sessionDate(utc('2013-10-08T21:14Z')), '2013-10-08');
    assert.equal(g.sessionAt(utc('2013-10-08T21:30Z')), undefined);
  });

  test('weekends are closed: Friday close to Sunday 17:00 Chicago', () => {
    const g = CME_GLOBEX_EQUITY;
    assert.equal(g.isOpen(utc('2013-10-11T21:14Z')), true, 'Friday 16:14 CDT');
    assert.equal(g.isOpen(utc('2013-10-11T21:15Z')), false, 'Friday 16:15 CDT');
    assert.equal(g.isOpen(utc('2013-10-11T22:30Z')), false, 'no Friday evening session');
    assert.equal(g.isOpen(utc('2013-10-12T15:00Z')), false, 'Saturday');
    assert.equal(g.isOpen(utc('2013-10-13T21:59Z')), false, 'Sunday 16:59 CDT');
    assert.equal(g.isOpen(utc('2013-10-13T22:00Z')), true, 'Sunday 17:00 CDT');
    assert.equal(g.session('2013-10-12'), undefined);
    assert.equal(g.session('2013-10-13'), undefined);
    assert.equal(g.sessionDate(utc('2013-10-12T15:00Z')), '2013-10-14');
    assert.equal(g.openOf(utc('2013-10-12T15:00Z')), utc('2013-10-13T22:00Z'));
  });

  test('DST change on a Sunday: Friday closes 16:00 CST = 22:00Z, Sunday opens 17:00 CDT = 22:00Z', () => {
    const g = CME_GLOBEX_EQUITY;
    assert.equal(g.session('2024-03-08')?.close, utc('2024-03-08T22:00Z'));
    assert.equal(g.session('2024-03-11')?.open, utc('2024-03-10T22:00Z'));
    assert.equal(g.sessionDate(utc('2024-03-10T23:00Z')), '2024-03-11');
    assert.equal(g.session('2024-03-11')?.close, utc('2024-03-11T21:00Z'));
  });

  test('before the first era lookups throw with the reason', () => {
    assert.throws(
      () => CME_GLOBEX_EQUITY.isOpen(utc('2010-06-01T15:00Z')),
      /no schedule before 2012-11-18T23:00:00.000Z/,
    );
    assert.equal(CME_GLOBEX_EQUITY.session('2012-11-16'), undefined);
  });

  test('sessionsBetween lists the sessions opening in a window', () => {
    const list = CME_GLOBEX_EQUITY.sessionsBetween(utc('2013-10-06T00:00Z'), utc('2013-10-14T00:00Z'));
    assert.deepEqual(
      list.map((s) => s.date),
      ['2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10', '2013-10-11', '2013-10-14'],
    );
  });
});

describe('US_EQUITY_RTH', () => {
  test('09:30–16:00 New York in EDT and EST', () => {
    expectSession(
      US_EQUITY_RTH.session('2013-10-07'),
      '2013-10-07',
      '2013-10-07T13:30Z',
      '2013-10-07T20:00Z',
      [],
    );
    expectSession(
      US_EQUITY_RTH.session('2013-12-03'),
      '2013-12-03',
      '2013-12-03T14:30Z',
      '2013-12-03T21:00Z',
      [],
    );
    expectSession(
      US_EQUITY_RTH.session('2020-01-06'),
      '2020-01-06',
      '2020-01-06T14:30Z',
      '2020-01-06T21:00Z',
      [],
    );
    expectSession(
      US_EQUITY_RTH.session('2024-07-10'),
      '2024-07-10',
      '2024-07-10T13:30Z',
      '2024-07-10T20:00Z',
      [],
    );
  });

  test('open/closed instants, weekends, and the session after a close', () => {
    const r = US_EQUITY_RTH;
    assert.equal(r.isOpen(utc('2013-10-07T13:29Z')), false);
    assert.equal(r.isOpen(utc('2013-10-07T13:30Z')), true);
    assert.equal(r.isOpen(utc('2013-10-07T19:59Z')), true);
    assert.equal(r.isOpen(utc('2013-10-07T20:00Z')), false);
    assert.equal(r.isOpen(utc('2013-10-12T15:00Z')), false, 'Saturday');
    assert.equal(r.sessionDate(utc('2013-10-11T21:00Z')), '2013-10-14', 'after Friday close → Monday');
    assert.equal(r.minutesToClose(utc('2013-10-07T19:45Z')), 15);
    assert.equal(r.timeZone, 'America/New_York');
  });
});

describe('TradingSession', () => {
  test('validates its spec', () => {
    const base = { name: 'X', timeZone: 'UTC', description: 'x' };
    const era = {
      from: '2020-01-01',
      weekdays: [1],
      open: at('09:00'),
      close: at('17:00'),
      halts: [],
      source: 't',
    };
    assert.throws(() => new TradingSession({ ...base, schedules: [] }), /at least one schedule/);
    assert.throws(
      () => new TradingSession({ ...base, timeZone: 'Mars/Olympus', schedules: [era] }),
      RangeError,
    );
    assert.throws(() => new TradingSession({ ...base, schedules: [{ ...era, open: at('9:00') }] }), /HH:MM/);
    assert.throws(() => new TradingSession({ ...base, schedules: [{ ...era, weekdays: [7] }] }), /weekdays/);
    const inverted = new TradingSession({ ...base, schedules: [{ ...era, close: at('08:00') }] });
    assert.throws(() => inverted.session('2020-01-06'), /close is not after open/);
  });

  test('addDays crosses months, years and leap days', () => {
    assert.equal(addDays('2013-12-31', 1), '2014-01-01');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2013-10-07', -1), '2013-10-06');
  });

  test('property: isOpen and sessionDate agree with the Chicago wall clock (every era, regular hours)', () => {
    // Holidays are checked in sessions-holidays.test.ts; here the schedule without its calendar.
    const g = GLOBEX_REGULAR;
    const from = utc('2012-11-19T00:00Z');
    const to = utc('2026-01-01T00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor((to - from) / MIN) }), (minutes) => {
        const us = from + minutes * MIN;
        const p = zonedParts(us, 'America/Chicago');
        const m = p.minuteOfDay;
        const date = p.date;
        const closeMinute = date >= '2015-09-21' ? 16 * 60 : 16 * 60 + 15;
        const halted = date < '2021-06-28' && m >= 15 * 60 + 15 && m < 15 * 60 + 30;
        const evening = m >= 17 * 60 && p.weekday >= 0 && p.weekday <= 4; // Sunday–Thursday evening
        const day = m < closeMinute && p.weekday >= 1 && p.weekday <= 5 && !halted;
        const expected = evening || day;
        assert.equal(g.isOpen(us), expected, `${new Date(us / 1000).toISOString()} (${date} ${m} local)`);
        if (expected) assert.equal(g.sessionDate(us), evening ? addDays(date, 1) : date);
      }),
      { numRuns: 3000 },
    );
  });

  test('property: the cached answer equals a fresh instance’s answer, in any query order', () => {
    const from = utc('2013-01-01T00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 * 365 * 24 * 60 }), { minLength: 1, maxLength: 40 }),
        (offsets) => {
          const shared = CME_GLOBEX_EQUITY;
          for (const o of offsets) {
            const us = from + o * MIN;
            const fresh = freshGlobex();
            assert.equal(shared.isOpen(us), fresh.isOpen(us));
            assert.equal(shared.sessionDate(us), fresh.sessionDate(us));
            assert.equal(shared.closeOf(us), fresh.closeOf(us));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  // Lookup speed is in `npm run bench:data` (session-aligned aggregation), not timed here.
  test('a year of per-minute lookups: open about 2/3 of the time', () => {
    const g = freshGlobex();
    const start = utc('2019-01-01T00:00Z');
    const n = 365 * 24 * 60;
    let open = 0;
    for (let i = 0; i < n; i++) if (g.isOpen(start + i * MIN)) open++;
    assert.ok(open > 0.6 * n && open < 0.75 * n, `open fraction ${open / n}`);
  });
});
