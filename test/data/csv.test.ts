import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseBarsCsv, readBarsCsv } from '../../src/data/csv/index.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';

const dataFile = (name: string): string => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
/** UnixMicros of an ISO UTC time. */
const at = (iso: string): number => Date.parse(iso) * 1000;

test('backtrader daily (2006-day-001): 255 bars closing at the next UTC midnight', () => {
  const result = readBarsCsv(dataFile('2006-day-001.txt'));
  assert.equal(result.layout, 'backtrader');
  assert.equal(result.rowCount, 255);
  assert.equal(result.series.length, 1);
  assert.equal(result.series[0].key, '');
  assert.equal(result.series[0].root, undefined);
  assert.equal(result.pricePrecision, 2);
  assert.deepEqual(result.bar, { step: 1, aggregation: 'day', durationMicros: 86_400_000_000 });
  assert.deepEqual(result.skipped, []);
  const rows = result.series[0].rows;
  assert.equal(rows.length, 255);
  assert.deepEqual(rows[0], {
    tsEvent: at('2006-01-03T00:00:00Z'),
    open: 3578.73,
    high: 3605.95,
    low: 3578.73,
    close: 3604.33,
    volume: 0,
    openInterest: 0,
  });
  assert.equal(rows[0].tsEvent, 1_136_246_400_000_000);
  assert.deepEqual(rows[254], {
    tsEvent: at('2006-12-30T00:00:00Z'),
    open: 4130.12,
    high: 4142.01,
    low: 4119.94,
    close: 4119.94,
    volume: 0,
    openInterest: 0,
  });
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i].tsEvent > rows[i - 1].tsEvent);
});

test('backtrader with extra trailing columns (optix) reads exactly like the plain file', () => {
  const optix = readBarsCsv(fixture('2006-day-001-optix.txt'));
  const plain = readBarsCsv(dataFile('2006-day-001.txt'));
  assert.equal(optix.layout, 'backtrader');
  assert.equal(optix.rowCount, 255);
  assert.deepEqual(optix.series, plain.series);
});

test('backtrader CRLF file (2006-volume-day-001) parses exactly like its LF version', () => {
  const path = fixture('2006-volume-day-001.txt');
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes('\r\n'), 'fixture must keep its CRLF endings');
  const crlf = parseBarsCsv(text, 'volume-day');
  const lf = parseBarsCsv(text.replaceAll('\r\n', '\n'), 'volume-day');
  assert.deepEqual(crlf, lf);
  assert.equal(crlf.rowCount, 255);
  assert.deepEqual(crlf.series[0].rows[0], {
    tsEvent: at('2006-01-03T00:00:00Z'),
    open: 3602,
    high: 3624,
    low: 3596,
    close: 3617,
    volume: 164794,
    openInterest: 1511674,
  });
  assert.equal(crlf.pricePrecision, 2);
});

test('a UTF-8 BOM and a missing final newline are transparent', () => {
  const result = readBarsCsv(fixture('bom-no-final-newline.txt'));
  assert.equal(result.layout, 'backtrader');
  assert.equal(result.rowCount, 3);
  const plain = readBarsCsv(dataFile('2006-day-001.txt'));
  assert.deepEqual(result.series[0].rows, plain.series[0].rows.slice(0, 3));
});

test('trailing blank lines (LF, CRLF, spaces) are ignored', () => {
  const text =
    'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,1,2,0,0\n2006-01-03,2,3,1,2,0,0\n';
  const base = parseBarsCsv(text, 'x');
  assert.deepEqual(parseBarsCsv(`${text}\n\r\n  \n`, 'x'), base);
  assert.deepEqual(parseBarsCsv(text.trimEnd(), 'x'), base);
});

