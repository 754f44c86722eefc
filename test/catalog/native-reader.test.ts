/**
 * The native batch reader (native/catalog_reader.c via src/catalog/native-reader.ts): it returns
 * exactly what the JavaScript path returns, byte for byte (property, every numeric type, null and
 * set sequences, ranges, batch boundaries); its batches are full but for the last; it refuses what
 * it cannot read with a message naming the problem; DuckDB errors mid-stream reach the caller; and
 * without it (BOURSE_NATIVE_READER=0) the catalog reads the same through JavaScript.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance, type DuckDBResult } from '@duckdb/node-api';
import fc from 'fast-check';
import { mulberry32 } from '../../src/analytics/statistics/random.js';
import {
  Catalog,
  type CatalogDataType,
  type ColumnBatch,
  NATIVE_READER_PATH,
  READ_BATCH_ROWS,
} from '../../src/catalog/index.js';
import type { OrderBookEvent, QuoteTick, TradeTick } from '../../src/model/data.js';
import { NATIVE_SKIP, nativeReaderPresent } from '../support/read-paths.js';

const skip = nativeReaderPresent() ? false : NATIVE_SKIP;
const root = mkdtempSync(join(tmpdir(), 'bourse-native-reader-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const T0 = Date.UTC(2024, 1, 5, 20) * 1000;

/** Rows of one type with a seeded walk; sequences all set, all null, or some of each. */
function records(
  type: 'trades' | 'quotes' | 'book',
  count: number,
  seed: number,
  sequences: 'set' | 'null' | 'mixed',
) {
  const random = mulberry32(seed);
  let ts = T0;
  const out: (TradeTick | QuoteTick | OrderBookEvent)[] = [];
  for (let i = 0; i < count; i++) {
    ts += Math.floor(random() * 40_000_000); // up to 40 s apart: large counts cross UTC dates
    const ticks = 16_000 + Math.floor(random() * 400);
    const sequence =
      sequences === 'set' || (sequences === 'mixed' && random() < 0.5)
        ? i * 3 + Math.floor(random() * 2)
        : undefined;
    const tsInit = ts + Math.floor(random() * 9);
    if (type === 'trades')
      out.push({
        kind: 'trade',
        instrumentId: 'ESH4.CME',
        price: ticks * 0.25,
        size: 1 + Math.floor(random() * 50),
        aggressor: (['buyer', 'seller', 'none'] as const)[i % 3],
        // The sequence as text, as Databento writes them, is stored as null (the native path reads
        // such files); an id of its own is text (the JavaScript path reads those, both catalogs).
        tradeId: sequence === undefined ? `T${i}` : String(sequence),
        tsEvent: ts,
        tsInit,
        sequence,
      });
    else if (type === 'quotes')
      out.push({
        kind: 'quote',
        instrumentId: 'ESH4.CME',
        bidPrice: ticks * 0.25,
        askPrice: (ticks + 1) * 0.25,
        bidSize: Math.floor(random() * 90),
        askSize: Math.floor(random() * 90),
        tsEvent: ts,
        tsInit,
        sequence,
      });
    else
      out.push({
        kind: 'book',
        instrumentId: 'ESH4.CME',
        action: 'ACMTFR'.charCodeAt(i % 6),
        side: i % 2 === 0 ? 66 : 65,
        priceTicks: i % 6 === 5 ? Number.NaN : ticks,
        size: Math.floor(random() * 30),
        orderId: i + 1,
        flags: i % 7 === 0 ? 128 : 0,
        sequence: sequence ?? i,
        tsEvent: ts,
        tsInit,
      });
  }
  return out;
}

/** A fresh catalog holding `rows` of one type. */
async function stored(type: CatalogDataType, rows: readonly unknown[]): Promise<string> {
  const dir = join(root, `c${n++}`);
  const writer = await Catalog.open(dir);
  try {
    await writer.append(type, rows as never[]);
  } finally {
    writer.close();
  }
  return dir;
}

