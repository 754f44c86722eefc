import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DataError } from '../../../src/core/errors.js';
import {
  type LeanOptionRecord,
  leanOptionEntryName,
  leanOptionSymbol,
  listZipEntries,
  type OpenInterest,
  parseLeanOptionEntryName,
  readLeanOptionZip,
} from '../../../src/data/readers/index.js';
import type { Bar, QuoteTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { microsFromIso } from '../../../src/model/time.js';
import { rejectsAt, tempFiles } from '../../support/reader-files.js';
import { writeZip } from './zip-writer.js';

const FIXTURES = new URL('../../fixtures/lean/', import.meta.url).pathname;
const FOP = join(FIXTURES, 'futureoption/cme/minute/es/');
const FOP_QUOTE = join(FOP, '202003/20200106_quote_american.zip');
const FOP_TRADE = join(FOP, '202003/20200106_trade_american.zip');
const FOP_TRADE_M0 = join(FOP, '202006/20200106_trade_american.zip');
const SPX = join(FIXTURES, 'indexoption/usa/minute/spx/');
const SPX_QUOTE = join(SPX, '20210104_quote_european.zip');
const SPX_TRADE = join(SPX, '20210104_trade_european.zip');
const SPX_OI = join(SPX, '20210104_openinterest_european.zip');
const CENT = new Grid(0.01);
const us = microsFromIso;
const { dir } = tempFiles('bourse-lean-options-');
/** Writes a zip at `rel` (a LEAN-style path) under the temp folder. */
const zip = (rel: string, entries: Record<string, string[]>): string => {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeZip(path, Object.fromEntries(Object.entries(entries).map(([n, rows]) => [n, `${rows.join('\n')}\n`])));
  return path;
};
const bars = (records: LeanOptionRecord[]): Bar[] =>
  records.map((r) => r.data).filter((d): d is Bar => d.kind === 'bar');
const brief = (b: Bar) => [b.barType.key, b.open, b.high, b.low, b.close, b.volume, b.tsEvent];
const FOP_CALL = '20200106_es_minute_quote_american_call_32200000_20200320.csv';
const SPX_ENTRY = '20210104_spx_minute_trade_european_put_42000000_20210115.csv';

// ---------------------------------------------------------------------------------------- names

test('entry names: future option and index option contracts, OSI-like ids', () => {
  assert.deepEqual(parseLeanOptionEntryName(FOP_CALL, 'CME'), {
    underlying: 'ES',
    style: 'american',
    right: 'call',
    strike: 3220,
    expiry: '2020-03-20',
    instrumentId: 'ES200320C03220000.CME',
    date: '20200106',
    resolution: 'minute',
    tickType: 'quote',
  });
  assert.deepEqual(parseLeanOptionEntryName(`spx/${SPX_ENTRY}`), {
    underlying: 'SPX',
    style: 'european',
    right: 'put',
    strike: 4200,
    expiry: '2021-01-15',
    instrumentId: 'SPX210115P04200000.USA',
    date: '20210104',
    resolution: 'minute',
    tickType: 'trade',
  });
  const oi = parseLeanOptionEntryName('20210104_spx_minute_openinterest_european_call_42500000_20210115.csv');
  assert.deepEqual(
    [oi?.tickType, oi?.strike, oi?.instrumentId],
    ['openinterest', 4250, 'SPX210115C04250000.USA'],
  );
  // Strike scaling: ×10000 in the name, ×1000 (8 digits) in the id; a fourth decimal is kept.
  assert.equal(
    parseLeanOptionEntryName('20210104_spy_minute_trade_american_call_333333_20210115.csv')?.instrumentId,
    'SPY210115C00033333.3.USA',
  );
  assert.equal(leanOptionSymbol('es', '2020-03-20', 'put', 3012.5), 'ES200320P03012500');
  assert.equal(leanOptionSymbol('BTC', '2024-12-27', 'call', 125_000), 'BTC241227C125000000');
  assert.throws(() => leanOptionSymbol('ES', '20200320', 'call', 3000), /YYYY-MM-DD/);
  assert.throws(() => leanOptionSymbol('ES', '2020-03-20', 'call', 0), /positive/);
});

test('entry names: malformed names give undefined, as parseLeanEntryName does', () => {
  for (const name of [
    '20131007_spy_minute_trade.csv', // equity bars
    '20131006_es_minute_quote_201312.csv', // future bars
    '20200106_es_hour_quote_american_call_30000000_20200320.csv', // resolution
    '20200106_es_minute_quote_bermudan_call_30000000_20200320.csv', // style
    '20200106_es_minute_quote_american_C_30000000_20200320.csv', // right
    '20200106_es_minute_quote_american_call_3000.5_20200320.csv', // strike not an integer
    '20200106_es_minute_quote_american_call_0_20200320.csv', // zero strike
    '20200106_es_minute_quote_american_call_30000000_20201320.csv', // expiry month 13
    '20200230_es_minute_quote_american_call_30000000_20200320.csv', // 30 February
    '20200106_es_minute_quote_american_call_30000000_20200320.txt',
    '20200106_es_minute_tick_american_call_30000000_20200320.csv',
    '',
  ]) {
    assert.equal(parseLeanOptionEntryName(name), undefined, name);
  }
  // Case-insensitive like the equity/future names; the id is upper-case.
  assert.equal(
    parseLeanOptionEntryName('20200106_ES_Minute_Quote_American_Call_30000000_20200320.csv', 'CME')
      ?.instrumentId,
    'ES200320C03000000.CME',
  );
});

test('property: parseLeanOptionEntryName inverts leanOptionEntryName', () => {
  const day = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(
      fc.record({
        date: day.map((d) => d.replaceAll('-', '')),
        underlying: fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/),
        resolution: fc.constant('minute' as const),
        tickType: fc.constantFrom('trade' as const, 'quote' as const, 'openinterest' as const),
        style: fc.constantFrom('american' as const, 'european' as const),
        right: fc.constantFrom('call' as const, 'put' as const),
        strike: fc.integer({ min: 1, max: 1e12 }).map((n) => n / 10_000),
        expiry: day,
      }),
      fc.constantFrom('CME', 'USA', 'CBOE'),
      (info, venue) => {
        const name = leanOptionEntryName(info);
        const parsed = parseLeanOptionEntryName(name, venue);
        assert.ok(parsed, name);
        const { instrumentId, ...rest } = parsed;
        assert.deepEqual(rest, { ...info }); // fc.record builds null-prototype objects
        // The id, read back independently: root, YYMMDD, C/P, strike ×1000 (+ a fourth decimal).
        const m = /^([A-Z0-9]+)(\d{6})([CP])(\d{8,})(?:\.(\d))?\.([A-Z]+)$/.exec(instrumentId);
        assert.ok(m, instrumentId);
        assert.equal(m[2], info.expiry.slice(2).replaceAll('-', ''));
        assert.equal(m[3], info.right === 'call' ? 'C' : 'P');
        assert.equal(Number(m[4]) * 10 + Number(m[5] ?? 0), Math.round(info.strike * 10_000));
        assert.equal(m[6], venue);
        assert.equal(m[1], info.underlying);
      },
    ),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------------------- future options

test('ES option quotes (reduced real zip): UTC data time, decimal prices, bid/ask bars at the close', async () => {
  const records = await readLeanOptionZip(FOP_QUOTE, { grid: CENT });
  assert.equal(records.length, 4 * 7 * 2);
  const first = records[0];
  assert.deepEqual(first.contract, {
    underlying: 'ES',
    style: 'american',
    right: 'call',
    strike: 3220,
    expiry: '2020-03-20',
    instrumentId: 'ES200320C03220000.CME',
    underlyingContractMonth: '202003',
  });
  // 0,80.5,80.75,71,80.5,32,82,88,81.75,81.75,110 — midnight UTC, the bar closes 00:01Z
  assert.deepEqual(brief(first.data as Bar), [
    'ES200320C03220000.CME-1-MINUTE-BID',
    80.5,
    80.75,
    71,
    80.5,
    0,
    us('2020-01-06T00:01:00Z'),
  ]);
  assert.deepEqual(brief(records[1].data as Bar), [
    'ES200320C03220000.CME-1-MINUTE-ASK',
    82,
    88,
    81.75,
    81.75,
    0,
    us('2020-01-06T00:01:00Z'),
  ]);
  assert.equal(records[1].contract, first.contract); // one contract object per entry
  // 86340000,89.75,89.75,89.75,89.75,20,90.75,91,90.5,91,20 — 23:59Z bar closes at midnight
  assert.deepEqual(brief(records[13].data as Bar), [
    'ES200320C03220000.CME-1-MINUTE-ASK',
    90.75,
    91,
    90.5,
    91,
    0,
    us('2020-01-07T00:00:00Z'),
  ]);
  assert.deepEqual(
    [...new Set(records.map((r) => r.contract.instrumentId))],
    ['ES200320C03220000.CME', 'ES200320C03125000.CME', 'ES200320P03000000.CME', 'ES200320P03220000.CME'],
  );
  const ticks = await readLeanOptionZip(FOP_QUOTE, { grid: CENT, quotes: 'ticks' });
  assert.equal(ticks.length, 28);
  // put 3000: 60000,29.25,29.5,29.25,29.25,33,30,30,30,30,34
  assert.deepEqual(ticks[15].data, {
    kind: 'quote',
    instrumentId: 'ES200320P03000000.CME',
    bidPrice: 29.25,
    askPrice: 30,
    bidSize: 33,
    askSize: 34,
    tsEvent: us('2020-01-06T00:02:00Z'),
    tsInit: us('2020-01-06T00:02:00Z'),
  });
});

test('ES option trades (real zips): every entry, one contract month per folder', async () => {
  const entries = await listZipEntries(FOP_TRADE);
  assert.equal(entries.length, 31);
  const records = await readLeanOptionZip(FOP_TRADE, { grid: new Grid(0.05) });
  assert.equal(records.length, 572); // wc -l over the 31 CSVs
  // call 3220: 120000,81.25,81.25,81.25,81.25,2 (after its first-listed call 3130 entry's 3 rows)
  const call3220 = bars(records).filter((b) => b.barType.instrumentId === 'ES200320C03220000.CME');
  assert.deepEqual(brief(call3220[0]), [
    'ES200320C03220000.CME-1-MINUTE-LAST',
    81.25,
    81.25,
    81.25,
    81.25,
    2,
    us('2020-01-06T00:03:00Z'),
  ]);
  const june = await readLeanOptionZip(FOP_TRADE_M0, { grid: new Grid(0.05) });
  assert.deepEqual(
    june.map((r) => [r.contract.instrumentId, r.contract.underlyingContractMonth, (r.data as Bar).close]),
    [
      ['ES200619C03250000.CME', '202006', 110.25],
      ['ES200619C03250000.CME', '202006', 104],
      ['ES200619C03250000.CME', '202006', 103.5],
      ['ES200619C03250000.CME', '202006', 104.25],
      ['ES200619C03250000.CME', '202006', 104.75],
      ['ES200619C03250000.CME', '202006', 114.25],
      ['ES200619C03470000.CME', '202006', 18],
      ['ES200619P02450000.CME', '202006', 11.25],
      ['ES200619P02450000.CME', '202006', 10.5],
      ['ES200619P02450000.CME', '202006', 10.5],
      ['ES200619P02450000.CME', '202006', 10],
    ],
  );
  // 75420000,10,10,10,10,1 — 20:57Z, closes 20:58Z
  assert.equal(june[10].data.tsEvent, us('2020-01-06T20:58:00Z'));
});

// ---------------------------------------------------------------------------------------- index options

test('SPX option trades (real zip): New York time (EST) → UTC, prices ×10000', async () => {
  const records = await readLeanOptionZip(SPX_TRADE, { grid: CENT });
  assert.equal(records.length, 9 + 37 + 151 + 150 + 1);
  // call 3200: 39180000,5160400,5160400,5160400,5160400,1 — 10:53 EST = 15:53Z, closes 15:54Z
  assert.deepEqual(records[0].data, {
    kind: 'bar',
    barType: (records[0].data as Bar).barType,
    open: 516.04,
    high: 516.04,
    low: 516.04,
    close: 516.04,
    volume: 1,
    tsEvent: us('2021-01-04T15:54:00Z'),
    tsInit: us('2021-01-04T15:54:00Z'),
  });
  assert.equal((records[0].data as Bar).barType.key, 'SPX210115C03200000.USA-1-MINUTE-LAST');
  assert.equal(records[0].contract.underlyingContractMonth, undefined);
  // put 4200, its only row: 40260000,5038000,…,1 — 11:11 EST, closes 16:12Z
  const last = records[records.length - 1];
  assert.deepEqual(
    [last.contract.instrumentId, last.contract.right, last.contract.strike, (last.data as Bar).close],
    ['SPX210115P04200000.USA', 'put', 4200, 503.8],
  );
  assert.equal(last.data.tsEvent, us('2021-01-04T16:12:00Z'));
});

test('SPX option quotes (real zip): one-sided rows give only their side', async () => {
  const records = await readLeanOptionZip(SPX_QUOTE, { grid: CENT });
  assert.equal(records.length, 5 * 405 * 2 + 403); // the 4250 call is quoted on the ask only
  const call4250 = bars(records).filter((b) => b.barType.instrumentId === 'SPX210115C04250000.USA');
  assert.equal(call4250.length, 403);
  // 34200000,,,,,0,1500,2500,1500,1500,387 — 09:30 EST, closes 14:31Z
  assert.deepEqual(brief(call4250[0]), [
    'SPX210115C04250000.USA-1-MINUTE-ASK',
    0.15,
    0.25,
    0.15,
    0.15,
    0,
    us('2021-01-04T14:31:00Z'),
  ]);
  const call3700 = bars(records).filter((b) => b.barType.instrumentId === 'SPX210115C03700000.USA');
  // last row 58440000,542000,544000,534000,543000,103,551000,558000,544000,553000,49 — 16:14 EST
  assert.deepEqual(brief(call3700[call3700.length - 2]), [
    'SPX210115C03700000.USA-1-MINUTE-BID',
    54.2,
    54.4,
    53.4,
    54.3,
    0,
    us('2021-01-04T21:15:00Z'),
  ]);
  const ticks = await readLeanOptionZip(SPX_QUOTE, { grid: CENT, quotes: 'ticks' });
  assert.equal(ticks.length, 5 * 405);
  // first call 3700 row: 34200000,910000,934000,897000,915000,30,955000,955000,925000,933000,60
  const tick = ticks.find((r) => r.contract.strike === 3700)?.data as QuoteTick;
  assert.deepEqual(
    [tick.bidPrice, tick.askPrice, tick.bidSize, tick.askSize, tick.tsEvent],
    [91.5, 93.3, 30, 60, us('2021-01-04T14:31:00Z')],
  );
});

test('SPX open interest (real zip): one value per contract, at its row time', async () => {
  const records = await readLeanOptionZip(SPX_OI, { grid: CENT });
  const oi = records.map((r) => r.data as OpenInterest);
  assert.deepEqual(
    oi.map((o) => [o.instrumentId, o.value]),
    [
      ['SPX210115C03200000.USA', 11755],
      ['SPX210115P03200000.USA', 31651],
      ['SPX210115C03700000.USA', 48148],
      ['SPX210115C03800000.USA', 27854],
      ['SPX210115P04200000.USA', 30],
      ['SPX210115C04250000.USA', 6],
    ],
  );
  // 23400000,11755 — 06:30 EST = 11:30Z
  assert.deepEqual(oi[0], {
    kind: 'open-interest',
    instrumentId: 'SPX210115C03200000.USA',
    value: 11755,
    tsEvent: us('2021-01-04T11:30:00Z'),
    tsInit: us('2021-01-04T11:30:00Z'),
  });
  assert.equal(oi[5].tsEvent, us('2021-01-04T11:31:00Z')); // 23460000,6
});

test('time zones: SPX in summer (EDT), explicit options for a path outside LEAN folders', async () => {
  const row = '34200000,5160400,5160400,5160400,5160400,1';
  const summer = zip('indexoption/usa/minute/spx/20210615_trade_european.zip', {
    '20210615_spx_minute_trade_european_call_32000000_20210618.csv': [row],
  });
  const [bar] = bars(await readLeanOptionZip(summer, { grid: CENT }));
  assert.equal(bar.tsEvent, us('2021-06-15T13:31:00Z')); // 09:30 EDT = 13:30Z
  const loose = zip('loose/20200106_trade_american.zip', {
    '20200106_es_minute_trade_american_call_30000000_20200320.csv': ['0,42,42,42,42,1'],
  });
  await assert.rejects(readLeanOptionZip(loose, { grid: CENT }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.file, loose);
    assert.match(error.message, /pass securityType, or timeZone and priceScale/);
    return true;
  });
  const [fop] = bars(
    await readLeanOptionZip(loose, { grid: CENT, securityType: 'futureoption', venue: 'CME' }),
  );
  assert.deepEqual(brief(fop).slice(0, 2), ['ES200320C03000000.CME-1-MINUTE-LAST', 42]);
  assert.equal(fop.tsEvent, us('2020-01-06T00:01:00Z'));
  const [chicago] = bars(
    await readLeanOptionZip(loose, { grid: CENT, timeZone: 'America/Chicago', priceScale: 1 }),
  );
  assert.equal(chicago.tsEvent, us('2020-01-06T06:01:00Z'));
  assert.equal(chicago.barType.instrumentId, 'ES200320C03000000.USA');
});

// ---------------------------------------------------------------------------------------- filters

test('filters: rights, strike range and expiries pick a slice of the chain', async () => {
  const ids = async (options: Parameters<typeof readLeanOptionZip>[1], path = SPX_QUOTE) => [
    ...new Set((await readLeanOptionZip(path, options)).map((r) => r.contract.instrumentId)),
  ];
  assert.deepEqual(await ids({ grid: CENT, rights: ['put'] }), [
    'SPX210115P03200000.USA',
    'SPX210115P04200000.USA',
  ]);
  assert.deepEqual(await ids({ grid: CENT, strikes: { min: 3700, max: 3800 } }), [
    'SPX210115C03700000.USA',
    'SPX210115C03800000.USA',
  ]);
  assert.deepEqual(await ids({ grid: CENT, rights: ['call'], strikes: { min: 4000 } }), [
    'SPX210115C04250000.USA',
  ]);
  assert.equal((await ids({ grid: CENT, expiries: ['2021-01-15'] })).length, 6);
  assert.deepEqual(await ids({ grid: CENT, expiries: ['2021-01-22'] }), []);
  assert.deepEqual(await ids({ grid: CENT, strikes: { max: 3000 }, rights: ['put'] }, FOP_TRADE), [
    'ES200320P02550000.CME',
    'ES200320P02630000.CME',
    'ES200320P02700000.CME',
    'ES200320P02750000.CME',
    'ES200320P02760000.CME',
    'ES200320P02800000.CME',
    'ES200320P02820000.CME',
    'ES200320P02840000.CME',
    'ES200320P02850000.CME',
    'ES200320P02980000.CME',
    'ES200320P03000000.CME',
  ]);
  // Filtered-out entries are not read: a broken put entry does not matter when only calls are asked.
  const mixed = zip('futureoption/cme/minute/es/202003/20200107_trade_american.zip', {
    '20200107_es_minute_trade_american_call_30000000_20200320.csv': ['0,42,42,42,42,1'],
    '20200107_es_minute_trade_american_put_30000000_20200320.csv': ['0,oops'],
  });
  assert.equal((await readLeanOptionZip(mixed, { grid: CENT, rights: ['call'] })).length, 1);
  await assert.rejects(readLeanOptionZip(mixed, { grid: CENT }), /has 2 fields/);
  await assert.rejects(readLeanOptionZip(SPX_QUOTE, { grid: CENT, expiries: ['20210115'] }), /YYYY-MM-DD/);
  await assert.rejects(
    readLeanOptionZip(SPX_QUOTE, { grid: CENT, strikes: { min: 4000, max: 3000 } }),
    /min ≤ max/,
  );
});

// ---------------------------------------------------------------------------------------- errors

test('errors name the zip entry, line, field and value', async () => {
  const fopDir = 'futureoption/cme/minute/es/202003';
  const entry = '20200106_es_minute_trade_american_call_30000000_20200320.csv';
  const cases: [string[], number, string, RegExp][] = [
    [['0,42,42,42,42,1', '60000,42,42,42,4x,1'], 2, 'close', /not a number/],
    [['0,42,42,42,42,1', '0,42,42,42,42,1'], 2, 'time_ms', /out of order: not after line 1/],
    [['0,42,42,42,42.01,1'], 1, 'close', /not on the 0.05 grid/],
    [['0,42,41,42,42,1'], 1, 'high', /high below/],
    [['0,42,42,42,42'], 1, 'volume', /has 5 fields/],
  ];
  for (const [i, [rows, line, field, reason]] of cases.entries()) {
    const path = zip(`${fopDir}/e${i}_trade_american.zip`, { [entry]: rows });
    await rejectsAt(
      () => readLeanOptionZip(path, { grid: new Grid(0.05) }),
      { file: `${path}/${entry}`, line, field },
      reason,
    );
  }
  const oiEntry = '20210104_spx_minute_openinterest_european_call_32000000_20210115.csv';
  const oiCases: [string[], number, string, RegExp][] = [
    [['23400000,-5'], 1, 'open_interest', /not an integer/],
    [['23400000,12.5'], 1, 'open_interest', /not an integer/],
    [['23400000'], 1, 'open_interest', /has 1 field, LEAN open interest rows have 2/],
    [['23460000,5', '23400000,6'], 2, 'time_ms', /out of order: before line 1/],
    [['86400000,5'], 1, 'time_ms', /not an integer in \[0, 86399999\]/],
  ];
  for (const [i, [rows, line, field, reason]] of oiCases.entries()) {
    const path = zip(`indexoption/usa/minute/spx/o${i}_openinterest_european.zip`, { [oiEntry]: rows });
    await rejectsAt(
      () => readLeanOptionZip(path, { grid: CENT }),
      { file: `${path}/${oiEntry}`, line, field },
      reason,
    );
  }
  // Entry names: a file that is no option file names the zip; a bad part names the entry.
  const odd = zip(`${fopDir}/odd_trade_american.zip`, {
    '20200106_es_minute_trade_201312.csv': ['0,1,1,1,1,1'],
  });
  await assert.rejects(readLeanOptionZip(odd, { grid: CENT }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.deepEqual(
      [error.file, error.field, error.value],
      [odd, 'entry', '20200106_es_minute_trade_201312.csv'],
    );
    assert.match(error.message, /not a LEAN option minute file name/);
    return true;
  });
  const badExpiry = '20200106_es_minute_trade_american_call_30000000_20200231.csv';
  const expiry = zip(`${fopDir}/x_trade_american.zip`, { [badExpiry]: ['0,1,1,1,1,1'] });
  await assert.rejects(readLeanOptionZip(expiry, { grid: CENT }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.deepEqual(
      [error.file, error.field, error.value],
      [`${expiry}/${badExpiry}`, 'expiry', '20200231'],
    );
    return true;
  });
  const empty = join(dir, 'empty.zip');
  writeZip(empty, {});
  await assert.rejects(readLeanOptionZip(empty, { grid: CENT, securityType: 'indexoption' }), /no files/);
});
