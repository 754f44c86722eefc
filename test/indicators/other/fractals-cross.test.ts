/**
 * Williams fractals and the SMA crossover/crossunder signals: hand-computed examples and naive
 * implementations written from the definitions, compared on ORCL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { BarInput } from '../../../src/indicators/core.js';
import { MovingAverageCross } from '../../../src/indicators/other/cross.js';
import { Fractals } from '../../../src/indicators/other/fractals.js';
import { otherDefinitions } from '../../../src/indicators/other/index.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';

const CLOSES = ORCL.map((b) => b.close);

describe('fractals', () => {
  test('hand-computed: reported two bars after the fractal bar, strict on both sides', () => {
    const highs = [10, 11, 15, 12, 11, 13, 13, 10, 9];
    const lows = [8, 7, 4, 6, 7, 3, 6, 7, 8];
    const bars: BarInput[] = highs.map((h, i) => ({
      open: h,
      high: h,
      low: lows[i],
      close: h,
      volume: 1,
      tsEvent: i,
    }));
    const out = stream(new Fractals(), bars);
    // Up: bar 2's high 15 tops 10, 11 before and 12, 11 after → 15, reported on bar 4. Bar 5's 13 ties
    // bar 6's 13, so neither is a fractal.
    assertSeriesClose(
      out.up,
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN, 15, ...Array(4).fill(Number.NaN)],
      'up',
    );
    // Down: bar 2's low 4 (below 8, 7 and 6, 7) on bar 4; bar 5's low 3 (below 6, 7 and 6, 7) on bar 7.
    const down = Array(9).fill(Number.NaN);
    down[4] = 4;
    down[7] = 3;
    assertSeriesClose(out.down, down, 'down');
  });

  test('naive implementation on ORCL (Williams, Trading Chaos 1995)', () => {
    const up: number[] = [];
    const down: number[] = [];
    ORCL.forEach((_, t) => {
      if (t < 4) {
        up.push(Number.NaN);
        down.push(Number.NaN);
        return;
      }
      const c = ORCL[t - 2];
      const sides = [ORCL[t - 4], ORCL[t - 3], ORCL[t - 1], ORCL[t]];
      up.push(sides.every((b) => c.high > b.high) ? c.high : Number.NaN);
      down.push(sides.every((b) => c.low < b.low) ? c.low : Number.NaN);
    });
    const actual = stream(new Fractals(), ORCL);
    assertSeriesClose(actual.up, up, 'up');
    assertSeriesClose(actual.down, down, 'down');
    // The data has fractals of both kinds.
    assert.ok(up.filter(Number.isFinite).length > 100 && down.filter(Number.isFinite).length > 100);
  });
});

/** Sum of the last n prices in integer millionths (ORCL has at most 6 decimals): exact. */
function windowSum(micros: readonly number[], t: number, n: number): number {
  let sum = 0;
  for (let i = t - n + 1; i <= t; i++) sum += micros[i];
  return sum;
}

/**
 * A cross is a change of side of SMA(fast) − SMA(slow), the side being the sign of the last non-zero
 * difference; the first bar with both averages only sets the side. The sign is computed exactly:
 * sign(sum_fast × slow − sum_slow × fast) in integers.
 */
function naiveCross(xs: readonly number[], fast: number, slow: number, direction: 1 | -1): number[] {
  const micros = xs.map((x) => Math.round(x * 1e6));
  const start = Math.max(fast, slow) - 1;
  let side = 0;
  return xs.map((_, t) => {
    if (t < start) return Number.NaN;
    const d = Math.sign(windowSum(micros, t, fast) * slow - windowSum(micros, t, slow) * fast);
    const out = t > start && side !== 0 && d === direction && side === -direction ? 1 : 0;
    if (d !== 0) side = d;
    return t === start ? Number.NaN : out;
  });
}