async function readAll(catalog: Catalog, type: CatalogDataType, range: { from?: number; to?: number }) {
  const batches: ColumnBatch[] = [];
  for await (const b of catalog.queryColumns(type, 'ESH4.CME', range)) batches.push(b);
  return batches;
}

/** Each column's values, concatenated over the batches, as bytes (NaN compared bit for bit). */
function columnBytes(batches: readonly ColumnBatch[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(batches[0]?.columns ?? {}))
    out.set(
      name,
      Buffer.concat(
        batches.map((b) => {
          const c = b.columns[name];
          return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
        }),
      ),
    );
  return out;
}

test('native batches equal the JavaScript chunks byte for byte: types, null sequences, ranges (property)', {
  skip,
}, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('trades', 'quotes', 'book') as fc.Arbitrary<'trades' | 'quotes' | 'book'>,
      fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 30_000, max: 110_000 })),
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.constantFrom('set', 'null', 'mixed') as fc.Arbitrary<'set' | 'null' | 'mixed'>,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      async (type, count, seed, sequences, a, b) => {
        const rows = records(type, count, seed, sequences);
        const dir = await stored(type, rows);
        const at = (f: number) => rows[Math.min(rows.length - 1, Math.floor(f * rows.length))].tsEvent;
        const native = await Catalog.open(dir);
        const js = await Catalog.open(dir, { nativeReader: false });
        try {
          assert.ok(native.nativeReads && !js.nativeReads);
          for (const range of [{}, { from: at(Math.min(a, b)), to: at(Math.max(a, b)) + 1 }]) {
            const got = await readAll(native, type, range);
            const want = await readAll(js, type, range);
            const total = want.reduce((sum, x) => sum + x.rows, 0);
            assert.equal(
              got.reduce((sum, x) => sum + x.rows, 0),
              total,
            );
            // Trades with ids of their own are read chunk by chunk whatever the catalog's setting.
            const batchRows = type === 'trades' && sequences !== 'set' ? 2048 : READ_BATCH_ROWS;
            assert.ok(got.length <= Math.max(1, Math.ceil(total / (batchRows - 2047))));
            assert.ok(got.every((x) => x.rows > 0 && x.rows <= batchRows));
            assert.deepEqual(columnBytes(got), columnBytes(want));
            if (type === 'trades') {
              const ids = (batches: ColumnBatch[]) =>
                batches.flatMap((x) => Array.from({ length: x.rows }, (_, i) => x.tradeId?.(i)));
              assert.deepEqual(ids(got), ids(want));
            }
          }
        } finally {
          native.close();
          js.close();
        }
      },
    ),
    { numRuns: 14 },
  );
});

test('batches are full but for the last, and stay valid after later ones arrive', { skip }, async () => {
  const rows = records('quotes', 200_000, 7, 'mixed') as QuoteTick[];
  const dir = await stored('quotes', rows);
  const c = await Catalog.open(dir);
  try {
    const batches = await readAll(c, 'quotes', {});
    assert.ok(batches.length >= Math.ceil(rows.length / READ_BATCH_ROWS));
    // A batch stops when the next DuckDB chunk (≤ 2,048 rows) would not fit.
    for (const b of batches.slice(0, -1))
      assert.ok(b.rows > READ_BATCH_ROWS - 2048 && b.rows <= READ_BATCH_ROWS);
    let k = 0;
    for (const b of batches)
      for (let i = 0; i < b.rows; i++, k++) {
        assert.equal(b.columns.tsEvent[i], rows[k].tsEvent);
        assert.equal(b.columns.askPrice[i], rows[k].askPrice);
        if (rows[k].sequence === undefined) assert.ok(Number.isNaN(b.columns.sequence[i]));
        else assert.equal(b.columns.sequence[i], rows[k].sequence);
      }
    assert.equal(k, rows.length);
    // Stopping early, again and again, leaves nothing pending: the catalog reads on.
    for (let r = 0; r < 20; r++)
      for await (const b of c.queryColumns('quotes', 'ESH4.CME')) {
        assert.ok(b.rows > 0);
        break;
      }
    assert.equal(
      (await readAll(c, 'quotes', {})).reduce((s, b) => s + b.rows, 0),
      rows.length,
    );
  } finally {
    c.close();
  }
});

