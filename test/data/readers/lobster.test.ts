import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { DataError } from '../../../src/core/errors.js';
import { ACTION_TRADE, applyMboRow, F_LAST, OrderBook, SIDE_BID } from '../../../src/data/book/index.js';
import {
  findLobsterFiles,
  LOBSTER_SYNTHETIC_ID_BASE,
  LobsterConverter,
  type LobsterMessage,
  type LobsterOptions,
  lobsterAgreement,
  lobsterTime,
  parseLobsterFileName,
  parseLobsterMessage,
  readLobster,
  streamLobster,
} from '../../../src/data/readers/index.js';
import type { OrderBookEvent } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';

const FIXTURES = 'test/fixtures/lobster';
const DATE = '2012-06-21';
const AMZN = findLobsterFiles(FIXTURES, 'AMZN', DATE);
const GOOG = findLobsterFiles(FIXTURES, 'GOOG', DATE);

const dir = mkdtempSync(join(tmpdir(), 'bourse-lobster-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;
/** Writes a message + orderbook pair named like LOBSTER's files (ticker TEST, the given date). */
function write(
  messages: string[],
  orderbook: string[],
  date = DATE,
): { messages: string; orderbook: string } {
  const sub = join(dir, String(written++));
  mkdirSync(sub);
  const base = join(sub, `TEST_${date}_34200000_57600000`);
  const files = { messages: `${base}_message_1.csv`, orderbook: `${base}_orderbook_1.csv` };
  writeFileSync(files.messages, messages.map((r) => `${r}\n`).join(''));
  writeFileSync(files.orderbook, orderbook.map((r) => `${r}\n`).join(''));
  return files;
}

const msg = (line: number, text: string): LobsterMessage => parseLobsterMessage(text, 'm.csv', line, DATE);

test('file names give ticker, date, window and levels', () => {
  assert.deepEqual(parseLobsterFileName(AMZN.messages), {
    ticker: 'AMZN',
    date: DATE,
    startMillis: 34_200_000,
    endMillis: 57_600_000,
    kind: 'message',
    levels: 1,
  });
  assert.equal(parseLobsterFileName('amzn.csv'), undefined);
  assert.throws(() => findLobsterFiles(FIXTURES, 'MSFT', DATE), DataError);
});

test('times: seconds after New York midnight → UTC micros (EDT and EST), ns rounded', () => {
  // 2012-06-21 is EDT (UTC-4): 34200 s = 09:30 local = 13:30Z.
  const open = Date.UTC(2012, 5, 21, 13, 30) * 1000;
  assert.equal(lobsterTime('34200.017459617', DATE), open + 17_460); // 459.617 ns → 460 µs
  assert.equal(lobsterTime('34200', DATE), open);
  assert.equal(lobsterTime('34200.5', DATE), open + 500_000);
  assert.equal(lobsterTime('34200.0000004', DATE), open);
  assert.equal(lobsterTime('34200.0000005', DATE), open + 1);
  assert.equal(lobsterTime('57599.959', DATE), Date.UTC(2012, 5, 21, 19, 59, 59, 959) * 1000);
  // 2012-01-03 is EST (UTC-5).
  assert.equal(lobsterTime('34200', '2012-01-03'), Date.UTC(2012, 0, 3, 14, 30) * 1000);
  // 2012-03-11 (spring forward at 02:00): 10:00 local is already EDT.
  assert.equal(lobsterTime('36000', '2012-03-11'), Date.UTC(2012, 2, 11, 14) * 1000);
  assert.ok(Number.isNaN(lobsterTime('86400', DATE)));
  assert.ok(Number.isNaN(lobsterTime('1.0123456789', DATE)));
});

/** The book events of a message as compact tuples [action, side, ticks, size, id, flags]. */
const tuples = (events: readonly OrderBookEvent[]): (string | number)[][] =>
  events.map((e) => [
    String.fromCharCode(e.action),
    String.fromCharCode(e.side),
    e.priceTicks,
    e.size,
    e.orderId,
    e.flags,
  ]);

test('each message type → MBO events on the 0.01 grid (messages-only policy)', () => {
  const c = new LobsterConverter('AMZN.NASDAQ', { messages: 'm.csv' }, { preExisting: 'skip' });
  // 1 submit: a buy 21 @ 223.81 (2238100 / 100 = 22381 ticks).
  const add = c.convert(msg(2, '34200.18960767,1,11885113,21,2238100,1'));
  assert.deepEqual(tuples(add.events), [['A', 'B', 22381, 21, 11885113, F_LAST]]);
  assert.equal(add.events[0].sequence, 2);
  assert.equal(add.events[0].tsEvent, Date.UTC(2012, 5, 21, 13, 30) * 1000 + 189_608);
  assert.equal(add.events[0].instrumentId, 'AMZN.NASDAQ');
  c.convert(msg(3, '34200.2,1,7,300,2239500,-1'));
  // 2 partial cancel: C of the size cancelled.
  assert.deepEqual(tuples(c.convert(msg(4, '34200.3,2,7,100,2239500,-1')).events), [
    ['C', 'A', 22395, 100, 7, F_LAST],
  ]);
  // 4 visible execution of the buy order: T (seller-initiated: aggressor A), F, C.
  assert.deepEqual(tuples(c.convert(msg(5, '34200.4,4,11885113,20,2238100,1')).events), [
    ['T', 'A', 22381, 20, 0, 0],
    ['F', 'B', 22381, 20, 11885113, 0],
    ['C', 'B', 22381, 20, 11885113, F_LAST],
  ]);
  assert.equal(c.book.bestBid()?.size, 1);
  // 3 delete: C of the whole remaining size (200 after the partial cancel).
  assert.deepEqual(tuples(c.convert(msg(6, '34200.5,3,7,200,2239500,-1')).events), [
    ['C', 'A', 22395, 200, 7, F_LAST],
  ]);
  // 5 hidden execution against a hidden sell: buyer-initiated T only.
  assert.deepEqual(tuples(c.convert(msg(7, '34200.6,5,0,100,2238400,-1')).events), [
    ['T', 'B', 22384, 100, 0, F_LAST],
  ]);
  // Off the grid (the half-penny midpoint): skipped and counted.
  assert.deepEqual(c.convert(msg(8, '34352.757715015,5,0,63,2237950,1')).events, []);
  assert.equal(c.stats.offGridTrades, 1);
  // 6 cross: T with no aggressor.
  assert.deepEqual(tuples(c.convert(msg(9, '34200.7,6,-1,500,2238000,1')).events), [
    ['T', 'N', 22380, 500, 0, F_LAST],
  ]);
  // 7 halt, quoting, resume → statuses, no book events.
  const statuses = ['-1', '0', '1'].map((p, i) => c.convert(msg(10 + i, `36023,7,0,0,${p},-1`)));
  assert.deepEqual(
    statuses.map((s) => [s.events.length, s.status?.status, s.status?.reason]),
    [
      [0, 'halted', 'trading halt'],
      [0, 'pre-open', 'quoting resumed'],
      [0, 'open', 'trading resumed'],
    ],
  );
  assert.equal(statuses[0].status?.tsEvent, Date.UTC(2012, 5, 21, 14, 0, 23) * 1000);
  // Orders the file never submitted: no book change, an execution keeps its T.
  assert.deepEqual(tuples(c.convert(msg(13, '34201,4,11534792,26,2237500,1')).events), [
    ['T', 'A', 22375, 26, 0, F_LAST],
  ]);
  assert.deepEqual(c.convert(msg(14, '34201,3,99,100,2237500,1')).events, []);
  assert.deepEqual(c.stats.unknownOrderMessages, [0, 0, 0, 1, 1, 0, 0, 0]);
  assert.equal(c.stats.unknownOrderIds, 2);
  assert.equal(c.stats.halts, 3);
  assert.deepEqual(c.stats.byType, [0, 2, 1, 2, 2, 2, 1, 3]);
});

test('off-grid trades: round or error on request; a coarser grid must be whole 1/10000 dollars', () => {
  const round = new LobsterConverter('X.NASDAQ', {}, { offGridTrades: 'round' });
  assert.equal(round.convert(msg(1, '34200,5,0,63,2237950,1')).events[0].priceTicks, 22380);
  const strict = new LobsterConverter('X.NASDAQ', { messages: 'm.csv' }, { offGridTrades: 'error' });
  assert.throws(
    () => strict.convert(msg(7, '34200,5,0,63,2237950,1')),
    (e: unknown) => e instanceof DataError && e.line === 7 && e.field === 'price' && e.value === '2237950',
  );
  const half = new LobsterConverter('X.NASDAQ', {}, { grid: new Grid(0.005) });
  assert.equal(half.convert(msg(1, '34200,5,0,63,2237950,1')).events[0].priceTicks, 44759);
  assert.throws(() => new LobsterConverter('X.NASDAQ', {}, { grid: new Grid(0.00001) }), RangeError);
});

test('level-1 reconciliation: synthetic pre-existing liquidity, unknown orders consume it, stale levels go', () => {
  const c = new LobsterConverter('X.NASDAQ', {});
  const top = (line: number, ask: number, askSize: number, bid: number, bidSize: number) => ({
    line,
    askPrice: ask,
    askSize,
    bidPrice: bid,
    bidSize,
  });
  // GOOG line 1: an execution of 4 of an order that rested before the file; the file shows 496 left.
  const first = c.convert(
    msg(1, '34200.015105074,4,15818974,4,5794000,1'),
    top(1, 5802300, 100, 5794000, 496),
  );
  const S = LOBSTER_SYNTHETIC_ID_BASE;
  assert.deepEqual(tuples(first.events), [
    ['T', 'A', 57940, 4, 0, 0],
    ['A', 'B', 57940, 496, S, 0],
    ['A', 'A', 58023, 100, S + 1, F_LAST],
  ]);
  assert.equal(c.lastUnknown, true);
  // The next execution of that order is taken from the synthetic order.
  const second = c.convert(
    msg(2, '34200.05990197,4,15818974,300,5794000,1'),
    top(2, 5802300, 100, 5794000, 196),
  );
  assert.deepEqual(tuples(second.events), [
    ['T', 'A', 57940, 300, 0, 0],
    ['F', 'B', 57940, 300, S, 0],
    ['C', 'B', 57940, 300, S, F_LAST],
  ]);
  assert.equal(c.lastUnknown, false);
  assert.deepEqual(c.predicted, { bidTick: 57940, bidSize: 196, askTick: 58023, askSize: 100 });
  // A better bid is added, then the file shows it gone without a message: stale, cancelled.
  c.convert(msg(3, '34200.1,1,5,10,5794100,1'), top(3, 5802300, 100, 5794100, 10));
  const stale = c.convert(msg(4, '34200.2,5,0,1,5798000,1'), top(4, 5802300, 100, 5794000, 196));
  assert.deepEqual(tuples(stale.events), [
    ['T', 'A', 57980, 1, 0, 0],
    ['C', 'B', 57941, 10, 5, F_LAST],
  ]);
  assert.deepEqual([c.stats.syntheticAdds, c.stats.syntheticShares, c.stats.staleCancels], [2, 596, 1]);
  assert.deepEqual([c.stats.unknownMatched, c.stats.unknownUnmatched], [1, 1]);
});

test('readLobster: the AMZN slice as kernel data (events, quotes, stats)', async () => {
  const { data, stats, instrumentId } = await readLobster(AMZN);
  assert.equal(instrumentId, 'AMZN.NASDAQ');
  assert.deepEqual(stats.byType, [0, 949, 2, 510, 339, 200, 0, 0]);
  assert.equal(stats.messages, 2000);
  assert.equal(data.filter((d) => d.kind === 'book').length, stats.events);
  assert.equal(data.filter((d) => d.kind === 'quote').length, stats.quotes);
  // Line 1 is a hidden execution (sell, so a buyer-initiated trade) at 223.82, then the quote of row 1.
  const [trade, ...rest] = data;
  assert.equal(trade.kind, 'book');
  if (trade.kind !== 'book') return;
  assert.deepEqual(
    [trade.action, trade.side, trade.priceTicks, trade.size, trade.sequence],
    [ACTION_TRADE, SIDE_BID, 22382, 1, 1],
  );
  const quote = rest.find((d) => d.kind === 'quote');
  assert.deepEqual(quote, {
    kind: 'quote',
    instrumentId: 'AMZN.NASDAQ',
    bidPrice: 223.18,
    askPrice: 223.95,
    bidSize: 100,
    askSize: 100,
    tsEvent: Date.UTC(2012, 5, 21, 13, 30) * 1000 + 17_460,
    tsInit: Date.UTC(2012, 5, 21, 13, 30) * 1000 + 17_460,
    sequence: 1,
  });
  // Times never go backwards; quotes only on change.
  for (let i = 1; i < data.length; i++) assert.ok(data[i].tsEvent >= data[i - 1].tsEvent);
  const rows = readFileSync(AMZN.orderbook, 'utf8').trim().split('\n');
  const changes = rows.filter((r, i) => i === 0 || r !== rows[i - 1]).length;
  assert.equal(stats.quotes, changes);
});

test('replaying the events (replayMbo rules, fillsReduce false) gives the file level 1 after every message', async () => {
  for (const files of [AMZN, GOOG]) {
    const book = new OrderBook();
    let rows = 0;
    for await (const step of streamLobster(files, { quotes: 'every' })) {
      for (const e of step.events)
        applyMboRow(book, e.action, e.side, e.priceTicks, e.size, e.orderId, false, { file: files.messages });
      const bid = book.bestBid();
      const ask = book.bestAsk();
      assert.deepEqual(
        [ask?.tick, ask?.size, bid?.tick, bid?.size],
        [step.top.askPrice / 100, step.top.askSize, step.top.bidPrice / 100, step.top.bidSize],
        `line ${step.message.line}`,
      );
      if (step.events.length > 0) {
        assert.equal(step.events.at(-1)!.flags, F_LAST);
        assert.ok(step.events.slice(0, -1).every((e) => e.flags === 0));
      }
      rows++;
    }
    assert.equal(rows, 2000);
  }
});

/** Raw rows of the fixture as numbers. */
function rawRows(files: { messages: string; orderbook: string }): { m: number[][]; b: number[][] } {
  const parse = (path: string) =>
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((r) => r.split(',').map(Number));
  return { m: parse(files.messages), b: parse(files.orderbook) };
}

test('agreement on the AMZN slice: exact counts, cross-checked from the raw rows', async () => {
  const a = await lobsterAgreement(AMZN.messages, AMZN.orderbook);
  assert.deepEqual(
    [a.rows, a.priceAgree, a.pricePercent, a.sizeAgree, a.sizePercent],
    [2000, 1839, 91.95, 1812, 90.6],
  );
  assert.deepEqual(a.sizeAgreeByType, [0, 949, 2, 407, 255, 199, 0, 0]);
  assert.deepEqual(a.reasons, {
    fileStart: 1,
    hiddenExecution: 0,
    unknownOrder: 23,
    levelEmptied: 163,
    bookShowsLess: 0,
    bookShowsMore: 1,
  });
  assert.equal(
    Object.values(a.reasons).reduce((x, y) => x + y),
    a.rows - a.sizeAgree,
  );
  assert.equal(a.firstDisagreement?.line, 3);
  assert.equal(a.firstDisagreement?.reason, 'levelEmptied');
  assert.deepEqual(a.firstDisagreement?.file.bid, { price: 2237500, size: 100 });
  assert.deepEqual(
    [a.messagesOnly.priceAgree, a.messagesOnly.sizeAgree, a.messagesOnly.sizePercent],
    [52, 51, 2.55],
  );
  assert.deepEqual(
    [a.stats.unknownOrderIds, a.stats.deleteSizeMismatches, a.stats.offGridTrades],
    [110, 1, 2],
  );

  // Independently from the raw rows: the book before each message equals the previous row's level 1,
  // so a submission (type 1) must give: a better price → its own size there; the same price → the
  // sizes add up; a worse price → no change. Hidden executions (type 5) change nothing.
  const { m, b } = rawRows(AMZN);
  let addAgree = 0;
  let hiddenAgree = 0;
  const submitted = new Set<number>();
  const unknown = new Set<number>();
  for (let i = 0; i < m.length; i++) {
    const [, type, id, size, price, dir] = m[i];
    if (type === 1) submitted.add(id);
    else if (type >= 2 && type <= 4 && !submitted.has(id)) unknown.add(id);
    if (i === 0) continue;
    const [ap, as, bp, bs] = b[i - 1];
    const expected = [ap, as, bp, bs];
    if (type === 1 && dir === 1) {
      if (price > bp) expected.splice(2, 2, price, size);
      else if (price === bp) expected[3] += size;
    } else if (type === 1) {
      if (price < ap) expected.splice(0, 2, price, size);
      else if (price === ap) expected[1] += size;
    }
    const ok = expected.join() === b[i].slice(0, 4).join();
    if (type === 1 && ok) addAgree++;
    if (type === 5 && ok) hiddenAgree++;
  }
  assert.equal(a.sizeAgreeByType[1], addAgree);
  assert.equal(a.sizeAgreeByType[5], hiddenAgree);
  assert.equal(addAgree, 949); // every submission explains its row
  assert.equal(a.stats.unknownOrderIds, unknown.size);
});

test('agreement on the GOOG slice', async () => {
  const a = await lobsterAgreement(GOOG.messages, GOOG.orderbook);
  assert.deepEqual([a.rows, a.priceAgree, a.sizeAgree, a.sizePercent], [2000, 1766, 1759, 87.95]);
  assert.deepEqual(a.reasons, {
    fileStart: 1,
    hiddenExecution: 0,
    unknownOrder: 0,
    levelEmptied: 240,
    bookShowsLess: 0,
    bookShowsMore: 0,
  });
  assert.equal(a.firstDisagreement?.line, 11);
});

async function rejects(
  messages: string[],
  orderbook: string[],
  file: 'messages' | 'orderbook',
  line: number,
  field: string,
  value?: string,
  options: LobsterOptions = {},
): Promise<void> {
  const files = write(messages, orderbook);
  await assert.rejects(readLobster(files, options), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.file, files[file]);
    assert.equal(e.line, line);
    assert.equal(e.field, field);
    if (value !== undefined) assert.equal(e.value, value);
    assert.ok(e.message.startsWith(`${files[file]}:${line}, field '${field}'`), e.message);
    return true;
  });
}

