/**
 * L2 level updates in the catalog (`levels`): random updates round-trip exactly (property), columns
 * match the objects, Tardis incremental_book_L2 files import through the CLI (`--format tardis-l2`)
 * and read back equal to the reader's updates, export writes them as CSV, bad input is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  Catalog,
  type ColumnBatch,
  DATA_TYPES,
  listParts,
  READ_BATCH_ROWS,
  utcDate,
} from '../../src/catalog/index.js';
import { type ImportContext, SeriesAppender } from '../../src/cli/data-import.js';
import { ImportValidation } from '../../src/cli/data-validate.js';
import { readTardisBookL2 } from '../../src/data/readers/index.js';
import type { BookLevelUpdate } from '../../src/model/data.js';
import { Grid } from '../../src/model/grid.js';
import { bourseAsync } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-catalog-levels-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const ID = 'BTC-PERPETUAL.DERIBIT';
const DERIBIT = new URL('../fixtures/tardis/deribit_incremental_book_L2_BTC-PERPETUAL.csv', import.meta.url)
  .pathname;
/** 2024-02-05 22:00 UTC: a few hours before midnight, so random gaps cross dates. */
const T0 = Date.UTC(2024, 1, 5, 22) * 1000;

async function collect(catalog: Catalog, id: string, range?: { from?: number; to?: number }) {
  const out: BookLevelUpdate[] = [];
  for await (const batch of catalog.queryLevels(id, range)) out.push(...batch);
  return out;
}

const updateArb = fc.record({
  side: fc.constantFrom('bid', 'ask') as fc.Arbitrary<'bid' | 'ask'>,
  ticks: fc.integer({ min: 1, max: 2 ** 40 }),
  /** Size in eighths (0: the level is gone). */
  eighths: fc.integer({ min: 0, max: 2 ** 40 }),
  flags: fc.integer({ min: 0, max: 255 }),
  sequence: fc.integer({ min: 0, max: 2 ** 50 }),
  /** 0: same time as the previous update (one batch); up to 8 hours otherwise. */
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 * 3_600_000_000 })),
  latency: fc.integer({ min: 0, max: 5_000_000 }),
});

