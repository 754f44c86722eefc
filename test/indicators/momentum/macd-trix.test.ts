import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barsFromPrices } from '../../../src/indicators/batch.js';
import {
  AbsolutePriceOscillator,
  MovingAverageConvergenceDivergence,
  PercentagePriceOscillator,
} from '../../../src/indicators/momentum/macd.js';
import { Trix } from '../../../src/indicators/momentum/trix.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { propertyTests } from './properties.js';

const NaN_ = Number.NaN;

/** TA-Lib EMA over the defined part of `series` (the reference for our signal lines). */
function talibEmaOf(series: ArrayLike<number>, period: number): Float64Array {
  const values = Array.from(series);
  const start = values.findIndex((v) => !Number.isNaN(v));
  const ema = talib('EMA', barsFromPrices(values.slice(start)), { optInTimePeriod: period }).outReal;
  const out = new Float64Array(values.length).fill(Number.NaN);
  out.set(ema, start);
  return out;
}

describe('macd: MovingAverageConvergenceDivergence', () => {
  for (const [fast, slow, signal] of [
    [12, 26, 9],
    [5, 35, 5],
  ]) {
    test(`equals TA-Lib MACD on ORCL (${fast}, ${slow}, ${signal}), first value at TA-Lib's begIndex`, () => {
      const expected = talib('MACD', ORCL, {
        optInFastPeriod: fast,
        optInSlowPeriod: slow,
        optInSignalPeriod: signal,
      });
      const out = stream(new MovingAverageConvergenceDivergence(fast, slow, signal), ORCL);
      assertSeriesClose(out.macd, expected.outMACD, 'MACD');
      assertSeriesClose(out.signal, expected.outMACDSignal, 'signal');
      assertSeriesClose(out.histogram, expected.outMACDHist, 'histogram');
      assert.equal(
        out.macd.findIndex((v) => !Number.isNaN(v)),
        slow + signal - 2,
      );
    });
  }

  test('hand example: fast 2, slow 3, signal 2 — the fast EMA starts slow − fast = 1 input late', () => {
    // Prices 2, 6, 4, 8, 6, 12.
    // Slow EMA(3), alpha 1/2: seed (2 + 6 + 4)/3 = 4; then 4 + (8 − 4)/2 = 6; 6 + 0 = 6; 6 + (12 − 6)/2 = 9.
    // Fast EMA(2), alpha 2/3, fed from the 2nd input: seed (6 + 4)/2 = 5 (not (2 + 6)/2 then 4);
    // 5 + 2/3 × 3 = 7; 7 − 2/3 = 19/3; 19/3 + 2/3 × (12 − 19/3) = 91/9.
    // MACD: 5 − 4 = 1, 7 − 6 = 1, 19/3 − 6 = 1/3, 91/9 − 9 = 10/9.
    // Signal EMA(2) of MACD: seed (1 + 1)/2 = 1; 1 + 2/3 × (1/3 − 1) = 5/9; 5/9 + 2/3 × (10/9 − 5/9) = 25/27.
    // All three appear with the first signal value (index 3 = slow + signal − 2).
    const prices = [2, 6, 4, 8, 6, 12];
    const out = stream(new MovingAverageConvergenceDivergence(2, 3, 2), barsFromPrices(prices));
    assertSeriesClose(out.macd, [NaN_, NaN_, NaN_, 1, 1 / 3, 10 / 9], 'MACD', 1e-12);
    assertSeriesClose(out.signal, [NaN_, NaN_, NaN_, 1, 5 / 9, 25 / 27], 'signal', 1e-12);
    assertSeriesClose(
      out.histogram,
      [NaN_, NaN_, NaN_, 0, 1 / 3 - 5 / 9, 10 / 9 - 25 / 27],
      'histogram',
      1e-12,
    );
    const expected = talib('MACD', barsFromPrices(prices), {
      optInFastPeriod: 2,
      optInSlowPeriod: 3,
      optInSignalPeriod: 2,
    });
    assertSeriesClose(out.macd, expected.outMACD, 'TA-Lib MACD', 1e-12);
  });

  test('fast must be shorter than slow', () => {
    assert.throws(() => new MovingAverageConvergenceDivergence(26, 12, 9), /fast \(26\) must be shorter/);
    assert.throws(() => new MovingAverageConvergenceDivergence(12, 12, 9), RangeError);
  });

  propertyTests({
    make: () => new MovingAverageConvergenceDivergence(),
    constant: { macd: 0, signal: 0, histogram: 0 },
    shift: { macd: 'invariant', signal: 'invariant', histogram: 'invariant' },
    scale: { macd: 'moves', signal: 'moves', histogram: 'moves' },
  });
});

