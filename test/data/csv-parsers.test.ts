import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lowerMedian } from '../../src/data/csv/infer-bar.js';
import { lastDecimalPlaces, parseDecimal } from '../../src/data/csv/parse-number.js';
import { LineFields, splitLines } from '../../src/data/csv/split-line.js';
import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  localToUtcMicros,
  parseDateDays,
  parseIsoMicros,
  parseTimeSeconds,
} from '../../src/data/csv/timestamps.js';

const at = (iso: string): number => Date.parse(iso) * 1000;

test('parseDecimal accepts strict decimals only', () => {
  for (const [text, value] of [
    ['0', 0],
    ['3578.73', 3578.73],
    ['-1.5', -1.5],
    ['+2', 2],
    [' 7.25 ', 7.25],
    ['00012.500', 12.5],
    ['12345678901234567890', Number('12345678901234567890')],
    ['0.1234567890123456789', Number('0.1234567890123456789')],
  ] as const) {
    assert.equal(parseDecimal(text), value, text);
  }
  for (const text of [
    '',
    ' ',
    'abc',
    '1.2.3',
    '1e999',
    '1e5',
    '1E5',
    'NaN',
    'Infinity',
    '-Infinity',
    '1.',
    '.5',
  ]) {
    assert.ok(Number.isNaN(parseDecimal(text)), text);
  }
  for (const text of ['-', '+', '--1', '1-', '0x10', '1_000', '1 000', '1,5', '٣']) {
    assert.ok(Number.isNaN(parseDecimal(text)), text);
  }
  assert.ok(Number.isNaN(parseDecimal('9'.repeat(400))), 'overflow to Infinity is rejected');
});

test('parseDecimal records decimal places', () => {
  parseDecimal('1676.75');
  assert.equal(lastDecimalPlaces(), 2);
  parseDecimal('1669');
  assert.equal(lastDecimalPlaces(), 0);
  parseDecimal('37.779999');
  assert.equal(lastDecimalPlaces(), 6);
  parseDecimal('3578.73  ');
  assert.equal(lastDecimalPlaces(), 2);
});

test('property: parseDecimal equals Number for every strict decimal string', () => {
  const digits = (min: number, max: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
  fc.assert(
    fc.property(
      fc.constantFrom('', '-', '+'),
      digits(1, 20),
      fc.option(digits(1, 12)),
      (sign, int, fraction) => {
        const text = fraction === null ? `${sign}${int}` : `${sign}${int}.${fraction}`;
        assert.ok(Object.is(parseDecimal(text), Number(text)), text);
      },
    ),
    { numRuns: 2000 },
  );
});

test('dates: strict YYYY-MM-DD, real calendar', () => {
  assert.equal(parseDateDays('1970-01-01'), 0);
  assert.equal(parseDateDays('2006-01-02'), Date.UTC(2006, 0, 2) / 86_400_000);
  assert.equal(parseDateDays('2000-02-29'), Date.UTC(2000, 1, 29) / 86_400_000);
  for (const text of [
    '2006-02-30',
    '1900-02-29',
    '2006-00-10',
    '2006-13-01',
    '2006-1-02',
    '2006/01/02',
    '20060102',
    '',
  ]) {
    assert.ok(Number.isNaN(parseDateDays(text)), text);
  }
});

test('property: civil day numbers agree with Date.UTC and round-trip', () => {
  fc.assert(
    fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
      const { year, month, day } = civilFromDays(days);
      assert.equal(daysFromCivil(year, month, day), days);
      const date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      assert.equal(Math.round(date.getTime() / 86_400_000), days);
    }),
    { numRuns: 2000 },
  );
});

test('addMonths clamps the day to the target month', () => {
  const days = (iso: string): number => parseDateDays(iso);
  assert.equal(addMonths(days('2006-01-31'), 1), days('2006-02-28'));
  assert.equal(addMonths(days('2006-11-15'), 3), days('2007-02-15'));
  assert.equal(addMonths(days('2004-02-29'), 12), days('2005-02-28'));
});