test('yahoo (orcl-1995-2014): raw columns, 6-decimal precision', () => {
  const result = readBarsCsv(dataFile('orcl-1995-2014.txt'));
  assert.equal(result.layout, 'yahoo');
  assert.equal(result.rowCount, 5036);
  assert.equal(result.pricePrecision, 6);
  assert.deepEqual(result.bar, { step: 1, aggregation: 'day', durationMicros: 86_400_000_000 });
  const rows = result.series[0].rows;
  assert.deepEqual(rows[0], {
    tsEvent: at('1995-01-04T00:00:00Z'),
    open: 2.179012,
    high: 2.191358,
    low: 2.117284,
    close: 2.117284,
    volume: 36301200,
  });
  assert.deepEqual(rows[5035], {
    tsEvent: at('2015-01-01T00:00:00Z'),
    open: 45.450001,
    high: 45.560001,
    low: 44.970001,
    close: 44.970001,
    volume: 13269200,
  });
});

test('yahoo adjust: true scales O/H/L/C by AdjClose/Close, rounded to the file precision', () => {
  const raw = readBarsCsv(fixture('orcl-2014.txt'));
  const adjusted = readBarsCsv(fixture('orcl-2014.txt'), { adjust: true });
  assert.equal(raw.rowCount, 252);
  assert.equal(adjusted.rowCount, 252);
  assert.deepEqual(raw.series[0].rows[0], {
    tsEvent: at('2014-01-03T00:00:00Z'),
    open: 37.779999,
    high: 38.029999,
    low: 37.549999,
    close: 37.84,
    volume: 18162100,
  });
  // 35.166069 / 37.840000 applied to each price, exact decimal arithmetic then 6 places.
  assert.deepEqual(adjusted.series[0].rows[0], {
    tsEvent: at('2014-01-03T00:00:00Z'),
    open: 35.110308,
    high: 35.342642,
    low: 34.896561,
    close: 35.166069,
    volume: 18162100,
  });
  for (const row of adjusted.series[0].rows) {
    assert.ok(row.low <= Math.min(row.open, row.close) && Math.max(row.open, row.close) <= row.high);
  }
});

test('adjust is refused for layouts other than yahoo', () => {
  assert.throws(
    () => readBarsCsv(dataFile('2006-day-001.txt'), { adjust: true }),
    (error: Error) =>
      error.name === 'DataError' && /adjust applies only to the yahoo layout/.test(error.message),
  );
});

test('date-time (2006-min-005): time stamps the bar end by default', () => {
  const result = readBarsCsv(fixture('2006-min-005.txt'));
  assert.equal(result.layout, 'date-time');
  assert.equal(result.rowCount, 2142);
  assert.deepEqual(result.bar, { step: 5, aggregation: 'minute', durationMicros: 5 * MICROS_PER_MINUTE });
  const rows = result.series[0].rows;
  assert.deepEqual(rows[0], {
    tsEvent: at('2006-01-02T09:05:00Z'),
    open: 3578.73,
    high: 3587.88,
    low: 3578.73,
    close: 3582.99,
    volume: 0,
    openInterest: 0,
  });
  assert.equal(rows[2141].tsEvent, at('2006-01-30T17:30:00Z'));
  assert.equal(rows[2141].close, 3677.52);
});

test('date-time: timestamp "start" adds the inferred bar length; timeZone reads naive times locally', () => {
  const start = readBarsCsv(fixture('2006-min-005.txt'), { timestamp: 'start' });
  assert.equal(start.series[0].rows[0].tsEvent, at('2006-01-02T09:10:00Z'));
  const berlin = readBarsCsv(fixture('2006-min-005.txt'), { timeZone: 'Europe/Berlin' });
  assert.equal(berlin.series[0].rows[0].tsEvent, at('2006-01-02T08:05:00Z'));
  const barMinutes = readBarsCsv(fixture('2006-min-005.txt'), { timestamp: 'start', barMinutes: 1 });
  assert.equal(barMinutes.series[0].rows[0].tsEvent, at('2006-01-02T09:06:00Z'));
  assert.deepEqual(barMinutes.bar, { step: 1, aggregation: 'minute', durationMicros: MICROS_PER_MINUTE });
});

test('date-only files close at the next local midnight in timeZone (DST aware)', () => {
  const text =
    'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,1,2,0,0\n2006-07-03,2,3,1,2,0,0\n';
  const result = parseBarsCsv(text, 'x', { timeZone: 'America/New_York' });
  assert.equal(result.series[0].rows[0].tsEvent, at('2006-01-03T05:00:00Z'));
  assert.equal(result.series[0].rows[1].tsEvent, at('2006-07-04T04:00:00Z'));
});