describe('levels in the catalog', () => {
  test('random level updates across dates read back exactly, whole and by [from, to) (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(updateArb, { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 4 }),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        async (rows, appends, [a, b]) => {
          let t = T0;
          const updates: BookLevelUpdate[] = rows.map((r) => {
            t += r.gap;
            return {
              kind: 'book-level',
              instrumentId: ID,
              side: r.side,
              priceTicks: r.ticks,
              size: r.eighths / 8,
              flags: r.flags,
              sequence: r.sequence,
              tsEvent: t,
              tsInit: t + r.latency,
            };
          });
          const c = await Catalog.open(join(root, `p${n++}`));
          try {
            // Several appends, each cut where the time changes (updates of one time stay together).
            let start = 0;
            for (let k = 1; k <= appends; k++) {
              let end = k === appends ? updates.length : Math.floor((updates.length * k) / appends);
              while (end < updates.length && end > 0 && updates[end].tsEvent === updates[end - 1].tsEvent)
                end++;
              if (end <= start) continue;
              const result = await c.appendLevels(updates.slice(start, end));
              assert.equal(result.written, end - start);
              start = end;
            }
            assert.deepEqual(await collect(c, ID), updates);
            assert.equal(await c.count('levels', ID), updates.length);
            // The parts sit in the folders of the updates' UTC dates.
            const dates = new Set(updates.map((u) => utcDate(u.tsEvent)));
            assert.deepEqual(new Set(listParts(c.dir, 'levels', ID).map((p) => p.date)), dates);
            // [from, to) at arbitrary times, and at stored times (ties at both ends).
            const span = t - T0 + 1;
            const at = (x: number) =>
              updates[Math.min(updates.length - 1, Math.floor(x * updates.length))].tsEvent;
            const ranges = [
              [T0 + Math.floor(Math.min(a, b) * span), T0 + Math.floor(Math.max(a, b) * span)],
              [at(Math.min(a, b)), at(Math.max(a, b))],
            ];
            for (const [from, to] of ranges) {
              assert.deepEqual(
                await collect(c, ID, { from, to }),
                updates.filter((u) => u.tsEvent >= from && u.tsEvent < to),
              );
            }
          } finally {
            c.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('queryColumns gives the stored columns: side as 66 B / 65 A, flags as bytes', async () => {
    const updates: BookLevelUpdate[] = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'book-level',
      instrumentId: ID,
      side: i % 3 === 0 ? 'ask' : 'bid',
      priceTicks: 12_000 + (i % 17),
      size: (i % 5) * 10,
      flags: i % 4 === 3 ? 128 : i < 20 ? 32 : 0,
      sequence: i + 1,
      tsEvent: T0 + Math.floor(i / 4) * 1000,
      tsInit: T0 + Math.floor(i / 4) * 1000 + 3,
    }));
    const c = await Catalog.open(join(root, `c${n++}`));
    try {
      await c.appendLevels(updates);
      const got: ColumnBatch[] = [];
      for await (const b of c.queryColumns('levels', ID)) got.push(b);
      const most = c.nativeReads ? READ_BATCH_ROWS : 2048;
      assert.ok(got.length >= Math.ceil(updates.length / most));
      assert.ok(got.every((b) => b.rows <= most && b.tradeId === undefined));
      let k = 0;
      for (const b of got) {
        assert.deepEqual(Object.keys(b.columns), [
          'tsEvent',
          'tsInit',
          'side',
          'priceTicks',
          'size',
          'flags',
          'sequence',
        ]);
        assert.ok(b.columns.side instanceof Uint8Array && b.columns.flags instanceof Uint8Array);
        for (let i = 0; i < b.rows; i++, k++) {
          const want = updates[k];
          assert.equal(b.columns.tsEvent[i], want.tsEvent);
          assert.equal(b.columns.tsInit[i], want.tsInit);
          assert.equal(b.columns.side[i], want.side === 'bid' ? 66 : 65);
          assert.equal(b.columns.priceTicks[i], want.priceTicks);
          assert.equal(b.columns.size[i], want.size);
          assert.equal(b.columns.flags[i], want.flags);
          assert.equal(b.columns.sequence[i], want.sequence);
        }
      }
      assert.equal(k, updates.length);
      assert.ok(DATA_TYPES.includes('levels'));
      // A levels append refuses other records, and a time before the stored data.
      await assert.rejects(
        c.append('levels', [{ ...updates[0], kind: 'book' } as never]),
        /not a book-level/,
      );
      await assert.rejects(c.appendLevels(updates.slice(0, 1)), /appends must start after/);
    } finally {
      c.close();
    }
  });

  test('the Deribit L2 fixture imports through the CLI, reads back as read, lists and exports', async () => {
    const dir = join(root, 'cli');
    const run = await bourseAsync(
      ...[
        'data',
        'import',
        DERIBIT,
        '--format',
        'tardis-l2',
        '--catalog',
        dir,
        '--tick-size',
        '0.5',
        '--json',
      ],
    );
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { series: { type: string; series: string; written: number }[] };
    const expected = await readTardisBookL2(DERIBIT, { grid: new Grid(0.5) });
    assert.equal(expected.length, 15);
    assert.deepEqual(
      summary.series.map((s) => [s.type, s.series, s.written]),
      [['levels', ID, expected.length]],
    );
    const catalog = await Catalog.open(dir);
    try {
      assert.deepEqual(await collect(catalog, ID), expected);
    } finally {
      catalog.close();
    }
    // Importing again: refused, or nothing new with --on-overlap skip.
    const again = await bourseAsync(
      ...['data', 'import', DERIBIT, '--format', 'tardis-l2', '--catalog', dir, '--tick-size', '0.5'],
    );
    assert.equal(again.code, 2);
    assert.match(again.stderr, /levels BTC-PERPETUAL\.DERIBIT: the catalog holds data up to/);
    const skip = await bourseAsync(
      ...['data', 'import', DERIBIT, '--format', 'tardis-l2', '--catalog', dir, '--tick-size', '0.5'],
      ...['--on-overlap', 'skip'],
    );
    assert.equal(skip.code, 0, skip.stderr);
    assert.match(skip.stdout, /levels BTC-PERPETUAL\.DERIBIT: 0 rows written, 15 skipped/);

    const list = await bourseAsync('data', 'list', '--catalog', dir);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^levels\s+BTC-PERPETUAL\.DERIBIT\s+BTC-PERPETUAL\.DERIBIT\s+1\s+15\s/m);

    const out = join(root, 'levels.csv');
    const exported = await bourseAsync(
      ...['data', 'export', '--catalog', dir, '--type', 'levels', '--instrument', ID, '--out', out],
    );
    assert.equal(exported.code, 0, exported.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'time,ts_event,ts_init,side,price_ticks,size,flags,sequence');
    assert.equal(lines.length, 16);
    // 6421.5 on the 0.5 grid is tick 12843; the first row of the snapshot.
    assert.equal(
      lines[1],
      '2020-04-01T00:00:00.355684Z,1585699200355684,1585699200355684,ask,12843,18640,32,1',
    );
    // The last update of the snapshot batch: F_LAST | F_SNAPSHOT.
    assert.match(lines[15], /,ask,12857,39950,160,15$/);
  });

  test('a multi-symbol file over three dates: one series per instrument, --instrument names every row', async () => {
    const file = join(root, 'two-symbols.csv');
    const lines = ['exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount'];
    let t = Date.UTC(2024, 2, 1, 23, 59, 59) * 1000;
    for (let i = 0; i < 600; i++) {
      const symbol = i % 3 === 0 ? 'ETH-PERPETUAL' : 'BTC-PERPETUAL';
      const snapshot = i < 6;
      // A message of 1–3 rows at one time.
      for (let r = 0; r <= i % 3; r++) {
        const side = (i + r) % 2 === 0 ? 'bid' : 'ask';
        const price = (side === 'bid' ? 60_000 : 60_010) + ((i * 7 + r) % 40) * 0.5;
        lines.push(
          `deribit,${symbol},${t - 100},${t},${snapshot},${side},${price},${(i * 13 + r) % 9 === 0 ? 0 : (i % 50) * 10}`,
        );
      }
      t += 600_000_000; // 10 minutes: the file spans 2024-03-01 to 2024-03-05
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const expected = await readTardisBookL2(file, { grid: new Grid(0.5) });
    const dir = join(root, 'multi');
    const run = await bourseAsync(
      ...['data', 'import', file, '--format', 'tardis-l2', '--catalog', dir, '--tick-size', '0.5', '--json'],
    );
    assert.equal(run.code, 0, run.stderr);
    const catalog = await Catalog.open(dir);
    try {
      assert.deepEqual(catalog.series('levels'), ['BTC-PERPETUAL.DERIBIT', 'ETH-PERPETUAL.DERIBIT']);
      for (const id of catalog.series('levels')) {
        assert.deepEqual(
          await collect(catalog, id),
          expected.filter((u) => u.instrumentId === id),
        );
      }
      // One folder per UTC date of the updates (the file spans 2024-03-01 to 2024-03-06).
      const dates = (id: string) =>
        new Set(expected.filter((u) => u.instrumentId === id).map((u) => utcDate(u.tsEvent)));
      assert.equal(dates('ETH-PERPETUAL.DERIBIT').size, 6);
      for (const id of catalog.series('levels')) {
        assert.deepEqual(new Set(listParts(dir, 'levels', id).map((p) => p.date)), dates(id));
      }
    } finally {
      catalog.close();
    }
    // --instrument: every row is that instrument (here both symbols' rows, in file order).
    const named = join(root, 'named');
    const one = await bourseAsync(
      ...['data', 'import', DERIBIT, '--format', 'tardis-l2', '--catalog', named, '--tick-size', '0.5'],
      ...['--instrument', 'BTC-PERP.DERIBIT'],
    );
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /levels BTC-PERP\.DERIBIT: 15 rows written, 1 files/);
  });

  test('batches of an import are cut only where the time changes; only the first may skip', async () => {
    const dir = join(root, `batches${n++}`);
    const catalog = await Catalog.open(dir);
    try {
      const context: ImportContext = {
        catalog,
        file: 'test',
        flags: { format: 'tardis-l2', catalog: dir },
        onOverlap: 'skip',
        validation: new ImportValidation('test', {}),
        results: new Map(),
        notStored: new Map(),
      };
      const updates: BookLevelUpdate[] = [0, 0, 0, 1, 1, 2, 3, 3, 3, 3].map((k, i) => ({
        kind: 'book-level',
        instrumentId: ID,
        side: 'bid',
        priceTicks: 100 + i,
        size: i,
        flags: 0,
        sequence: i + 1,
        tsEvent: T0 + k,
        tsInit: T0 + k,
      }));
      const appender = new SeriesAppender(context, 'levels', 2);
      let cuts = 0;
      for (const u of updates) {
        const cut = appender.add(u);
        if (cut) {
          cuts++;
          await cut;
        }
      }
      await appender.flush();
      // A batch is cut once it holds 2 rows and the time changes: [0 0 0] [1 1] [2 3 3 3 3].
      assert.equal(cuts, 2);
      const parts = readdirSync(join(dir, 'levels', encodeURIComponent(ID), 'date=2024-02-05'));
      assert.equal(parts.length, 3);
      assert.deepEqual(await collect(catalog, ID), updates);
      assert.deepEqual(
        [...context.results.values()].map((r) => [r.written, r.skipped, r.files]),
        [[10, 0, 3]],
      );
    } finally {
      catalog.close();
    }
  });

  test('bad input is refused with the file and line, or the flag, and nothing is written', async () => {
    const dir = join(root, 'bad');
    const offGrid = await bourseAsync(
      ...['data', 'import', DERIBIT, '--format', 'tardis-l2', '--catalog', dir, '--tick-size', '1'],
    );
    assert.equal(offGrid.code, 2);
    assert.match(
      offGrid.stderr,
      /deribit_incremental_book_L2_BTC-PERPETUAL\.csv:2, field 'price', value '6421\.5': price not on the 1 grid/,
    );
    const noGrid = await bourseAsync('data', 'import', DERIBIT, '--format', 'tardis-l2', '--catalog', dir);
    assert.equal(noGrid.code, 2);
    assert.match(noGrid.stderr, /--tick-size: needed for BTC-PERPETUAL\.DERIBIT/);
    const unknown = await bourseAsync('data', 'import', DERIBIT, '--format', 'tardis-l3', '--catalog', dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--format: expected one of .*tardis-l2.*, got 'tardis-l3'/);
    const bad = join(root, 'bad-side.csv');
    writeFileSync(
      bad,
      'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n' +
        'deribit,BTC-PERPETUAL,1,2,false,bid,100,1\n' +
        'deribit,BTC-PERPETUAL,3,4,false,buy,100.5,1\n',
    );
    const badSide = await bourseAsync(
      ...['data', 'import', bad, '--format', 'tardis-l2', '--catalog', dir, '--tick-size', '0.5'],
    );
    assert.equal(badSide.code, 2);
    assert.match(badSide.stderr, /bad-side\.csv:3, field 'side', value 'buy': expected bid or ask/);
    const catalog = await Catalog.open(dir);
    try {
      assert.deepEqual(catalog.series('levels'), []);
    } finally {
      catalog.close();
    }
  });
});
