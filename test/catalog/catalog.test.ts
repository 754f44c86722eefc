import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import {
  Catalog,
  CatalogOverlapError,
  partName,
  READ_BATCH_ROWS,
  seriesDir,
} from '../../src/catalog/index.js';
import { isSequenceText } from '../../src/catalog/schema.js';
import { DataError } from '../../src/core/errors.js';
import { type Bar, BarType, bar, type QuoteTick, type TradeTick } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { readPaths } from '../support/read-paths.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-catalog-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `c${n++}`);

const BT = BarType.parse('ESZ3.CME-1-MINUTE-LAST');
const T0 = Date.UTC(2023, 10, 13, 23, 0) * 1000;

function minuteBars(count: number, start = T0): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const p = 4000 + (i % 17) * 0.25;
    return bar(BT, p, p + 0.5, p - 0.25, p + 0.25, i % 5, start + i * MICROS_PER_MINUTE);
  });
}

async function all<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}

async function withCatalog<T>(fn: (c: Catalog, dir: string) => Promise<T>, dir = freshDir()): Promise<T> {
  const c = await Catalog.open(dir);
  try {
    return await fn(c, dir);
  } finally {
    c.close();
  }
}

const ticks = fc.integer({ min: 1, max: 40_000 });
const tradeArb = fc.record({
  price: ticks.map((t) => t * 0.25),
  size: fc.integer({ min: 1, max: 1000 }),
  aggressor: fc.constantFrom('buyer', 'seller', 'none') as fc.Arbitrary<TradeTick['aggressor']>,
  gap: fc.integer({ min: 0, max: 3 * 3_600_000_000 }),
  lag: fc.integer({ min: 0, max: 5000 }),
  sequence: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined }),
  id: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
});

test('trades round-trip exactly, in order, across dates and parts (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(tradeArb, { maxLength: 60 }), { minLength: 1, maxLength: 4 }),
      async (batches) => {
        await withCatalog(async (c) => {
          let t = T0;
          const stored: TradeTick[] = [];
          for (const batch of batches) {
            t += 1; // each append starts after the last stored time
            const trades: TradeTick[] = batch.map((r) => {
              t += r.gap;
              const trade: TradeTick = {
                kind: 'trade',
                instrumentId: 'ESZ3.CME',
                price: r.price,
                size: r.size,
                aggressor: r.aggressor,
                tradeId: r.id ?? String(r.sequence ?? stored.length),
                tsEvent: t,
                tsInit: t + r.lag,
                ...(r.sequence !== undefined ? { sequence: r.sequence } : {}),
              };
              return trade;
            });
            await c.appendTrades(trades);
            stored.push(...trades);
          }
          assert.deepStrictEqual(await all(c.queryTrades('ESZ3.CME')), stored);
          if (stored.length > 0) {
            const from = stored[Math.floor(stored.length / 3)].tsEvent;
            const to = stored[Math.floor((2 * stored.length) / 3)].tsEvent;
            assert.deepStrictEqual(
              await all(c.queryTrades('ESZ3.CME', { from, to })),
              stored.filter((s) => s.tsEvent >= from && s.tsEvent < to),
            );
          }
        });
      },
    ),
    { numRuns: 25 },
  );
});

test('bars round-trip exactly (property), one part file per UTC date', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          o: ticks,
          up: fc.nat(40),
          down: fc.nat(40),
          c: fc.nat(80),
          v: fc.nat(10_000),
          gap: fc.integer({ min: 1, max: 600 }),
        }),
        { minLength: 1, maxLength: 300 },
      ),
      async (rows) => {
        await withCatalog(async (c, dir) => {
          let t = T0;
          const bars = rows.map((r) => {
            t += r.gap * MICROS_PER_MINUTE;
            const high = r.o + r.up;
            const low = r.o - Math.min(r.down, r.o - 1);
            const close = Math.min(high, low + r.c);
            return bar(BT, r.o * 0.25, high * 0.25, low * 0.25, close * 0.25, r.v, t);
          });
          await c.appendBars(bars);
          assert.deepStrictEqual(await all(c.queryBars(BT)), bars);
          const dates = new Set(bars.map((b) => new Date(b.tsEvent / 1000).toISOString().slice(0, 10)));
          const folders = readdirSync(seriesDir(dir, 'bars', BT.key)).sort();
          assert.deepStrictEqual(
            folders,
            [...dates].sort().map((d) => `date=${d}`),
          );
        });
      },
    ),
    { numRuns: 20 },
  );
});

