import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { absentIn, readFooters } from '../../src/catalog/duck.js';
import { CATALOG_READ_MODES, Catalog, type ColumnBatch } from '../../src/catalog/index.js';
import { type Bar, BarType, bar, type TradeTick } from '../../src/model/data.js';
import { MICROS_PER_DAY } from '../../src/model/time.js';
import { footerRows } from '../support/parquet-footer.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-footers-'));
after(() => rmSync(root, { recursive: true, force: true }));
const T0 = Date.UTC(2024, 1, 5) * 1000;
const BT = BarType.parse('ESH4.CME-1-SECOND-LAST');

/**
 * Three UTC dates of trades, one part file each: ids that are the sequence as text (Databento's:
 * stored as null, so `trade_id` is null throughout the file); ids of their own on every 100th
 * trade; no sequence at all (the `sequence` column null throughout).
 */
function tradesOfDay(day: 0 | 1 | 2, count: number): TradeTick[] {
  return Array.from({ length: count }, (_, i) => {
    const ts = T0 + day * MICROS_PER_DAY + i * 5_000;
    const sequence = day * 1_000_000 + i;
    const base = {
      kind: 'trade',
      instrumentId: 'ESH4.CME',
      price: 4800 + (i % 13) * 0.25,
      size: 1 + (i % 4),
      aggressor: i % 3 === 0 ? 'none' : i % 3 === 1 ? 'buyer' : 'seller',
      tsEvent: ts,
      tsInit: ts + 40,
    } as const;
    if (day === 0) return { ...base, tradeId: String(sequence), sequence };
    if (day === 1) return { ...base, tradeId: i % 100 === 0 ? `T-${i}` : String(sequence), sequence };
    return { ...base, tradeId: `fill-${i}` };
  });
}

async function catalogWithMixedDays(): Promise<{
  dir: string;
  trades: TradeTick[][];
  bars: Bar[];
  files: string[][];
}> {
  const dir = mkdtempSync(join(root, 'c'));
  const trades = [tradesOfDay(0, 5_000), tradesOfDay(1, 5_000), tradesOfDay(2, 5_000)];
  const bars = Array.from({ length: 3_000 }, (_, i) =>
    bar(BT, 4800, 4801, 4799.75, 4800.5, 1 + (i % 9), T0 + i * 1_000_000),
  );
  const catalog = await Catalog.open(dir);
  try {
    const files: string[][] = [];
    for (const day of trades) files.push([...(await catalog.appendTrades(day)).files]);
    files.push([...(await catalog.appendBars(bars)).files]);
    return { dir, trades, bars, files };
  } finally {
    catalog.close();
  }
}

test('part files are written with Parquet 2 encodings: int64 columns delta-packed, small-domain columns dictionary-encoded', async () => {
  const { files } = await catalogWithMixedDays();
  const encodings = new Map(
    (await footerRows(files[1][0], 'path_in_schema, encodings', 'row_group_id = 0')).map((r) => [
      String(r[0]),
      String(r[1]),
    ]),
  );
  for (const column of ['ts_event', 'ts_init', 'sequence'])
    assert.equal(encodings.get(column), 'DELTA_BINARY_PACKED');
  for (const column of ['price', 'size', 'aggressor']) assert.equal(encodings.get(column), 'RLE_DICTIONARY');
});

test('the footers tell which nullable columns hold only nulls in each file', async () => {
  const { files } = await catalogWithMixedDays();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const [idsAsSequence, someOwnIds, noSequence] = files.map((f) => f[0]);
    const footers = await readFooters(connection, 'trades', [idsAsSequence, someOwnIds, noSequence]);
    assert.deepStrictEqual([...absentIn(footers, [idsAsSequence])], ['trade_id']);
    assert.deepStrictEqual([...absentIn(footers, [someOwnIds])], []);
    assert.deepStrictEqual([...absentIn(footers, [noSequence])], ['sequence']);
    // A column is left out of a read only when every file read lacks it.
    assert.deepStrictEqual([...absentIn(footers, [idsAsSequence, noSequence])], []);
    assert.deepStrictEqual([...absentIn(footers, [idsAsSequence, idsAsSequence])], ['trade_id']);
    // A file whose footer was not read is read whole.
    assert.deepStrictEqual([...absentIn(footers, [idsAsSequence, '/nowhere.parquet'])], []);
    assert.deepStrictEqual(
      footers.groups.get(idsAsSequence)?.map((g) => [g.rows, g.minTs, g.maxTs]),
      [[5_000, T0, T0 + 4_999 * 5_000]],
    );
    const barFooters = await readFooters(connection, 'bars', files[3]);
    assert.deepStrictEqual([...absentIn(barFooters, files[3])], ['sequence']);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('reads that leave all-null columns out return the stored rows, in both read modes', async () => {
  const { dir, trades, bars } = await catalogWithMixedDays();
  const all = trades.flat();
  const ranges = [
    { from: T0, to: T0 + MICROS_PER_DAY }, // trade ids left out
    { from: T0 + 2 * MICROS_PER_DAY }, // sequence left out
    { from: trades[0][4_000].tsEvent, to: trades[2][10].tsEvent }, // all three files: nothing left out
    {},
  ];
  for (const readMode of CATALOG_READ_MODES) {
    const catalog = await Catalog.open(dir, { readMode });
    try {
      for (const range of ranges) {
        const got: TradeTick[] = [];
        for await (const batch of catalog.queryTrades('ESH4.CME', range)) got.push(...batch);
        const want = all.filter(
          (t) => t.tsEvent >= (range.from ?? Number.NEGATIVE_INFINITY) && t.tsEvent < (range.to ?? Infinity),
        );
        assert.ok(want.length > 0);
        assert.deepStrictEqual(got, want, `${readMode} ${JSON.stringify(range)}`);
      }
      const columns: ColumnBatch[] = [];
      for await (const b of catalog.queryColumns('trades', 'ESH4.CME', { from: T0 + 2 * MICROS_PER_DAY }))
        columns.push(b);
      assert.ok(columns.every((b) => b.columns.sequence.every(Number.isNaN)));
      assert.equal(columns[0].tradeId?.(7), 'fill-7');
      const gotBars: Bar[] = [];
      for await (const batch of catalog.queryBars(BT)) gotBars.push(...batch);
      assert.deepStrictEqual(gotBars, bars);
    } finally {
      catalog.close();
    }
  }
});
