import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  parseTardisBookSnapshot,
  readTardisBookSnapshot,
  streamTardisBookSnapshot,
  tardisBookSnapshotColumns,
} from '../../../src/data/readers/tardis-snapshot.js';
import type { BookDepthSnapshot, DepthLevel } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { collect, rejectsAt, tempFiles } from '../../support/reader-files.js';

const FIXTURES = new URL('../../fixtures/tardis/', import.meta.url).pathname;
const SNAP5 = join(FIXTURES, 'binance-futures_book_snapshot_5_BTCUSDT.csv');
const SNAP25 = join(FIXTURES, 'binance-futures_book_snapshot_25_BTCUSDT.csv');
const CENT = new Grid(0.01);

const { write } = tempFiles('bourse-tardis-snapshot-');

/** Levels as [price, amount] pairs, best first. */
const levels = (pairs: [number, number][]): DepthLevel[] =>
  pairs.map(([price, size]) => ({ priceTicks: CENT.toTicks(price), size, count: 0 }));

const H5 = tardisBookSnapshotColumns(5);
// Line 2 of the 5-level file.
const ROW5 =
  'binance-futures,BTCUSDT,1598918403696000,1598918403810979,11657.08,1.714,11657.07,10.896,11657.54,5.4,11656.97,0.2,11657.56,0.238,11655.78,0.2,11657.61,0.077,11655.77,0.98,11657.92,0.918,11655.68,0.111';

/** ROW5 with some fields replaced, by column name. */
function row5(changes: Readonly<Record<string, string>>, base = ROW5): string {
  const fields = base.split(',');
  for (const [name, value] of Object.entries(changes)) {
    const i = H5.indexOf(name);
    assert.ok(i >= 0, name);
    fields[i] = value;
  }
  return fields.join(',');
}

const parse5 = (rows: string[]) =>
  collect(parseTardisBookSnapshot([H5.join(','), ...rows], 'snap.csv', { grid: CENT }));

// ---------------------------------------------------------------- real files

