/**
 * The catalog's footer cache: a file's footer is read once while the file is unchanged, read again
 * when it is replaced (size or modification time), and what it returns equals a fresh read.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFooters } from '../../src/catalog/duck.js';
import { FooterCache, type FooterSource } from '../../src/catalog/footer-cache.js';
import { Catalog } from '../../src/catalog/index.js';
import { MICROS_PER_DAY } from '../../src/model/time.js';
import { syntheticQuotes } from '../support/quotes.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-footer-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
const T0 = Date.UTC(2024, 1, 5) * 1000;

const quotes = (days: number, perDay: number, withSequence: boolean) =>
  syntheticQuotes(
    days * perDay,
    (i) => T0 + Math.floor(i / perDay) * MICROS_PER_DAY + (i % perDay) * 1_000_000,
    (i) => (withSequence ? i : undefined),
  );

test('footers are read once per unchanged file and again once a file is replaced', async () => {
  const dir = join(root, 'a');
  const other = join(root, 'b');
  const writer = await Catalog.open(dir);
  const files = [...(await writer.appendQuotes(quotes(3, 2000, false))).files];
  writer.close();
  const replacementWriter = await Catalog.open(other);
  const [replacement] = (await replacementWriter.appendQuotes(quotes(1, 3000, true))).files;
  replacementWriter.close();

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const asked: string[][] = [];
    const counting: FooterSource = (c, type, list) => {
      asked.push([...list]);
      return readFooters(c, type, list);
    };
    const cache = new FooterCache(counting);
    const first = await cache.footers(connection, 'quotes', files);
    assert.deepEqual(first, await readFooters(connection, 'quotes', files));
    assert.deepEqual(
      [...first.allNull.values()].map((s) => [...s]),
      [['sequence'], ['sequence'], ['sequence']],
    );
    assert.deepEqual(asked, [files]);
    assert.deepEqual(
      await cache.footers(connection, 'quotes', files.slice(1)),
      await readFooters(connection, 'quotes', files.slice(1)),
    );
    assert.equal(asked.length, 1, 'all cached');
    assert.equal(cache.size, 3);

    // The first day's file replaced by another (a sequence this time, 3,000 rows): read again.
    copyFileSync(replacement, files[0]);
    utimesSync(files[0], new Date(), new Date(Date.now() + 5000));
    const after = await cache.footers(connection, 'quotes', files);
    assert.deepEqual(asked.slice(1), [[files[0]]]);
    assert.deepEqual(after, await readFooters(connection, 'quotes', files));
    assert.equal(after.allNull.get(files[0])?.size, 0);
    assert.equal(after.groups.get(files[0])?.[0].rows, 3000);

    // A file that is not there is not cached (and a later query reads it again).
    const missing = join(dir, 'missing.parquet');
    await assert.rejects(cache.footers(connection, 'quotes', [missing]));
    assert.equal(cache.size, 3);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('a catalog reads a file it rewrote (appends in a new part) with fresh footers', async () => {
  const dir = join(root, 'c');
  const c = await Catalog.open(dir);
  try {
    const rows = quotes(2, 1500, false);
    await c.appendQuotes(rows.slice(0, 2000));
    const count = async () => {
      let n = 0;
      for await (const b of c.queryColumns('quotes', 'ESH4.CME')) n += b.rows;
      return n;
    };
    assert.equal(await count(), 2000);
    await c.appendQuotes(rows.slice(2000));
    assert.equal(await count(), 3000);
  } finally {
    c.close();
  }
});
