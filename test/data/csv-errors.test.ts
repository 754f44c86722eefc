import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataError } from '../../src/core/errors.js';
import { type CsvImportOptions, parseBarsCsv, readBarsCsv } from '../../src/data/csv/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));

interface Expected {
  line?: number;
  field: string;
  value?: string;
  /** The message after the `file:line, field, value: ` prefix. */
  reason: string;
}

/** Asserts `run` throws a DataError with exactly this location and message. */
function expectDataError(run: () => unknown, file: string, expected: Expected): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.line, expected.line);
    assert.equal(error.field, expected.field);
    assert.equal(error.value, expected.value);
    const where = expected.line === undefined ? file : `${file}:${expected.line}`;
    const value = expected.value === undefined ? '' : `, value '${expected.value}'`;
    assert.equal(error.message, `${where}, field '${expected.field}'${value}: ${expected.reason}`);
    return true;
  });
}

/** Reads a fixture expecting a DataError; with skipBadRows expects `skippedLines` skipped instead. */
function checkFixture(name: string, expected: Expected, skippedLines: number[], rowsLeft: number): void {
  const path = fixture(name);
  expectDataError(() => readBarsCsv(path), path, expected);
  const result = readBarsCsv(path, { skipBadRows: true });
  assert.deepEqual(
    result.skipped.map((s) => s.line),
    skippedLines,
  );
  assert.equal(result.rowCount, rowsLeft);
  const where = `${path}:${expected.line}, field '${expected.field}', value '${expected.value}': ${expected.reason}`;
  assert.equal(result.skipped[0].reason, where);
}

const HEADER_7 = '(Date,Open,High,Low,Close,Volume,OpenInterest)';

test('the real 1-minute file with a 7-field header and 8-field rows throws at line 2', () => {
  const path = fixture('2006-01-02-volume-min-001-head50.txt');
  expectDataError(() => readBarsCsv(path), path, {
    line: 2,
    field: 'row',
    value: '2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0',
    reason: `row has 8 fields but the header has 7 ${HEADER_7}`,
  });
  // Skipping cannot rescue a file whose header does not describe its rows: every row is bad.
  expectDataError(() => readBarsCsv(path, { skipBadRows: true }), path, {
    line: 2,
    field: 'row',
    value: '',
    reason: 'no valid data rows (49 skipped)',
  });
});

test('row with fewer fields than the header', () => {
  checkFixture(
    'field-count-short.txt',
    {
      line: 3,
      field: 'row',
      value: '2006-01-03,3604.08,3638.42,3601.84,3614.34,0',
      reason: `row has 6 fields but the header has 7 ${HEADER_7}`,
    },
    [3],
    1,
  );
});

test('non-numeric price', () => {
  checkFixture(
    'bad-number.txt',
    { line: 3, field: 'High', value: '3638.4.2', reason: 'not a number' },
    [3],
    2,
  );
});

test('empty price', () => {
  checkFixture('empty-price.txt', { line: 4, field: 'Close', value: '', reason: 'empty price' }, [4], 2);
});

test('high below low', () => {
  checkFixture(
    'high-below-low.txt',
    { line: 3, field: 'High', value: '3601.84', reason: 'high 3601.84 is below low 3638.42' },
    [3],
    1,
  );
});

test('open outside [low, high]', () => {
  checkFixture(
    'open-outside-range.txt',
    {
      line: 4,
      field: 'Open',
      value: '3652.47',
      reason: 'open 3652.47 is outside [low 3615.23, high 3652.46]',
    },
    [4],
    2,
  );
});

test('close outside [low, high]', () => {
  checkFixture(
    'close-outside-range.txt',
    {
      line: 3,
      field: 'Close',
      value: '3600.00',
      reason: 'close 3600 is outside [low 3601.84, high 3638.42]',
    },
    [3],
    1,
  );
});

test('negative volume', () => {
  checkFixture(
    'negative-volume.txt',
    { line: 5, field: 'Volume', value: '-5', reason: 'negative volume' },
    [5],
    3,
  );
});

test('invalid date (2006-02-30)', () => {
  checkFixture(
    'invalid-date.txt',
    { line: 3, field: 'Date', value: '2006-02-30', reason: 'not a valid YYYY-MM-DD date' },
    [3],
    1,
  );
});

test('invalid time (09:70:00)', () => {
  checkFixture(
    'invalid-time.txt',
    { line: 3, field: 'Time', value: '09:70:00', reason: 'not a valid HH:MM:SS time' },
    [3],
    2,
  );
});

