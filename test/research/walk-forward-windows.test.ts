/**
 * Walk-forward windows: bar and calendar lengths, rolling and anchored, the last short window, and
 * the invariants every plan keeps (fast-check): in-sample bars all before their out-of-sample
 * window, out-of-sample windows back to back without overlap up to the end of the data.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BourseError } from '../../src/core/errors.js';
import { MICROS_PER_DAY, microsFromDate } from '../../src/model/time.js';
import {
  addCalendar,
  parseWindowLength,
  type WalkForwardWindow,
  walkForwardWindows,
} from '../../src/research/index.js';

const bars = (count: number) => ({ unit: 'bars', count }) as const;

/** Weekday dates from `first`, one bar per day (a daily series without weekends). */
function weekdays(first: string, count: number): number[] {
  const times: number[] = [];
  for (let t = microsFromDate(first); times.length < count; t += MICROS_PER_DAY) {
    const day = new Date(t / 1000).getUTCDay();
    if (day !== 0 && day !== 6) times.push(t);
  }
  return times;
}

function checkInvariants(windows: readonly WalkForwardWindow[], n: number, anchored: boolean): void {
  windows.forEach((w, k) => {
    assert.ok(w.inSample.from >= 0 && w.inSample.from < w.inSample.to, `window ${k}: in-sample range`);
    assert.equal(w.inSample.to, w.outOfSample.from, `window ${k}: out of sample starts where in sample ends`);
    assert.ok(
      w.outOfSample.from < w.outOfSample.to && w.outOfSample.to <= n,
      `window ${k}: out-of-sample range`,
    );
    if (anchored) assert.equal(w.inSample.from, 0);
    if (k > 0) assert.equal(w.outOfSample.from, windows[k - 1].outOfSample.to, `window ${k}: back to back`);
    assert.equal(w.index, k);
  });
}

describe('parseWindowLength', () => {
  test('bars and calendar spans', () => {
    assert.deepEqual(parseWindowLength('500', '--in-sample'), { unit: 'bars', count: 500 });
    assert.deepEqual(parseWindowLength('2y', '--in-sample'), { unit: 'years', count: 2 });
    assert.deepEqual(parseWindowLength('18M', '--in-sample'), { unit: 'months', count: 18 });
    assert.deepEqual(parseWindowLength('26w', '--in-sample'), { unit: 'weeks', count: 26 });
    assert.deepEqual(parseWindowLength('90d', '--in-sample'), { unit: 'days', count: 90 });
  });

  test('a bad length names its flag', () => {
    for (const text of ['', '0', '-5', '2.5y', '3q', 'y']) {
      assert.throws(
        () => parseWindowLength(text, '--out-of-sample'),
        (e: unknown) => e instanceof BourseError && e.message.startsWith('--out-of-sample:'),
        text,
      );
    }
  });
});

describe('addCalendar', () => {
  test('months keep the day, clamped to the end of the month; years and days', () => {
    const iso = (t: number) => new Date(t / 1000).toISOString().slice(0, 10);
    assert.equal(iso(addCalendar(microsFromDate('2020-01-31'), 'months', 1)), '2020-02-29');
    assert.equal(iso(addCalendar(microsFromDate('2021-01-31'), 'months', 1)), '2021-02-28');
    assert.equal(iso(addCalendar(microsFromDate('2020-02-29'), 'years', 1)), '2021-02-28');
    assert.equal(iso(addCalendar(microsFromDate('2020-03-15'), 'months', -3)), '2019-12-15');
    assert.equal(iso(addCalendar(microsFromDate('2020-03-15'), 'weeks', 2)), '2020-03-29');
    assert.equal(addCalendar(microsFromDate('2020-03-15') + 123, 'days', 1) % 1000, 123);
  });
});