test('with reuse, two sets of arrays take turns and every batch holds its rows while it is current', {
  skip,
}, async () => {
  const rows = records('book', 150_000, 3, 'set') as OrderBookEvent[];
  const dir = await stored('book', rows);
  const c = await Catalog.open(dir);
  try {
    const buffers: ArrayBufferLike[] = [];
    let k = 0;
    for await (const b of c.queryColumns('book', 'ESH4.CME', {}, { reuse: true })) {
      buffers.push(b.columns.tsEvent.buffer);
      for (let i = 0; i < b.rows; i++, k++) {
        assert.equal(b.columns.tsEvent[i], rows[k].tsEvent);
        assert.equal(b.columns.action[i], rows[k].action);
        assert.equal(b.columns.orderId[i], rows[k].orderId);
        assert.ok(Object.is(b.columns.priceTicks[i], rows[k].priceTicks));
      }
    }
    assert.equal(k, rows.length);
    assert.ok(buffers.length >= 5);
    assert.equal(new Set(buffers).size, 2, 'two sets of arrays');
    for (let i = 2; i < buffers.length; i++) assert.equal(buffers[i], buffers[i - 2]);
    // Without reuse every batch has arrays of its own.
    const kept: ArrayBufferLike[] = [];
    for await (const b of c.queryColumns('book', 'ESH4.CME')) kept.push(b.columns.tsEvent.buffer);
    assert.equal(new Set(kept).size, kept.length);
  } finally {
    c.close();
  }
});

interface Addon {
  createReader(result: unknown): unknown;
  readBatch(
    reader: unknown,
    outputs: readonly (Float64Array | Uint8Array)[],
    capacity: number,
  ): Promise<number>;
  closeReader(reader: unknown): void;
}

/** The node-bindings handle of a node-api object (a protected field). */
const handle = (o: object, field: string) => (o as Record<string, unknown>)[field];