test('malformed rows are DataErrors naming file, line, field and value', async () => {
  const m1 = '34200.18960767,1,11885113,21,2238100,1';
  const b1 = '2239500,100,2238100,21';
  const m2 = (text: string) => [m1, text];
  const b2 = [b1, b1];
  await rejects(m2('34200.19O226476,4,11885113,21,2238100,1'), b2, 'messages', 2, 'time', '34200.19O226476');
  await rejects(m2('34200.190226476,8,11885113,21,2238100,1'), b2, 'messages', 2, 'type', '8');
  await rejects(m2('34200.190226476,4,11885113,21,2238100,0'), b2, 'messages', 2, 'direction', '0');
  await rejects(m2('34200.190226476,1,11885114,0,2238100,1'), b2, 'messages', 2, 'size', '0');
  await rejects(m2('34200.190226476,1,11885114,10,-9999999999,1'), b2, 'messages', 2, 'price');
  await rejects(m2('34200.190226476,1,11885114,10,2238150,1'), b2, 'messages', 2, 'price', '2238150');
  await rejects(m2('34200.190226476,1,11885113,10,2238100,1'), b2, 'messages', 2, 'order_id', '11885113');
  await rejects(m2('34200.190226476,4,11885113,21,2238200,1'), b2, 'messages', 2, 'price', '2238200');
  await rejects(m2('34200.190226476,4,11885113,21,2238100,-1'), b2, 'messages', 2, 'direction', '-1');
  await rejects(m2('34200.1,4,11885113,21,2238100,1'), b2, 'messages', 2, 'time', '34200.1');
  await rejects(m2('34200.190226476,4,11885113,21,2238100'), b2, 'messages', 2, 'row');
  await rejects(m2('34200.2,7,0,0,2,-1'), b2, 'messages', 2, 'price', '2');
  await rejects([m1], ['2239500,100,2238100'], 'orderbook', 1, 'row');
  await rejects([m1], ['2239500,1x0,2238100,21'], 'orderbook', 1, 'ask_size_1', '1x0');
  await rejects([m1], ['9999999999,5,2238100,21'], 'orderbook', 1, 'ask_size_1', '5');
  await rejects([m1], ['2239550,100,2238100,21'], 'orderbook', 1, 'ask_price_1', '2239550');
  await rejects(m2('34200.3,5,0,1,2238400,-1'), [b1], 'orderbook', 2, 'row');
  await rejects([m1], b2, 'orderbook', 2, 'row');
  // Empty levels (dummy prices) are fine and give no quote.
  const ok = write([m1], ['9999999999,0,2238100,21']);
  const read = await readLobster(ok);
  assert.equal(read.instrumentId, 'TEST.NASDAQ');
  assert.deepEqual([read.stats.quotes, read.stats.quotesWithEmptySide], [0, 1]);
});

