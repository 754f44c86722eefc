import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  listZipEntries,
  parseLeanDerivedQuoteBars,
  parseLeanDerivedTradeBars,
  parseLeanEntryName,
  readLeanDerivedQuoteBars,
  readLeanDerivedTradeBars,
  readLeanZip,
  zonedWallTimeToUtcMs,
} from '../../../src/data/readers/index.js';
import type { Bar, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { microsFromIso } from '../../../src/model/time.js';
import { collect, rejectsAt, tempFiles } from '../../support/reader-files.js';
import { writeZip } from './zip-writer.js';

const FIXTURES = new URL('../../fixtures/lean/', import.meta.url).pathname;
const SPY_TRADE = join(FIXTURES, 'spy_20131007_trade.zip');
const SPY_QUOTE = join(FIXTURES, 'spy_20131007_quote.zip');
const SPY_TICKS = join(FIXTURES, 'spy_20131007_trade_tick-head300.zip');
const ES_TRADE = join(FIXTURES, 'es_20131006_trade.zip');
const ES_QUOTE = join(FIXTURES, 'es_20131006_quote.zip');
const ES_DERIVED_TRADE = join(FIXTURES, 'es_minute_trade_bars_utc-head300.csv');
const ES_DERIVED_QUOTE = join(FIXTURES, 'es_minute_quote_bars_utc-head300.csv');
const CENT = new Grid(0.01);
const QUARTER = new Grid(0.25);
const us = microsFromIso;
const { dir } = tempFiles('bourse-lean-');
const zip = (name: string, entry: string, rows: string[]): string => {
  const path = join(dir, name);
  writeZip(path, { [entry]: `${rows.join('\r\n')}\r\n` });
  return path;
};
const brief = (b: Bar) => [b.barType.key, b.open, b.high, b.low, b.close, b.volume, b.tsEvent];

// ---------------------------------------------------------------------------------------- zip

test('zip: the central directory of a real LEAN futures zip lists one CSV per contract month', async () => {
  const entries = await listZipEntries(ES_QUOTE);
  assert.deepEqual(
    entries.map((e) => [e.name, e.method, e.uncompressedSize]),
    [
      ['20131006_es_minute_quote_201312.csv', 8, 10635],
      ['20131006_es_minute_quote_201403.csv', 8, 6791],
      ['20131006_es_minute_quote_201406.csv', 8, 3087],
      ['20131006_es_minute_quote_201409.csv', 8, 498],
      ['20131006_es_minute_quote_201412.csv', 8, 628],
    ],
  );
  assert.deepEqual(parseLeanEntryName(entries[0].name), {
    date: '20131006',
    symbol: 'es',
    resolution: 'minute',
    tickType: 'quote',
    securityType: 'future',
    contractMonth: '201312',
  });
  assert.equal(parseLeanEntryName('20131007_spy_Trade_Tick.csv')?.resolution, 'tick');
  assert.equal(parseLeanEntryName('20200106_es_minute_quote_american_call_30000000_20200320.csv'), undefined);
});

test('zip: a stored (uncompressed) entry reads too; a corrupted one fails its CRC', async () => {
  const path = join(dir, 'stored.zip');
  writeZip(
    path,
    { '20131007_spy_minute_trade.csv': '14400000,1674100,1674100,1672500,1672700,3197\n' },
    true,
  );
  const bars = (await readLeanZip(path, { grid: CENT })) as Bar[];
  assert.equal(bars[0].close, 167.27);
  const { readFileSync, writeFileSync } = await import('node:fs');
  const bytes = readFileSync(path);
  bytes[30 + '20131007_spy_minute_trade.csv'.length + 3] ^= 1; // flip a bit of the stored data
  writeFileSync(path, bytes);
  await assert.rejects(readLeanZip(path, { grid: CENT }), /CRC-32/);
  writeFileSync(path, 'not a zip');
  await assert.rejects(readLeanZip(path, { grid: CENT }), /not a zip archive/);
});

// ---------------------------------------------------------------------------------------- equity

test('SPY minute trade zip: New York time (EDT) → UTC, ×10000 prices, bars stamped at their close', async () => {
  const bars = (await readLeanZip(SPY_TRADE, { grid: CENT })) as Bar[];
  assert.equal(bars.length, 828);
  // 14400000,1674100,1674100,1672500,1672700,3197 — 04:00 EDT = 08:00Z, closes 08:01Z
  assert.deepEqual(bars[0], {
    kind: 'bar',
    barType: bars[0].barType,
    open: 167.41,
    high: 167.41,
    low: 167.25,
    close: 167.27,
    volume: 3197,
    tsEvent: us('2013-10-07T08:01:00Z'),
    tsInit: us('2013-10-07T08:01:00Z'),
  });
  assert.equal(bars[0].barType.key, 'SPY.USA-1-MINUTE-LAST');
  // 71940000,1672600,1673000,1672600,1673000,800 — 19:59 EDT bar closes 20:00 EDT = 00:00Z next day
  assert.deepEqual(brief(bars[827]), [
    'SPY.USA-1-MINUTE-LAST',
    167.26,
    167.3,
    167.26,
    167.3,
    800,
    us('2013-10-08T00:00:00Z'),
  ]);
  const mapped = await readLeanZip(SPY_TRADE, { grid: CENT, instruments: { SPY: 'SPY.ARCA' } });
  assert.equal((mapped[0] as Bar).barType.instrumentId, 'SPY.ARCA');
  assert.equal((await readLeanZip(SPY_TRADE, { grid: CENT, instruments: { QQQ: 'QQQ.NASDAQ' } })).length, 0);
});

test('time zone: winter (EST) and both DST switch days read as LEAN does (wall clock, lenient)', async () => {
  const row = '14400000,1674100,1674100,1672500,1672700,3197';
  const winter = (await readLeanZip(zip('w.zip', '20131104_spy_minute_trade.csv', [row]), {
    grid: CENT,
  })) as Bar[];
  assert.equal(winter[0].tsEvent, us('2013-11-04T09:01:00Z')); // 04:00 EST = 09:00Z
  // 2013-11-03 (fall back): 01:30 happens twice → the earlier (EDT); 02:00 is EST.
  const fall = (await readLeanZip(
    zip('f.zip', '20131103_spy_minute_trade.csv', [
      `5400000,1674100,1674100,1672500,1672700,1`,
      `7200000,1674100,1674100,1672500,1672700,1`,
    ]),
    { grid: CENT },
  )) as Bar[];
  assert.deepEqual(
    fall.map((b) => b.tsEvent),
    [us('2013-11-03T05:31:00Z'), us('2013-11-03T07:01:00Z')],
  );
  // 2014-03-09 (spring forward): 02:30 does not exist → moved forward an hour (03:30 EDT = 07:30Z).
  assert.equal(
    zonedWallTimeToUtcMs(Date.UTC(2014, 2, 9, 2, 30), 'America/New_York'),
    Date.UTC(2014, 2, 9, 7, 30),
  );
  assert.equal(
    zonedWallTimeToUtcMs(Date.UTC(2014, 2, 9, 1, 59), 'America/New_York'),
    Date.UTC(2014, 2, 9, 6, 59),
  );
  assert.equal(
    zonedWallTimeToUtcMs(Date.UTC(2014, 2, 9, 3, 0), 'America/New_York'),
    Date.UTC(2014, 2, 9, 7, 0),
  );
  assert.equal(
    zonedWallTimeToUtcMs(Date.UTC(2024, 6, 1, 9, 30), 'Europe/London'),
    Date.UTC(2024, 6, 1, 8, 30),
  );
});

test('SPY quote zip: bid and ask bars, or QuoteTicks at the bar close', async () => {
  const bars = (await readLeanZip(SPY_QUOTE, { grid: CENT })) as Bar[];
  assert.equal(bars.length, 2 * 908);
  // 14400000,1672700,1672700,1671500,1672500,300,1680000,1680000,1672600,1672700,20000
  assert.deepEqual(brief(bars[0]), [
    'SPY.USA-1-MINUTE-BID',
    167.27,
    167.27,
    167.15,
    167.25,
    0,
    us('2013-10-07T08:01:00Z'),
  ]);
  assert.deepEqual(brief(bars[1]), [
    'SPY.USA-1-MINUTE-ASK',
    168,
    168,
    167.26,
    167.27,
    0,
    us('2013-10-07T08:01:00Z'),
  ]);
  const quotes = (await readLeanZip(SPY_QUOTE, { grid: CENT, quotes: 'ticks' })) as QuoteTick[];
  assert.equal(quotes.length, 908);
  assert.deepEqual(quotes[0], {
    kind: 'quote',
    instrumentId: 'SPY.USA',
    bidPrice: 167.25,
    askPrice: 167.27,
    bidSize: 300,
    askSize: 20000,
    tsEvent: us('2013-10-07T08:01:00Z'),
    tsInit: us('2013-10-07T08:01:00Z'),
  });
});

test('SPY tick trades (first 300 rows of the real day, re-zipped): TradeTicks, suspicious rows dropped', async () => {
  const ticks = (await readLeanZip(SPY_TICKS, { grid: CENT })) as TradeTick[];
  assert.equal(ticks.length, 300);
  // 14400464,1674100,100,P,20002000,0
  assert.deepEqual(ticks[0], {
    kind: 'trade',
    instrumentId: 'SPY.USA',
    price: 167.41,
    size: 100,
    aggressor: 'none',
    tradeId: '20131007-1',
    tsEvent: us('2013-10-07T08:00:00.464Z'),
    tsInit: us('2013-10-07T08:00:00.464Z'),
  });
  // 21820049,1674000,100,P,2000,0 — 06:03:40.049 EDT
  assert.deepEqual([ticks[299].price, ticks[299].tsEvent], [167.4, us('2013-10-07T10:03:40.049Z')]);
  const rows = [
    '14400464,1674100,100,P,20002000,0',
    '14400465,1674100,1400,P,20002000,1',
    '14400465,1674100,100,P,20002000,0',
  ];
  const path = zip('s.zip', '20131007_spy_Trade_Tick.csv', rows);
  assert.deepEqual(
    ((await readLeanZip(path, { grid: CENT })) as TradeTick[]).map((t) => [t.tradeId, t.size]),
    [
      ['20131007-1', 100],
      ['20131007-3', 100],
    ],
  );
  assert.equal((await readLeanZip(path, { grid: CENT, keepSuspicious: true })).length, 3);
});

// ---------------------------------------------------------------------------------------- futures

test('ES zips: UTC data time, contract per entry, decimal prices; zip and derived CSV agree', async () => {
  const bars = (await readLeanZip(ES_TRADE, { grid: QUARTER })) as Bar[];
  const byType = new Map<string, number>();
  for (const b of bars) byType.set(b.barType.key, (byType.get(b.barType.key) ?? 0) + 1);
  assert.deepEqual(
    [...byType],
    [
      ['ESZ3.CME-1-MINUTE-LAST', 118],
      ['ESH4.CME-1-MINUTE-LAST', 10],
    ],
  );
  // 79200000,1676.75,1677.25,1673.5,1675.25,1884 — 22:00Z Sunday open, closes 22:01Z
  assert.deepEqual(brief(bars[0]), [
    'ESZ3.CME-1-MINUTE-LAST',
    1676.75,
    1677.25,
    1673.5,
    1675.25,
    1884,
    us('2013-10-06T22:01:00Z'),
  ]);
  const derived = await readLeanDerivedTradeBars(ES_DERIVED_TRADE, { grid: QUARTER });
  const midnight = us('2013-10-07T00:00:00Z');
  const order = (a: unknown[], b: unknown[]) =>
    Number(a[6]) - Number(b[6]) || String(a[0]).localeCompare(String(b[0]));
  assert.deepEqual(
    derived
      .filter((b) => b.tsEvent <= midnight)
      .map(brief)
      .sort(order),
    bars.map(brief).sort(order),
  );
  // One-sided quote bar: 75660000,,,,,0,1682.25,1682.25,1682.25,1682.25,39 → only an ask bar
  const quotes = (await readLeanZip(ES_QUOTE, { grid: QUARTER })) as Bar[];
  const at = us('2013-10-06T21:02:00Z');
  assert.deepEqual(
    quotes.filter((b) => b.tsEvent === at && b.barType.instrumentId === 'ESZ3.CME').map(brief),
    [['ESZ3.CME-1-MINUTE-ASK', 1682.25, 1682.25, 1682.25, 1682.25, 0, at]],
  );
  const ticks = (await readLeanZip(ES_QUOTE, { grid: QUARTER, quotes: 'ticks' })) as QuoteTick[];
  assert.ok(ticks.every((q) => q.tsEvent !== at || q.instrumentId !== 'ESZ3.CME'));
});

test('derived CSVs: UTC bar start + 1 minute, contracts interleaved, quotes as bars or ticks', async () => {
  const bars = await readLeanDerivedTradeBars(ES_DERIVED_TRADE, { grid: QUARTER });
  assert.equal(bars.length, 300);
  // 2013-10-06T22:00:00Z,ES,201403,1669,1669,1667.5,1668,5
  assert.deepEqual(brief(bars[1]), [
    'ESH4.CME-1-MINUTE-LAST',
    1669,
    1669,
    1667.5,
    1668,
    5,
    us('2013-10-06T22:01:00Z'),
  ]);
  assert.equal(bars[299].tsEvent, us('2013-10-07T02:46:00Z'));
  const quoteBars = (await readLeanDerivedQuoteBars(ES_DERIVED_QUOTE, { grid: QUARTER })) as Bar[];
  // 2013-10-06T19:00:00Z,ES,201312,1681.5,1681.5,1681.5,1681.5,5,1682,1682,1682,1682,19
  assert.deepEqual(brief(quoteBars[0]), [
    'ESZ3.CME-1-MINUTE-BID',
    1681.5,
    1681.5,
    1681.5,
    1681.5,
    0,
    us('2013-10-06T19:01:00Z'),
  ]);
  assert.deepEqual(brief(quoteBars[1]), [
    'ESZ3.CME-1-MINUTE-ASK',
    1682,
    1682,
    1682,
    1682,
    0,
    us('2013-10-06T19:01:00Z'),
  ]);
  const ticks = (await readLeanDerivedQuoteBars(ES_DERIVED_QUOTE, {
    grid: QUARTER,
    quotes: 'ticks',
  })) as QuoteTick[];
  assert.equal(ticks.length, 226); // 300 rows, 74 one-sided
  assert.deepEqual(
    [ticks[0].bidPrice, ticks[0].askPrice, ticks[0].bidSize, ticks[0].askSize],
    [1681.5, 1682, 5, 19],
  );
});

// ---------------------------------------------------------------------------------------- errors

test('errors name the zip entry, line, field and value', async () => {
  const good = '14400000,1674100,1674100,1672500,1672700,3197';
  const cases: [string[], string, RegExp][] = [
    [[good, '14460000,1672500,1672500,1672500,16725O0,1150'], 'close', /not a number/],
    [[good, '14460000,1672500,1672500,1672500,1672500'], 'volume', /has 5 fields/],
    [[good, '14400000,1672500,1672500,1672500,1672500,1150'], 'time_ms', /out of order: not after line 1/],
    [[good, '14460000,1672500,1672400,1672500,1672500,1150'], 'high', /high below/],
    [[good, '14460000,1672550,1672550,1672550,1672550,1150'], 'open', /not on the 0.01 grid/],
    [[good, '14460000,1672500,1672500,1672500,1672500,-3'], 'volume', /negative/],
    [[good, '86400000,1672500,1672500,1672500,1672500,3'], 'time_ms', /not an integer in \[0, 86399999\]/],
  ];
  for (const [i, [rows, field, reason]] of cases.entries()) {
    const path = zip(`e${i}.zip`, '20131007_spy_minute_trade.csv', rows);
    await rejectsAt(
      () => readLeanZip(path, { grid: CENT }),
      { file: `${path}/20131007_spy_minute_trade.csv`, line: 2, field },
      reason,
    );
  }
  const es = zip('es.zip', '20131006_es_minute_trade_201312.csv', [
    '79200000,1676.75,1677.3,1673.5,1675.25,1884',
  ]);
  await rejectsAt(
    () => readLeanZip(es, { grid: QUARTER }),
    { file: `${es}/20131006_es_minute_trade_201312.csv`, line: 1, field: 'high', value: '1677.3' },
    /not on the 0.25 grid/,
  );
  const odd = zip('odd.zip', 'readme.txt', ['hello']);
  await assert.rejects(readLeanZip(odd, { grid: CENT }), /not a LEAN equity\/future bar or tick file name/);
  const header = 'bar_start_utc,root,contract_month,open,high,low,close,volume';
  await rejectsAt(
    () =>
      collect(
        parseLeanDerivedTradeBars(
          [
            header,
            '2013-10-06T22:00:00Z,ES,201312,1676.75,1677.25,1673.5,1675.25,1884',
            '2013-10-06T22:00:00Z,ES,201312,1676.75,1677.25,1673.5,1675.25,1884',
          ],
          'd.csv',
          { grid: QUARTER },
        ),
      ),
    { file: 'd.csv', line: 3, field: 'bar_start_utc' },
    /out of order for ESZ3.CME: not after line 2/,
  );
  await rejectsAt(
    () =>
      collect(
        parseLeanDerivedTradeBars(
          [header, '2013-10-06 25:00,ES,201312,1676.75,1677.25,1673.5,1675.25,1884'],
          'd.csv',
          { grid: QUARTER },
        ),
      ),
    { file: 'd.csv', line: 2, field: 'bar_start_utc' },
    /not an ISO-8601/,
  );
  await rejectsAt(
    () =>
      collect(
        parseLeanDerivedTradeBars(
          [header, '2013-10-06T22:00:00Z,ES,201313,1676.75,1677.25,1673.5,1675.25,1884'],
          'd.csv',
          { grid: QUARTER },
        ),
      ),
    { file: 'd.csv', line: 2, field: 'contract_month' },
    /YYYYMM/,
  );
  const qh =
    'bar_start_utc,root,contract_month,bid_open,bid_high,bid_low,bid_close,last_bid_size,ask_open,ask_high,ask_low,ask_close,last_ask_size';
  await rejectsAt(
    () =>
      collect(
        parseLeanDerivedQuoteBars([qh, '2013-10-06T19:00:00Z,ES,201312,,,,,0,,,,,0'], 'q.csv', {
          grid: QUARTER,
        }),
      ),
    { file: 'q.csv', line: 2, field: 'bid_open' },
    /neither bid nor ask/,
  );
});

// ---------------------------------------------------------------------------------------- properties

test('property: LEAN minute rows written to a zip read back exactly (equity ×10000, New York time)', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.nat(500), fc.nat(500), fc.nat(5000)), {
        minLength: 30,
        maxLength: 30,
      }),
      fc.constantFrom('20131007', '20131215', '20140309', '20131103'),
      async (minutes, values, date) => {
        minutes.sort((a, b) => a - b);
        const rows = minutes.map((m, i) => {
          const [low, up, down, volume] = values[i];
          const lo = low * 100;
          const hi = lo + up * 100 + down * 100;
          const o = lo + up * 100;
          const c = lo + down * 100;
          return [m * 60_000, o, hi, lo, c, volume];
        });
        const path = zip(
          `p${n++}.zip`,
          `${date}_spy_minute_trade.csv`,
          rows.map((r) => r.join(',')),
        );
        const bars = (await readLeanZip(path, { grid: CENT })) as Bar[];
        assert.equal(bars.length, rows.length);
        const y = Number(date.slice(0, 4));
        const mo = Number(date.slice(4, 6)) - 1;
        const d = Number(date.slice(6));
        for (let i = 0; i < rows.length; i++) {
          const [ms, o, h, l, c, v] = rows[i];
          const startMs = zonedWallTimeToUtcMs(Date.UTC(y, mo, d) + ms, 'America/New_York');
          assert.deepEqual(brief(bars[i]), [
            'SPY.USA-1-MINUTE-LAST',
            o / 10000,
            h / 10000,
            l / 10000,
            c / 10000,
            v,
            (startMs + 60_000) * 1000,
          ]);
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('property: derived trade CSV rows round-trip (bar start + 1 minute, prices on the 0.25 grid)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 4000, max: 8000 }),
      async (minutes, base) => {
        minutes.sort((a, b) => a - b);
        const start = Date.UTC(2020, 0, 5, 23, 0);
        const lines = ['bar_start_utc,root,contract_month,open,high,low,close,volume'];
        for (const [i, m] of minutes.entries()) {
          const p = (base + (i % 7)) * 0.25;
          lines.push(
            `${new Date(start + m * 60_000).toISOString()},ES,202003,${p},${p + 0.5},${p - 0.25},${p},${i}`,
          );
        }
        const bars = await collect(parseLeanDerivedTradeBars(lines, 'p.csv', { grid: QUARTER }));
        assert.deepEqual(
          bars.map((b) => [b.barType.key, b.open, b.high, b.low, b.volume, b.tsEvent]),
          minutes.map((m, i) => {
            const p = (base + (i % 7)) * 0.25;
            return ['ESH0.CME-1-MINUTE-LAST', p, p + 0.5, p - 0.25, i, (start + (m + 1) * 60_000) * 1000];
          }),
        );
      },
    ),
    { numRuns: 50 },
  );
});
