import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addCalendarDays,
  businessDayOnOrBefore,
  businessDaysAfter,
  businessDaysBefore,
  businessDaysOfMonth,
  CME_CALENDAR_FIRST,
  CME_CALENDAR_LAST,
  CME_HOLIDAYS,
  cmeHoliday,
  isBusinessDay,
  isBusinessDayLenient,
} from '../../src/model/futures-calendar.js';
import { nthWeekdayOfMonth } from '../../src/model/instruments.js';

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('CME holiday table', () => {
  test('sorted, unique, weekdays only, inside coverage', () => {
    for (let i = 0; i < CME_HOLIDAYS.length; i++) {
      const h = CME_HOLIDAYS[i];
      assert.ok(h.date >= CME_CALENDAR_FIRST && h.date <= CME_CALENDAR_LAST, h.date);
      assert.ok(weekday(h.date) >= 1 && weekday(h.date) <= 5, `${h.date} ${h.name} is a weekend`);
      if (i > 0) assert.ok(h.date > CME_HOLIDAYS[i - 1].date, `${h.date} out of order`);
    }
  });

  test('every year 2013–2027 has the fixed-rule holidays on their dates', () => {
    for (let y = 2013; y <= 2027; y++) {
      const names = (name: string) =>
        CME_HOLIDAYS.filter((h) => h.name === name && h.date.startsWith(`${y}`));
      assert.deepEqual(
        names('Martin Luther King Jr. Day').map((h) => h.date),
        [iso(y, 1, nthWeekdayOfMonth(y, 1, 1, 3))],
      );
      assert.deepEqual(
        names("Presidents' Day").map((h) => h.date),
        [iso(y, 2, nthWeekdayOfMonth(y, 2, 1, 3))],
      );
      assert.deepEqual(
        names('Labor Day').map((h) => h.date),
        [iso(y, 9, nthWeekdayOfMonth(y, 9, 1, 1))],
      );
      assert.deepEqual(
        names('Thanksgiving Day').map((h) => h.date),
        [iso(y, 11, nthWeekdayOfMonth(y, 11, 4, 4))],
      );
      assert.equal(names('Good Friday').length, 1);
      assert.equal(names('Memorial Day').length, 1);
      assert.equal(names('Juneteenth').length, y >= 2022 ? 1 : 0);
    }
  });

  test('observed dates and known closures', () => {
    assert.equal(cmeHoliday('2013-12-25')?.kind, 'closed');
    assert.equal(cmeHoliday('2013-12-24')?.kind, 'early-close');
    assert.equal(cmeHoliday('2016-12-26')?.name, 'Christmas Day'); // Sunday → Monday
    assert.equal(cmeHoliday('2021-12-24')?.name, 'Christmas Day'); // Saturday → Friday
    assert.equal(cmeHoliday('2021-12-31'), undefined); // New Year 2022 on a Saturday: not observed
    assert.equal(cmeHoliday('2017-01-02')?.name, "New Year's Day");
    assert.equal(cmeHoliday('2015-07-03')?.name, 'Independence Day');
    assert.equal(cmeHoliday('2021-07-05')?.name, 'Independence Day');
    assert.equal(cmeHoliday('2022-06-20')?.name, 'Juneteenth');
    assert.equal(cmeHoliday('2021-06-18'), undefined); // Juneteenth only from 2022
    assert.equal(cmeHoliday('2020-04-10')?.name, 'Good Friday');
    assert.equal(cmeHoliday('2024-03-29')?.name, 'Good Friday');
    assert.equal(cmeHoliday('2014-01-20')?.equityClose, '12:00');
    assert.equal(cmeHoliday('2013-11-29')?.equityClose, '12:15');
  });
});

describe('business days', () => {
  test('weekends and holidays are not business days; early closes are', () => {
    assert.equal(isBusinessDay('2013-12-20'), true);
    assert.equal(isBusinessDay('2013-12-21'), false);
    assert.equal(isBusinessDay('2013-12-25'), false);
    assert.equal(isBusinessDay('2013-12-24'), true);
    assert.equal(isBusinessDay('2014-01-20'), false); // MLK: abbreviated Globex session, no trade date
    assert.equal(isBusinessDay('2018-12-05'), true);
  });

  test('outside the table: strict throws naming the coverage, lenient knows weekends only', () => {
    assert.throws(() => isBusinessDay('2012-12-31'), /2013-01-01 … 2027-12-31/);
    assert.throws(() => isBusinessDay('2028-01-03'), RangeError);
    assert.equal(isBusinessDayLenient('2030-12-25'), true);
    assert.equal(isBusinessDayLenient('2030-12-28'), false);
    assert.throws(() => isBusinessDay('2013-02-30'), /not a YYYY-MM-DD/);
  });

  test('counting', () => {
    assert.equal(businessDaysBefore('2013-12-20', 8), '2013-12-10');
    assert.equal(businessDaysBefore('2013-12-25', 4), '2013-12-19');
    assert.equal(businessDaysBefore('2013-12-20', 0), '2013-12-20');
    assert.equal(businessDaysAfter('2013-12-24', 1), '2013-12-26');
    assert.equal(businessDayOnOrBefore('2013-12-25'), '2013-12-24');
    assert.equal(businessDayOnOrBefore('2013-12-24'), '2013-12-24');
    assert.equal(businessDaysOfMonth(2013, 12).length, 21);
    assert.throws(() => businessDaysBefore('2013-12-20', -1), RangeError);
    assert.throws(() => businessDaysBefore('2013-12-20', 1.5), RangeError);
  });

  const dateIn = fc
    .integer({ min: 30, max: 5400 })
    .map((d) => addCalendarDays(CME_CALENDAR_FIRST, d))
    .filter((d) => d <= '2027-11-01');

  test('property: before then after n business days returns to a business day', () => {
    fc.assert(
      fc.property(dateIn, fc.integer({ min: 0, max: 20 }), (date, n) => {
        const start = businessDayOnOrBefore(date);
        assert.equal(businessDaysAfter(businessDaysBefore(start, n), n), start);
        assert.equal(businessDaysBefore(businessDaysAfter(start, n), n), start);
      }),
    );
  });

  test('property: n business days before is a business day with exactly n business days in between', () => {
    fc.assert(
      fc.property(dateIn, fc.integer({ min: 1, max: 20 }), (date, n) => {
        const earlier = businessDaysBefore(date, n);
        assert.ok(isBusinessDay(earlier) && earlier < date);
        let count = 0;
        for (let d = earlier; d < date; d = addCalendarDays(d, 1)) if (isBusinessDay(d)) count++;
        assert.equal(count, n);
      }),
    );
  });

  test('property: composition — before(before(d, a), b) = before(d, a + b)', () => {
    fc.assert(
      fc.property(dateIn, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (date, a, b) => {
        assert.equal(businessDaysBefore(businessDaysBefore(date, a), b), businessDaysBefore(date, a + b));
      }),
    );
  });
});
