import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bourseAsync } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-catalog-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const catalog = join(root, 'es');
const ES = 'data/es-minute-trade-bars-2013-2020.csv';

test('import the ES minute bars, list, export, and backtest from the catalog exactly as from the CSV', async () => {
  const imported = await bourseAsync('data', 'import', ES, '--format', 'bars-csv', '--catalog', catalog);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /bars ESZ3\.CME-1-MINUTE-LAST: 16673 rows written, 19 files/);

  const again = await bourseAsync('data', 'import', ES, '--format', 'bars-csv', '--catalog', catalog);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /error: bars ESH0\.CME-1-MINUTE-LAST|error: bars .*holds data up to/);
  const skipped = await bourseAsync(
    ...['data', 'import', ES, '--format', 'bars-csv', '--catalog', catalog, '--on-overlap', 'skip'],
  );
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stdout, /ESZ3\.CME-1-MINUTE-LAST: 0 rows written, 16673 skipped/);

  const list = await bourseAsync('data', 'list', '--catalog', catalog, '--json');
  assert.equal(list.code, 0, list.stderr);
  const listed = JSON.parse(list.stdout) as {
    series: { series: string; rows: number; partitions: number; first: number }[];
    partitions: { rows: number }[];
  };
  const z3 = listed.series.find((s) => s.series === 'ESZ3.CME-1-MINUTE-LAST');
  assert.equal(z3?.rows, 16673);
  assert.equal(z3?.partitions, 19);
  assert.equal(
    listed.partitions.reduce((n, p) => n + p.rows, 0),
    readFileSync(ES, 'utf8').trimEnd().split('\n').length - 1,
  );
  const table = await bourseAsync('data', 'list', '--catalog', catalog);
  assert.match(table.stdout, /^type\s+series\s+instrument\s+partitions\s+rows\s+first\s+last/);

  const out = join(root, 'z3.csv');
  const exported = await bourseAsync(
    ...['data', 'export', '--catalog', catalog, '--instrument', 'ESZ3.CME', '--type', 'bars'],
    ...['--from', '2013-10-07', '--to', '2013-10-08T00:00:00Z', '--out', out],
  );
  assert.equal(exported.code, 0, exported.stderr);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[1].slice(0, 24), '2013-10-07T00:00:00.000Z');
  assert.ok(lines.every((l, i) => i === 0 || l.startsWith('2013-10-07')));

  const strategy = ['--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20', '--json'];
  const fromCsv = await bourseAsync('backtest', '--data', ES, '--series', 'ESZ3', ...strategy);
  const fromCatalog = await bourseAsync(
    ...['backtest', '--catalog', catalog, '--instrument', 'ESZ3.CME', '--bar', '1m', ...strategy],
  );
  assert.equal(fromCsv.code, 0, fromCsv.stderr);
  assert.equal(fromCatalog.code, 0, fromCatalog.stderr);
  const a = JSON.parse(fromCsv.stdout);
  const b = JSON.parse(fromCatalog.stdout);
  assert.ok(a.fills.length > 100);
  assert.equal(b.finalValue, a.finalValue);
  assert.deepStrictEqual(b.fills, a.fills);
  assert.deepStrictEqual(b, a);

  const ranged = await bourseAsync(
    ...[
      'backtest',
      '--catalog',
      catalog,
      '--instrument',
      'ESZ3.CME',
      '--from',
      '2013-11-01',
      '--to',
      '2013-12-01',
    ],
    ...strategy,
  );
  assert.equal(ranged.code, 0, ranged.stderr);
  const r = JSON.parse(ranged.stdout);
  assert.ok(r.startTime >= '2013-11-01' && r.endTime < '2013-12-01', `${r.startTime} ${r.endTime}`);
});

test('data commands: clear errors naming the flag or file (exit 2)', async () => {
  const cases: [string[], RegExp][] = [
    [['data', 'list', '--catalog', join(root, 'none')], /--catalog: no catalog directory/],
    [['data', 'import', 'nope.csv', '--format', 'bars-csv', '--catalog', catalog], /no such file: nope\.csv/],
    [['data', 'import', ES, '--format', 'parquet', '--catalog', catalog], /--format: expected one of/],
    [
      ['data', 'import', ES, '--format', 'bars-csv', '--catalog', catalog, '--on-overlap', 'merge'],
      /--on-overlap: expected error or skip/,
    ],
    [
      ['data', 'export', '--catalog', root, '--instrument', 'ESZ3.CME', '--out', join(root, 'x.csv')],
      /--instrument: no bars for 'ESZ3.CME'/,
    ],
    [
      ['data', 'export', '--catalog', root, '--instrument', 'X', '--from', 'yesterday', '--out', 'x.csv'],
      /--from: expected an ISO-8601 time/,
    ],
    [['backtest', '--strategy', 'sma-cross'], /give either --data <file> or --catalog <dir>/],
    [['backtest', '--catalog', root, '--strategy', 'sma-cross'], /--catalog needs --instrument/],
    [
      ['backtest', '--catalog', root, '--instrument', 'ESZ3.CME', '--bar', '7x', '--strategy', 'sma-cross'],
      /--bar: expected a step and unit/,
    ],
  ];
  for (const [args, message] of cases) {
    const run = await bourseAsync(...args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
  }
});
