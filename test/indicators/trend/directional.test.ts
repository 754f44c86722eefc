import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  AverageDirectionalIndex,
  AverageDirectionalIndexRating,
  DirectionalMovementIndex,
} from '../../../src/indicators/trend/directional.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { arbitraryBars, barsOf, constantBars, propertyTests } from './properties.js';

describe('dmi / adx / adxr against TA-Lib on ORCL', () => {
  for (const period of [14, 5]) {
    const options = { optInTimePeriod: period };
    test(`period ${period}: +DI, −DI equal PLUS_DI, MINUS_DI`, () => {
      const dmi = stream(new DirectionalMovementIndex(period), ORCL);
      assertSeriesClose(dmi.plus, talib('PLUS_DI', ORCL, options).outReal, 'plus');
      assertSeriesClose(dmi.minus, talib('MINUS_DI', ORCL, options).outReal, 'minus');
    });
    test(`period ${period}: adx equals ADX; its plus/minus equal PLUS_DI/MINUS_DI`, () => {
      const adx = stream(new AverageDirectionalIndex(period), ORCL);
      assertSeriesClose(adx.adx, talib('ADX', ORCL, options).outReal, 'adx');
      assertSeriesClose(adx.plus, talib('PLUS_DI', ORCL, options).outReal, 'plus');
      assertSeriesClose(adx.minus, talib('MINUS_DI', ORCL, options).outReal, 'minus');
    });
    test(`period ${period}: adxr equals ADXR`, () => {
      const adxr = stream(new AverageDirectionalIndexRating(period), ORCL);
      assertSeriesClose(adxr.value, talib('ADXR', ORCL, options).outReal, 'adxr');
    });
  }

  test('property: ADX, ADXR, DI equal TA-Lib on random bars with ties, flat bars and gaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), arbitraryBars(1, 80), (period, bars) => {
        const options = { optInTimePeriod: period };
        const adx = stream(new AverageDirectionalIndex(period), bars);
        assertSeriesClose(adx.adx, talib('ADX', bars, options).outReal, 'adx');
        assertSeriesClose(adx.plus, talib('PLUS_DI', bars, options).outReal, 'plus');
        assertSeriesClose(adx.minus, talib('MINUS_DI', bars, options).outReal, 'minus');
        const adxr = stream(new AverageDirectionalIndexRating(period), bars);
        assertSeriesClose(adxr.value, talib('ADXR', bars, options).outReal, 'adxr');
      }),
      { numRuns: 300 },
    );
  });
});

describe('dmi / adx hand example (period 2)', () => {
  // Bars (H, L, C): b1 (10, 8, 9), b2 (11, 9, 10), b3 (12, 10, 11), b4 (11, 8, 9).
  // Moves: b2: +DM 1 (11−10 > 8−9), −DM 0, TR max(2, |11−9|, |9−9|) = 2
  //        b3: +DM 1, −DM 0, TR max(2, 2, 0) = 2
  //        b4: +DM 0 (11−12 < 0), −DM 2 (10−8), TR max(3, |11−11|, |8−11|) = 3
  // Seed = sum of period − 1 = 1 move: S(+DM) 1, S(−DM) 0, S(TR) 2.
  // b3: S = S − S/2 + x: S(+DM) 0.5 + 1 = 1.5, S(−DM) 0, S(TR) 1 + 2 = 3 → +DI 50, −DI 0, DX 100.
  // b4: S(+DM) 0.75, S(−DM) 0 + 2 = 2, S(TR) 1.5 + 3 = 4.5 → +DI 16.667, −DI 44.444,
  //     DX = 100 · 27.778 / 61.111 = 45.4545…; first ADX = (100 + 45.4545) / 2 = 72.7272…
  const bars = barsOf([
    [10, 8, 9],
    [11, 9, 10],
    [12, 10, 11],
    [11, 8, 9],
  ]);

  test('values', () => {
    const adx = stream(new AverageDirectionalIndex(2), bars);
    assertSeriesClose(adx.plus, [Number.NaN, Number.NaN, 50, 100 * (0.75 / 4.5)], 'plus');
    assertSeriesClose(adx.minus, [Number.NaN, Number.NaN, 0, 100 * (2 / 4.5)], 'minus');
    const dx = (100 * (200 / 4.5 - 75 / 4.5)) / (275 / 4.5);
    assert.ok(Math.abs(dx - 100 * (125 / 275)) < 1e-12, 'dx');
    assertSeriesClose(adx.adx, [Number.NaN, Number.NaN, Number.NaN, (100 + dx) / 2], 'adx');
  });
});

describe('dmi / adx / adxr properties', () => {
  const bars = ORCL.slice(0, 600);
  propertyTests('dmi(14)', () => new DirectionalMovementIndex(14), bars, {
    invariantOutputs: ['plus', 'minus'],
    constant: { plus: 0, minus: 0 }, // TA-Lib PLUS_DI/MINUS_DI give 0 too (S(TR) = 0)
  });
  propertyTests('adx(14)', () => new AverageDirectionalIndex(14), bars, {
    invariantOutputs: ['adx', 'plus', 'minus'],
    constant: { adx: 0, plus: 0, minus: 0 }, // TA-Lib ADX gives 0 too
  });
  propertyTests('adx(3)', () => new AverageDirectionalIndex(3), bars, {
    invariantOutputs: ['adx', 'plus', 'minus'],
  });
  propertyTests('adxr(14)', () => new AverageDirectionalIndexRating(14), bars, {
    invariantOutputs: ['value'],
    constant: { value: 0 },
  });

  test('constant series: equal to TA-Lib (which gives 0)', () => {
    const flat = constantBars(100);
    const options = { optInTimePeriod: 14 };
    assertSeriesClose(
      stream(new AverageDirectionalIndex(14), flat).adx,
      talib('ADX', flat, options).outReal,
      'adx',
    );
    assertSeriesClose(
      stream(new AverageDirectionalIndexRating(14), flat).value,
      talib('ADXR', flat, options).outReal,
      'adxr',
    );
  });

  test('warm-ups: dmi period, adx 2·period − 1, adxr 3·period − 2; periods below 2 are refused', () => {
    assert.equal(new DirectionalMovementIndex(14).warmup, 14);
    assert.equal(new AverageDirectionalIndex(14).warmup, 27);
    assert.equal(new AverageDirectionalIndexRating(14).warmup, 40);
    for (const bad of [1, 0, 2.5]) {
      assert.throws(() => new DirectionalMovementIndex(bad), RangeError);
      assert.throws(() => new AverageDirectionalIndex(bad), RangeError);
      assert.throws(() => new AverageDirectionalIndexRating(bad), RangeError);
    }
  });
});
