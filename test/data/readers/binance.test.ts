import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  BINANCE_F_LAST,
  BINANCE_F_SNAPSHOT,
  newBinanceSyncReport,
  parseBinanceDepthJson,
  readBinanceDepthCsv,
} from '../../../src/data/readers/index.js';
import { Grid } from '../../../src/model/grid.js';
import { collect, rejectsAt, tempFiles } from '../../support/reader-files.js';

const FIXTURES = new URL('../../fixtures/binance/', import.meta.url).pathname;
const SNAP = join(FIXTURES, 'btcusdt-depth-snap.csv');
const UPDATE = join(FIXTURES, 'btcusdt-depth-update.csv');
const TENTH = new Grid(0.1);
const { write } = tempFiles('bourse-binance-');
const snapLines = readFileSync(SNAP, 'utf8').trim().split('\n');
const updateLines = readFileSync(UPDATE, 'utf8').trim().split('\n');
const U = 2098041693435;
const u = 2098041696700;
/** The snapshot with its update ids changed (the real pair is 10 minutes apart and does not sync). */
const snapAt = (id: number) =>
  snapLines.map((l, i) => (i === 0 ? l : l.replace(/,2098021528332,2098021528332,/, `,${id},${id},`)));
/** The update rows split in two messages: rows 2–51 (U…mid, pu), rows 52–101 (mid+1…u, pu = mid). */
const MID = 2098041695000;
const split = (secondPu = MID) =>
  updateLines.map((l, i) =>
    i === 0
      ? l
      : i <= 50
        ? l.replace(`,${u},`, `,${MID},`)
        : l.replace(`,${U},`, `,${MID + 1},`).replace(/,\d+$/, `,${secondPu}`),
  );

test('real pair: 100 snapshot levels (F_SNAPSHOT, F_LAST on the last), then a sequence gap at the first diff', async () => {
  const report = newBinanceSyncReport();
  const updates = await readBinanceDepthCsv([SNAP], { grid: TENTH, report });
  assert.equal(updates.length, 100);
  // BTCUSDT,1667346579146,2098021528332,2098021528332,b,snap,20377.00,1.770,-1
  assert.deepEqual(updates[0], {
    kind: 'book-level',
    instrumentId: 'BTCUSDT.BINANCE',
    side: 'bid',
    priceTicks: 203770,
    size: 1.77,
    flags: BINANCE_F_SNAPSHOT,
    sequence: 2098021528332,
    tsEvent: 1667346579146000,
    tsInit: 1667346579146000,
  });
  // …,b,snap,20365.90,0.207,-1
  assert.deepEqual(
    [updates[99].priceTicks, updates[99].size, updates[99].flags],
    [203659, 0.207, BINANCE_F_SNAPSHOT | BINANCE_F_LAST],
  );
  await rejectsAt(
    () => readBinanceDepthCsv([SNAP, UPDATE], { grid: TENTH }),
    { file: UPDATE, line: 2, field: 'first_update_id', value: String(U) },
    /sequence gap in BTCUSDT.BINANCE: first diff after the snapshot/,
  );
  const resync = newBinanceSyncReport();
  assert.equal(
    (await readBinanceDepthCsv([SNAP, UPDATE], { grid: TENTH, onGap: 'resync', report: resync })).length,
    100,
  );
  assert.deepEqual(resync, {
    snapshots: 1,
    applied: 0,
    stale: 0,
    unsynced: 1,
    gaps: 1,
    firstGap: { file: UPDATE, line: 2, field: 'first_update_id', expected: 2098021528332, got: U },
  });
});