interface Op {
  kind: 'add' | 'partial' | 'delete' | 'execute' | 'hidden';
  buy: boolean;
  offset: number;
  size: number;
  pick: number;
}

const op = fc.record<Op>({
  kind: fc.constantFrom('add', 'add', 'add', 'partial', 'delete', 'execute', 'hidden'),
  buy: fc.boolean(),
  offset: fc.integer({ min: 0, max: 6 }),
  size: fc.integer({ min: 1, max: 500 }),
  pick: fc.nat(),
});

test('property: a random message sequence written as LOBSTER files reads back into the same book', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 60 }), async (ops) => {
      // The model: every order, with the full book's level 1 written after each message.
      const live = new Map<number, { buy: boolean; price: number; size: number }>();
      const messages: string[] = [];
      const orderbook: string[] = [];
      let nextId = 1000;
      let second = 34200;
      for (const o of ops) {
        const ids = [...live.keys()];
        const time = `${second++}.${String(o.pick % 1_000_000_000).padStart(9, '0')}`;
        // Bids at $100.00–100.06, asks at $100.10–100.16 (× 10000): never crossed.
        const price = (buy: boolean) => (buy ? 1_000_000 + o.offset * 100 : 1_001_000 + o.offset * 100);
        if (o.kind === 'add' || (o.kind !== 'hidden' && ids.length === 0)) {
          const id = nextId++;
          live.set(id, { buy: o.buy, price: price(o.buy), size: o.size });
          messages.push(`${time},1,${id},${o.size},${price(o.buy)},${o.buy ? 1 : -1}`);
        } else if (o.kind === 'hidden') {
          messages.push(`${time},5,0,${o.size},${price(o.buy) + 50},${o.buy ? 1 : -1}`);
        } else {
          const id = ids[o.pick % ids.length];
          const order = live.get(id)!;
          const type = o.kind === 'partial' ? 2 : o.kind === 'delete' ? 3 : 4;
          const size = type === 3 ? order.size : 1 + (o.size % order.size);
          order.size -= size;
          if (order.size === 0) live.delete(id);
          messages.push(`${time},${type},${id},${size},${order.price},${order.buy ? 1 : -1}`);
        }
        const top = (buy: boolean): [number, number] => {
          let best = Number.NaN;
          let size = 0;
          for (const x of live.values()) {
            if (x.buy !== buy) continue;
            if (Number.isNaN(best) || (buy ? x.price > best : x.price < best)) {
              best = x.price;
              size = 0;
            }
            if (x.price === best) size += x.size;
          }
          return Number.isNaN(best) ? [buy ? -9_999_999_999 : 9_999_999_999, 0] : [best, size];
        };
        orderbook.push([...top(false), ...top(true)].join(','));
      }
      const files = write(messages, orderbook);
      // With every order in the file, the messages alone rebuild the book: full agreement, no synthetics.
      const a = await lobsterAgreement(files.messages, files.orderbook);
      assert.equal(a.messagesOnly.sizeAgree, ops.length);
      assert.equal(a.sizeAgree, ops.length);
      const { data, stats } = await readLobster(files, { offGridTrades: 'round' });
      assert.deepEqual([stats.syntheticAdds, stats.staleCancels, stats.unknownOrderIds], [0, 0, 0]);
      const book = new OrderBook();
      for (const d of data)
        if (d.kind === 'book') applyMboRow(book, d.action, d.side, d.priceTicks, d.size, d.orderId, false);
      assert.equal(book.orderCount, live.size);
      for (const [id, x] of live) {
        const order = book.order(id);
        assert.deepEqual([order?.tick, order?.size], [x.price / 100, x.size]);
      }
      const trades = data.filter((d) => d.kind === 'book' && d.action === ACTION_TRADE).length;
      const types = messages.map((r) => r.split(',')[1]);
      assert.equal(trades, types.filter((t) => t === '4' || t === '5').length);
    }),
    { numRuns: 60 },
  );
});