test('snapshot_5: the Binance rows, first and last exact, 5 levels a side, sequence from 1', async () => {
  const snaps = await readTardisBookSnapshot(SNAP5, { grid: CENT });
  assert.equal(snaps.length, 10);
  assert.deepEqual(snaps[0], {
    kind: 'book-depth',
    instrumentId: 'BTCUSDT.BINANCE-FUTURES',
    bids: levels([
      [11657.07, 10.896],
      [11656.97, 0.2],
      [11655.78, 0.2],
      [11655.77, 0.98],
      [11655.68, 0.111],
    ]),
    asks: levels([
      [11657.08, 1.714],
      [11657.54, 5.4],
      [11657.56, 0.238],
      [11657.61, 0.077],
      [11657.92, 0.918],
    ]),
    sequence: 1,
    tsEvent: 1598918403810979,
    tsInit: 1598918403810979,
  } satisfies BookDepthSnapshot);
  assert.equal(snaps[0].bids[0].priceTicks, 1165707);
  // binance-futures,BTCUSDT,1598918404284000,1598918404289427,11657.08,1.393,11657.07,10.881,…,11657.92,0.918,11655.7,0.188
  assert.deepEqual(snaps[9], {
    kind: 'book-depth',
    instrumentId: 'BTCUSDT.BINANCE-FUTURES',
    bids: levels([
      [11657.07, 10.881],
      [11656.97, 0.2],
      [11655.78, 0.2],
      [11655.77, 0.98],
      [11655.7, 0.188],
    ]),
    asks: levels([
      [11657.08, 1.393],
      [11657.54, 5.4],
      [11657.56, 0.238],
      [11657.61, 0.077],
      [11657.92, 0.918],
    ]),
    sequence: 10,
    tsEvent: 1598918404289427,
    tsInit: 1598918404289427,
  });
  assert.ok(snaps.every((s) => s.bids.length === 5 && s.asks.length === 5));
  assert.deepEqual(
    snaps.map((s) => s.sequence),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  const header = readFileSync(SNAP5, 'utf8').split('\n')[0];
  assert.equal(header, H5.join(','));
});

test('snapshot_25: 25 levels a side; the first row agrees with the 5-level file', async () => {
  const snaps = await collect(streamTardisBookSnapshot(SNAP25, { grid: CENT }));
  assert.equal(snaps.length, 10);
  assert.ok(snaps.every((s) => s.bids.length === 25 && s.asks.length === 25));
  // …,11659.34,0.618,11653.25,1.003 (asks[24], bids[24] of line 2)
  assert.deepEqual(snaps[0].asks[24], { priceTicks: 1165934, size: 0.618, count: 0 });
  assert.deepEqual(snaps[0].bids[24], { priceTicks: 1165325, size: 1.003, count: 0 });
  // asks[1] of line 3 is 11657.54 × 5.4; bids[12] of line 3 is 11654.69 × 0.194.
  assert.deepEqual(snaps[1].asks[1], { priceTicks: 1165754, size: 5.4, count: 0 });
  assert.deepEqual(snaps[1].bids[12], { priceTicks: 1165469, size: 0.194, count: 0 });
  assert.equal(snaps[9].tsEvent, 1598918404009468);
  const [five] = await readTardisBookSnapshot(SNAP5, { grid: CENT });
  assert.equal(snaps[0].tsEvent, five.tsEvent);
  assert.deepEqual(snaps[0].bids.slice(0, 5), five.bids);
  assert.deepEqual(snaps[0].asks.slice(0, 5), five.asks);
  assert.equal(readFileSync(SNAP25, 'utf8').split('\n')[0], tardisBookSnapshotColumns(25).join(','));
});

test('instruments: mapped id, and rows of other symbols skipped', async () => {
  const mapped = await readTardisBookSnapshot(SNAP5, {
    grid: CENT,
    instruments: { BTCUSDT: 'BTC/USDT.BINANCE' },
  });
  assert.equal(mapped.length, 10);
  assert.equal(mapped[0].instrumentId, 'BTC/USDT.BINANCE');
  const none = await readTardisBookSnapshot(SNAP5, { grid: CENT, instruments: { ETHUSDT: 'E.BINANCE' } });
  assert.equal(none.length, 0);
});

// ---------------------------------------------------------------- thin books, header detection

test('blank levels: a thinner book gives fewer levels, a blank side none', async () => {
  const blank = (side: 'bids' | 'asks', from: number) => {
    const out: Record<string, string> = {};
    for (let i = from; i < 5; i++) {
      out[`${side}[${i}].price`] = '';
      out[`${side}[${i}].amount`] = '';
    }
    return out;
  };
  const snaps = await parse5([
    row5({ ...blank('bids', 2), ...blank('asks', 4) }),
    row5(blank('asks', 0)),
    row5({ ...blank('bids', 0), ...blank('asks', 0) }),
  ]);
  assert.deepEqual(
    snaps.map((s) => [s.bids.length, s.asks.length]),
    [
      [2, 4],
      [5, 0],
      [0, 0],
    ],
  );
  assert.deepEqual(
    snaps[0].bids,
    levels([
      [11657.07, 10.896],
      [11656.97, 0.2],
    ]),
  );
  assert.deepEqual(snaps[0].asks[3], { priceTicks: 1165761, size: 0.077, count: 0 });
  assert.deepEqual(snaps[2].bids, []);
  assert.deepEqual(snaps[2].asks, []);
  assert.deepEqual(
    snaps.map((s) => s.sequence),
    [1, 2, 3],
  );
});

test('depth from the header; extra columns ignored; amounts 0 and 1e-05 kept', async () => {
  const h = [...tardisBookSnapshotColumns(2), 'note'].join(',');
  const snaps = await collect(
    parseTardisBookSnapshot(
      [h, 'deribit,BTC-PERPETUAL,10,20,101,1e-05,100,0,102.5,3,99.5,4,hello'],
      'two.csv',
      { grid: new Grid(0.5) },
    ),
  );
  assert.deepEqual(snaps, [
    {
      kind: 'book-depth',
      instrumentId: 'BTC-PERPETUAL.DERIBIT',
      bids: [
        { priceTicks: 200, size: 0, count: 0 },
        { priceTicks: 199, size: 4, count: 0 },
      ],
      asks: [
        { priceTicks: 202, size: 0.00001, count: 0 },
        { priceTicks: 205, size: 3, count: 0 },
      ],
      sequence: 1,
      tsEvent: 20,
      tsInit: 20,
    },
  ]);
  // Level columns in another order are found by name.
  const shuffled = [
    'exchange,symbol,timestamp,local_timestamp,bids[0].amount,bids[0].price,asks[0].amount,asks[0].price',
    'x,Y,1,2,7,100,8,101',
  ];
  const [one] = await collect(parseTardisBookSnapshot(shuffled, 's.csv', { grid: new Grid(1) }));
  assert.deepEqual(
    [one.bids, one.asks],
    [[{ priceTicks: 100, size: 7, count: 0 }], [{ priceTicks: 101, size: 8, count: 0 }]],
  );
  assert.throws(() => tardisBookSnapshotColumns(0), RangeError);
  assert.throws(() => tardisBookSnapshotColumns(2.5), RangeError);
});

// ---------------------------------------------------------------- header errors

test('errors: malformed, missing or absent level columns name the header', async () => {
  const cases: [string, RegExp][] = [
    [H5.join(',').replace('asks[3].amount', 'asks[3].size'), /malformed level column 'asks\[3\]\.size'/],
    [H5.join(',').replace('bids[1].price', 'bids[one].price'), /malformed level column 'bids\[one\]\.price'/],
    [H5.join(',').replace('bids[1].price', 'bids[01].price'), /malformed level column 'bids\[01\]\.price'/],
    [H5.join(',').replace('asks[0].price', 'Asks[0].price'), /malformed level column 'Asks\[0\]\.price'/],
    [H5.join(',').replace('asks[2].price', 'asks_2_price'), /malformed level column 'asks_2_price'/],
    [
      H5.join(',').replace(',bids[4].price,bids[4].amount', ''),
      /incomplete for 5 levels: missing bids\[4\]\.price, bids\[4\]\.amount$/,
    ],
    [
      [...tardisBookSnapshotColumns(1), 'asks[3].price'].join(','),
      /incomplete for 4 levels: missing asks\[1\]\.price, asks\[1\]\.amount, bids\[1\]\.price, bids\[1\]\.amount, …/,
    ],
    ['exchange,symbol,timestamp,local_timestamp,ask_price,bid_price', /no level columns/],
    [H5.join(',').replace('local_timestamp', 'local_ts'), /lacks column local_timestamp/],
    [`${H5.join(',')},asks[0].price`, /appears twice/],
  ];
  for (const [i, [header, reason]] of cases.entries()) {
    const file = write(`h${i}.csv`, [header, ROW5]);
    await rejectsAt(
      () => readTardisBookSnapshot(file, { grid: CENT }),
      { file, line: 1, field: 'header' },
      reason,
    );
  }
  const empty = write('empty.csv', []);
  await rejectsAt(
    () => readTardisBookSnapshot(empty, { grid: CENT }),
    { file: empty, line: 1, field: 'header' },
    /no header|lacks/,
  );
});

// ---------------------------------------------------------------- row errors

test('errors: bad prices and amounts name the line and the level field', async () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ 'asks[1].price': 'n/a' }, 'asks[1].price', /not a number/],
    [{ 'bids[2].price': '11655.785' }, 'bids[2].price', /not on the 0.01 grid/],
    [{ 'bids[4].price': '0' }, 'bids[4].price', /price must be positive/],
    [{ 'bids[4].price': '-11655.68' }, 'bids[4].price', /price must be positive/],
    [{ 'asks[2].amount': '-0.238' }, 'asks[2].amount', /negative quantity/],
    [{ 'asks[2].amount': 'Infinity' }, 'asks[2].amount', /not a number/],
    [{ 'bids[0].amount': 'NaN' }, 'bids[0].amount', /not a number/],
    [{ 'asks[3].amount': '' }, 'asks[3].amount', /empty amount at a level with a price/],
    [{ 'bids[3].price': '' }, 'bids[3].price', /empty price at a level with an amount/],
    [{ 'bids[1].price': '', 'bids[1].amount': '' }, 'bids[2].price', /level after the empty level bids\[1\]/],
    [{ 'bids[1].price': '11657.07' }, 'bids[1].price', /bids not strictly descending: after 11657.07/],
    [{ 'bids[3].price': '11655.79' }, 'bids[3].price', /bids not strictly descending: after 11655.78/],
    [{ 'asks[2].price': '11657.5' }, 'asks[2].price', /asks not strictly ascending: after 11657.54/],
    [{ 'asks[4].price': '11657.61' }, 'asks[4].price', /asks not strictly ascending/],
    [
      { 'bids[0].price': '11657.08' },
      'bids[0].price',
      /crossed book: best bid 11657.08 is not below best ask 11657.08/,
    ],
    [{ 'asks[0].price': '11657', 'asks[1].price': '11657.01' }, 'bids[0].price', /crossed book/],
    [{ timestamp: '2020-09-01T00:00:03Z' }, 'timestamp', /not integer microseconds/],
    [{ local_timestamp: '1598918403810979.5' }, 'local_timestamp', /not integer microseconds/],
    [{ symbol: '' }, 'symbol', /empty symbol/],
  ];
  for (const [i, [changes, field, reason]] of cases.entries()) {
    const file = write(`r${i}.csv`, [H5.join(','), ROW5, row5(changes)]);
    const value = row5(changes).split(',')[H5.indexOf(field)];
    await rejectsAt(
      () => readTardisBookSnapshot(file, { grid: CENT }),
      { file, line: 3, field, value },
      reason,
    );
  }
});