test('futures sync: stale diffs dropped, first diff U ≤ lastUpdateId ≤ u, then pu = previous u; sequence = u', async () => {
  const snap = write('snap.csv', snapAt(MID - 10));
  // A stale copy of the first message (ids far below the snapshot) before the real rows.
  const stale = updateLines.slice(1, 4).map((l) => l.replace(`,${U},${u},`, `,${U - 9000},${U - 8000},`));
  const upd = write('upd.csv', [split()[0], ...stale, ...split().slice(1)]);
  const report = newBinanceSyncReport();
  const updates = await readBinanceDepthCsv([snap, upd], { grid: TENTH, report });
  assert.equal(updates.length, 200);
  assert.deepEqual([report.snapshots, report.stale, report.applied, report.gaps], [1, 1, 2, 0]);
  const first = updates.slice(100, 150);
  assert.ok(first.every((x, i) => x.sequence === MID && x.flags === (i === 49 ? BINANCE_F_LAST : 0)));
  // BTCUSDT,1667347199939,…,a,set,20472.80,0.000,… — a deletion
  assert.deepEqual(
    [first[0].side, first[0].priceTicks, first[0].size, first[0].tsEvent],
    ['ask', 204728, 0, 1667347199939000],
  );
  assert.equal(updates[199].sequence, u);
  // Gap injected: the second message's pu is one short of the first message's u.
  const gap = write('gap.csv', split(MID - 1));
  await rejectsAt(
    () => readBinanceDepthCsv([snap, gap], { grid: TENTH }),
    { file: gap, line: 52, field: 'pu', value: String(MID - 1) },
    /diff does not follow on, expected 2098041695000 \(previous u\)/,
  );
  const r2 = newBinanceSyncReport();
  assert.equal(
    (await readBinanceDepthCsv([snap, gap], { grid: TENTH, onGap: 'resync', report: r2 })).length,
    150,
  );
  assert.deepEqual([r2.gaps, r2.firstGap?.line, r2.applied], [1, 52, 1]);
  // resync: a later snapshot restarts the book (its levels replace every known one).
  const again = write('again.csv', [...split(MID - 1), ...snapAt(u).slice(1, 3)]);
  const r3 = newBinanceSyncReport();
  const out = await readBinanceDepthCsv([snap, again], { grid: TENTH, onGap: 'resync', report: r3 });
  const tail = out.slice(150);
  assert.equal(r3.snapshots, 2);
  assert.ok(tail.every((x) => x.flags & BINANCE_F_SNAPSHOT));
  assert.deepEqual(
    tail.filter((x) => x.size > 0).map((x) => x.priceTicks),
    [203770, 203769],
  );
});

test('CSV errors name file, line and field', async () => {
  let n = 0;
  const bad = (row: number, from: RegExp, to: string) =>
    write(
      `bad${n++}.csv`,
      updateLines.map((l, i) => (i === row ? l.replace(from, to) : l)),
    );
  const cases: [string, string, RegExp][] = [
    [bad(3, /,a,set,/, ',x,set,'), 'side', /expected b or a/],
    [bad(3, /,20473\.10,/, ',20473.15,'), 'price', /not on the 0.1 grid/],
    [bad(3, /,0\.000,/, ',-1.000,'), 'qty', /negative/],
    [bad(3, /,set,/, ',upd,'), 'update_type', /expected snap or set/],
  ];
  for (const [file, field, reason] of cases) {
    await rejectsAt(
      () => readBinanceDepthCsv([SNAP, file], { grid: TENTH }),
      { file, line: 4, field },
      reason,
    );
  }
});

/** The fixture as raw API JSON (spot form, no pu): snapshot body + one event per line. */
const json = (lastUpdateId: number, events: [number, number][]) => ({
  snapshot: {
    file: 'snap.json',
    text: JSON.stringify({
      lastUpdateId,
      bids: snapLines.slice(1, 4).map((l) => l.split(',').slice(6, 8)),
      asks: [['20380.10', '2.000']],
    }),
  },
  lines: events.map(([a, b], i) =>
    JSON.stringify({
      e: 'depthUpdate',
      E: 1667347199939 + i,
      s: 'BTCUSDT',
      U: a,
      u: b,
      b: [],
      a: [[`2047${i}.80`, '0.000']],
    }),
  ),
});

