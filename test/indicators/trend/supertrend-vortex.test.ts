import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { BarInput } from '../../../src/indicators/core.js';
import { SuperTrend } from '../../../src/indicators/trend/supertrend.js';
import { Vortex } from '../../../src/indicators/trend/vortex.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { arbitraryBars, barsOf, propertyTests } from './properties.js';

function trueRanges(bars: readonly BarInput[]): number[] {
  return bars.map((b, i) =>
    i === 0
      ? Number.NaN
      : Math.max(b.high - b.low, Math.abs(b.high - bars[i - 1].close), Math.abs(b.low - bars[i - 1].close)),
  );
}

/**
 * TradingView's `ta.supertrend` (Pine v5 reference source) transcribed literally — including its test
 * `prevSuperTrend == prevUpperBand` for the previous trend — on Wilder's ATR with TA-Lib's seeding
 * (mean of the first `period` true ranges, bars 2 … period + 1). Pine's direction is −1 for up; ours is
 * +1, so the result is negated.
 */
function naiveSuperTrend(bars: readonly BarInput[], period: number, multiplier: number) {
  const tr = trueRanges(bars);
  const value: number[] = [];
  const direction: number[] = [];
  const bands: Array<[number, number]> = [];
  let atr = Number.NaN;
  let upper = Number.NaN;
  let lower = Number.NaN;
  let superTrend = Number.NaN;
  bars.forEach((b, i) => {
    if (i < period) {
      value.push(Number.NaN);
      direction.push(Number.NaN);
      bands.push([Number.NaN, Number.NaN]);
      return;
    }
    const first = i === period;
    atr = first
      ? tr.slice(1, period + 1).reduce((s, x) => s + x, 0) / period
      : (atr * (period - 1) + tr[i]) / period;
    const src = (b.high + b.low) / 2;
    let upperBand = src + multiplier * atr;
    let lowerBand = src - multiplier * atr;
    const prevLower = first ? 0 : lower; // Pine: nz(lowerBand[1])
    const prevUpper = first ? 0 : upper;
    const prevClose = bars[i - 1].close;
    lowerBand = lowerBand > prevLower || prevClose < prevLower ? lowerBand : prevLower;
    upperBand = upperBand < prevUpper || prevClose > prevUpper ? upperBand : prevUpper;
    let pineDirection: number;
    if (first) pineDirection = 1;
    else if (superTrend === prevUpper) pineDirection = b.close > upperBand ? -1 : 1;
    else pineDirection = b.close < lowerBand ? 1 : -1;
    superTrend = pineDirection === -1 ? lowerBand : upperBand;
    upper = upperBand;
    lower = lowerBand;
    value.push(superTrend);
    direction.push(-pineDirection);
    bands.push([upper, lower]);
  });
  return { value, direction, bands };
}

/** Botes & Siepman, "The Vortex Indicator", TASC January 2010: window sums of VM± and TR. */
function naiveVortex(bars: readonly BarInput[], period: number) {
  const tr = trueRanges(bars);
  const plus: number[] = [];
  const minus: number[] = [];
  bars.forEach((_, i) => {
    if (i < period) {
      plus.push(Number.NaN);
      minus.push(Number.NaN);
      return;
    }
    let vmPlus = 0;
    let vmMinus = 0;
    let range = 0;
    for (let j = i - period + 1; j <= i; j++) {
      vmPlus += Math.abs(bars[j].high - bars[j - 1].low);
      vmMinus += Math.abs(bars[j].low - bars[j - 1].high);
      range += tr[j];
    }
    plus.push(range === 0 ? 0 : vmPlus / range);
    minus.push(range === 0 ? 0 : vmMinus / range);
  });
  return { plus, minus };
}