test('lean-futures (ES 2013-2020): 23,948 rows in one series per contract month, start stamps + 1 min', () => {
  const result = readBarsCsv(dataFile('es-minute-trade-bars-2013-2020.csv'));
  assert.equal(result.layout, 'lean-futures');
  assert.equal(result.rowCount, 23948);
  assert.equal(result.pricePrecision, 2);
  assert.deepEqual(result.bar, { step: 1, aggregation: 'minute', durationMicros: MICROS_PER_MINUTE });
  assert.deepEqual(
    result.series.map((s) => [s.key, s.root, s.contractMonth, s.rows.length]),
    [
      ['ES 201312', 'ES', '201312', 16673],
      ['ES 201403', 'ES', '201403', 5116],
      ['ES 201406', 'ES', '201406', 442],
      ['ES 201409', 'ES', '201409', 6],
      ['ES 201412', 'ES', '201412', 9],
      ['ES 202003', 'ES', '202003', 1425],
      ['ES 202006', 'ES', '202006', 272],
      ['ES 202009', 'ES', '202009', 5],
    ],
  );
  const z3 = result.series[0].rows;
  assert.deepEqual(z3[0], {
    tsEvent: at('2013-10-06T22:01:00Z'),
    open: 1676.75,
    high: 1677.25,
    low: 1673.5,
    close: 1675.25,
    volume: 1884,
  });
  // ESZ3's last trade bar starts 2013-12-20 14:29Z (trading ends 09:30 ET on the 3rd Friday).
  assert.equal(z3[z3.length - 1].tsEvent, at('2013-12-20T14:30:00Z'));
  const h0 = result.series[5].rows;
  assert.equal(h0[h0.length - 1].tsEvent, at('2020-01-07T00:00:00Z'));
  for (const series of result.series) {
    for (let i = 1; i < series.rows.length; i++)
      assert.ok(series.rows[i].tsEvent > series.rows[i - 1].tsEvent);
  }
});

test('lean-futures: timestamp "end" keeps the stamps as written', () => {
  const result = readBarsCsv(dataFile('es-minute-trade-bars-2013-2020.csv'), { timestamp: 'end' });
  assert.equal(result.series[0].rows[0].tsEvent, at('2013-10-06T22:00:00Z'));
});

test('mapped: explicit columns with an ISO datetime column', () => {
  const result = readBarsCsv(fixture('mapped-datetime.csv'), {
    columns: {
      datetime: 'timestamp_utc',
      open: 'open',
      high: 'high',
      low: 'low',
      close: 'close',
      volume: 'volume',
    },
    timestamp: 'start',
  });
  assert.equal(result.layout, 'mapped');
  assert.equal(result.rowCount, 3);
  assert.equal(result.pricePrecision, 4);
  assert.deepEqual(result.bar, { step: 1, aggregation: 'minute', durationMicros: MICROS_PER_MINUTE });
  assert.deepEqual(result.series[0].rows[1], {
    tsEvent: at('2024-01-01T23:03:00Z'),
    open: 1.1048,
    high: 1.105,
    low: 1.1047,
    close: 1.105,
    volume: 30,
  });
});

test('mapped: quoted fields, separate date and time columns, case-insensitive names, no volume', () => {
  const result = readBarsCsv(fixture('mapped-date-time-quoted.csv'), {
    columns: { date: 'trade date', time: 'BAR TIME', open: 'First', high: 'Hi', low: 'Lo', close: 'Last' },
    timestamp: 'end',
    timeZone: 'Europe/Berlin',
  });
  assert.equal(result.layout, 'mapped');
  assert.deepEqual(result.series[0].rows, [
    {
      tsEvent: at('2006-01-02T08:05:00Z'),
      open: 3578.73,
      high: 3587.88,
      low: 3578.73,
      close: 3582.99,
      volume: 0,
    },
    {
      tsEvent: at('2006-01-02T08:10:00Z'),
      open: 3583.01,
      high: 3588.4,
      low: 3583.01,
      close: 3588.03,
      volume: 0,
    },
  ]);
});