test('spot sync (JSON): stale dropped, U ≤ lastUpdateId+1 ≤ u, then U = previous u + 1', async () => {
  const { snapshot, lines } = json(100, [
    [90, 100],
    [95, 105],
    [106, 110],
    [111, 111],
  ]);
  const report = newBinanceSyncReport();
  const out = await collect(
    parseBinanceDepthJson(snapshot, lines, 'diffs.jsonl', {
      grid: TENTH,
      instrumentId: 'BTCUSDT.BINANCE',
      report,
    }),
  );
  assert.deepEqual([report.stale, report.applied], [1, 3]);
  assert.deepEqual(
    out.map((x) => [x.side, x.sequence, x.flags]),
    [
      ['bid', 100, BINANCE_F_SNAPSHOT],
      ['bid', 100, BINANCE_F_SNAPSHOT],
      ['bid', 100, BINANCE_F_SNAPSHOT],
      ['ask', 100, BINANCE_F_SNAPSHOT | BINANCE_F_LAST],
      ['ask', 105, BINANCE_F_LAST],
      ['ask', 110, BINANCE_F_LAST],
      ['ask', 111, BINANCE_F_LAST],
    ],
  );
  assert.equal(out[0].tsEvent, 1667347199939000); // no snapshot time: the first diff's
  const late = json(100, [[102, 110]]);
  await rejectsAt(
    () =>
      collect(
        parseBinanceDepthJson(late.snapshot, late.lines, 'diffs.jsonl', {
          grid: TENTH,
          instrumentId: 'X.BINANCE',
        }),
      ),
    { file: 'diffs.jsonl', line: 1, field: 'U', value: '102' },
    /first diff after the snapshot/,
  );
  const broken = json(100, [
    [95, 105],
    [107, 110],
  ]);
  await rejectsAt(
    () =>
      collect(
        parseBinanceDepthJson(broken.snapshot, broken.lines, 'diffs.jsonl', {
          grid: TENTH,
          instrumentId: 'X.BINANCE',
        }),
      ),
    { file: 'diffs.jsonl', line: 2, field: 'U', value: '107' },
    /expected 106 \(previous u \+ 1\)/,
  );
  await rejectsAt(
    () =>
      collect(
        parseBinanceDepthJson(
          broken.snapshot,
          ['{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[["20377.0x","1"]],"a":[]}'],
          'd.jsonl',
          { grid: TENTH, instrumentId: 'X.BINANCE' },
        ),
      ),
    { file: 'd.jsonl', line: 1, field: 'b[0][0]' },
    /not a positive decimal price/,
  );
});

test('property: a chained spot stream applies every diff; one broken link is a gap at its line', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 25 }),
      fc.nat(),
      async (lengths, pick) => {
        const events: [number, number][] = [];
        let next = 101;
        for (const n of lengths) {
          events.push([next, next + n - 1]);
          next += n;
        }
        const { snapshot, lines } = json(100, events);
        const report = newBinanceSyncReport();
        const out = await collect(
          parseBinanceDepthJson(snapshot, lines, 'd.jsonl', {
            grid: TENTH,
            instrumentId: 'X.BINANCE',
            report,
          }),
        );
        assert.equal(report.applied, events.length);
        assert.deepEqual(
          out.slice(4).map((x) => x.sequence),
          events.map((e) => e[1]),
        );
        const at = pick % events.length;
        const broken = events.map(([a, b], i): [number, number] => (i === at ? [a + 1, b + 1] : [a, b]));
        const bad = json(100, broken);
        const r = newBinanceSyncReport();
        await collect(
          parseBinanceDepthJson(bad.snapshot, bad.lines, 'd.jsonl', {
            grid: TENTH,
            instrumentId: 'X.BINANCE',
            report: r,
            onGap: 'resync',
          }),
        );
        assert.deepEqual([r.gaps, r.firstGap?.line, r.applied], [1, at + 1, at]);
      },
    ),
    { numRuns: 60 },
  );
});
