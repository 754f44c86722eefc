import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barsFromPrices } from '../../../src/indicators/batch.js';
import { RelativeStrengthIndex } from '../../../src/indicators/momentum/rsi.js';
import {
  Stochastic,
  StochasticFast,
  StochasticRsi,
  WilliamsR,
} from '../../../src/indicators/momentum/stochastic.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { propertyTests } from './properties.js';

const SAME = { k: 'invariant', d: 'invariant' } as const;

describe('rsi: RelativeStrengthIndex', () => {
  for (const period of [14, 5]) {
    test(`equals TA-Lib RSI on ORCL (period ${period})`, () => {
      const expected = talib('RSI', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new RelativeStrengthIndex(period), ORCL).value, expected.outReal, 'RSI');
    });
  }

  test('hand example: period 2', () => {
    // Prices 1, 2, 4, 3, 3: changes +1, +2, −1, 0.
    // Seed (input 3): avgGain = (1 + 2) / 2 = 1.5, avgLoss = 0 → RSI 100.
    // Input 4: avgGain = (1.5 × 1 + 0) / 2 = 0.75, avgLoss = (0 × 1 + 1) / 2 = 0.5 → 100 × 0.75 / 1.25 = 60.
    // Input 5: avgGain = 0.375, avgLoss = 0.25 → 60 again.
    const rsi = new RelativeStrengthIndex(2);
    const out = [1, 2, 4, 3, 3].map((x) => rsi.update(x));
    assert.deepEqual(out, [Number.NaN, Number.NaN, 100, 60, 60]);
    assert.equal(rsi.averageGain, 0.375);
    assert.equal(rsi.averageLoss, 0.25);
  });

  test('a constant series gives 0, as TA-Lib does (no gains and no losses)', () => {
    const bars = barsFromPrices(new Array(40).fill(25));
    const expected = talib('RSI', bars, { optInTimePeriod: 14 }).outReal;
    assert.equal(expected[30], 0);
    assertSeriesClose(stream(new RelativeStrengthIndex(14), bars).value, expected, 'RSI');
  });

  test('the period must be an integer >= 2 (as TA-Lib)', () => {
    for (const bad of [1, 0, 2.5]) assert.throws(() => new RelativeStrengthIndex(bad), RangeError);
  });

  propertyTests({
    make: () => new RelativeStrengthIndex(14),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'invariant' },
  });
});

describe('stoch: Stochastic (slow / full)', () => {
  for (const [fastK, slowK, slowD] of [
    [5, 3, 3],
    [14, 5, 4],
    [9, 1, 3],
  ]) {
    test(`equals TA-Lib STOCH (SMA) on ORCL (${fastK}, ${slowK}, ${slowD})`, () => {
      const expected = talib('STOCH', ORCL, {
        optInFastK_Period: fastK,
        optInSlowK_Period: slowK,
        optInSlowK_MAType: 0,
        optInSlowD_Period: slowD,
        optInSlowD_MAType: 0,
      });
      const out = stream(new Stochastic(fastK, slowK, slowD), ORCL);
      assertSeriesClose(out.k, expected.outSlowK, '%K');
      assertSeriesClose(out.d, expected.outSlowD, '%D');
    });
  }

  test('hand example: fastK 2, slowK 2, slowD 2', () => {
    // (high, low, close): (10, 8, 9), (12, 9, 11), (11, 10, 10), (13, 11, 13).
    // Raw %K from bar 2: HH/LL over 2 bars: (12, 8) → 100 × 3/4 = 75; (12, 9) → 100 × 1/3;
    // (13, 10) → 100 × 3/3 = 100. %K = SMA2: (75 + 33.3…)/2 = 54.16…, (33.3… + 100)/2 = 66.6…;
    // %D = SMA2 of %K at bar 4: (54.16… + 66.6…)/2 = 60.416….
    const bars = [
      [10, 8, 9],
      [12, 9, 11],
      [11, 10, 10],
      [13, 11, 13],
    ].map(([high, low, close], i) => ({ open: close, high, low, close, volume: 0, tsEvent: i }));
    const out = stream(new Stochastic(2, 2, 2), bars);
    assertSeriesClose(out.k, [Number.NaN, Number.NaN, Number.NaN, 200 / 3], '%K');
    assertSeriesClose(out.d, [Number.NaN, Number.NaN, Number.NaN, (75 + 200 / 3 + 100) / 4], '%D');
  });

  test('a constant series gives 0, as TA-Lib (HH = LL)', () => {
    const bars = barsFromPrices(new Array(30).fill(7));
    const options = {
      optInFastK_Period: 5,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    };
    assert.equal(talib('STOCH', bars, options).outSlowK[20], 0);
    assert.equal(stream(new Stochastic(), bars).k[20], 0);
  });

  propertyTests({ make: () => new Stochastic(), constant: { k: 0, d: 0 }, shift: SAME, scale: SAME });
});