test('errors: field count, time order; roundToGrid snaps off-grid prices', async () => {
  const short = write('short.csv', [H5.join(','), ROW5.slice(0, ROW5.lastIndexOf(','))]);
  await rejectsAt(
    () => readTardisBookSnapshot(short, { grid: CENT }),
    { file: short, line: 2, field: 'bids[4].amount' },
    /23 fields but the header has 24/,
  );
  const order = write('order.csv', [
    H5.join(','),
    ROW5,
    row5({ local_timestamp: '1598918403810978', timestamp: '1598918403696001' }),
  ]);
  await rejectsAt(
    () => readTardisBookSnapshot(order, { grid: CENT }),
    { file: order, line: 3, field: 'local_timestamp' },
    /out of order: before line 2/,
  );
  const off = [row5({ 'bids[2].price': '11655.781' })];
  await assert.rejects(() => parse5(off), /not on the 0.01 grid/);
  const [snapped] = await collect(
    parseTardisBookSnapshot([H5.join(','), ...off], 'off.csv', { grid: CENT, roundToGrid: true }),
  );
  assert.equal(snapped.bids[2].priceTicks, 1165578);
});

// ---------------------------------------------------------------- round trip

test('round trip: a valid snapshot written as a Tardis line parses back to the same levels', async () => {
  const amountArb = fc.integer({ min: 0, max: 5_000_000 }).map((k) => k / 1000);
  const sideArb = fc.array(fc.record({ gap: fc.integer({ min: 1, max: 500 }), amount: amountArb }), {
    maxLength: 25,
  });
  const caseArb = fc.record({
    depth: fc.integer({ min: 1, max: 25 }),
    bestBid: fc.integer({ min: 1, max: 10_000_000 }),
    spread: fc.integer({ min: 1, max: 1_000 }),
    bids: sideArb,
    asks: sideArb,
    ts: fc.integer({ min: 1_500_000_000_000_000, max: 1_900_000_000_000_000 }),
    lag: fc.integer({ min: 0, max: 100_000 }),
  });
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const bids: DepthLevel[] = [];
      let ticks = c.bestBid;
      for (const level of c.bids.slice(0, c.depth)) {
        if (ticks <= 0) break;
        bids.push({ priceTicks: ticks, size: level.amount, count: 0 });
        ticks -= level.gap;
      }
      const asks: DepthLevel[] = [];
      ticks = c.bestBid + c.spread;
      for (const level of c.asks.slice(0, c.depth)) {
        asks.push({ priceTicks: ticks, size: level.amount, count: 0 });
        ticks += level.gap;
      }
      const fields = ['binance-futures', 'BTCUSDT', String(c.ts), String(c.ts + c.lag)];
      const cell = (side: DepthLevel[], i: number) =>
        i < side.length ? [String(CENT.fromTicks(side[i].priceTicks)), String(side[i].size)] : ['', ''];
      for (let i = 0; i < c.depth; i++) fields.push(...cell(asks, i), ...cell(bids, i));
      const header = tardisBookSnapshotColumns(c.depth).join(',');
      const got = await collect(
        parseTardisBookSnapshot([header, fields.join(',')], 'rt.csv', { grid: CENT }),
      );
      assert.deepEqual(got, [
        {
          kind: 'book-depth',
          instrumentId: 'BTCUSDT.BINANCE-FUTURES',
          bids,
          asks,
          sequence: 1,
          tsEvent: c.ts + c.lag,
          tsInit: c.ts + c.lag,
        },
      ]);
    }),
    { numRuns: 200 },
  );
});
