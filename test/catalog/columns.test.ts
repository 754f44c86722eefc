import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import {
  CATALOG_COMPRESSIONS,
  Catalog,
  type CatalogCompression,
  type ColumnBatch,
  listParts,
} from '../../src/catalog/index.js';
import type { TradeTick } from '../../src/model/data.js';
import { footerRows } from '../support/parquet-footer.js';
import { syntheticQuotes } from '../support/quotes.js';
import { readPaths } from '../support/read-paths.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-columns-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const T0 = Date.UTC(2024, 1, 5, 14, 30) * 1000;

async function batches(it: AsyncIterable<ColumnBatch>): Promise<ColumnBatch[]> {
  const out: ColumnBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

const AGGRESSOR_CODES: Record<TradeTick['aggressor'], number> = { none: 0, buyer: 1, seller: 2 };

const tradeArb = fc.record({
  ticks: fc.integer({ min: 1, max: 40_000 }),
  size: fc.integer({ min: 1, max: 500 }),
  aggressor: fc.constantFrom('buyer', 'seller', 'none') as fc.Arbitrary<TradeTick['aggressor']>,
  gap: fc.integer({ min: 0, max: 6 * 3_600_000_000 }),
  sequence: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined }),
  id: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
});

test('queryColumns returns the values query returns, field by field, with every compression (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(tradeArb, { minLength: 1, maxLength: 300 }),
      fc.constantFrom(...CATALOG_COMPRESSIONS),
      async (rows, compression) => {
        let t = T0;
        const trades: TradeTick[] = rows.map((r, i) => {
          t += r.gap;
          return {
            kind: 'trade',
            instrumentId: 'ESH4.CME',
            price: r.ticks * 0.25,
            size: r.size,
            aggressor: r.aggressor,
            tradeId: r.id ?? String(r.sequence ?? i),
            tsEvent: t,
            tsInit: t + 7,
            ...(r.sequence !== undefined ? { sequence: r.sequence } : {}),
          };
        });
        const c = await Catalog.open(join(root, `p${n++}`), { compression });
        try {
          await c.appendTrades(trades);
          const got = await batches(c.queryColumns('trades', 'ESH4.CME'));
          assert.equal(
            got.reduce((s, b) => s + b.rows, 0),
            trades.length,
          );
          let k = 0;
          for (const b of got) {
            assert.deepEqual(Object.keys(b.columns), [
              'tsEvent',
              'tsInit',
              'price',
              'size',
              'aggressor',
              'sequence',
            ]);
            for (let i = 0; i < b.rows; i++, k++) {
              const want = trades[k];
              assert.equal(b.columns.tsEvent[i], want.tsEvent);
              assert.equal(b.columns.tsInit[i], want.tsInit);
              assert.equal(b.columns.price[i], want.price);
              assert.equal(b.columns.size[i], want.size);
              assert.equal(b.columns.aggressor[i], AGGRESSOR_CODES[want.aggressor]);
              if (want.sequence === undefined) assert.ok(Number.isNaN(b.columns.sequence[i]));
              else assert.equal(b.columns.sequence[i], want.sequence);
              assert.equal(b.tradeId?.(i), want.tradeId);
            }
          }
        } finally {
          c.close();
        }
      },
    ),
    { numRuns: 20 },
  );
});

test('batches stay valid after later ones arrive; time ranges are [from, to); on every read path', async () => {
  // 80,000 rows: at least three batches on each path (the native reader's hold up to 32,768).
  const quotes = syntheticQuotes(80_000, (i) => T0 + i * 1000);
  const dir = join(root, `q${n++}`);
  const writer = await Catalog.open(dir);
  await writer.appendQuotes(quotes).finally(() => writer.close());
  for (const path of readPaths()) {
    const c = await Catalog.open(dir, path.options);
    try {
      const got = await batches(
        c.queryColumns('quotes', 'ESH4.CME', { from: T0 + 1000, to: T0 + 75_000_000 }),
      );
      assert.ok(got.length >= 3 && got.every((b) => b.rows > 0 && b.rows <= path.maxBatch), path.name);
      assert.equal(
        got.reduce((sum, b) => sum + b.rows, 0),
        74_999,
        path.name,
      );
      const bids = got.flatMap((b) => Array.from(b.columns.bidPrice));
      assert.deepEqual(
        bids,
        quotes.slice(1, 75_000).map((q) => q.bidPrice),
        path.name,
      );
      assert.equal(got[0].columns.askSize[0], quotes[1].askSize);
      assert.ok(got.every((b) => Object.values(b.columns).every((col) => col.length === b.rows)));
      assert.equal(got[0].tradeId, undefined);
    } finally {
      c.close();
    }
  }
});

async function codec(file: string): Promise<string> {
  const rows = await footerRows(file, 'DISTINCT compression');
  return rows.map((r) => String(r[0])).join(',');
}

test('the compression option decides the codec of new part files; files of mixed codecs read together', async () => {
  const dir = join(root, `m${n++}`);
  const sizes: Partial<Record<CatalogCompression, number>> = {};
  const trades = (day: number): TradeTick[] =>
    Array.from({ length: 20_000 }, (_, i) => ({
      kind: 'trade',
      instrumentId: 'ESH4.CME',
      price: 4800 + ((i * 7919) % 40) * 0.25,
      size: 1 + (i % 7),
      aggressor: i % 2 ? 'buyer' : 'seller',
      tradeId: String(i),
      tsEvent: T0 + day * 86_400_000_000 + i * 1000,
      tsInit: T0 + day * 86_400_000_000 + i * 1000,
      sequence: i,
    }));
  const expected: TradeTick[] = [];
  for (const [day, compression] of CATALOG_COMPRESSIONS.entries()) {
    const c = await Catalog.open(dir, { compression });
    try {
      const rows = trades(day);
      const { files } = await c.appendTrades(rows);
      expected.push(...rows);
      assert.equal(files.length, 1);
      assert.equal(
        await codec(files[0]),
        { zstd: 'ZSTD', lz4: 'LZ4_RAW', snappy: 'SNAPPY', uncompressed: 'UNCOMPRESSED' }[compression],
      );
      sizes[compression] = statSync(files[0]).size;
    } finally {
      c.close();
    }
  }
  assert.ok(
    (sizes.zstd ?? 0) < (sizes.lz4 ?? 0) && (sizes.lz4 ?? 0) < (sizes.uncompressed ?? 0),
    JSON.stringify(sizes),
  );
  assert.equal(listParts(dir, 'trades', 'ESH4.CME').length, 4);
  const c = await Catalog.open(dir);
  try {
    const got: TradeTick[] = [];
    for await (const b of c.queryTrades('ESH4.CME')) got.push(...b);
    assert.deepStrictEqual(got, expected);
  } finally {
    c.close();
  }
  assert.ok(readdirSync(dir).includes('trades'));
});
