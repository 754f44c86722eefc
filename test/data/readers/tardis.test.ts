import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  parseTardisBookL2,
  parseTardisQuotes,
  parseTardisTrades,
  readTardisBookL2,
  readTardisQuotes,
  readTardisTrades,
  TARDIS_BOOK_L2_COLUMNS,
  TARDIS_F_LAST,
  TARDIS_F_SNAPSHOT,
  TARDIS_QUOTES_COLUMNS,
  TARDIS_TRADES_COLUMNS,
} from '../../../src/data/readers/index.js';
import type { BookLevelUpdate, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { collect, rejectsAt, tempFiles } from '../../support/reader-files.js';

const FIXTURES = new URL('../../fixtures/tardis/', import.meta.url).pathname;
const L2 = join(FIXTURES, 'deribit_incremental_book_L2_BTC-PERPETUAL.csv');
const TRADES = join(FIXTURES, 'bitmex_trades_XBTUSD.csv');
const QUOTES = join(FIXTURES, 'huobi-dm-swap_quotes_BTC-USD.csv');
const HALF = new Grid(0.5);
const TENTH = new Grid(0.1);

const { write } = tempFiles('bourse-tardis-');

// ---------------------------------------------------------------- incremental_book_L2

test('L2: the Deribit snapshot rows become 15 updates, F_LAST on the last', async () => {
  const updates = await readTardisBookL2(L2, { grid: HALF });
  assert.equal(updates.length, 15);
  // deribit,BTC-PERPETUAL,1585699200245000,1585699200355684,true,ask,6421.5,18640
  assert.deepEqual(updates[0], {
    kind: 'book-level',
    instrumentId: 'BTC-PERPETUAL.DERIBIT',
    side: 'ask',
    priceTicks: 12843,
    size: 18640,
    flags: TARDIS_F_SNAPSHOT,
    sequence: 1,
    tsEvent: 1585699200355684,
    tsInit: 1585699200355684,
  });
  // …,true,ask,6428.5,39950
  assert.deepEqual(updates[14], {
    kind: 'book-level',
    instrumentId: 'BTC-PERPETUAL.DERIBIT',
    side: 'ask',
    priceTicks: 12857,
    size: 39950,
    flags: TARDIS_F_SNAPSHOT | TARDIS_F_LAST,
    sequence: 15,
    tsEvent: 1585699200355684,
    tsInit: 1585699200355684,
  });
  assert.ok(updates.slice(0, 14).every((u) => u.flags === TARDIS_F_SNAPSHOT));
  const mapped = await readTardisBookL2(L2, {
    grid: HALF,
    instruments: { 'BTC-PERPETUAL': 'BTC-PERP.DERIBIT' },
  });
  assert.equal(mapped[0].instrumentId, 'BTC-PERP.DERIBIT');
  assert.equal(
    (await readTardisBookL2(L2, { grid: HALF, instruments: { 'ETH-PERPETUAL': 'E.DERIBIT' } })).length,
    0,
  );
});

const L2H = TARDIS_BOOK_L2_COLUMNS.join(',');
const row = (ts: number, snap: boolean, side: string, price: string, amount: string) =>
  `deribit,BTC-PERPETUAL,${ts},${ts + 100},${snap},${side},${price},${amount}`;

test('L2: F_LAST ends each timestamp batch; a new snapshot first removes every known level', async () => {
  const lines = [
    L2H,
    row(1000, true, 'bid', '6421', '10'),
    row(1000, true, 'ask', '6421.5', '20'),
    row(2000, false, 'bid', '6420.5', '5'), // batch of two
    row(2000, false, 'ask', '6421.5', '0'),
    row(3000, false, 'ask', '6422', '7'), // batch of one
    row(4000, true, 'bid', '6421', '11'), // reconnect: new snapshot
    row(4000, true, 'ask', '6423', '1'),
    row(5000, false, 'bid', '6421', '0'),
  ];
  const updates = await collect(parseTardisBookL2(lines, 'l2.csv', { grid: HALF }));
  const S = TARDIS_F_SNAPSHOT;
  const L = TARDIS_F_LAST;
  assert.deepEqual(
    updates.map((u) => [u.side, HALF.fromTicks(u.priceTicks), u.size, u.flags, u.tsEvent, u.sequence]),
    [
      ['bid', 6421, 10, S, 1100, 1],
      ['ask', 6421.5, 20, S | L, 1100, 2],
      ['bid', 6420.5, 5, 0, 2100, 3],
      ['ask', 6421.5, 0, L, 2100, 4],
      ['ask', 6422, 7, L, 3100, 5],
      // the reset: bids 6421 and 6420.5, ask 6422 (6421.5 was already gone)
      ['bid', 6421, 0, S, 4100, 6],
      ['bid', 6420.5, 0, S, 4100, 7],
      ['ask', 6422, 0, S, 4100, 8],
      ['bid', 6421, 11, S, 4100, 9],
      ['ask', 6423, 1, S | L, 4100, 10],
      ['bid', 6421, 0, L, 5100, 11],
    ],
  );
});

test('L2: amounts may be written with an exponent (1e-05)', async () => {
  const updates = await collect(
    parseTardisBookL2([L2H, row(1, false, 'bid', '6421', '1e-05')], 'e.csv', { grid: HALF }),
  );
  assert.equal(updates[0].size, 0.00001);
});

// ---------------------------------------------------------------- trades and quotes

test('trades: the BitMEX rows, aggressor from the taker side', async () => {
  const trades = await readTardisTrades(TRADES, { grid: HALF });
  assert.equal(trades.length, 10);
  // bitmex,XBTUSD,1583020803145000,1583020803307160,ccc3c1fa-…,sell,8531.5,2152
  assert.deepEqual(trades[0], {
    kind: 'trade',
    instrumentId: 'XBTUSD.BITMEX',
    price: 8531.5,
    size: 2152,
    aggressor: 'seller',
    tradeId: 'ccc3c1fa-212c-e8b0-1706-9b9c4f3d5ecf',
    tsEvent: 1583020803307160,
    tsInit: 1583020803307160,
  });
  assert.equal(trades[9].tradeId, '7cae8d7b-b69d-025b-cc3c-84b911f37a8a');
  assert.equal(trades[9].tsEvent, 1583020803336743);
  const h = TARDIS_TRADES_COLUMNS.join(',');
  const sides = await collect(
    parseTardisTrades(
      [
        h,
        'bitmex,XBTUSD,1,2,a,buy,8531.5,1',
        'bitmex,XBTUSD,1,2,,unknown,8532,3',
        'bitmex,XBTUSD,1,2,c,sell,8532,1',
      ],
      'sides.csv',
      { grid: HALF },
    ),
  );
  assert.deepEqual(
    sides.map((t) => [t.aggressor, t.tradeId]),
    [
      ['buyer', 'a'],
      ['none', '2'],
      ['seller', 'c'],
    ],
  );
});

test('quotes: the Huobi rows, first and last exact; a one-sided row gives no quote', async () => {
  const quotes = await readTardisQuotes(QUOTES, { grid: TENTH });
  assert.equal(quotes.length, 10);
  // huobi-dm-swap,BTC-USD,1588291201099000,1588291201234268,5494,8629.3,8629.2,806
  assert.deepEqual(quotes[0], {
    kind: 'quote',
    instrumentId: 'BTC-USD.HUOBI-DM-SWAP',
    bidPrice: 8629.2,
    askPrice: 8629.3,
    bidSize: 806,
    askSize: 5494,
    tsEvent: 1588291201234268,
    tsInit: 1588291201234268,
  });
  // …,1588291201814000,1588291201927888,5411,8629.3,8629.2,847
  assert.deepEqual([quotes[9].bidSize, quotes[9].askSize, quotes[9].tsEvent], [847, 5411, 1588291201927888]);
  const h = TARDIS_QUOTES_COLUMNS.join(',');
  const one = await collect(
    parseTardisQuotes(
      [h, 'huobi-dm-swap,BTC-USD,1,2,,,8629.2,806', 'huobi-dm-swap,BTC-USD,3,4,1,8629.3,8629.2,2'],
      'q.csv',
      {
        grid: TENTH,
      },
    ),
  );
  assert.deepEqual(
    one.map((q) => q.tsEvent),
    [4],
  );
});

// ---------------------------------------------------------------- errors

const DERIBIT_ROW = 'deribit,BTC-PERPETUAL,1585699200245000,1585699200355684,true,ask,6421.5,18640';

test('errors: bad header names line 1', async () => {
  const file = write('hdr.csv', [
    'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,size',
    DERIBIT_ROW,
  ]);
  await rejectsAt(
    () => readTardisBookL2(file, { grid: HALF }),
    { file, line: 1, field: 'header' },
    /lacks column amount/,
  );
});

test('errors: non-numeric and off-grid prices, missing field, bad flags and order', async () => {
  const nan = write('nan.csv', [L2H, DERIBIT_ROW, DERIBIT_ROW.replace('6421.5', '6421,5x')]);
  await rejectsAt(
    () => readTardisBookL2(nan, { grid: HALF }),
    { file: nan, line: 3, field: 'row' },
    /9 fields/,
  );
  const text = write('text.csv', [L2H, DERIBIT_ROW.replace('6421.5', 'n/a')]);
  await rejectsAt(
    () => readTardisBookL2(text, { grid: HALF }),
    { file: text, line: 2, field: 'price', value: 'n/a' },
    /not a number/,
  );
  const off = write('off.csv', [L2H, DERIBIT_ROW.replace('6421.5', '6421.3')]);
  await rejectsAt(
    () => readTardisBookL2(off, { grid: HALF }),
    { file: off, line: 2, field: 'price', value: '6421.3' },
    /not on the 0.5 grid/,
  );
  const rounded = await readTardisBookL2(off, { grid: HALF, roundToGrid: true });
  assert.equal(HALF.fromTicks(rounded[0].priceTicks), 6421.5);
  const short = write('short.csv', [L2H, DERIBIT_ROW.slice(0, DERIBIT_ROW.lastIndexOf(','))]);
  await rejectsAt(
    () => readTardisBookL2(short, { grid: HALF }),
    { file: short, line: 2, field: 'amount' },
    /7 fields/,
  );
  const snap = write('snap.csv', [L2H, DERIBIT_ROW.replace(',true,', ',yes,')]);
  await rejectsAt(
    () => readTardisBookL2(snap, { grid: HALF }),
    { file: snap, line: 2, field: 'is_snapshot' },
    /true or false/,
  );
  const side = write('side.csv', [L2H, DERIBIT_ROW.replace(',ask,', ',sell,')]);
  await rejectsAt(
    () => readTardisBookL2(side, { grid: HALF }),
    { file: side, line: 2, field: 'side' },
    /bid or ask/,
  );
  const order = write('order.csv', [
    L2H,
    DERIBIT_ROW,
    DERIBIT_ROW.replace('1585699200355684', '1585699200355683'),
  ]);
  await rejectsAt(
    () => readTardisBookL2(order, { grid: HALF }),
    { file: order, line: 3, field: 'local_timestamp' },
    /out of order/,
  );
  const tsText = write('ts.csv', [L2H, DERIBIT_ROW.replace('1585699200245000', '2020-04-01T00:00:00Z')]);
  await rejectsAt(
    () => readTardisBookL2(tsText, { grid: HALF }),
    { file: tsText, line: 2, field: 'timestamp' },
    /micro/,
  );
});

test('errors: trades with a bad side or zero amount, quotes with a bad size', async () => {
  const h = TARDIS_TRADES_COLUMNS.join(',');
  const side = write('t-side.csv', [
    h,
    'bitmex,XBTUSD,1583020803145000,1583020803307160,x,short,8531.5,2152',
  ]);
  await rejectsAt(
    () => readTardisTrades(side, { grid: HALF }),
    { file: side, line: 2, field: 'side', value: 'short' },
    /buy, sell/,
  );
  const zero = write('t-zero.csv', [h, 'bitmex,XBTUSD,1583020803145000,1583020803307160,x,buy,8531.5,0']);
  await rejectsAt(
    () => readTardisTrades(zero, { grid: HALF }),
    { file: zero, line: 2, field: 'amount' },
    /positive/,
  );
  const q = write('q.csv', [
    TARDIS_QUOTES_COLUMNS.join(','),
    'huobi-dm-swap,BTC-USD,1588291201099000,1588291201234268,-5494,8629.3,8629.2,806',
  ]);
  await rejectsAt(
    () => readTardisQuotes(q, { grid: TENTH }),
    { file: q, line: 2, field: 'ask_amount' },
    /negative/,
  );
});

// ---------------------------------------------------------------- round trips (tiny writers)

const tickArb = fc.integer({ min: 1, max: 200_000 });
const amountArb = fc.integer({ min: 1, max: 5_000_000 }).map((k) => k / 1000);

test('round trip: L2 batches written as rows read back with F_LAST on each batch end', async () => {
  const levelArb = fc.record({
    bid: fc.boolean(),
    ticks: tickArb,
    amount: fc.oneof(fc.constant(0), amountArb),
  });
  const batchArb = fc.record({
    gap: fc.integer({ min: 1, max: 1_000_000 }),
    levels: fc.array(levelArb, { minLength: 1, maxLength: 5 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(batchArb, { maxLength: 15 }), async (batches) => {
      const lines = [L2H];
      const expected: BookLevelUpdate[] = [];
      let ts = 1585699200000000;
      let seq = 0;
      for (const batch of batches) {
        ts += batch.gap;
        batch.levels.forEach((level, i) => {
          const side = level.bid ? 'bid' : 'ask';
          lines.push(
            `deribit,BTC-PERPETUAL,${ts - 7},${ts},false,${side},${HALF.fromTicks(level.ticks)},${level.amount}`,
          );
          expected.push({
            kind: 'book-level',
            instrumentId: 'BTC-PERPETUAL.DERIBIT',
            side,
            priceTicks: level.ticks,
            size: level.amount,
            flags: i === batch.levels.length - 1 ? TARDIS_F_LAST : 0,
            sequence: ++seq,
            tsEvent: ts,
            tsInit: ts,
          });
        });
      }
      assert.deepEqual(await collect(parseTardisBookL2(lines, 'rt.csv', { grid: HALF })), expected);
    }),
    { numRuns: 100 },
  );
});

test('round trip: trades rows read back to the same values', async () => {
  const tradeArb = fc.record({
    gap: fc.nat({ max: 1_000_000 }),
    ticks: tickArb,
    amount: amountArb,
    side: fc.constantFrom('buy', 'sell', 'unknown'),
    id: fc.stringMatching(/^[0-9a-f-]{1,36}$/),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(tradeArb, { maxLength: 30 }), async (items) => {
      const lines = [TARDIS_TRADES_COLUMNS.join(',')];
      const expected: TradeTick[] = [];
      let ts = 1583020803000000;
      for (const t of items) {
        ts += t.gap;
        lines.push(
          `bitmex,XBTUSD,${ts - 100},${ts},${t.id},${t.side},${HALF.fromTicks(t.ticks)},${t.amount}`,
        );
        expected.push({
          kind: 'trade',
          instrumentId: 'XBTUSD.BITMEX',
          price: HALF.fromTicks(t.ticks),
          size: t.amount,
          aggressor: t.side === 'buy' ? 'buyer' : t.side === 'sell' ? 'seller' : 'none',
          tradeId: t.id,
          tsEvent: ts,
          tsInit: ts,
        });
      }
      assert.deepEqual(await collect(parseTardisTrades(lines, 'rt.csv', { grid: HALF })), expected);
    }),
    { numRuns: 100 },
  );
});

test('round trip: quotes rows read back to the same values', async () => {
  const quoteArb = fc.record({
    gap: fc.nat({ max: 1_000_000 }),
    bid: tickArb,
    spread: fc.integer({ min: 1, max: 50 }),
    bidSize: amountArb,
    askSize: amountArb,
  });
  await fc.assert(
    fc.asyncProperty(fc.array(quoteArb, { maxLength: 30 }), async (items) => {
      const lines = [TARDIS_QUOTES_COLUMNS.join(',')];
      const expected: QuoteTick[] = [];
      let ts = 1588291201000000;
      for (const q of items) {
        ts += q.gap;
        const bid = TENTH.fromTicks(q.bid);
        const ask = TENTH.fromTicks(q.bid + q.spread);
        lines.push(`huobi-dm-swap,BTC-USD,${ts - 50},${ts},${q.askSize},${ask},${bid},${q.bidSize}`);
        expected.push({
          kind: 'quote',
          instrumentId: 'BTC-USD.HUOBI-DM-SWAP',
          bidPrice: bid,
          askPrice: ask,
          bidSize: q.bidSize,
          askSize: q.askSize,
          tsEvent: ts,
          tsInit: ts,
        });
      }
      assert.deepEqual(await collect(parseTardisQuotes(lines, 'rt.csv', { grid: TENTH })), expected);
    }),
    { numRuns: 100 },
  );
});