test('times: HH:MM:SS and HH:MM', () => {
  assert.equal(parseTimeSeconds('09:05:00'), 9 * 3600 + 300);
  assert.equal(parseTimeSeconds('23:59:59'), 86_399);
  assert.equal(parseTimeSeconds('17:30'), 17 * 3600 + 1800);
  for (const text of ['24:00:00', '12:60:00', '12:00:60', '9:05:00', '09:05:0', '0905', '']) {
    assert.ok(Number.isNaN(parseTimeSeconds(text)), text);
  }
});

test('ISO date-times: Z, offsets, naive in a zone, fractions to micros', () => {
  assert.equal(parseIsoMicros('2013-10-06T22:00:00Z', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-06 22:00:00', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-06T22:00Z', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-06T18:00:00-04:00', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-07T00:00:00+0200', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-07T07:00:00+09', 'UTC'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-06T18:00:00', 'America/New_York'), at('2013-10-06T22:00:00Z'));
  assert.equal(parseIsoMicros('2013-10-06T18:00:00Z', 'America/New_York'), at('2013-10-06T18:00:00Z'));
  assert.equal(parseIsoMicros('2015-09-23T20:57:42.146', 'UTC'), at('2015-09-23T20:57:42.146Z'));
  assert.equal(parseIsoMicros('2024-07-01T23:58:00.123456789Z', 'UTC'), at('2024-07-01T23:58:00.123Z') + 457);
  for (const text of [
    '2013-10-06',
    '2013-10-06T22',
    '2013-10-06T22:00:00ZZ',
    '2013-10-06T22:00:00+25:00',
    '2013-10-06T22:00:00.Z',
    '2013-10-06T22:00:00.1234567891Z',
    '2013-10-06X22:00:00Z',
  ]) {
    assert.ok(Number.isNaN(parseIsoMicros(text, 'UTC')), text);
  }
});

test('naive local times convert through DST changes', () => {
  const naive = (iso: string): number => at(`${iso}Z`);
  assert.equal(
    localToUtcMicros(naive('2006-01-02T09:05:00'), 'America/New_York'),
    at('2006-01-02T14:05:00Z'),
  );
  assert.equal(
    localToUtcMicros(naive('2006-07-03T09:05:30'), 'America/New_York'),
    at('2006-07-03T13:05:30Z'),
  );
  assert.equal(localToUtcMicros(naive('2006-03-26T03:30:00'), 'Europe/Berlin'), at('2006-03-26T01:30:00Z'));
  assert.equal(localToUtcMicros(naive('2006-01-02T09:05:00'), 'UTC'), at('2006-01-02T09:05:00Z'));
});

test('splitLines: BOM, CRLF, bare CR, trailing blank lines', () => {
  assert.deepEqual(splitLines('\ufeffa,b\r\n1,2\r\n\r\n  \n'), ['a,b', '1,2']);
  assert.deepEqual(splitLines('a,b\n1,2'), ['a,b', '1,2']);
  assert.deepEqual(splitLines('a,b\r1,2\r'), ['a,b', '1,2']);
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('\n\n'), []);
});

test('LineFields: plain and quoted fields', () => {
  const fields = new LineFields();
  assert.ok(fields.set('a,,b,'));
  assert.deepEqual(fields.toArray(), ['a', '', 'b', '']);
  assert.ok(fields.set('"x, y","say ""hi""",3'));
  assert.deepEqual(fields.toArray(), ['x, y', 'say "hi"', '3']);
  assert.equal(fields.count, 3);
  assert.ok(!fields.set('"open'));
  assert.ok(!fields.set('"a"b,c'));
  assert.ok(!fields.set('a"b,c'));
  const wide = Array.from({ length: 100 }, (_, i) => String(i)).join(',');
  assert.ok(fields.set(wide));
  assert.equal(fields.count, 100);
  assert.equal(fields.get(99), '99');
});

test('lowerMedian picks an observed value', () => {
  assert.equal(lowerMedian([]), undefined);
  assert.equal(lowerMedian([5]), 5);
  assert.equal(lowerMedian([1, 5]), 1);
  assert.equal(lowerMedian([5, 1, 3, 100]), 3);
});