test('quotes round-trip exactly', async () => {
  await withCatalog(async (c) => {
    const quotes: QuoteTick[] = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'quote',
      instrumentId: 'BTC/USDT.BINANCE',
      bidPrice: 40_000 + i * 0.01,
      askPrice: 40_000.5 + i * 0.01,
      bidSize: 0.001 * (i % 9),
      askSize: 1.5,
      tsEvent: T0 + i * 1000,
      tsInit: T0 + i * 1000 + 7,
      ...(i % 2 === 0 ? { sequence: i } : {}),
    }));
    await c.appendQuotes(quotes);
    assert.deepStrictEqual(await all(c.queryQuotes('BTC/USDT.BINANCE')), quotes);
    assert.deepStrictEqual(c.series('quotes'), ['BTC/USDT.BINANCE']);
  });
});

test("time ranges are [from, to): from included, to excluded; batches hold at most their path's rows", async () => {
  await withCatalog(async (c) => {
    const bars = minuteBars(5000);
    await c.appendBars(bars);
    const from = bars[100].tsEvent;
    const to = bars[4200].tsEvent;
    const got = await all(c.queryBars(BT, { from, to }));
    assert.equal(got.length, 4100);
    assert.equal(got[0].tsEvent, from);
    assert.equal(got[got.length - 1].tsEvent, bars[4199].tsEvent);
    assert.deepStrictEqual(await all(c.queryBars(BT, { from: to, to })), []);
    assert.deepStrictEqual(await all(c.queryBars(BT, { from: from + 1, to: from + 2 })), []);
    assert.deepStrictEqual(await all(c.queryBars(BT, { from: bars[4999].tsEvent })), [bars[4999]]);
    assert.deepStrictEqual(await all(c.queryBars(BT, { to: bars[1].tsEvent })), [bars[0]]);
    const most = c.nativeReads ? READ_BATCH_ROWS : 2048;
    for await (const batch of c.queryBars(BT)) assert.ok(batch.length > 0 && batch.length <= most);
  });
});

test('every read path (native stream, JavaScript stream, row-group windows) reads the same rows: whole, ranges, an early stop', async () => {
  const dir = freshDir();
  // 200,000 one-second bars: 4 UTC dates, the full ones 86,400 rows; 600,000 trades in one date
  // (5 row groups of up to 122,880: 3 windows in one file).
  const bars = Array.from({ length: 200_000 }, (_, i) => {
    const price = 4000 + (i % 97) * 0.25;
    return bar(
      BarType.parse('ESZ3.CME-1-SECOND-LAST'),
      price,
      price + 1,
      price - 1,
      price,
      1 + (i % 5),
      T0 + i * 1e6,
    );
  });
  const trades: TradeTick[] = Array.from({ length: 600_000 }, (_, i) => ({
    kind: 'trade',
    instrumentId: 'ESZ3.CME',
    price: 4000 + (i % 41) * 0.25,
    size: 1 + (i % 3),
    aggressor: i % 2 === 0 ? 'buyer' : 'seller',
    tradeId: i % 1000 === 0 ? `X${i}` : String(i),
    tsEvent: T0 + 3_600_000_000 + Math.floor(i / 4) * 100,
    tsInit: T0 + 3_600_000_000 + Math.floor(i / 4) * 100 + 7,
    sequence: i,
  }));
  await withCatalog(async (c) => {
    await c.appendBars(bars);
    await c.appendTrades(trades);
  }, dir);
  const paths = readPaths();
  const catalogs = await Promise.all(paths.map((p) => Catalog.open(dir, p.options)));
  const [first, ...others] = catalogs;
  try {
    const ranges = [
      {},
      { from: trades[150_001].tsEvent, to: trades[450_003].tsEvent },
      { from: trades[599_999].tsEvent },
      { to: trades[4].tsEvent },
    ];
    for (const range of ranges) {
      const a = await all(first.queryTrades('ESZ3.CME', range));
      assert.equal(a.length, await first.count('trades', 'ESZ3.CME', range));
      for (const [k, other] of others.entries())
        assert.deepStrictEqual(await all(other.queryTrades('ESZ3.CME', range)), a, paths[k + 1].name);
    }
    const barRange = { from: bars[90_000].tsEvent, to: bars[190_000].tsEvent };
    for (const [k, c] of catalogs.entries()) {
      assert.deepStrictEqual(await all(c.queryTrades('ESZ3.CME')), trades, paths[k].name);
      assert.deepStrictEqual(
        await all(c.queryBars('ESZ3.CME-1-SECOND-LAST', barRange)),
        bars.slice(90_000, 190_000),
        paths[k].name,
      );
      // Stopping early settles what is in flight; the catalog stays usable.
      for (const type of ['trades', 'bars'] as const) {
        let seen = 0;
        for await (const batch of c.queryColumns(
          type,
          type === 'bars' ? 'ESZ3.CME-1-SECOND-LAST' : 'ESZ3.CME',
        )) {
          seen += batch.rows;
          if (seen > 100_000) break;
        }
      }
      assert.equal(
        (await all(c.queryTrades('ESZ3.CME', { to: trades[10].tsEvent }))).length,
        8,
        paths[k].name,
      );
    }
  } finally {
    for (const c of catalogs) c.close();
  }
});

