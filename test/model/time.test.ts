import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  isoFromMicros,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  microsFromDate,
  microsFromIso,
  microsFromMillis,
  millisFromMicros,
  utcDateOf,
} from '../../src/model/time.js';

/** 2024-01-02T03:04:05Z in micros, computed independently of the code under test. */
const BASE = Date.UTC(2024, 0, 2, 3, 4, 5) * 1000;

describe('time constants and conversions', () => {
  test('units', () => {
    assert.equal(MICROS_PER_SECOND, 1_000_000);
    assert.equal(MICROS_PER_MINUTE, 60_000_000);
    assert.equal(MICROS_PER_HOUR, 3_600_000_000);
    assert.equal(MICROS_PER_DAY, 86_400_000_000);
  });

  test('millis ↔ micros', () => {
    assert.equal(microsFromMillis(1_704_164_645_123), 1_704_164_645_123_000);
    assert.equal(microsFromMillis(1.5), 1500);
    assert.equal(millisFromMicros(1_704_164_645_123_999), 1_704_164_645_123);
    assert.equal(millisFromMicros(-1), -1); // floor, not truncation
  });

  test('utcDateOf', () => {
    assert.equal(utcDateOf(BASE), '2024-01-02');
    assert.equal(utcDateOf(Date.UTC(2024, 0, 2) * 1000 - 1), '2024-01-01');
    assert.equal(utcDateOf(0), '1970-01-01');
  });
});