describe('stochf: StochasticFast', () => {
  for (const [fastK, fastD] of [
    [5, 3],
    [9, 4],
  ]) {
    test(`equals TA-Lib STOCHF (SMA) on ORCL (${fastK}, ${fastD})`, () => {
      const expected = talib('STOCHF', ORCL, {
        optInFastK_Period: fastK,
        optInFastD_Period: fastD,
        optInFastD_MAType: 0,
      });
      const out = stream(new StochasticFast(fastK, fastD), ORCL);
      assertSeriesClose(out.k, expected.outFastK, '%K');
      assertSeriesClose(out.d, expected.outFastD, '%D');
    });
  }

  test('stoch with slowK 1 is stochf', () => {
    const slow = stream(new Stochastic(9, 1, 4), ORCL);
    const fast = stream(new StochasticFast(9, 4), ORCL);
    assertSeriesClose(slow.k, fast.k, '%K', 0);
    assertSeriesClose(slow.d, fast.d, '%D', 1e-12);
  });

  propertyTests({ make: () => new StochasticFast(), constant: { k: 0, d: 0 }, shift: SAME, scale: SAME });
});

describe('stochrsi: StochasticRsi', () => {
  for (const [period, fastK, fastD] of [
    [14, 5, 3],
    [21, 9, 4],
  ]) {
    test(`equals TA-Lib STOCHRSI (SMA) on ORCL (${period}, ${fastK}, ${fastD})`, () => {
      const expected = talib('STOCHRSI', ORCL, {
        optInTimePeriod: period,
        optInFastK_Period: fastK,
        optInFastD_Period: fastD,
        optInFastD_MAType: 0,
      });
      const out = stream(new StochasticRsi(period, fastK, fastD), ORCL);
      assertSeriesClose(out.k, expected.outFastK, '%K');
      assertSeriesClose(out.d, expected.outFastD, '%D');
    });
  }

  // A constant series has a constant RSI (0), so max = min and %K is 0, as TA-Lib.
  propertyTests({ make: () => new StochasticRsi(), constant: { k: 0, d: 0 }, shift: SAME, scale: SAME });
});

describe('willr: WilliamsR', () => {
  for (const period of [14, 5]) {
    test(`equals TA-Lib WILLR on ORCL (period ${period})`, () => {
      const expected = talib('WILLR', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new WilliamsR(period), ORCL).value, expected.outReal, '%R');
    });
  }

  test('hand example: period 2', () => {
    // Bars (high, low, close) (10, 8, 9), (12, 9, 11): HH 12, LL 8 → −100 × (12 − 11) / 4 = −25.
    const bars = [
      { open: 9, high: 10, low: 8, close: 9, volume: 0, tsEvent: 0 },
      { open: 9, high: 12, low: 9, close: 11, volume: 0, tsEvent: 1 },
    ];
    assertSeriesClose(stream(new WilliamsR(2), bars).value, [Number.NaN, -25], '%R', 0);
  });

  propertyTests({
    make: () => new WilliamsR(14),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'invariant' },
  });
});