describe('walkForwardWindows', () => {
  const times = Array.from({ length: 100 }, (_, i) => i * MICROS_PER_DAY);

  test('rolling bar windows step by the out-of-sample length', () => {
    const windows = walkForwardWindows(times, { inSample: bars(40), outOfSample: bars(20), anchored: false });
    assert.deepEqual(
      windows.map((w) => [w.inSample.from, w.inSample.to, w.outOfSample.to]),
      [
        [0, 40, 60],
        [20, 60, 80],
        [40, 80, 100],
      ],
    );
  });

  test('anchored windows grow from the first bar', () => {
    const windows = walkForwardWindows(times, { inSample: bars(40), outOfSample: bars(20), anchored: true });
    assert.deepEqual(
      windows.map((w) => [w.inSample.from, w.inSample.to]),
      [
        [0, 40],
        [0, 60],
        [0, 80],
      ],
    );
  });

  test('a last window of at least half the length is kept, a shorter stub dropped', () => {
    const kept = walkForwardWindows(times.slice(0, 90), {
      inSample: bars(40),
      outOfSample: bars(20),
      anchored: false,
    });
    assert.deepEqual(kept.at(-1)?.outOfSample, { from: 80, to: 90 });
    const dropped = walkForwardWindows(times.slice(0, 89), {
      inSample: bars(40),
      outOfSample: bars(20),
      anchored: false,
    });
    assert.deepEqual(dropped.at(-1)?.outOfSample, { from: 60, to: 80 });
  });

  test('calendar windows cut at the first bar of each boundary date', () => {
    const daily = weekdays('2000-01-03', 1500);
    const windows = walkForwardWindows(daily, {
      inSample: { unit: 'years', count: 2 },
      outOfSample: { unit: 'years', count: 1 },
      anchored: false,
    });
    const date = (i: number) => new Date(daily[i] / 1000).toISOString().slice(0, 10);
    assert.deepEqual(
      windows.map((w) => [date(w.inSample.from), date(w.outOfSample.from), date(w.outOfSample.to - 1)]),
      [
        ['2000-01-03', '2002-01-03', '2003-01-02'],
        ['2001-01-03', '2003-01-03', '2004-01-02'],
        ['2002-01-03', '2004-01-05', '2004-12-31'],
        ['2003-01-03', '2005-01-03', date(1499)],
      ],
    );
    checkInvariants(windows, daily.length, false);
  });

  test('mixing bars and calendar spans, or data too short, is an error', () => {
    assert.throws(
      () =>
        walkForwardWindows(times, {
          inSample: bars(40),
          outOfSample: { unit: 'months', count: 1 },
          anchored: false,
        }),
      /both window lengths in bars/,
    );
    assert.throws(
      () => walkForwardWindows(times, { inSample: bars(100), outOfSample: bars(10), anchored: false }),
      /ends before the first out-of-sample window/,
    );
  });

  test('every plan keeps its invariants (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 400 }),
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        fc.boolean(),
        (n, inSample, outOfSample, anchored, calendar) => {
          fc.pre(inSample < n);
          const series = weekdays('2010-01-01', n);
          const spec = calendar
            ? ({
                inSample: { unit: 'weeks', count: Math.ceil(inSample / 5) },
                outOfSample: { unit: 'days', count: outOfSample },
                anchored,
              } as const)
            : { inSample: bars(inSample), outOfSample: bars(outOfSample), anchored };
          let windows: WalkForwardWindow[];
          try {
            windows = walkForwardWindows(series, spec);
          } catch (error) {
            assert.ok(error instanceof BourseError);
            return;
          }
          checkInvariants(windows, n, anchored);
          for (const w of windows) {
            assert.ok(
              series[w.inSample.to - 1] < series[w.outOfSample.from],
              'in-sample bars all before out of sample',
            );
          }
          const last = windows.at(-1);
          const covered = last === undefined ? 0 : last.outOfSample.to;
          const previous = windows.at(-2);
          // Whatever is left after the last window is a stub shorter than half a window.
          if (covered < n && previous) {
            assert.ok(n - covered < last!.outOfSample.to - last!.outOfSample.from);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
