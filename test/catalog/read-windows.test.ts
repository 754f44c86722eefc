import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { planReadWindows, type ReadWindow, type RowGroupInfo } from '../../src/catalog/read-windows.js';

const G = 100;
/** `n` row groups of G rows, times 0, 1000, 2000, … (each group spans 999 µs). */
function groups(n: number, t0 = 0): RowGroupInfo[] {
  return Array.from({ length: n }, (_, i) => ({ rows: G, minTs: t0 + i * 1000, maxTs: t0 + i * 1000 + 999 }));
}

test('small files are read together, up to the window size, in list order', () => {
  const meta = new Map([
    ['a', groups(1)],
    ['b', groups(1, 5000)],
    ['c', groups(1, 9000)],
  ]);
  const windows = planReadWindows(['a', 'b', 'c'], meta, -Infinity, Infinity, 2 * G);
  assert.deepEqual(windows, [
    { kind: 'files', files: ['a', 'b'], rows: 2 * G },
    { kind: 'files', files: ['c'], rows: G },
  ]);
});

test('a large file is split at row groups; groups outside the time range are skipped', () => {
  const meta = new Map([['big', groups(7)]]);
  assert.deepEqual(planReadWindows(['big'], meta, -Infinity, Infinity, 2 * G), [
    { kind: 'range', file: 'big', first: 0, end: 200 },
    { kind: 'range', file: 'big', first: 200, end: 400 },
    { kind: 'range', file: 'big', first: 400, end: 600 },
    { kind: 'range', file: 'big', first: 600, end: 700 },
  ]);
  // [1500, 3000): groups 1 (1000–1999) and 2 (2000–2999) only.
  assert.deepEqual(planReadWindows(['big'], meta, 1500, 3000, 2 * G), [
    { kind: 'range', file: 'big', first: 100, end: 300 },
  ]);
  assert.deepEqual(planReadWindows(['big'], meta, 10_000, 20_000, 2 * G), []);
});

test('a file without footer statistics or metadata is read whole; a group larger than a window is one window', () => {
  const meta = new Map<string, RowGroupInfo[]>([
    ['nostats', [{ rows: 50 }, { rows: 50 }, { rows: 50 }]],
    ['huge', [{ rows: 10 * G, minTs: 0, maxTs: 10 }]],
  ]);
  assert.deepEqual(planReadWindows(['unknown', 'nostats', 'huge'], meta, 5, 6, G), [
    { kind: 'files', files: ['unknown'], rows: Number.NaN },
    { kind: 'range', file: 'nostats', first: 0, end: 100 },
    { kind: 'range', file: 'nostats', first: 100, end: 150 },
    { kind: 'range', file: 'huge', first: 0, end: 10 * G },
  ]);
});

/** The row groups (file, index) a plan reads, in order. */
function groupsRead(
  windows: readonly ReadWindow[],
  meta: ReadonlyMap<string, readonly RowGroupInfo[]>,
): string[] {
  const out: string[] = [];
  for (const w of windows) {
    if (w.kind === 'files') {
      for (const f of w.files) for (let i = 0; i < (meta.get(f) ?? []).length; i++) out.push(`${f}#${i}`);
      continue;
    }
    let start = 0;
    (meta.get(w.file) ?? []).forEach((g, i) => {
      if (start >= w.first && start + g.rows <= w.end) out.push(`${w.file}#${i}`);
      else assert.ok(start + g.rows <= w.first || start >= w.end, 'a window splits a row group');
      start += g.rows;
    });
  }
  return out;
}

test('property: a plan reads, in order and once each, every row group that may hold the range, within the window size', () => {
  const fileArb = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 0, maxLength: 8 });
  fc.assert(
    fc.property(
      fc.array(fileArb, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 1, max: 60_000 }),
      fc.integer({ min: 1, max: 900 }),
      (sizes, from, span, windowRows) => {
        const files = sizes.map((_, i) => `f${i}`);
        const meta = new Map<string, RowGroupInfo[]>();
        let t = 0;
        sizes.forEach((list, i) => {
          meta.set(
            files[i],
            list.map((rows) => {
              const g = { rows, minTs: t, maxTs: t + 999 };
              t += 1000;
              return g;
            }),
          );
        });
        const to = from + span;
        const windows = planReadWindows(files, meta, from, to, windowRows);
        const expected: string[] = [];
        for (const f of files) {
          (meta.get(f) ?? []).forEach((g, i) => {
            const wholeFileBatched = windows.some((w) => w.kind === 'files' && w.files.includes(f));
            const overlaps = (g.minTs ?? 0) < to && (g.maxTs ?? 0) >= from;
            if (overlaps || wholeFileBatched) expected.push(`${f}#${i}`);
          });
        }
        assert.deepEqual(groupsRead(windows, meta), expected);
        for (const w of windows) {
          if (w.kind === 'files') {
            assert.ok(w.rows <= windowRows);
            // Only files whose every group may hold the range are read whole.
            for (const f of w.files)
              for (const g of meta.get(f) ?? []) assert.ok((g.minTs ?? 0) < to && (g.maxTs ?? 0) >= from);
          } else {
            const inside = (meta.get(w.file) ?? []).filter((_, i) =>
              groupsRead([w], meta).includes(`${w.file}#${i}`),
            );
            assert.ok(
              w.end - w.first <= windowRows || inside.length === 1,
              'window over size with several groups',
            );
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});