describe('microsFromIso', () => {
  test('whole seconds in UTC, with T or space, seconds optional, zone optional (UTC)', () => {
    assert.equal(microsFromIso('2024-01-02T03:04:05Z'), BASE);
    assert.equal(microsFromIso('2024-01-02 03:04:05Z'), BASE);
    assert.equal(microsFromIso('2024-01-02T03:04:05'), BASE);
    assert.equal(microsFromIso('  2024-01-02T03:04:05Z  '), BASE);
    assert.equal(microsFromIso('2024-01-02T03:04Z'), BASE - 5 * MICROS_PER_SECOND);
  });

  test('fractions from milliseconds to microseconds are exact', () => {
    assert.equal(microsFromIso('2024-01-02T03:04:05.5Z'), BASE + 500_000);
    assert.equal(microsFromIso('2024-01-02T03:04:05.123Z'), BASE + 123_000);
    assert.equal(microsFromIso('2024-01-02T03:04:05.123456Z'), BASE + 123_456);
    assert.equal(microsFromIso('2024-01-02T03:04:05.000001Z'), BASE + 1);
  });

  test('nanoseconds are rounded to the nearest microsecond (half up)', () => {
    assert.equal(microsFromIso('2024-01-02T03:04:05.123456789Z'), BASE + 123_457);
    assert.equal(microsFromIso('2024-01-02T03:04:05.123456499Z'), BASE + 123_456);
    assert.equal(microsFromIso('2024-01-02T03:04:05.123456500Z'), BASE + 123_457);
    assert.equal(microsFromIso('2024-01-02T03:04:05.000000499Z'), BASE);
    assert.equal(microsFromIso('2024-01-02T03:04:05.0000005Z'), BASE + 1);
    assert.equal(microsFromIso('2024-01-02T03:04:05.000124500Z'), BASE + 125);
  });

  test('rounding nanoseconds can carry into the next second', () => {
    assert.equal(microsFromIso('2024-01-02T03:04:05.999999999Z'), BASE + MICROS_PER_SECOND);
    assert.equal(microsFromIso('2023-12-31T23:59:59.9999996Z'), Date.UTC(2024, 0, 1) * 1000);
  });

  test('property: every 9-digit fraction rounds like integer nanoseconds / 1000, half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (nanos) => {
        const text = `2024-01-02T03:04:05.${String(nanos).padStart(9, '0')}Z`;
        assert.equal(microsFromIso(text), BASE + Math.floor((nanos + 500) / 1000), text);
      }),
      { numRuns: 5000, examples: [[124_500], [125_500], [244_500], [999_999_500]] },
    );
  });

  test('UTC offsets', () => {
    assert.equal(microsFromIso('2024-01-02T05:04:05+02:00'), BASE);
    assert.equal(microsFromIso('2024-01-01T22:04:05-05:00'), BASE);
    assert.equal(microsFromIso('2024-01-02T08:34:05.25+05:30'), BASE + 250_000);
    assert.equal(microsFromIso('2024-01-02T05:04:05+0200'), BASE);
    assert.equal(microsFromIso('2024-01-02T03:04:05+00:00'), BASE);
  });

  test('property: isoFromMicros → microsFromIso is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (us) => {
        assert.equal(microsFromIso(isoFromMicros(us)), us);
      }),
      { numRuns: 3000 },
    );
  });

  test('isoFromMicros writes microseconds only when there are any', () => {
    assert.equal(isoFromMicros(BASE), '2024-01-02T03:04:05.000Z');
    assert.equal(isoFromMicros(BASE + 123_000), '2024-01-02T03:04:05.123Z');
    assert.equal(isoFromMicros(BASE + 123_456), '2024-01-02T03:04:05.123456Z');
    assert.equal(isoFromMicros(BASE + 7), '2024-01-02T03:04:05.000007Z');
    assert.equal(isoFromMicros(-1), '1969-12-31T23:59:59.999999Z');
  });

  test('invalid input throws a RangeError quoting the text', () => {
    const bad = [
      '',
      'yesterday',
      '2024-01-02',
      '2024/01/02T03:04:05Z',
      '2024-1-2T03:04:05Z',
      '2024-01-02T03:04:05.1234567891Z', // 10 fraction digits
      '2024-01-02T03:04:05.Z',
      '2024-01-02T03:04:05+2',
      '2024-01-02T03:04:05 UTC',
      '2024-13-01T00:00:00Z',
      '2024-01-02T25:00:00Z',
      '2024-01-02T23:60:00Z',
    ];
    for (const text of bad) {
      assert.throws(
        () => microsFromIso(text),
        (e: unknown) => e instanceof RangeError && e.message.includes(`'${text}'`),
        JSON.stringify(text),
      );
    }
  });

  test('a calendar date that does not exist is refused, not rolled over', () => {
    for (const text of ['2024-02-30T00:00:00Z', '2023-02-29T12:00:00Z', '2024-04-31T09:30:00-04:00']) {
      assert.throws(() => microsFromIso(text), RangeError, text);
    }
    assert.equal(microsFromIso('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29) * 1000);
  });
});

describe('microsFromDate', () => {
  test('midnight UTC of a date', () => {
    assert.equal(microsFromDate('2006-01-02'), Date.UTC(2006, 0, 2) * 1000);
    assert.equal(microsFromDate('1970-01-01'), 0);
    assert.equal(microsFromDate('2024-02-29'), Date.UTC(2024, 1, 29) * 1000);
    assert.equal(microsFromDate('1969-12-31'), -MICROS_PER_DAY);
  });

  test('rejects dates that do not exist, naming them', () => {
    for (const text of [
      '2006-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
    ]) {
      assert.throws(
        () => microsFromDate(text),
        (e: unknown) =>
          e instanceof RangeError && e.message.includes(`'${text}'`) && /no such date/.test(e.message),
        text,
      );
    }
  });

  test('rejects other formats', () => {
    for (const text of ['2006-2-3', '20060203', '2006-02-03T00:00:00Z', ' 2006-02-03', '']) {
      assert.throws(() => microsFromDate(text), /not a YYYY-MM-DD date/, JSON.stringify(text));
    }
  });

  test('property: agrees with utcDateOf', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (days) => {
        const us = days * MICROS_PER_DAY;
        assert.equal(microsFromDate(utcDateOf(us)), us);
        assert.equal(utcDateOf(microsFromDate(utcDateOf(us)) + MICROS_PER_DAY - 1), utcDateOf(us));
      }),
    );
  });
});