test('duplicate timestamp names both lines', () => {
  checkFixture(
    'duplicate-timestamp.txt',
    {
      line: 4,
      field: 'Date',
      value: '2006-01-03',
      reason: "duplicate timestamp: not after line 3 ('2006-01-03')",
    },
    [4],
    2,
  );
});

test('out-of-order timestamp names both lines', () => {
  checkFixture(
    'out-of-order.txt',
    {
      line: 4,
      field: 'Date',
      value: '2006-01-03',
      reason: "timestamp out of order: not after line 3 ('2006-01-04')",
    },
    [4],
    3,
  );
});

test('duplicate within one lean-futures series (other series interleaved) names series and lines', () => {
  checkFixture(
    'lean-duplicate.csv',
    {
      line: 5,
      field: 'bar_start_utc',
      value: '2013-10-06T22:01:00Z',
      reason: "duplicate timestamp in series 'ES 201312': not after line 4 ('2013-10-06T22:01:00Z')",
    },
    [5],
    3,
  );
});

test('date-time duplicate names the date+time field', () => {
  const text =
    'Date,Time,Open,High,Low,Close,Volume\n2006-01-02,09:05:00,1,2,1,2,0\n2006-01-02,09:10:00,1,2,1,2,0\n2006-01-02,09:10:00,1,2,1,2,0\n';
  expectDataError(() => parseBarsCsv(text, 'dt.csv'), 'dt.csv', {
    line: 4,
    field: 'Date+Time',
    value: '2006-01-02 09:10:00',
    reason: "duplicate timestamp: not after line 3 ('2006-01-02 09:10:00')",
  });
});

test('empty file and blank-only file always throw, even with skipBadRows', () => {
  for (const name of ['empty.csv', 'blank-lines-only.csv']) {
    const path = fixture(name);
    for (const options of [{}, { skipBadRows: true }]) {
      expectDataError(() => readBarsCsv(path, options), path, {
        line: 1,
        field: 'header',
        value: '',
        reason: 'empty file: no header line',
      });
    }
  }
});

test('header without data rows', () => {
  const path = fixture('header-only.txt');
  expectDataError(() => readBarsCsv(path, { skipBadRows: true }), path, {
    line: 2,
    field: 'row',
    value: '',
    reason: 'no data rows after the header',
  });
});

test('unknown header lists the header found and the known layouts', () => {
  const path = fixture('unknown-header.csv');
  for (const options of [{}, { skipBadRows: true }]) {
    assert.throws(
      () => readBarsCsv(path, options),
      (error: unknown) =>
        error instanceof DataError &&
        error.line === 1 &&
        error.field === 'header' &&
        error.value === 'Timestamp,Price,Size' &&
        error.message.includes('unknown header; known layouts: ') &&
        error.message.includes("backtrader 'Date,Open,High,Low,Close,Volume,OpenInterest[,extra…]'") &&
        error.message.includes("yahoo 'Date,Open,High,Low,Close,Adj Close,Volume'") &&
        error.message.includes("date-time 'Date,Time,Open,High,Low,Close,Volume[,OpenInterest]'") &&
        error.message.includes(
          "lean-futures 'bar_start_utc,root,contract_month,open,high,low,close,volume'",
        ) &&
        error.message.includes('`columns` option'),
    );
  }
});

test('adjust with a zero Adj Close names that field', () => {
  const path = fixture('yahoo-zero-adjclose.txt');
  assert.equal(readBarsCsv(path).rowCount, 1);
  expectDataError(() => readBarsCsv(path, { adjust: true }), path, {
    line: 2,
    field: 'Adj Close',
    value: '0',
    reason: 'cannot adjust: adj close must be positive',
  });
});

test('strict numbers: each malformed price is rejected with its field and value', () => {
  for (const bad of [
    'abc',
    '1.2.3',
    '1e999',
    '1e5',
    'NaN',
    'Infinity',
    '1.',
    '.5',
    '0x10',
    '1 000',
    '--1',
    '+',
  ]) {
    const text = `Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,1,${bad},0,0\n`;
    expectDataError(() => parseBarsCsv(text, 'n.csv'), 'n.csv', {
      line: 2,
      field: 'Close',
      value: bad,
      reason: 'not a number',
    });
  }
});

test('unbalanced quote in a row', () => {
  const text = 'Date,Open,High,Low,Close,Volume,OpenInterest\n"2006-01-02,1,2,1,2,0,0\n';
  expectDataError(() => parseBarsCsv(text, 'q.csv'), 'q.csv', {
    line: 2,
    field: 'row',
    value: '"2006-01-02,1,2,1,2,0,0',
    reason: 'unbalanced double quote',
  });
});

