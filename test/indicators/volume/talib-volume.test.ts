import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AccumulationDistribution, ChaikinOscillator } from '../../../src/indicators/volume/accumulation.js';
import { MoneyFlowIndex } from '../../../src/indicators/volume/mfi.js';
import { OnBalanceVolume } from '../../../src/indicators/volume/obv.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import {
  arbitraryBars,
  assertScaledClose,
  barsOf,
  constantBars,
  propertyTests,
} from '../trend/properties.js';

describe('mfi against TA-Lib MFI', () => {
  for (const period of [14, 5]) {
    test(`ORCL, period ${period}`, () => {
      const mfi = stream(new MoneyFlowIndex(period), ORCL);
      assertSeriesClose(mfi.value, talib('MFI', ORCL, { optInTimePeriod: period }).outReal, 'mfi');
    });
  }

  test('property: equals TA-Lib on random bars (unchanged typical prices, zero volumes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), arbitraryBars(1, 80), (period, bars) => {
        const mfi = stream(new MoneyFlowIndex(period), bars);
        assertSeriesClose(mfi.value, talib('MFI', bars, { optInTimePeriod: period }).outReal, 'mfi');
      }),
      { numRuns: 300 },
    );
  });

  test('hand example (period 2) and the TA-Lib rule "total flow < 1 gives 0"', () => {
    // TP: 10, 11, 10.5, 10.5. Flows: b2 +11·100 = 1100, b3 −10.5·300 = −3150, b4 unchanged: none.
    // b3: 100 · 1100 / (1100 + 3150) = 25.882…; b4: window b3–b4 has only the negative 3150 → 0.
    const bars = barsOf([
      [11, 9, 10, 50],
      [12, 10, 11, 100],
      [11.5, 9.5, 10.5, 300],
      [11, 10, 10.5, 999],
    ]);
    const nan = Number.NaN;
    assertSeriesClose(stream(new MoneyFlowIndex(2), bars).value, [nan, nan, (100 * 1100) / 4250, 0], 'mfi');
    // Volumes so small the total flow is below 1: 0 (TA-Lib), not 100.
    const tiny = barsOf([
      [11, 9, 10, 0.001],
      [12, 10, 11, 0.001],
      [13, 11, 12, 0.001],
    ]);
    assert.equal(stream(new MoneyFlowIndex(2), tiny).value[2], 0);
  });

  // No shift check: the raw money flow is typical price × volume, so shifting prices changes MFI.
  propertyTests('mfi(14)', () => new MoneyFlowIndex(14), ORCL.slice(0, 600), {
    constant: { value: 0 }, // no flow either way: total 0 < 1 → 0, as TA-Lib
  });
});

describe('obv against TA-Lib OBV', () => {
  test('ORCL: the first value is the first volume', () => {
    const obv = stream(new OnBalanceVolume(), ORCL);
    assertSeriesClose(obv.value, talib('OBV', ORCL).outReal, 'obv');
    assert.equal(obv.value[0], ORCL[0].volume);
  });

  test('property: equals TA-Lib on random bars', () => {
    fc.assert(
      fc.property(arbitraryBars(1, 80), (bars) => {
        assertSeriesClose(stream(new OnBalanceVolume(), bars).value, talib('OBV', bars).outReal, 'obv');
      }),
      { numRuns: 200 },
    );
  });

  test('hand example', () => {
    // Closes 10, 11, 11, 9 with volumes 5, 7, 3, 2: 5; +7 = 12; unchanged 12; −2 = 10.
    const bars = barsOf([
      [10, 10, 10, 5],
      [11, 11, 11, 7],
      [11, 11, 11, 3],
      [9, 9, 9, 2],
    ]);
    assert.deepEqual(stream(new OnBalanceVolume(), bars).value, [5, 12, 12, 10]);
  });

  propertyTests('obv', () => new OnBalanceVolume(), ORCL.slice(0, 600), {
    invariantOutputs: ['value'],
    constant: { value: 1000 }, // the first volume, then unchanged (TA-Lib: 1000 too)
  });
});