describe('ppo: PercentagePriceOscillator', () => {
  for (const [fast, slow, signal] of [
    [12, 26, 9],
    [7, 19, 4],
  ]) {
    test(`PPO equals TA-Lib PPO (EMA) on ORCL and signal = TA-Lib EMA of it (${fast}, ${slow}, ${signal})`, () => {
      const expected = talib('PPO', ORCL, {
        optInFastPeriod: fast,
        optInSlowPeriod: slow,
        optInMAType: 1,
      }).outReal;
      const out = stream(new PercentagePriceOscillator(fast, slow, signal), ORCL);
      assertSeriesClose(out.ppo, expected, 'PPO');
      const signalLine = talibEmaOf(expected, signal);
      assertSeriesClose(out.signal, signalLine, 'signal');
      assertSeriesClose(
        out.histogram,
        signalLine.map((s, i) => expected[i] - s),
        'histogram',
      );
    });
  }

  test('is 100 × APO / slow EMA', () => {
    // PPO = 100 × (fast − slow) / slow; APO = fast − slow; the slow EMA is TA-Lib EMA(26).
    const apo = stream(new AbsolutePriceOscillator(12, 26), ORCL).value;
    const slow = talib('EMA', ORCL, { optInTimePeriod: 26 }).outReal;
    const ppo = stream(new PercentagePriceOscillator(12, 26, 9), ORCL).ppo;
    assertSeriesClose(
      ppo,
      apo.map((v, i) => (100 * v) / slow[i]),
      'PPO',
    );
  });

  propertyTests({
    make: () => new PercentagePriceOscillator(),
    constant: { ppo: 0, signal: 0, histogram: 0 },
    shift: { ppo: 'other', signal: 'other', histogram: 'other' },
    scale: { ppo: 'invariant', signal: 'invariant', histogram: 'invariant' },
  });
});

describe('apo: AbsolutePriceOscillator', () => {
  for (const [fast, slow] of [
    [12, 26],
    [3, 10],
  ]) {
    test(`equals TA-Lib APO (EMA) on ORCL (${fast}, ${slow})`, () => {
      const expected = talib('APO', ORCL, { optInFastPeriod: fast, optInSlowPeriod: slow, optInMAType: 1 });
      assertSeriesClose(stream(new AbsolutePriceOscillator(fast, slow), ORCL).value, expected.outReal, 'APO');
    });
  }

  test('both EMAs start with the first input, unlike MACD: the lines differ early, then converge', () => {
    const apo = stream(new AbsolutePriceOscillator(12, 26), ORCL).value;
    const macd = stream(new MovingAverageConvergenceDivergence(12, 26, 9), ORCL).macd;
    assert.ok(Math.abs(apo[33] - macd[33]) > 1e-6, 'differ at the first MACD value');
    assertSeriesClose(apo.slice(1000), macd.slice(1000), 'converged', 1e-9);
  });

  propertyTests({
    make: () => new AbsolutePriceOscillator(),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'moves' },
  });
});

describe('trix: Trix', () => {
  for (const [period, signal] of [
    [15, 9],
    [4, 3],
  ]) {
    test(`TRIX equals TA-Lib TRIX on ORCL and signal = TA-Lib EMA of it (${period}, ${signal})`, () => {
      const expected = talib('TRIX', ORCL, { optInTimePeriod: period }).outReal;
      const out = stream(new Trix(period, signal), ORCL);
      assertSeriesClose(out.trix, expected, 'TRIX');
      assertSeriesClose(out.signal, talibEmaOf(expected, signal), 'signal');
    });
  }

  test('hand example: period 1 (the EMAs are the input), signal 2', () => {
    // With period 1, E3 = x, so TRIX = (x_t / x_{t−1} − 1) × 100: 10 → 11: 10; 11 → 9.9: −10;
    // 9.9 → 9.9: 0. Signal EMA(2) of TRIX: seed (10 − 10)/2 = 0, then 0 + 2/3 × (0 − 0) = 0.
    const out = stream(new Trix(1, 2), barsFromPrices([10, 11, 9.9, 9.9]));
    assertSeriesClose(out.trix, [NaN_, 10, -10, 0], 'TRIX', 1e-12);
    assertSeriesClose(out.signal, [NaN_, NaN_, 0, 0], 'signal', 1e-12);
  });

  propertyTests({
    make: () => new Trix(),
    constant: { trix: 0, signal: 0 },
    shift: { trix: 'other', signal: 'other' },
    scale: { trix: 'invariant', signal: 'invariant' },
  });
});
