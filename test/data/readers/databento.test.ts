import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DataError } from '../../../src/core/errors.js';
import {
  DATABENTO_MBP1_COLUMNS,
  DATABENTO_OHLCV_COLUMNS,
  DATABENTO_TRADES_COLUMNS,
  parseDatabentoMbp1,
  parseDatabentoOhlcv,
  parseDatabentoTrades,
  readDatabentoMbp1,
  readDatabentoOhlcv,
  readDatabentoTrades,
  streamDatabentoMbp1,
} from '../../../src/data/readers/index.js';
import type { Bar, QuoteTick, TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';
import { collect, rejectsAt, tempFiles } from '../../support/reader-files.js';

const FIXTURES = new URL('../../fixtures/databento/', import.meta.url).pathname;
const MBP1 = join(FIXTURES, 'esu4-mbp-1-head200.csv');
const TRADES = join(FIXTURES, 'esu4-trades.csv');
const OHLCV = join(FIXTURES, 'esu4-nqu4-ohlcv-1m.csv');
const ES = new Grid(0.25);
const OPTIONS = { grid: ES, instruments: { 118: 'ESU4.CME' } };

const { dir, write } = tempFiles('bourse-databento-');

/** UnixMicros of 2024-07-01/02 hh:mm:ss plus micros. */
function at(day: number, hour: number, minute: number, second: number, micros = 0): number {
  return Date.UTC(2024, 6, day, hour, minute, second) * 1000 + micros;
}

// ---------------------------------------------------------------- MBP-1, real rows

test('MBP-1: the real ESU4 slice gives 11 trades and 189 quotes in ts_recv order', async () => {
  const data = await readDatabentoMbp1(MBP1, OPTIONS);
  assert.equal(data.length, 200);
  const trades = data.filter((d) => d.kind === 'trade');
  assert.equal(trades.length, 11);
  assert.equal(data.length - trades.length, 189);
  for (let i = 1; i < data.length; i++) assert.ok(data[i].tsEvent >= data[i - 1].tsEvent);
  for (const d of data) {
    assert.equal(d.instrumentId, 'ESU4.CME');
    assert.equal(d.tsInit, d.tsEvent);
  }
});

test('MBP-1: first and last rows converted exactly', async () => {
  const data = await readDatabentoMbp1(MBP1, OPTIONS);
  // line 2: 2024-07-01T23:58:01.218486389Z,…,118,T,B,5528.75,2,0,9060643,5528.5,5528.75,29,6,22,3
  assert.deepEqual(data[0], {
    kind: 'trade',
    instrumentId: 'ESU4.CME',
    price: 5528.75,
    size: 2,
    aggressor: 'buyer',
    tradeId: '9060643',
    tsEvent: at(1, 23, 58, 1, 218486), // 389 ns round down
    tsInit: at(1, 23, 58, 1, 218486),
    sequence: 9060643,
  });
  // line 3: …01.218493289Z,…,C,A,5528.75,2,130,9060644,5528.5,5528.75,29,4,22,2 — the trade's
  // book update; the trade row itself (flags 0) gives no quote.
  assert.deepEqual(data[1], {
    kind: 'quote',
    instrumentId: 'ESU4.CME',
    bidPrice: 5528.5,
    askPrice: 5528.75,
    bidSize: 29,
    askSize: 4,
    tsEvent: at(1, 23, 58, 1, 218493),
    tsInit: at(1, 23, 58, 1, 218493),
    sequence: 9060644,
  });
  // line 201: 2024-07-01T23:58:54.221921015Z,…,A,A,5528.75,1,130,9061015,5528.5,5528.75,28,9,21,7
  assert.deepEqual(data.at(-1), {
    kind: 'quote',
    instrumentId: 'ESU4.CME',
    bidPrice: 5528.5,
    askPrice: 5528.75,
    bidSize: 28,
    askSize: 9,
    tsEvent: at(1, 23, 58, 54, 221921),
    tsInit: at(1, 23, 58, 54, 221921),
    sequence: 9061015,
  });
});

test('MBP-1: aggressor side B → buyer, A → seller (line 66: T,A at 5528.75)', async () => {
  const trades = (await readDatabentoMbp1(MBP1, OPTIONS)).filter((d): d is TradeTick => d.kind === 'trade');
  const sold = trades.find((t) => t.sequence === 9060770);
  assert.ok(sold);
  assert.equal(sold.aggressor, 'seller');
  assert.equal(sold.price, 5528.75);
  assert.equal(sold.size, 1);
  assert.equal(
    trades.filter((t) => t.aggressor === 'buyer').length +
      trades.filter((t) => t.aggressor === 'seller').length,
    11,
  );
});

test('MBP-1: quotes only when a complete event changes the top (price or size)', async () => {
  const h = DATABENTO_MBP1_COLUMNS.join(',');
  const t = (s: number) => `2024-07-01T23:58:0${s}.000000000Z`;
  const lines = [
    h,
    `${t(1)},${t(1)},118,A,B,5528.5,1,130,1,5528.5,5528.75,29,6,22,3`, // first top → quote
    `${t(2)},${t(2)},118,A,B,5528,1,130,2,5528.5,5528.75,29,6,22,4`, // only a count changed → none
    `${t(3)},${t(3)},118,T,A,5528.5,2,0,3,5528.5,5528.75,29,6,22,4`, // trade, flags 0 → trade only
    `${t(3)},${t(3)},118,F,B,5528.5,2,0,4,5528.5,5528.75,27,6,20,4`, // mid-event (no F_LAST) → none
    `${t(4)},${t(4)},118,C,B,5528.5,2,130,5,5528.5,5528.75,27,6,20,4`, // event complete → quote
    `${t(5)},${t(5)},118,C,B,5528.5,27,130,6,,5528.75,0,6,0,4`, // one-sided → none
    `${t(6)},${t(6)},118,A,B,5528.5,27,130,7,5528.5,5528.75,27,6,20,4`, // same top as before, new after gap → quote
  ];
  const data = await collect(parseDatabentoMbp1(lines, 'mem.csv', OPTIONS));
  assert.deepEqual(
    data.map((d) =>
      d.kind === 'quote' ? `Q${d.sequence}:${d.bidSize}x${d.askSize}` : `T${d.sequence}:${d.aggressor}`,
    ),
    ['Q1:29x6', 'T3:seller', 'Q5:27x6', 'Q7:27x6'],
  );
});

test('MBP-1: instruments map filters; a symbol column gives <symbol>.CME ids', async () => {
  assert.equal((await readDatabentoMbp1(MBP1, { grid: ES, instruments: { 4358: 'NQU4.CME' } })).length, 0);
  const text = readFileSync(MBP1, 'utf8').trimEnd().split(/\r?\n/).slice(0, 4);
  const lines = [`${text[0]},symbol`, ...text.slice(1).map((l) => `${l},ESU4`)];
  const data = await collect(parseDatabentoMbp1(lines, 'sym.csv', { grid: ES }));
  assert.deepEqual(
    data.map((d) => d.instrumentId),
    ['ESU4.CME', 'ESU4.CME', 'ESU4.CME'],
  );
  const byName = await collect(
    parseDatabentoMbp1(lines, 'sym.csv', { grid: ES, instruments: { ESU4: 'ES.XCME' } }),
  );
  assert.equal(byName[0].instrumentId, 'ES.XCME');
});

test('MBP-1: gzip by extension, and streaming gives the same items', async () => {
  const gz = join(dir, 'mbp.csv.gz');
  writeFileSync(gz, gzipSync(readFileSync(MBP1)));
  const plain = await readDatabentoMbp1(MBP1, OPTIONS);
  assert.deepEqual(await readDatabentoMbp1(gz, OPTIONS), plain);
  let n = 0;
  for await (const _ of streamDatabentoMbp1(MBP1, OPTIONS)) if (++n === 5) break;
  assert.equal(n, 5);
});

// ---------------------------------------------------------------- trades and OHLCV, real rows

test('trades: 120 ESU4 trades, first and last exact, 66 buyer / 54 seller', async () => {
  const trades = await readDatabentoTrades(TRADES, OPTIONS);
  assert.equal(trades.length, 120);
  assert.equal(trades.filter((t) => t.aggressor === 'buyer').length, 66);
  assert.equal(trades.filter((t) => t.aggressor === 'seller').length, 54);
  assert.deepEqual(trades[0], {
    kind: 'trade',
    instrumentId: 'ESU4.CME',
    price: 5528.75,
    size: 2,
    aggressor: 'buyer',
    tradeId: '9060643',
    tsEvent: at(1, 23, 58, 1, 218486),
    tsInit: at(1, 23, 58, 1, 218486),
    sequence: 9060643,
  });
  // 2024-07-02T00:01:52.813671786Z,…,118,T,A,5529.25,1,0,9064117
  assert.deepEqual(trades.at(-1), {
    kind: 'trade',
    instrumentId: 'ESU4.CME',
    price: 5529.25,
    size: 1,
    aggressor: 'seller',
    tradeId: '9064117',
    tsEvent: at(2, 0, 1, 52, 813672), // 786 ns round up
    tsInit: at(2, 0, 1, 52, 813672),
    sequence: 9064117,
  });
});

test('OHLCV-1m: bars are stamped at their close (Databento ts_event is the open)', async () => {
  const bars = await readDatabentoOhlcv(OHLCV, {
    grid: ES,
    instruments: { 118: 'ESU4.CME', 4358: 'NQU4.CME' },
  });
  assert.equal(bars.length, 60);
  const es = bars.filter((b) => b.barType.key === 'ESU4.CME-1-MINUTE-LAST');
  const nq = bars.filter((b) => b.barType.key === 'NQU4.CME-1-MINUTE-LAST');
  assert.equal(es.length, 30);
  assert.equal(nq.length, 30);
  // 2024-07-01T23:40:00.000000000Z,118,5527.25,5527.5,5527,5527.5,180 → closes 23:41
  assert.deepEqual(es[0], {
    kind: 'bar',
    barType: es[0].barType,
    open: 5527.25,
    high: 5527.5,
    low: 5527,
    close: 5527.5,
    volume: 180,
    tsEvent: at(1, 23, 41, 0),
    tsInit: at(1, 23, 41, 0),
  });
  // 2024-07-02T00:09:00.000000000Z,4358,20017.5,20019.25,20015.5,20016.25,69 → closes 00:10
  const last = nq.at(-1) as Bar;
  assert.deepEqual(
    [last.open, last.high, last.low, last.close, last.volume, last.tsEvent],
    [20017.5, 20019.25, 20015.5, 20016.25, 69, at(2, 0, 10, 0)],
  );
  // only ES when the map names only ES
  assert.equal((await readDatabentoOhlcv(OHLCV, OPTIONS)).length, 30);
  // an explicit schema overrides the file name
  const hourly = await readDatabentoOhlcv(OHLCV, { ...OPTIONS, schema: 'ohlcv-1h' });
  assert.equal(hourly[0].tsEvent, at(2, 0, 40, 0));
  assert.equal(hourly[0].barType.key, 'ESU4.CME-1-HOUR-LAST');
});

// ---------------------------------------------------------------- errors

const MBP_ROW2 =
  '2024-07-01T23:58:01.218486389Z,2024-07-01T23:58:01.218219853Z,118,T,B,5528.75,2,0,9060643,5528.5,5528.75,29,6,22,3';
const MBP_ROW3 =
  '2024-07-01T23:58:01.218493289Z,2024-07-01T23:58:01.218219853Z,118,C,A,5528.75,2,130,9060644,5528.5,5528.75,29,4,22,2';
const H = DATABENTO_MBP1_COLUMNS.join(',');

test('errors: a header without price names line 1 and the missing column', async () => {
  const file = write('bad-header.csv', [H.replace(',price,', ',px,'), MBP_ROW2]);
  await rejectsAt(
    () => readDatabentoMbp1(file, OPTIONS),
    { file, line: 1, field: 'header' },
    /lacks column price/,
  );
});

test('errors: non-numeric price names file, line, field and value', async () => {
  const file = write('bad-price.csv', [H, MBP_ROW2, MBP_ROW3.replace(',C,A,5528.75,', ',C,A,5528.7x,')]);
  await rejectsAt(
    () => readDatabentoMbp1(file, OPTIONS),
    { file, line: 3, field: 'price', value: '5528.7x' },
    /not a number/,
  );
});

test('errors: off-grid price is rejected, or rounded with roundToGrid', async () => {
  const file = write('off-grid.csv', [H, MBP_ROW2.replace(',T,B,5528.75,', ',T,B,5528.60,')]);
  await rejectsAt(
    () => readDatabentoMbp1(file, OPTIONS),
    { file, line: 2, field: 'price', value: '5528.60' },
    /not on the 0.25 grid/,
  );
  const rounded = await readDatabentoMbp1(file, { ...OPTIONS, roundToGrid: true });
  assert.equal((rounded[0] as TradeTick).price, 5528.5);
  const bidOff = write('off-grid-bid.csv', [
    H,
    MBP_ROW3.replace(',5528.5,5528.75,29,4', ',5528.4,5528.75,29,4'),
  ]);
  await rejectsAt(
    () => readDatabentoMbp1(bidOff, OPTIONS),
    { file: bidOff, line: 2, field: 'bid_px_00' },
    /grid/,
  );
});

test('errors: a row missing its last field names that field', async () => {
  const file = write('short.csv', [H, MBP_ROW2, MBP_ROW3.slice(0, MBP_ROW3.lastIndexOf(','))]);
  await rejectsAt(() => readDatabentoMbp1(file, OPTIONS), { file, line: 3, field: 'ask_ct_00' }, /14 fields/);
});

test('errors: empty size, unknown side, unmapped instrument, ts_recv out of order', async () => {
  const emptySize = write('empty-size.csv', [H, MBP_ROW2.replace(',5528.75,2,0,', ',5528.75,,0,')]);
  await rejectsAt(
    () => readDatabentoMbp1(emptySize, OPTIONS),
    { file: emptySize, line: 2, field: 'size' },
    /empty/,
  );
  const side = write('side.csv', [H, MBP_ROW2.replace(',T,B,', ',T,X,')]);
  await rejectsAt(
    () => readDatabentoMbp1(side, OPTIONS),
    { file: side, line: 2, field: 'side', value: 'X' },
    /side/,
  );
  await rejectsAt(
    () => readDatabentoMbp1(MBP1, { grid: ES }),
    { file: MBP1, line: 2, field: 'instrument_id', value: '118' },
    /pass instruments/,
  );
  const order = write('order.csv', [H, MBP_ROW3, MBP_ROW2]);
  await rejectsAt(
    () => readDatabentoMbp1(order, OPTIONS),
    { file: order, line: 3, field: 'ts_recv' },
    /out of order/,
  );
  const ts = write('ts.csv', [H, MBP_ROW2.replace('2024-07-01T23:58:01.218486389Z', '2024-07-01 late')]);
  await rejectsAt(() => readDatabentoMbp1(ts, OPTIONS), { file: ts, line: 2, field: 'ts_recv' }, /timestamp/);
});

test('errors: trades file with a non-trade action, OHLCV with high below low or no schema', async () => {
  const trades = write('trades.csv', [
    DATABENTO_TRADES_COLUMNS.join(','),
    '2024-07-01T23:58:01.218486389Z,2024-07-01T23:58:01.218219853Z,118,A,B,5528.75,2,0,9060643',
  ]);
  await rejectsAt(
    () => readDatabentoTrades(trades, OPTIONS),
    { file: trades, line: 2, field: 'action' },
    /only action 'T'/,
  );
  const bars = write('bars-ohlcv-1m.csv', [
    DATABENTO_OHLCV_COLUMNS.join(','),
    '2024-07-01T23:40:00.000000000Z,118,5527.25,5527.5,5527,5527.5,180',
    '2024-07-01T23:41:00.000000000Z,118,5527.25,5526.5,5527,5527.5,180',
  ]);
  await rejectsAt(
    () => readDatabentoOhlcv(bars, OPTIONS),
    { file: bars, line: 3, field: 'high' },
    /below low/,
  );
  const noSchema = write('bars.csv', [
    DATABENTO_OHLCV_COLUMNS.join(','),
    '2024-07-01T23:40:00.000000000Z,118,1,1,1,1,1',
  ]);
  await assert.rejects(() => readDatabentoOhlcv(noSchema, OPTIONS), /field 'schema'.*pass schema/);
  const dup = write('dup-ohlcv-1m.csv', [
    DATABENTO_OHLCV_COLUMNS.join(','),
    '2024-07-01T23:40:00.000000000Z,118,5527.25,5527.5,5527,5527.5,180',
    '2024-07-01T23:40:00.000000000Z,118,5527.25,5527.5,5527,5527.5,180',
  ]);
  await rejectsAt(
    () => readDatabentoOhlcv(dup, OPTIONS),
    { file: dup, line: 3, field: 'ts_event' },
    /not after line 2/,
  );
});

test('errors: empty and missing files', async () => {
  const empty = write('empty.csv', []);
  writeFileSync(empty, '');
  await rejectsAt(
    () => readDatabentoTrades(empty, OPTIONS),
    { file: empty, line: 1, field: 'header' },
    /empty file/,
  );
  await assert.rejects(
    () => readDatabentoTrades(join(dir, 'nope.csv'), OPTIONS),
    (e: unknown) => e instanceof DataError && e.code === 'DATA_UNREADABLE',
  );
});

// ---------------------------------------------------------------- round trips (tiny writers)

/** ISO-8601 with nanoseconds, as Databento writes (`extraNanos` < 500 rounds back to `micros`). */
function iso(micros: number, extraNanos = 0): string {
  const ms = Math.floor(micros / 1000);
  const sub = micros - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(sub).padStart(3, '0')}${String(extraNanos).padStart(3, '0')}Z`;
}

const BASE = at(1, 23, 58, 0);
const tickArb = fc.integer({ min: 1, max: 40_000 });
const sizeArb = fc.integer({ min: 1, max: 5000 });
const gapArb = fc.integer({ min: 0, max: 2_000_000 });

type MbpItem =
  | { kind: 'trade'; gap: number; nanos: number; ticks: number; size: number; side: 'B' | 'A' | 'N' }
  | {
      kind: 'quote';
      gap: number;
      nanos: number;
      bid: number;
      spread: number;
      bidSize: number;
      askSize: number;
    };

const mbpItemArb: fc.Arbitrary<MbpItem> = fc.oneof(
  fc.record({
    kind: fc.constant('trade' as const),
    gap: gapArb,
    nanos: fc.integer({ min: 0, max: 499 }),
    ticks: tickArb,
    size: sizeArb,
    side: fc.constantFrom('B' as const, 'A' as const, 'N' as const),
  }),
  fc.record({
    kind: fc.constant('quote' as const),
    gap: gapArb,
    nanos: fc.integer({ min: 0, max: 499 }),
    bid: tickArb,
    spread: fc.integer({ min: 1, max: 4 }),
    bidSize: sizeArb,
    askSize: sizeArb,
  }),
);

test('round trip: MBP-1 rows written from trades and quotes read back to the same values', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(mbpItemArb, { maxLength: 40 }), async (items) => {
      const lines = [DATABENTO_MBP1_COLUMNS.join(',')];
      const expected: (QuoteTick | TradeTick)[] = [];
      let ts = BASE;
      let seq = 100;
      let top = { bid: 20000, ask: 20001, bidSize: 1, askSize: 1 };
      let lastQuoted = '';
      for (const item of items) {
        ts += item.gap;
        seq++;
        const px = (t: number) => String(ES.fromTicks(t));
        const topText = () => `${px(top.bid)},${px(top.ask)},${top.bidSize},${top.askSize},1,1`;
        if (item.kind === 'trade') {
          lines.push(
            `${iso(ts, item.nanos)},${iso(ts)},118,T,${item.side},${px(item.ticks)},${item.size},0,${seq},${topText()}`,
          );
          expected.push({
            kind: 'trade',
            instrumentId: 'ESU4.CME',
            price: ES.fromTicks(item.ticks),
            size: item.size,
            aggressor: item.side === 'B' ? 'buyer' : item.side === 'A' ? 'seller' : 'none',
            tradeId: String(seq),
            tsEvent: ts,
            tsInit: ts,
            sequence: seq,
          });
        } else {
          top = { bid: item.bid, ask: item.bid + item.spread, bidSize: item.bidSize, askSize: item.askSize };
          lines.push(
            `${iso(ts, item.nanos)},${iso(ts)},118,A,B,${px(item.bid)},${item.bidSize},130,${seq},${topText()}`,
          );
          const key = `${top.bid},${top.ask},${top.bidSize},${top.askSize}`;
          if (key === lastQuoted) continue; // an unchanged top gives no quote
          lastQuoted = key;
          expected.push({
            kind: 'quote',
            instrumentId: 'ESU4.CME',
            bidPrice: ES.fromTicks(top.bid),
            askPrice: ES.fromTicks(top.ask),
            bidSize: top.bidSize,
            askSize: top.askSize,
            tsEvent: ts,
            tsInit: ts,
            sequence: seq,
          });
        }
      }
      assert.deepEqual(await collect(parseDatabentoMbp1(lines, 'rt.csv', OPTIONS)), expected);
    }),
    { numRuns: 100 },
  );
});

test('round trip: trades rows read back to the same values', async () => {
  const tradeArb = fc.record({
    gap: gapArb,
    ticks: tickArb,
    size: sizeArb,
    side: fc.constantFrom('B', 'A', 'N'),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(tradeArb, { maxLength: 40 }), async (items) => {
      const lines = [DATABENTO_TRADES_COLUMNS.join(',')];
      const expected: TradeTick[] = [];
      let ts = BASE;
      items.forEach((t, i) => {
        ts += t.gap;
        lines.push(`${ts * 1000},${iso(ts)},118,T,${t.side},${ES.fromTicks(t.ticks)},${t.size},0,${i}`);
        expected.push({
          kind: 'trade',
          instrumentId: 'ESU4.CME',
          price: ES.fromTicks(t.ticks),
          size: t.size,
          aggressor: t.side === 'B' ? 'buyer' : t.side === 'A' ? 'seller' : 'none',
          tradeId: String(i),
          tsEvent: ts,
          tsInit: ts,
          sequence: i,
        });
      });
      assert.deepEqual(await collect(parseDatabentoTrades(lines, 'rt.csv', OPTIONS)), expected);
    }),
    { numRuns: 100 },
  );
});

test('round trip: OHLCV rows read back as the same bars, stamped one bar later', async () => {
  const barArb = fc.record({
    low: tickArb,
    span: fc.integer({ min: 0, max: 40 }),
    o: fc.nat(),
    c: fc.nat(),
    volume: fc.nat({ max: 1_000_000 }),
    minutes: fc.integer({ min: 1, max: 120 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(barArb, { maxLength: 30 }), async (items) => {
      const lines = [DATABENTO_OHLCV_COLUMNS.join(',')];
      const expected: [number, number, number, number, number, number][] = [];
      let open = BASE;
      for (const b of items) {
        open += b.minutes * 60_000_000;
        const high = b.low + b.span;
        const o = b.low + (b.o % (b.span + 1));
        const c = b.low + (b.c % (b.span + 1));
        const p = (t: number) => ES.fromTicks(t);
        lines.push(`${iso(open)},118,${p(o)},${p(high)},${p(b.low)},${p(c)},${b.volume}`);
        expected.push([p(o), p(high), p(b.low), p(c), b.volume, open + 60_000_000]);
      }
      const bars = await collect(parseDatabentoOhlcv(lines, 'rt-ohlcv-1m.csv', OPTIONS));
      assert.deepEqual(
        bars.map((b) => [b.open, b.high, b.low, b.close, b.volume, b.tsEvent]),
        expected,
      );
    }),
    { numRuns: 100 },
  );
});
