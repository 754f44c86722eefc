/**
 * L3 (MBO) events in the catalog: the real ES file imported with `bourse data import --format
 * databento-mbo` reads back event for event, partitioned by UTC date, and replays into the same
 * book as the file itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Catalog } from '../../src/catalog/index.js';
import { applyMboRow, bookEvents, OrderBook, readMboCsv } from '../../src/data/book/index.js';
import type { OrderBookEvent } from '../../src/model/data.js';
import { bourseAsync } from '../support/cli.js';

const FILE = new URL('../../data/esh4-mbo-20231225.csv.gz', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'bourse-catalog-book-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function collect(catalog: Catalog, range?: { from?: number; to?: number }): Promise<OrderBookEvent[]> {
  const out: OrderBookEvent[] = [];
  for await (const batch of catalog.queryBook('ESH4.CME', range)) out.push(...batch);
  return out;
}

describe('book events in the catalog', () => {
  test('the real ES MBO file imports through the CLI and reads back exactly', async () => {
    const dir = join(root, 'cli');
    const run = await bourseAsync(
      ...['data', 'import', FILE, '--format', 'databento-mbo', '--instrument', 'ESH4.CME'],
      ...['--catalog', dir, '--validate', 'sequence-gap=keep', '--json'],
    );
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { series: { type: string; written: number }[] };
    assert.deepEqual(
      summary.series.map((s) => [s.type, s.written]),
      [['book', 68_792]],
    );
    const expected = bookEvents(await readMboCsv(FILE), 'ESH4.CME');
    const catalog = await Catalog.open(dir);
    try {
      const stored = await collect(catalog);
      assert.equal(stored.length, expected.length);
      assert.deepEqual(stored, expected);
      // One folder per UTC date of ts_recv: the whole file (snapshot to 23:59:59) is on 2023-12-25.
      const parts = await catalog.partitions();
      const dates = [...new Set(parts.filter((p) => p.type === 'book').map((p) => p.date))];
      assert.deepEqual(dates, ['2023-12-25']);
      // The book replayed from the catalog equals the book replayed from the file.
      const fromCatalog = new OrderBook();
      for (const e of stored)
        applyMboRow(fromCatalog, e.action, e.side, e.priceTicks, e.size, e.orderId, false);
      const fromFile = new OrderBook();
      for (const e of expected)
        applyMboRow(fromFile, e.action, e.side, e.priceTicks, e.size, e.orderId, false);
      assert.deepEqual(fromCatalog.topLevels(0, 10), fromFile.topLevels(0, 10));
      assert.deepEqual(fromCatalog.topLevels(1, 10), fromFile.topLevels(1, 10));
      // A time range reads [from, to).
      const from = expected[20_000].tsEvent;
      const to = expected[30_000].tsEvent;
      const slice = await collect(catalog, { from, to });
      assert.deepEqual(
        slice,
        expected.filter((e) => e.tsEvent >= from && e.tsEvent < to),
      );
    } finally {
      catalog.close();
    }
    const missing = await bourseAsync(
      ...['data', 'import', FILE, '--format', 'databento-mbo', '--catalog', join(root, 'x')],
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--instrument: needed for --format databento-mbo/);
  });
});
