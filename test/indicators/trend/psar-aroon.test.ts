import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Aroon } from '../../../src/indicators/trend/aroon.js';
import { ParabolicSar } from '../../../src/indicators/trend/psar.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { arbitraryBars, barsOf, propertyTests } from './properties.js';

const sarOptions = (acceleration: number, maximum: number) => ({
  optInAcceleration: acceleration,
  optInMaximum: maximum,
});

describe('psar against TA-Lib SAR', () => {
  for (const [acceleration, maximum] of [
    [0.02, 0.2],
    [0.01, 0.1],
    [0.3, 0.2], // acceleration above maximum: TA-Lib lowers it to maximum, so do we
  ]) {
    test(`ORCL, acceleration ${acceleration}, maximum ${maximum}`, () => {
      const sar = stream(new ParabolicSar(acceleration, maximum), ORCL);
      assertSeriesClose(sar.value, talib('SAR', ORCL, sarOptions(acceleration, maximum)).outReal, 'sar');
    });
  }

  test('property: equals TA-Lib SAR on random bars (initial direction, ties, flat bars)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.02, 0.05, 0.1),
        fc.constantFrom(0.2, 0.1),
        arbitraryBars(1, 120),
        (acceleration, maximum, bars) => {
          const sar = stream(new ParabolicSar(acceleration, maximum), bars);
          assertSeriesClose(sar.value, talib('SAR', bars, sarOptions(acceleration, maximum)).outReal, 'sar');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('direction: +1 when the SAR is at or below the low, −1 when at or above the high', () => {
    const sar = stream(new ParabolicSar(), ORCL);
    for (let i = 1; i < ORCL.length; i++) {
      if (sar.direction[i] > 0) assert.ok(sar.value[i] <= ORCL[i].low, `${i}`);
      else assert.ok(sar.value[i] >= ORCL[i].high, `${i}`);
    }
  });

  test('hand example: initial direction from −DM1, first SAR, one step', () => {
    // b1 (H 10, L 9), b2 (H 11, L 9.5): −DM1 = 9 − 9.5 < 0 → long. SAR = L₁ = 9, EP = H₂ = 11.
    // b2 output 9 (no penetration: 9.5 > 9); b2's high 11 is not above EP 11, AF stays 0.02;
    // next SAR = 9 + 0.02 · (11 − 9) = 9.04, not above b2's low 9.5 (the "previous" is b2 too).
    // b3 (H 12, L 10): output 9.04; new EP 12, AF 0.04; next SAR = 9.04 + 0.04 · 2.96 = 9.1584.
    // b4 (H 11, L 9): 9 ≤ 9.1584 → flip short: SAR = EP 12 (≥ highs 12, 11) is output.
    const bars = barsOf([
      [10, 9, 9.5],
      [11, 9.5, 10.5],
      [12, 10, 11],
      [11, 9, 9.5],
    ]);
    const sar = stream(new ParabolicSar(), bars);
    assertSeriesClose(sar.value, [Number.NaN, 9, 9.04, 12], 'sar');
    assert.deepEqual(sar.direction.slice(1), [1, 1, -1]);
    // A down move first (−DM1 = 10 − 9 = 1 > +DM1 = 0) starts short at SAR = H₁ = 11.
    const down = stream(
      new ParabolicSar(),
      barsOf([
        [11, 10, 10.5],
        [10.5, 9, 9.5],
      ]),
    );
    assert.equal(down.value[1], 11);
    assert.equal(down.direction[1], -1);
  });
});

describe('aroon against TA-Lib AROON and AROONOSC', () => {
  for (const period of [14, 25]) {
    test(`ORCL, period ${period}`, () => {
      const aroon = stream(new Aroon(period), ORCL);
      const reference = talib('AROON', ORCL, { optInTimePeriod: period });
      assertSeriesClose(aroon.up, reference.outAroonUp, 'up');
      assertSeriesClose(aroon.down, reference.outAroonDown, 'down');
      const oscillator = talib('AROONOSC', ORCL, { optInTimePeriod: period }).outReal;
      assertSeriesClose(aroon.oscillator, oscillator, 'oscillator');
    });
  }

  // TA-Lib accepts periods from 2.
  test('property: equals TA-Lib on random bars with repeated highs and lows (ties → latest)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), arbitraryBars(1, 80), (period, bars) => {
        const aroon = stream(new Aroon(period), bars);
        const reference = talib('AROON', bars, { optInTimePeriod: period });
        assertSeriesClose(aroon.up, reference.outAroonUp, 'up');
        assertSeriesClose(aroon.down, reference.outAroonDown, 'down');
        const oscillator = talib('AROONOSC', bars, { optInTimePeriod: period }).outReal;
        assertSeriesClose(aroon.oscillator, oscillator, 'oscillator');
      }),
      { numRuns: 300 },
    );
  });

  test('hand example, period 3', () => {
    // Highs 5, 7, 6, 7, 4: on bar 4 the window is bars 1–4; highest 7 on bars 2 and 4 → the latest
    // (0 bars ago): up = 100 · (3 − 0) / 3 = 100. Lows 4, 3, 5, 6, 2: lowest 3, 2 bars ago: down =
    // 100 · 1 / 3 = 33.33; oscillator = 100/3 · (2 − 0) = 66.67. Bar 5: window bars 2–5, highest 7 on
    // bar 4 (1 ago): up 66.67; lowest 2 now: down 100; oscillator −33.33.
    const bars = barsOf([
      [5, 4, 4.5],
      [7, 3, 5],
      [6, 5, 5.5],
      [7, 6, 6.5],
      [4, 2, 3],
    ]);
    const aroon = stream(new Aroon(3), bars);
    const nan = Number.NaN;
    assertSeriesClose(aroon.up, [nan, nan, nan, 100, 200 / 3], 'up');
    assertSeriesClose(aroon.down, [nan, nan, nan, 100 / 3, 100], 'down');
    assertSeriesClose(aroon.oscillator, [nan, nan, nan, 200 / 3, -100 / 3], 'oscillator');
  });
});

describe('psar / aroon properties', () => {
  const bars = ORCL.slice(0, 600);
  propertyTests('psar(0.02, 0.2)', () => new ParabolicSar(), bars, {
    priceOutputs: ['value'],
    invariantOutputs: ['direction'],
    constant: { value: 50 }, // TA-Lib SAR gives the constant too (flipping every bar)
  });
  propertyTests('aroon(14)', () => new Aroon(14), bars, {
    invariantOutputs: ['up', 'down', 'oscillator'],
    // Every bar ties for highest and lowest, the latest wins: as TA-Lib (up = down = 100).
    constant: { up: 100, down: 100, oscillator: 0 },
  });

  test('parameters are checked', () => {
    assert.throws(() => new ParabolicSar(0, 0.2), RangeError);
    assert.throws(() => new ParabolicSar(0.02, -1), RangeError);
    assert.equal(new ParabolicSar(0.3, 0.2).acceleration, 0.2);
    assert.throws(() => new Aroon(0), RangeError);
  });
});