test('a query reads on while the catalog appends and runs other queries, on every read path', async () => {
  // 80,000 trades: more than two batches on every read path.
  const trades: TradeTick[] = Array.from({ length: 80_000 }, (_, i) => ({
    kind: 'trade',
    instrumentId: 'ESZ3.CME',
    price: 4000 + (i % 29) * 0.25,
    size: 1 + (i % 4),
    aggressor: i % 2 === 0 ? 'buyer' : 'seller',
    tradeId: String(i),
    tsEvent: T0 + i * 1_000,
    tsInit: T0 + i * 1_000 + 5,
    sequence: i,
  }));
  for (const { name, options } of readPaths()) {
    const dir = freshDir();
    await withCatalog((c) => c.appendTrades(trades), dir);
    const c = await Catalog.open(dir, options);
    try {
      const got: TradeTick[] = [];
      let batches = 0;
      for await (const batch of c.queryTrades('ESZ3.CME')) {
        got.push(...batch);
        if (batches++ === 1) {
          // What `data resample` does: append while reading, and other statements besides.
          await c.appendBars(minuteBars(100));
          assert.equal(await c.count('trades', 'ESZ3.CME'), trades.length);
          assert.equal((await all(c.queryBars(BT))).length, 100);
        }
      }
      assert.ok(batches > 2, name);
      assert.deepStrictEqual(got, trades, name);
    } finally {
      c.close();
    }
  }
});

test('overlapping appends are refused (nothing written) or, with skip, deduplicated', async () => {
  await withCatalog(async (c, dir) => {
    const bars = minuteBars(3000);
    await c.appendBars(bars.slice(0, 2000));
    const before = readdirSync(seriesDir(dir, 'bars', BT.key), { recursive: true }).sort();
    await assert.rejects(c.appendBars(bars.slice(1999)), CatalogOverlapError);
    await assert.rejects(c.appendBars(bars.slice(0, 10)), /holds data up to/);
    assert.deepStrictEqual(readdirSync(seriesDir(dir, 'bars', BT.key), { recursive: true }).sort(), before);
    const result = await c.appendBars(bars.slice(1000), { onOverlap: 'skip' });
    assert.equal(result.written, 1000);
    assert.equal(result.skipped, 1000);
    const again = await c.appendBars(bars, { onOverlap: 'skip' });
    assert.equal(again.written, 0);
    assert.deepStrictEqual(await all(c.queryBars(BT)), bars);
  });
});

test('appends must be sorted and hold one series', async () => {
  await withCatalog(async (c) => {
    const bars = minuteBars(3);
    await assert.rejects(c.appendBars([bars[1], bars[0]]), DataError);
    await assert.rejects(c.appendBars([bars[0], bars[0]]), /one bar per time/);
    const other = bar(BarType.parse('ESH4.CME-1-MINUTE-LAST'), 1, 1, 1, 1, 1, bars[2].tsEvent);
    await assert.rejects(c.appendBars([bars[0], other]), /one series/);
  });
});

