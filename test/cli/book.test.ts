import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { bourseAsync, root } from '../support/cli.js';

const FILE = 'data/esh4-mbo-20231225.csv.gz';

test('bourse book draws the ladder at a time: asks above bids, sizes, counts, bars, metrics', async () => {
  const run = await bourseAsync(
    'book',
    FILE,
    '--format',
    'databento-mbo',
    '--at',
    '2023-12-25T23:30:00Z',
    '--depth',
    '5',
  );
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[0], /at 2023-12-25T23:30:00\.000Z/);
  assert.match(run.stdout, /book as of 2023-12-25T23:29:59\.181941Z: 28,072 batches, 44,371 rows applied/);
  const bestAsk = lines.findIndex((l) => /^ask\s+4810\.50\s+20\s+9\s+█/.test(l));
  const bestBid = lines.findIndex((l) => /^bid\s+4810\.25\s+49\s+18\s+█/.test(l));
  assert.ok(bestAsk > 0 && bestBid === bestAsk + 2, run.stdout); // the spread line sits between
  assert.equal(lines.filter((l) => l.startsWith('ask ')).length, 5);
  assert.equal(lines.filter((l) => l.startsWith('bid ')).length, 5);
  // The largest level (149 lots at 4810.75) has the full 40-cell bar.
  assert.ok(lines.some((l) => /^ask\s+4810\.75\s+149\s+24\s+█{40}$/.test(l)));
  assert.match(run.stdout, /spread\s+0\.25 \(1 tick\)/);
  assert.match(run.stdout, /mid\s+4810\.375/);
  assert.match(run.stdout, /imbalance\s+-0\.1950 \(top 5 levels: bids 260, asks 386\)/);
});

test('bourse book --json at the end: one object with the documented final top', async () => {
  const run = await bourseAsync('book', FILE, '--at', 'end', '--depth', '3', '--json');
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(json).sort(), [
    'asOf',
    'asks',
    'batches',
    'bids',
    'crossed',
    'depth',
    'file',
    'format',
    'imbalance',
    'microprice',
    'mid',
    'rows',
    'spread',
    'spreadTicks',
    'time',
  ]);
  assert.equal(json.time, '2023-12-25T23:59:59.446821Z');
  assert.equal(json.asOf, json.time);
  assert.equal(json.rows, 68_792);
  assert.equal(json.batches, 47_023);
  assert.deepEqual(json.bids[0], { price: 4810, size: 22, count: 22 });
  assert.deepEqual(json.asks[0], { price: 4810.25, size: 28, count: 18 });
  assert.equal(json.bids.length, 3);
  assert.equal(json.asks.length, 3);
  assert.equal(json.spread, 0.25);
  assert.equal(json.spreadTicks, 1);
  assert.equal(json.mid, 4810.125);
  assert.ok(Math.abs(json.microprice - (4810 * 28 + 4810.25 * 22) / 50) < 1e-9);
  const sum = (ls: Array<{ size: number }>) => ls.reduce((a, l) => a + l.size, 0);
  const b = sum(json.bids);
  const a = sum(json.asks);
  assert.ok(Math.abs(json.imbalance - (b - a) / (b + a)) < 1e-12);
  assert.equal(json.crossed, false);
});

test('bourse book reads a plain (not gzipped) file: the snapshot alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-book-'));
  const plain = join(dir, 'snapshot.csv');
  const text = gunzipSync(readFileSync(join(root, FILE))).toString('utf8');
  writeFileSync(plain, `${text.split('\n').slice(0, 8_726).join('\n')}\n`);
  const run = await bourseAsync('book', plain, '--json', '--depth', '1');
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout);
  assert.equal(json.batches, 1);
  assert.deepEqual(json.bids, [{ price: 4799, size: 16, count: json.bids[0].count }]);
  assert.deepEqual(json.asks, [{ price: 4799.5, size: 23, count: json.asks[0].count }]);
});