function runCross(xs: readonly number[], fast: number, slow: number, direction: 'up' | 'down'): number[] {
  const cross = new MovingAverageCross(fast, slow, direction);
  return xs.map((x) => cross.update(x));
}

describe('crossover and crossunder', () => {
  test('hand-computed: fast 1, slow 2', () => {
    // prices 1 2 3 2 1 1 2; SMA(2) from bar 1: 1.5 2.5 2.5 1.5 1 1.5; fast − slow: +.5 +.5 −.5 −.5 0 +.5.
    // Bar 1 seeds the side (+); bar 3 crosses under; bar 5 is equal (side stays −); bar 6 crosses over.
    const prices = [1, 2, 3, 2, 1, 1, 2];
    assertSeriesClose(runCross(prices, 1, 2, 'up'), [Number.NaN, Number.NaN, 0, 0, 0, 0, 1], 'crossover');
    assertSeriesClose(runCross(prices, 1, 2, 'down'), [Number.NaN, Number.NaN, 0, 1, 0, 0, 0], 'crossunder');
    assert.equal(new MovingAverageCross(1, 2, 'up').warmup, 2);
  });

  test('a tie in exact arithmetic is not a cross, whatever the rounding (ORCL bar 134)', () => {
    // At bar 134 the close 3.023148 equals SMA(3) exactly, but in floating point SMA(3) is
    // 3.0231480000000004: above the close, while the side before was "fast above". A plain float
    // comparison would call that a crossunder.
    const under = runCross(CLOSES, 1, 3, 'down');
    const exact = naiveCross(CLOSES, 1, 3, -1);
    assert.equal(exact[134], 0);
    assert.equal(under[134], 0);
    assertSeriesClose(under, exact, 'crossunder(1, 3)', 0);
    assertSeriesClose(runCross(CLOSES, 1, 3, 'up'), naiveCross(CLOSES, 1, 3, 1), 'crossover(1, 3)', 0);
  });

  test('naive implementation on ORCL, default and other periods', () => {
    for (const [fast, slow] of [
      [10, 30],
      [5, 20],
      [3, 7],
    ]) {
      const over = runCross(CLOSES, fast, slow, 'up');
      const under = runCross(CLOSES, fast, slow, 'down');
      assertSeriesClose(over, naiveCross(CLOSES, fast, slow, 1), `crossover(${fast}, ${slow})`, 0);
      assertSeriesClose(under, naiveCross(CLOSES, fast, slow, -1), `crossunder(${fast}, ${slow})`, 0);
      // Crosses alternate: never both on one bar, and never two overs (or two unders) in a row.
      let last = 0;
      over.forEach((o, t) => {
        assert.ok(!(o === 1 && under[t] === 1));
        const event = o === 1 ? 1 : under[t] === 1 ? -1 : 0;
        if (event !== 0) {
          assert.notEqual(event, last, `two crosses the same way at ${t}`);
          last = event;
        }
      });
      assert.ok(over.filter((v) => v === 1).length > 20, 'the data crosses');
    }
  });

  test('property: equals the naive sign-change definition on random integer series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 80, size: 'max' }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        (xs, fast, slow) => {
          assertSeriesClose(runCross(xs, fast, slow, 'up'), naiveCross(xs, fast, slow, 1), 'over', 0);
          assertSeriesClose(runCross(xs, fast, slow, 'down'), naiveCross(xs, fast, slow, -1), 'under', 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('the definitions make SMA crosses with fast 10, slow 30 by default', () => {
    for (const [name, direction] of [
      ['crossover', 'up'],
      ['crossunder', 'down'],
    ] as const) {
      const d = otherDefinitions.find((x) => x.name === name);
      assert.ok(d);
      const indicator = d.create(d.parameters.parse({})) as MovingAverageCross;
      assert.deepEqual([indicator.fast, indicator.slow, indicator.direction], [10, 30, direction]);
      assert.equal(indicator.warmup, 30);
    }
  });
});