describe('supertrend', () => {
  for (const [period, multiplier] of [
    [10, 3],
    [7, 2],
  ]) {
    test(`equals the naive TradingView transcription on ORCL (${period}, ${multiplier})`, () => {
      const actual = stream(new SuperTrend(period, multiplier), ORCL);
      const expected = naiveSuperTrend(ORCL, period, multiplier);
      assert.deepEqual(actual.direction, expected.direction);
      assertSeriesClose(actual.value, expected.value, 'value');
      assert.ok(expected.bands.every(([u, l]) => u !== l)); // so Pine's equality test is unambiguous
    });
  }

  test('hand example (period 2, multiplier 1)', () => {
    // TR: b2 max(2, |11 − 9|, |9 − 9|) = 2; b3 2; b4 max(2, |14 − 11|, |12 − 11|) = 3;
    //     b5 max(2, |13 − 13.5|, |11 − 13.5|) = 2.5; b6 max(2, |11 − 11.5|, |9 − 11.5|) = 2.5.
    // ATR(2): b3 (2 + 2)/2 = 2; b4 2 + (3 − 2)/2 = 2.5; b5 2.5; b6 2.5.
    // b3: hl2 11, bands 13 / 9 (first: basic), trend down → 13.
    // b4: hl2 13, basic 15.5 / 10.5; upper: 15.5 ≥ 13 and prev close 11 ≤ 13 → keep 13; lower 10.5 > 9
    //     → 10.5. Down and close 13.5 > 13 → up → value 10.5.
    // b5: hl2 12, basic 14.5 / 9.5; upper: prev close 13.5 > 13 → 14.5; lower: 9.5 ≤ 10.5 and prev
    //     close 13.5 ≥ 10.5 → keep 10.5. Up, close 11.5 ≥ 10.5 → stays up → 10.5.
    // b6: hl2 10, basic 12.5 / 7.5; upper 12.5 < 14.5 → 12.5; lower keeps 10.5. Close 9.5 < 10.5 →
    //     down → 12.5.
    const bars = barsOf([
      [10, 8, 9],
      [11, 9, 10],
      [12, 10, 11],
      [14, 12, 13.5],
      [13, 11, 11.5],
      [11, 9, 9.5],
    ]);
    const nan = Number.NaN;
    const out = stream(new SuperTrend(2, 1), bars);
    assertSeriesClose(out.value, [nan, nan, 13, 10.5, 10.5, 12.5], 'value', 0);
    assertSeriesClose(out.direction, [nan, nan, -1, 1, 1, -1], 'direction', 0);
    const naive = naiveSuperTrend(bars, 2, 1);
    assert.deepEqual({ value: naive.value, direction: naive.direction }, out);
  });

  test('property: equals the naive transcription on random bars', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(1, 2, 3),
        arbitraryBars(1, 100),
        (period, multiplier, bars) => {
          const actual = stream(new SuperTrend(period, multiplier), bars);
          const expected = naiveSuperTrend(bars, period, multiplier);
          // Pine reads the previous trend as `prevSuperTrend == prevUpperBand`, which is ambiguous
          // when the final bands are equal (we keep the trend itself): compare up to the bar after.
          const tie = expected.bands.findIndex(([u, l]) => u === l);
          const end = tie < 0 ? bars.length : tie + 1;
          assert.deepEqual(actual.direction.slice(0, end), expected.direction.slice(0, end));
          assertSeriesClose(actual.value.slice(0, end), expected.value.slice(0, end), 'value');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the value is on the side of the trend: lower band ≤ close in an up trend', () => {
    const out = stream(new SuperTrend(), ORCL);
    for (let i = 10; i < ORCL.length; i++) {
      if (out.direction[i] > 0) assert.ok(out.value[i] <= ORCL[i].close, `${i}`);
      else assert.ok(out.value[i] >= ORCL[i].close, `${i}`);
    }
  });

  propertyTests('supertrend(10, 3)', () => new SuperTrend(), ORCL.slice(0, 600), {
    priceOutputs: ['value'],
    invariantOutputs: ['direction'],
    constant: { value: 50 }, // ATR 0: both bands are the price
  });

  test('parameters are checked', () => {
    assert.throws(() => new SuperTrend(0, 3), RangeError);
    assert.throws(() => new SuperTrend(10, 0), RangeError);
  });
});

describe('vortex', () => {
  for (const period of [14, 21]) {
    test(`equals the naive window sums on ORCL (period ${period})`, () => {
      const actual = stream(new Vortex(period), ORCL);
      const expected = naiveVortex(ORCL, period);
      assertSeriesClose(actual.plus, expected.plus, 'plus');
      assertSeriesClose(actual.minus, expected.minus, 'minus');
    });
  }

  test('property: equals the naive window sums on random bars (flat stretches included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), arbitraryBars(1, 100), (period, bars) => {
        const actual = stream(new Vortex(period), bars);
        const expected = naiveVortex(bars, period);
        assertSeriesClose(actual.plus, expected.plus, 'plus');
        assertSeriesClose(actual.minus, expected.minus, 'minus');
      }),
      { numRuns: 300 },
    );
  });

  test('hand example (period 2)', () => {
    // b2: VM+ |11 − 8| = 3, VM− |9 − 10| = 1, TR max(2, |11 − 9|, |9 − 9|) = 2
    // b3: VM+ |12 − 9| = 3, VM− |10 − 11| = 1, TR 2   → VI+ 6/4 = 1.5, VI− 2/4 = 0.5
    // b4: VM+ |11 − 10| = 1, VM− |8 − 12| = 4, TR max(3, |11 − 11|, |8 − 11|) = 3
    //                                                  → VI+ (3 + 1)/5 = 0.8, VI− (1 + 4)/5 = 1
    const bars = barsOf([
      [10, 8, 9],
      [11, 9, 10],
      [12, 10, 11],
      [11, 8, 9],
    ]);
    const nan = Number.NaN;
    const out = stream(new Vortex(2), bars);
    assertSeriesClose(out.plus, [nan, nan, 1.5, 0.8], 'plus');
    assertSeriesClose(out.minus, [nan, nan, 0.5, 1], 'minus');
  });

  test('a window whose true ranges are all 0 gives 0, even after large moves left it', () => {
    const bars = barsOf([
      [1e9, 1, 5],
      [5, 5, 5],
      [5, 5, 5],
      [5, 5, 5],
    ]);
    const out = stream(new Vortex(2), bars);
    assert.equal(out.plus[3], 0);
    assert.equal(out.minus[3], 0);
  });

  propertyTests('vortex(14)', () => new Vortex(14), ORCL.slice(0, 2000), {
    invariantOutputs: ['plus', 'minus'],
    constant: { plus: 0, minus: 0 },
  });

  test('the period is checked', () => {
    assert.throws(() => new Vortex(0), RangeError);
  });
});
