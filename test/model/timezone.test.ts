import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE } from '../../src/model/time.js';
import { weekdayName, zonedParts, zonedTimeToUtc } from '../../src/model/timezone.js';

const NY = 'America/New_York';
const CHI = 'America/Chicago';

/** UTC micros of a UTC wall-clock time. */
const utc = (y: number, mo: number, d: number, h: number, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) * 1000;

/** The local wall-clock fields a test compares. */
function wall(us: number, zone: string): string {
  const p = zonedParts(us, zone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${p.date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${p.offsetMinutes}`;
}

/**
 * US DST switches in UTC: spring forward at 02:00 local standard time, fall back at 02:00 local
 * daylight time. 2013: Mar 10 / Nov 3. 2024: Mar 10 / Nov 3.
 */
const SWITCHES = [
  {
    zone: NY,
    year: 2013,
    springUtcHour: 7,
    fallUtcHour: 6,
    standard: -300,
    daylight: -240,
    springDay: 10,
    fallDay: 3,
  },
  {
    zone: NY,
    year: 2024,
    springUtcHour: 7,
    fallUtcHour: 6,
    standard: -300,
    daylight: -240,
    springDay: 10,
    fallDay: 3,
  },
  {
    zone: CHI,
    year: 2013,
    springUtcHour: 8,
    fallUtcHour: 7,
    standard: -360,
    daylight: -300,
    springDay: 10,
    fallDay: 3,
  },
  {
    zone: CHI,
    year: 2024,
    springUtcHour: 8,
    fallUtcHour: 7,
    standard: -360,
    daylight: -300,
    springDay: 10,
    fallDay: 3,
  },
] as const;

describe('zonedParts across DST switches', () => {
  for (const s of SWITCHES) {
    test(`${s.zone} ${s.year}: spring forward on Mar ${s.springDay} (01:59:59 standard → 03:00 daylight)`, () => {
      const at = utc(s.year, 3, s.springDay, s.springUtcHour);
      const date = `${s.year}-03-${String(s.springDay).padStart(2, '0')}`;
      assert.equal(wall(at - 1_000_000, s.zone), `${date} 01:59:59 ${s.standard}`);
      assert.equal(wall(at, s.zone), `${date} 03:00:00 ${s.daylight}`);
      assert.equal(wall(at - MICROS_PER_HOUR, s.zone), `${date} 01:00:00 ${s.standard}`);
      assert.equal(wall(at + 30 * MICROS_PER_MINUTE, s.zone), `${date} 03:30:00 ${s.daylight}`);
    });

    test(`${s.zone} ${s.year}: fall back on Nov ${s.fallDay} (01:59:59 daylight → 01:00 standard)`, () => {
      const at = utc(s.year, 11, s.fallDay, s.fallUtcHour);
      const date = `${s.year}-11-0${s.fallDay}`;
      assert.equal(wall(at - 1_000_000, s.zone), `${date} 01:59:59 ${s.daylight}`);
      assert.equal(wall(at, s.zone), `${date} 01:00:00 ${s.standard}`);
      assert.equal(wall(at - MICROS_PER_HOUR, s.zone), `${date} 01:00:00 ${s.daylight}`);
      assert.equal(wall(at + MICROS_PER_HOUR, s.zone), `${date} 02:00:00 ${s.standard}`);
    });
  }

  test('all fields of one instant: 2024-07-04T13:30:15Z in New York and Chicago', () => {
    const us = utc(2024, 7, 4, 13, 30, 15) + 999_999;
    assert.deepEqual(zonedParts(us, NY), {
      year: 2024,
      month: 7,
      day: 4,
      hour: 9,
      minute: 30,
      second: 15,
      weekday: 4,
      minuteOfDay: 570,
      date: '2024-07-04',
      offsetMinutes: -240,
    });
    const chi = zonedParts(us, CHI);
    assert.equal(chi.hour, 8);
    assert.equal(chi.minuteOfDay, 510);
    assert.equal(chi.offsetMinutes, -300);
    assert.equal(weekdayName(chi.weekday), 'Thu');
  });

  test('the local date and weekday change at local midnight, not UTC midnight', () => {
    // 2013-12-20 (Friday) 23:30 in New York is 2013-12-21T04:30Z (Saturday in UTC).
    const p = zonedParts(utc(2013, 12, 21, 4, 30), NY);
    assert.equal(p.date, '2013-12-20');
    assert.equal(p.weekday, 5);
    assert.equal(weekdayName(p.weekday), 'Fri');
    assert.equal(p.minuteOfDay, 23 * 60 + 30);
    const sunday = zonedParts(utc(2024, 3, 10, 22), CHI); // Sunday 17:00 CDT: Globex opens
    assert.equal(sunday.date, '2024-03-10');
    assert.equal(weekdayName(sunday.weekday), 'Sun');
    assert.equal(sunday.hour, 17);
  });

  test('UTC is a zone too', () => {
    const p = zonedParts(utc(2024, 2, 29, 23, 59, 59), 'UTC');
    assert.equal(p.date, '2024-02-29');
    assert.equal(p.offsetMinutes, 0);
    assert.equal(p.minuteOfDay, 23 * 60 + 59);
  });

  test('property: offsets agree with Intl for random instants 2010–2030', () => {
    const fmt = (zone: string) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    const formats = { [NY]: fmt(NY), [CHI]: fmt(CHI) };
    fc.assert(
      fc.property(
        fc.integer({ min: utc(2010, 1, 1, 0), max: utc(2030, 1, 1, 0) }),
        fc.constantFrom(NY, CHI),
        (us, zone) => {
          const parts = Object.fromEntries(
            formats[zone].formatToParts(new Date(Math.floor(us / 1000))).map((p) => [p.type, p.value]),
          );
          const p = zonedParts(us, zone);
          assert.equal(p.date, `${parts.year}-${parts.month}-${parts.day}`);
          assert.equal(p.hour, Number(parts.hour));
          assert.equal(p.minute, Number(parts.minute));
          assert.equal(p.second, Number(parts.second));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('zonedTimeToUtc', () => {
  test('ordinary times in winter and summer', () => {
    assert.equal(zonedTimeToUtc(2013, 12, 20, 9, 30, NY), utc(2013, 12, 20, 14, 30));
    assert.equal(zonedTimeToUtc(2014, 3, 21, 9, 30, NY), utc(2014, 3, 21, 13, 30));
    assert.equal(zonedTimeToUtc(2024, 1, 15, 17, 0, CHI), utc(2024, 1, 15, 23, 0));
    assert.equal(zonedTimeToUtc(2024, 7, 15, 17, 0, CHI), utc(2024, 7, 15, 22, 0));
  });

  test('times either side of each switch', () => {
    for (const s of SWITCHES) {
      const standardHours = -s.standard / 60;
      const daylightHours = -s.daylight / 60;
      assert.equal(
        zonedTimeToUtc(s.year, 3, s.springDay, 1, 59, s.zone),
        utc(s.year, 3, s.springDay, 1 + standardHours, 59),
      );
      assert.equal(
        zonedTimeToUtc(s.year, 3, s.springDay, 3, 0, s.zone),
        utc(s.year, 3, s.springDay, 3 + daylightHours),
      );
      assert.equal(
        zonedTimeToUtc(s.year, 11, s.fallDay, 0, 59, s.zone),
        utc(s.year, 11, s.fallDay, daylightHours, 59),
      );
      assert.equal(
        zonedTimeToUtc(s.year, 11, s.fallDay, 2, 0, s.zone),
        utc(s.year, 11, s.fallDay, 2 + standardHours),
      );
    }
  });

  test('a repeated (fall-back) time resolves to its first occurrence', () => {
    // 01:30 happens twice in New York on 2024-11-03: 05:30Z (EDT) and 06:30Z (EST).
    assert.equal(zonedTimeToUtc(2024, 11, 3, 1, 30, NY), utc(2024, 11, 3, 5, 30));
    assert.equal(zonedTimeToUtc(2013, 11, 3, 1, 30, CHI), utc(2013, 11, 3, 6, 30));
  });

  test('a skipped (spring-forward) time resolves after the gap, like java.time and Temporal', () => {
    // 02:30 does not exist in New York on 2024-03-10; it is read as 02:30 EST = 07:30Z = 03:30 EDT.
    const us = zonedTimeToUtc(2024, 3, 10, 2, 30, NY);
    assert.equal(us, utc(2024, 3, 10, 7, 30));
    assert.equal(wall(us, NY), '2024-03-10 03:30:00 -240');
  });

  test('property: zonedParts → zonedTimeToUtc round trip (to the minute)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc(2012, 1, 1, 0), max: utc(2026, 1, 1, 0) }),
        fc.constantFrom(NY, CHI),
        (us, zone) => {
          const minute = Math.floor(us / MICROS_PER_MINUTE) * MICROS_PER_MINUTE;
          const p = zonedParts(us, zone);
          const back = zonedTimeToUtc(p.year, p.month, p.day, p.hour, p.minute, zone);
          // Same wall clock always; the same instant unless it is the second pass of a repeated hour.
          const q = zonedParts(back, zone);
          assert.deepEqual([q.date, q.hour, q.minute], [p.date, p.hour, p.minute]);
          if (back !== minute) {
            assert.equal(back, minute - MICROS_PER_HOUR, 'only a repeated hour may resolve one hour earlier');
            assert.equal(p.month, 11);
            assert.equal(p.hour, 1);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('property: round trip is exact around every switch of 2013 and 2024', () => {
    for (const s of SWITCHES) {
      for (const [month, day, utcHour] of [
        [3, s.springDay, s.springUtcHour],
        [11, s.fallDay, s.fallUtcHour],
      ] as const) {
        const center = utc(s.year, month, day, utcHour);
        for (let m = -180; m <= 180; m += 15) {
          const us = center + m * MICROS_PER_MINUTE;
          const p = zonedParts(us, s.zone);
          const back = zonedTimeToUtc(p.year, p.month, p.day, p.hour, p.minute, s.zone);
          const repeatedSecondPass = month === 11 && m >= 0 && m < 60;
          assert.equal(back, repeatedSecondPass ? us - MICROS_PER_HOUR : us, `${s.zone} ${wall(us, s.zone)}`);
        }
      }
    }
  });
});