test('the addon refuses what it cannot read, naming the problem; DuckDB errors reach the caller', {
  skip,
}, async () => {
  const addon = createRequire(import.meta.url)(NATIVE_READER_PATH) as Addon;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const stream = (sql: string): Promise<DuckDBResult> => connection.stream(sql);
  try {
    assert.throws(() => addon.createReader({}), /expected a DuckDB result/);
    assert.throws(
      () => addon.createReader(handle(connection, 'connection')),
      /not a @duckdb\/node-bindings result/,
    );
    const text = await stream(`SELECT 'x' AS s`);
    assert.throws(
      () => addon.createReader(handle(text, 'result')),
      /columns must be BIGINT, DOUBLE or UTINYINT/,
    );

    const numbers = await stream(
      'SELECT i::BIGINT AS i, i::DOUBLE / 4 AS q, (i % 200)::UTINYINT AS b FROM range(5000) t(i)',
    );
    const reader = addon.createReader(handle(numbers, 'result'));
    const f64 = () => new Float64Array(4096);
    assert.throws(
      () => addon.readBatch(reader, [f64(), f64(), new Uint8Array(4096)], 100),
      /at least 2048 rows/,
    );
    assert.throws(() => addon.readBatch(reader, [f64(), f64()], 4096), /one output per column/);
    assert.throws(() => addon.readBatch(reader, [f64(), f64(), f64()], 4096), /output type does not match/);
    assert.throws(
      () => addon.readBatch(reader, [f64(), new Float64Array(10), new Uint8Array(4096)], 4096),
      /shorter/,
    );
    const outputs = [f64(), f64(), new Uint8Array(4096)];
    const first = addon.readBatch(reader, outputs, 4096);
    assert.throws(() => addon.readBatch(reader, outputs, 4096), /already being read/);
    const rows = await first;
    assert.equal(rows, 4096);
    assert.deepEqual([outputs[0][4095], outputs[1][4095], outputs[2][4095]], [4095, 4095 / 4, 4095 % 200]);
    const rest = [f64(), f64(), new Uint8Array(4096)];
    assert.equal(await addon.readBatch(reader, rest, 4096), 5000 - 4096);
    assert.equal(rest[0][5000 - 4096 - 1], 4999);
    assert.equal(await addon.readBatch(reader, rest, 4096), 0);
    assert.equal(await addon.readBatch(reader, rest, 4096), 0, 'the end stays the end');
    addon.closeReader(reader);

    // Nulls: BIGINT and DOUBLE as NaN, UTINYINT as 0.
    const nulls = await stream(
      'SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END::BIGINT AS i, CASE WHEN i % 5 = 0 THEN NULL ELSE 0.5 END::DOUBLE AS d, CASE WHEN i % 2 = 0 THEN NULL ELSE 7 END::UTINYINT AS b FROM range(3000) t(i)',
    );
    const withNulls = addon.createReader(handle(nulls, 'result'));
    const out = [new Float64Array(4096), new Float64Array(4096), new Uint8Array(4096).fill(9)];
    assert.equal(await addon.readBatch(withNulls, out, 4096), 3000);
    for (let i = 0; i < 3000; i++) {
      assert.equal(Number.isNaN(out[0][i]), i % 3 === 0);
      if (i % 3 !== 0) assert.equal(out[0][i], i);
      assert.equal(Number.isNaN(out[1][i]), i % 5 === 0);
      assert.equal(out[2][i], i % 2 === 0 ? 0 : 7);
    }
    addon.closeReader(withNulls);

    const failing = await stream(
      `SELECT CASE WHEN i < 150000 THEN i ELSE error('bourse test: boom')::BIGINT END AS v FROM range(200000) t(i)`,
    );
    const broken = addon.createReader(handle(failing, 'result'));
    const sink = [new Float64Array(READ_BATCH_ROWS)];
    await assert.rejects(
      (async () => {
        while ((await addon.readBatch(broken, sink, READ_BATCH_ROWS)) > 0);
      })(),
      /bourse test: boom/,
    );
    addon.closeReader(broken);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('with BOURSE_NATIVE_READER=0 the catalog reads through JavaScript, and asking for native is an error', async () => {
  const rows = records('trades', 3000, 11, 'set') as TradeTick[];
  const dir = await stored('trades', rows);
  const script = `
    import { Catalog, nativeReaderStatus } from './src/catalog/index.ts';
    const status = nativeReaderStatus();
    const c = await Catalog.open(${JSON.stringify(dir)});
    let rows = 0, last = 0;
    for await (const b of c.queryColumns('trades', 'ESH4.CME')) { rows += b.rows; last = b.columns.tsEvent[b.rows - 1]; }
    c.close();
    let refused = '';
    await Catalog.open(${JSON.stringify(dir)}, { nativeReader: true }).catch((e) => { refused = e.message; });
    console.log(JSON.stringify({ status, nativeReads: c.nativeReads, rows, last, refused }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, BOURSE_NATIVE_READER: '0' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
  assert.deepEqual(out.status, { available: false, reason: 'disabled by BOURSE_NATIVE_READER=0' });
  assert.equal(out.nativeReads, false);
  assert.equal(out.rows, rows.length);
  assert.equal(out.last, rows[rows.length - 1].tsEvent);
  assert.match(
    out.refused,
    /nativeReader: the native catalog reader is not available \(disabled by BOURSE_NATIVE_READER=0\)/,
  );
});