test('an interrupted write (temp file left behind) is never read and is removed on open', async () => {
  const dir = freshDir();
  await withCatalog((c) => c.appendBars(minuteBars(100)), dir);
  const folder = join(seriesDir(dir, 'bars', BT.key), 'date=2023-11-14');
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.${partName(7)}.99999.tmp`);
  writeFileSync(temp, 'PAR1 half a file');
  await withCatalog(async (c) => {
    assert.equal(existsSync(temp), false);
    assert.deepStrictEqual(c.removedTempFiles, [temp]);
    assert.deepStrictEqual(await all(c.queryBars(BT)), minuteBars(100));
  }, dir);
});

test('partitions: rows and first/last time per date; instruments stored beside', async () => {
  await withCatalog(async (c) => {
    const bars = minuteBars(2 * 1440);
    await c.appendBars(bars);
    c.saveInstrument(futureContract('ES', 2023, 12));
    const parts = await c.partitions();
    assert.deepStrictEqual(
      parts.map((p) => [p.type, p.series, p.instrumentId, p.date, p.part, p.rows, p.first, p.last]),
      [
        ['bars', BT.key, 'ESZ3.CME', '2023-11-13', 0, 60, bars[0].tsEvent, bars[59].tsEvent],
        ['bars', BT.key, 'ESZ3.CME', '2023-11-14', 0, 1440, bars[60].tsEvent, bars[1499].tsEvent],
        ['bars', BT.key, 'ESZ3.CME', '2023-11-15', 0, 1380, bars[1500].tsEvent, bars[2879].tsEvent],
      ],
    );
    const es = c.instrument('ESZ3.CME');
    assert.deepStrictEqual(es, futureContract('ES', 2023, 12));
    assert.deepStrictEqual(c.instrumentIds(), ['ESZ3.CME']);
  });
});

test('export CSV: header, ISO time, stored columns, range', async () => {
  await withCatalog(async (c, dir) => {
    const bars = minuteBars(10);
    await c.appendBars(bars);
    const out = join(dir, 'out', 'bars.csv');
    const count = await c.exportCsv('bars', BT.key, { from: bars[2].tsEvent, to: bars[4].tsEvent }, out);
    assert.equal(count, 2);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'time,ts_event,ts_init,open,high,low,close,volume,sequence');
    const b = bars[2];
    assert.equal(
      lines[1],
      `2023-11-13T23:02:00.000Z,${b.tsEvent},${b.tsInit},${b.open},${b.high},${b.low},${b.close},${b.volume},`,
    );
    assert.equal(lines.length, 3);
    assert.deepStrictEqual(readdirSync(join(dir, 'out')), ['bars.csv']);
  });
});

test('trade ids equal to the sequence as text are stored as null and rebuilt; others kept as text', async () => {
  assert.ok(isSequenceText('0', 0) && isSequenceText('42', 42) && isSequenceText('-7', -7));
  assert.ok(isSequenceText(String(2 ** 53 - 1), 2 ** 53 - 1));
  for (const [text, n] of [
    ['007', 7],
    ['-0', 0],
    ['', 0],
    ['4 2', 42],
    ['43', 42],
    ['1e3', 1000],
    ['+5', 5],
    ['5', -5],
  ] as const) {
    assert.equal(isSequenceText(text, n), false, `${text} vs ${n}`);
  }
  await withCatalog(async (c) => {
    const ids: [string, number | undefined][] = [
      ['0', 0],
      ['007', 7],
      ['-5', -5],
      ['12', undefined],
      ['a-longer-trade-id-of-30-chars!', 3],
      ['é', 4],
      ['9007199254740991', 9007199254740991],
      ['', 5],
    ];
    const trades: TradeTick[] = ids.map(([tradeId, sequence], i) => ({
      kind: 'trade',
      instrumentId: 'ESZ3.CME',
      price: 4000,
      size: 1,
      aggressor: 'none',
      tradeId,
      tsEvent: T0 + i,
      tsInit: T0 + i,
      ...(sequence !== undefined ? { sequence } : {}),
    }));
    const { files } = await c.appendTrades(trades);
    assert.deepStrictEqual(await all(c.queryTrades('ESZ3.CME')), trades);
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    const stored = (await conn.runAndReadAll(`SELECT trade_id FROM read_parquet('${files[0]}')`)).getRowsJS();
    conn.closeSync();
    duck.closeSync();
    assert.deepStrictEqual(
      stored.map((r) => r[0]),
      [null, '007', null, '12', 'a-longer-trade-id-of-30-chars!', 'é', null, ''],
    );
  });
});

test('files written with every trade id as text (earlier layout) read back the same', async () => {
  await withCatalog(async (c, dir) => {
    const folder = join(seriesDir(dir, 'trades', 'ESZ3.CME'), 'date=2023-11-13');
    mkdirSync(folder, { recursive: true });
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    await conn.run(
      `COPY (SELECT (${T0} + i)::BIGINT AS ts_event, (${T0} + i)::BIGINT AS ts_init, 4000.25::DOUBLE AS price, 2::DOUBLE AS size, 1::UTINYINT AS aggressor, i::BIGINT AS sequence, i::VARCHAR AS trade_id FROM range(3000) r(i)) TO '${join(folder, partName(0))}' (FORMAT parquet)`,
    );
    conn.closeSync();
    duck.closeSync();
    const got = await all(c.queryTrades('ESZ3.CME'));
    assert.equal(got.length, 3000);
    assert.deepStrictEqual(got[2999], {
      kind: 'trade',
      instrumentId: 'ESZ3.CME',
      price: 4000.25,
      size: 2,
      aggressor: 'buyer',
      tradeId: '2999',
      tsEvent: T0 + 2999,
      tsInit: T0 + 2999,
      sequence: 2999,
    });
  });
});