describe('ad and adosc against TA-Lib AD and ADOSC', () => {
  test('ORCL: ad equals AD', () => {
    assertSeriesClose(stream(new AccumulationDistribution(), ORCL).value, talib('AD', ORCL).outReal, 'ad');
  });

  for (const [fast, slow] of [
    [3, 10],
    [5, 21],
    [12, 4], // fast > slow: warm-up follows the longer one, as TA-Lib
  ]) {
    test(`ORCL: adosc(${fast}, ${slow}) equals ADOSC`, () => {
      const adosc = stream(new ChaikinOscillator(fast, slow), ORCL);
      const expected = talib('ADOSC', ORCL, { optInFastPeriod: fast, optInSlowPeriod: slow }).outReal;
      assertSeriesClose(adosc.value, expected, 'adosc');
      assertScaledClose(adosc.value, expected, 'adosc');
    });
  }

  test('property: equal TA-Lib on random bars (flat bars, zero volumes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 12 }),
        arbitraryBars(1, 80),
        (fast, slow, bars) => {
          assertSeriesClose(
            stream(new AccumulationDistribution(), bars).value,
            talib('AD', bars).outReal,
            'ad',
          );
          const expected = talib('ADOSC', bars, { optInFastPeriod: fast, optInSlowPeriod: slow }).outReal;
          assertSeriesClose(stream(new ChaikinOscillator(fast, slow), bars).value, expected, 'adosc');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('hand example', () => {
    // b1 (H 10, L 8, C 9.5, V 100): MFM ((9.5 − 8) − (10 − 9.5)) / 2 = 0.5 → AD 50
    // b2 (H 10, L 10, C 10, V 500): H = L adds nothing → 50
    // b3 (H 12, L 9, C 9, V 300): MFM (0 − 3) / 3 = −1 → 50 − 300 = −250
    const bars = barsOf([
      [10, 8, 9.5, 100],
      [10, 10, 10, 500],
      [12, 9, 9, 300],
    ]);
    assert.deepEqual(stream(new AccumulationDistribution(), bars).value, [50, 50, -250]);
    // ADOSC(2, 3): EMAs seeded with AD₁ = 50; k 2/3 and 1/2.
    // b2: fast 2/3·50 + 1/3·50 = 50, slow 50 → (warm-up: max(2, 3) − 1 = 2 bars)
    // b3: fast 2/3·(−250) + 1/3·50 = −150, slow 1/2·(−250) + 1/2·50 = −100 → −50
    const adosc = stream(new ChaikinOscillator(2, 3), bars).value;
    assertSeriesClose(adosc, [Number.NaN, Number.NaN, -50], 'adosc');
  });

  propertyTests('ad', () => new AccumulationDistribution(), ORCL.slice(0, 600), {
    invariantOutputs: ['value'],
    constant: { value: 0 },
  });
  propertyTests('adosc(3, 10)', () => new ChaikinOscillator(3, 10), ORCL.slice(0, 600), {
    invariantOutputs: ['value'],
    constant: { value: 0 },
  });

  test('constant series: TA-Lib gives the same constants', () => {
    const flat = constantBars(100);
    assert.equal(talib('MFI', flat, { optInTimePeriod: 14 }).outReal[99], 0);
    assert.equal(talib('OBV', flat).outReal[99], 1000);
    assert.equal(talib('AD', flat).outReal[99], 0);
    assert.equal(talib('ADOSC', flat, { optInFastPeriod: 3, optInSlowPeriod: 10 }).outReal[99], 0);
  });

  test('periods are checked', () => {
    assert.throws(() => new MoneyFlowIndex(0), RangeError);
    assert.throws(() => new ChaikinOscillator(1, 10), RangeError);
    assert.equal(new ChaikinOscillator(3, 10).warmup, 9);
  });
});