test('bourse book errors exit 2 naming the flag or the file', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--at', 'yesterday'], /--at: not an ISO-8601 UTC time or 'end': 'yesterday'/],
    [
      ['--at', '2023-12-24T23:59:59Z'],
      /--at 2023-12-24T23:59:59Z: before the first complete batch of .*esh4.*2023-12-25T00:00:00/,
    ],
    [
      ['--format', 'mbp-10'],
      /--format: unknown format 'mbp-10' \(known: databento-mbo, lobster, tardis-l2\)/,
    ],
    [['--depth', '0'], /--depth: expected a positive integer, got '0'/],
  ];
  const runs = await Promise.all([
    ...cases.map(([args]) => bourseAsync('book', FILE, ...args)),
    bourseAsync('book', 'data/no-such-book.csv.gz'),
  ]);
  for (const [k, [, message]] of cases.entries()) {
    assert.equal(runs[k].code, 2, runs[k].stderr);
    assert.match(runs[k].stderr, message);
    assert.equal(runs[k].stdout, '');
  }
  const missing = runs[cases.length];
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /data\/no-such-book\.csv\.gz: no such file/);
});

test('bourse book --format lobster: the book rebuilt from the messages shows the file’s own level 1', async () => {
  const messages = 'test/fixtures/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv';
  const run = await bourseAsync('book', messages, '--format', 'lobster', '--depth', '3', '--json');
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(run.stdout) as {
    asks: { price: number; size: number }[];
    bids: { price: number; size: number }[];
  };
  // The orderbook file's last row: ask 2241000 × 200, bid 2237500 × 100 (prices × 10,000).
  const last = readFileSync(join(root, messages.replace('_message_', '_orderbook_')), 'utf8')
    .trim()
    .split('\n')
    .at(-1)!
    .split(',')
    .map(Number);
  assert.deepEqual(
    [json.asks[0].price, json.asks[0].size, json.bids[0].price, json.bids[0].size],
    [last[0] / 10_000, last[1], last[2] / 10_000, last[3]],
  );
  const dir = mkdtempSync(join(tmpdir(), 'bourse-book-lobster-'));
  const lonely = join(dir, 'AMZN_2012-06-21_34200000_57600000_message_1.csv');
  writeFileSync(lonely, readFileSync(join(root, messages)));
  const missing = await bourseAsync('book', lonely, '--format', 'lobster');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no LOBSTER orderbook file beside it/);
});

test('bourse book --format tardis-l2: snapshot then incremental updates, at two times', async () => {
  // A real Deribit snapshot (asks only in this slice), then two hand-written updates.
  const dir = mkdtempSync(join(tmpdir(), 'bourse-book-tardis-'));
  const file = join(dir, 'l2.csv');
  const real = readFileSync(
    join(root, 'test/fixtures/tardis/deribit_incremental_book_L2_BTC-PERPETUAL.csv'),
    'utf8',
  )
    .trim()
    .split('\n');
  writeFileSync(
    file,
    `${[
      ...real,
      // 1 s later: the 6421.5 ask is gone, a bid appears at 6420.5 × 500.
      'deribit,BTC-PERPETUAL,1585699201245000,1585699201355684,false,ask,6421.5,0',
      'deribit,BTC-PERPETUAL,1585699201245000,1585699201355684,false,bid,6420.5,500',
    ].join('\n')}\n`,
  );
  const top = async (at: string) => {
    const run = await bourseAsync(
      'book',
      file,
      '--format',
      'tardis-l2',
      '--at',
      at,
      '--depth',
      '2',
      '--json',
    );
    assert.equal(run.code, 0, run.stderr);
    const j = JSON.parse(run.stdout) as {
      asks: { price: number; size: number }[];
      bids: { price: number; size: number }[];
    };
    return [j.asks.map((l) => [l.price, l.size]), j.bids.map((l) => [l.price, l.size])];
  };
  // After the snapshot (local time 00:00:00.355684): the first two asks of the file, no bid.
  assert.deepEqual(await top('2020-04-01T00:00:01Z'), [
    [
      [6421.5, 18640],
      [6422, 1190],
    ],
    [],
  ]);
  assert.deepEqual(await top('end'), [
    [
      [6422, 1190],
      [6422.5, 1080],
    ],
    [[6420.5, 500]],
  ]);
});