test('mapped: columns override a recognised header; date-only mapping needs no timestamp', () => {
  const result = readBarsCsv(dataFile('2006-day-001.txt'), {
    columns: {
      date: 'Date',
      open: 'Open',
      high: 'High',
      low: 'Low',
      close: 'Close',
      openInterest: 'OpenInterest',
    },
  });
  assert.equal(result.layout, 'mapped');
  assert.equal(result.rowCount, 255);
  assert.deepEqual(result.series[0].rows[0], {
    tsEvent: at('2006-01-03T00:00:00Z'),
    open: 3578.73,
    high: 3605.95,
    low: 3578.73,
    close: 3604.33,
    volume: 0,
    openInterest: 0,
  });
});

test('bar inference: weekly, two-weekly and monthly date-only files', () => {
  const header = 'Date,Open,High,Low,Close,Volume,OpenInterest\n';
  const file = (dates: string[]): string => header + dates.map((d) => `${d},1,1,1,1,0,0\n`).join('');
  const weekly = parseBarsCsv(file(['2006-01-06', '2006-01-13', '2006-01-20', '2006-01-26']), 'w');
  assert.deepEqual(weekly.bar, { step: 1, aggregation: 'week', durationMicros: 7 * 86_400_000_000 });
  const twoWeekly = parseBarsCsv(file(['2006-01-13', '2006-01-27', '2006-02-10']), 'w2');
  assert.deepEqual(twoWeekly.bar, { step: 2, aggregation: 'week', durationMicros: 14 * 86_400_000_000 });
  const monthly = parseBarsCsv(file(['2006-01-31', '2006-02-28', '2006-03-31', '2006-04-28']), 'm');
  assert.deepEqual(monthly.bar, { step: 1, aggregation: 'month', durationMicros: 0 });
  assert.equal(monthly.series[0].rows[0].tsEvent, at('2006-02-01T00:00:00Z'));
  const monthlyStart = parseBarsCsv(file(['2006-01-01', '2006-02-01', '2006-03-01']), 'm', {
    timestamp: 'start',
  });
  assert.deepEqual(
    monthlyStart.series[0].rows.map((r) => r.tsEvent),
    [at('2006-02-01T00:00:00Z'), at('2006-03-01T00:00:00Z'), at('2006-04-01T00:00:00Z')],
  );
  const single = parseBarsCsv(file(['2006-01-02']), 'one');
  assert.deepEqual(single.bar, { step: 1, aggregation: 'day', durationMicros: 86_400_000_000 });
});

test('hourly bars are reported as hours', () => {
  const text =
    'Date,Time,Open,High,Low,Close,Volume\n2006-01-02,10:00:00,1,2,1,2,5\n2006-01-02,11:00:00,1,2,1,2,5\n2006-01-02,12:00:00,1,2,1,2,5\n';
  const result = parseBarsCsv(text, 'h');
  assert.deepEqual(result.bar, { step: 1, aggregation: 'hour', durationMicros: 60 * MICROS_PER_MINUTE });
  assert.equal(result.series[0].rows[0].openInterest, undefined);
  assert.ok(!('openInterest' in result.series[0].rows[0]));
});

// Throughput is measured by `npm run bench:data -- --only csv`, not here: a timed assertion fails
// on a loaded machine without saying anything about the parser.
test('30,000 rows across two contracts parse whole, in order', () => {
  const lines = ['bar_start_utc,root,contract_month,open,high,low,close,volume'];
  const t0 = Date.UTC(2020, 0, 1);
  for (let i = 0; i < 30_000; i++) {
    const iso = new Date(t0 + i * 60_000).toISOString().replace('.000Z', 'Z');
    lines.push(`${iso},ES,${i % 2 === 0 ? '202003' : '202006'},3240.25,3241.5,3239.75,3240.75,${i}`);
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const result = parseBarsCsv(text, 'many-rows.csv');
  assert.equal(result.rowCount, 30_000);
  const rows = result.series.flatMap((s) => s.rows);
  assert.equal(rows.length, 30_000);
  assert.deepEqual(
    result.series.map((s) => s.rows.length),
    [15_000, 15_000],
  );
  assert.equal(
    rows.reduce((sum, r) => sum + r.volume, 0),
    (29_999 * 30_000) / 2,
  );
});
