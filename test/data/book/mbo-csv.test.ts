import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataError } from '../../../src/core/errors.js';
import { MBO_CSV_HEADER, OrderBook, readMboCsv, replayMbo } from '../../../src/data/book/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-mbo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const T = '2023-12-25T23:00:00.000000000Z';
function write(name: string, rows: string[], header = MBO_CSV_HEADER): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].join('\n')}\n`);
  return path;
}

test('a plain CSV reads into ticks, micros and codes', async () => {
  const path = write('ok.csv', [
    `${T},2023-12-25T22:59:59.999999500Z,17077,A,B,4800.25,3,11,130,0,1`,
    `${T},${T},17077,T,N,,1,0,0,0,2`,
    `${T},${T},17077,R,N,,0,0,128,0,3`,
  ]);
  const events = await readMboCsv(path);
  assert.equal(events.length, 3);
  assert.equal(events.priceTicks[0], 19201);
  assert.equal(events.tsEvent[0], Date.UTC(2023, 11, 25, 23) * 1000); // 999999.5 µs rounds up
  assert.ok(Number.isNaN(events.priceTicks[1]));
  assert.deepEqual([...events.line], [2, 3, 4]);
  const book = new OrderBook();
  replayMbo(book, events, { to: 1 });
  assert.equal(book.bestBid()?.size, 3);
  replayMbo(book, events, { from: 1 });
  assert.equal(book.orderCount, 0);
});

async function rejects(
  rows: string[],
  line: number,
  field: string | undefined,
  header?: string,
): Promise<void> {
  const path = write(`bad-${line}-${field}.csv`, rows, header);
  await assert.rejects(readMboCsv(path), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.line, line);
    assert.equal(e.field, field);
    assert.equal(e.file, path);
    return true;
  });
}

test('malformed rows are DataErrors naming file, line, field and value', async () => {
  const good = `${T},${T},17077,A,B,4800,1,1,130,0,1`;
  await rejects([good, `${T},${T},17077,A,B,4800.1,1,2,130,0,2`], 3, 'price');
  await rejects([`${T},${T},17077,X,B,4800,1,2,130,0,2`], 2, 'action');
  await rejects([`${T},${T},17077,A,Q,4800,1,2,130,0,2`], 2, 'side');
  await rejects([`${T},${T},17077,A,B,4800,-1,2,130,0,2`], 2, 'size');
  await rejects([`${T},${T},17077,A,B,4800,1,2,999,0,2`], 2, 'flags');
  await rejects([`yesterday,${T},17077,A,B,4800,1,2,130,0,2`], 2, 'ts_recv');
  await rejects([`${T},${T},17077,A,B,,1,2,130,0,2`], 2, 'price');
  await rejects([`${T},${T},17077,A,B,4800`], 2, undefined);
  await rejects([good], 1, undefined, 'ts_event,ts_recv');
});

test('replay errors name the line of the inconsistent row', async () => {
  const path = write('inconsistent.csv', [
    `${T},${T},17077,A,B,4800,2,1,130,0,1`,
    `${T},${T},17077,C,B,4800,3,1,130,0,2`,
  ]);
  const events = await readMboCsv(path);
  assert.throws(
    () => replayMbo(new OrderBook(), events),
    (e: unknown) => e instanceof DataError && e.line === 3 && e.field === 'size' && e.file === path,
  );
  const wrongSide = await readMboCsv(
    write('side.csv', [`${T},${T},17077,A,B,4800,2,1,130,0,1`, `${T},${T},17077,M,A,4800,1,1,130,0,2`]),
  );
  assert.throws(() => replayMbo(new OrderBook(), wrongSide), /other side/);
  const unknownFill = await readMboCsv(write('fill.csv', [`${T},${T},17077,F,A,4800,1,9,0,0,1`]));
  assert.throws(() => replayMbo(new OrderBook(), unknownFill), /no resting order 9/);
  const noSide = await readMboCsv(write('noside.csv', [`${T},${T},17077,A,N,4800,1,9,130,0,1`]));
  assert.throws(() => replayMbo(new OrderBook(), noSide), /side must be B or A/);
});

test('F is checked but leaves the book to the C/M that follows, unless fillsReduce', async () => {
  const events = await readMboCsv(
    write('fills.csv', [
      `${T},${T},17077,A,A,4800,5,7,130,0,1`,
      `${T},${T},17077,T,B,4800,2,8,0,0,2`,
      `${T},${T},17077,F,A,4800,2,7,0,0,2`,
      `${T},${T},17077,M,A,4800,3,7,130,0,3`,
      `${T},${T},17077,M,B,4799,4,9,130,0,4`,
    ]),
  );
  const book = new OrderBook();
  replayMbo(book, events);
  assert.equal(book.order(7)?.size, 3);
  assert.equal(book.order(9)?.size, 4, 'a modify of an unknown id adds it');
  const reducing = new OrderBook();
  replayMbo(reducing, events, { to: 3, fillsReduce: true });
  assert.equal(reducing.order(7)?.size, 3);
  const cleared = await readMboCsv(
    write('clear.csv', [`${T},${T},17077,A,A,4800,5,7,130,0,1`, `${T},${T},17077,R,N,,0,0,128,0,2`]),
  );
  const book2 = new OrderBook();
  replayMbo(book2, cleared);
  assert.equal(book2.orderCount, 0);
});