test('a blank line in the middle is a bad row, not silently dropped', () => {
  const text =
    'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,1,2,0,0\n\n2006-01-03,1,2,1,2,0,0\n';
  expectDataError(() => parseBarsCsv(text, 'b.csv'), 'b.csv', {
    line: 3,
    field: 'row',
    value: '',
    reason: `row has 1 field but the header has 7 ${HEADER_7}`,
  });
  assert.deepEqual(parseBarsCsv(text, 'b.csv', { skipBadRows: true }).skipped, [
    { line: 3, reason: `b.csv:3, field 'row', value '': row has 1 field but the header has 7 ${HEADER_7}` },
  ]);
});

test('lean-futures contract fields are checked', () => {
  const header = 'bar_start_utc,root,contract_month,open,high,low,close,volume\n';
  expectDataError(
    () => parseBarsCsv(`${header}2013-10-06T22:00:00Z,ES,201313,1,2,1,2,3\n`, 'l.csv'),
    'l.csv',
    {
      line: 2,
      field: 'contract_month',
      value: '201313',
      reason: 'contract month must be YYYYMM',
    },
  );
  expectDataError(() => parseBarsCsv(`${header}2013-10-06T22:00:00Z,,201312,1,2,1,2,3\n`, 'l.csv'), 'l.csv', {
    line: 2,
    field: 'root',
    value: '',
    reason: 'root must be a non-empty symbol',
  });
  expectDataError(
    () => parseBarsCsv(`${header}2013-10-06T24:00:00Z,ES,201312,1,2,1,2,3\n`, 'l.csv'),
    'l.csv',
    {
      line: 2,
      field: 'bar_start_utc',
      value: '2013-10-06T24:00:00Z',
      reason: 'not a valid ISO-8601 date-time',
    },
  );
});

test('option errors: time zone, timestamp for mapped, mapping problems, barMinutes', () => {
  const daily = 'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,1,2,0,0\n';
  expectDataError(() => parseBarsCsv(daily, 'o.csv', { timeZone: 'Mars/Olympus' }), 'o.csv', {
    field: 'timeZone',
    value: 'Mars/Olympus',
    reason: 'unknown IANA time zone',
  });
  const minute = 'ts,o,h,l,c\n2024-01-01T00:00:00Z,1,2,1,2\n2024-01-01T00:01:00Z,1,2,1,2\n';
  const columns = { datetime: 'ts', open: 'o', high: 'h', low: 'l', close: 'c' };
  expectDataError(() => parseBarsCsv(minute, 'm.csv', { columns }), 'm.csv', {
    field: 'timestamp',
    reason: "say whether the time stamps the bar's start or end: pass timestamp 'start' or 'end'",
  });
  expectDataError(
    () => parseBarsCsv(minute, 'm.csv', { columns: { ...columns, volume: 'vol' }, timestamp: 'end' }),
    'm.csv',
    {
      line: 1,
      field: 'header',
      value: 'ts,o,h,l,c',
      reason: "column 'vol' (columns.volume) is not in the header",
    },
  );
  const both: CsvImportOptions = { columns: { ...columns, date: 'ts' }, timestamp: 'end' };
  expectDataError(() => parseBarsCsv(minute, 'm.csv', both), 'm.csv', {
    field: 'columns.datetime',
    reason: 'columns needs exactly one of `datetime` or `date` (with optional `time`)',
  });
  expectDataError(() => parseBarsCsv(daily, 'o.csv', { barMinutes: 90 }), 'o.csv', {
    field: 'barMinutes',
    value: '90',
    reason: 'a date-only file needs barMinutes to be a whole number of days (1440 per day)',
  });
  const oneMinuteRow = 'Date,Time,Open,High,Low,Close,Volume\n2006-01-02,09:05:00,1,2,1,2,0\n';
  expectDataError(() => parseBarsCsv(oneMinuteRow, 'one.csv'), 'one.csv', {
    field: 'barMinutes',
    reason: 'cannot infer the bar length from fewer than two rows in a series; pass barMinutes',
  });
  assert.equal(parseBarsCsv(oneMinuteRow, 'one.csv', { barMinutes: 5 }).bar.step, 5);
});

test('a missing file is a DataError naming the path', () => {
  const path = fixture('no-such-file.csv');
  assert.throws(
    () => readBarsCsv(path),
    (error: unknown) => error instanceof DataError && error.code === 'DATA_UNREADABLE' && error.file === path,
  );
});
