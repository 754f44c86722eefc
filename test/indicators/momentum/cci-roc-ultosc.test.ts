import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barsFromPrices } from '../../../src/indicators/batch.js';
import type { BarInput } from '../../../src/indicators/core.js';
import { CommodityChannelIndex } from '../../../src/indicators/momentum/cci.js';
import {
  Momentum,
  RateOfChange,
  RateOfChangePercent,
} from '../../../src/indicators/momentum/rate-of-change.js';
import { UltimateOscillator } from '../../../src/indicators/momentum/ultimate.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { propertyTests } from './properties.js';

const bar = (high: number, low: number, close: number, i: number): BarInput => ({
  open: close,
  high,
  low,
  close,
  volume: 0,
  tsEvent: i,
});

describe('cci: CommodityChannelIndex', () => {
  for (const period of [20, 7]) {
    test(`equals TA-Lib CCI on ORCL (period ${period})`, () => {
      const expected = talib('CCI', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new CommodityChannelIndex(period), ORCL).value, expected.outReal, 'CCI');
    });
  }

  test('hand example: period 3', () => {
    // Typical prices (h + l + c)/3: (12, 6, 9) → 9, (15, 9, 12) → 12, (21, 12, 18) → 17.
    // Mean 38/3; deviations |9 − 38/3| = 11/3, |12 − 38/3| = 2/3, |17 − 38/3| = 13/3 → MD = 26/9.
    // CCI = (17 − 38/3) / (0.015 × 26/9) = (13/3) / (0.39/9) = 100.
    const bars = [bar(12, 6, 9, 0), bar(15, 9, 12, 1), bar(21, 12, 18, 2)];
    assertSeriesClose(stream(new CommodityChannelIndex(3), bars).value, [Number.NaN, Number.NaN, 100], 'CCI');
  });

  test('a constant series gives 0 (mean deviation 0), also where TA-Lib rounds to ±66.67', () => {
    const bars = barsFromPrices(new Array(30).fill(3.5));
    assert.equal(talib('CCI', bars, { optInTimePeriod: 20 }).outReal[25], 0);
    assert.equal(stream(new CommodityChannelIndex(20), bars).value[25], 0);
    // TA-Lib's plain mean of twenty equal TPs misses them by an ulp here: TP − mean is a rounding
    // error, so is MD, and their ratio is −66.67. Deviations from the newest TP give exactly 0.
    const awkward = barsFromPrices(new Array(30).fill(1234.5678));
    assert.ok(Math.abs(talib('CCI', awkward, { optInTimePeriod: 20 }).outReal[25] + 200 / 3) < 1e-9);
    assert.equal(stream(new CommodityChannelIndex(20), awkward).value[25], 0);
  });

  propertyTests({
    make: () => new CommodityChannelIndex(20),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'invariant' },
  });
});

describe('roc: RateOfChange (fraction, TA-Lib ROCP)', () => {
  for (const period of [10, 3]) {
    test(`equals TA-Lib ROCP on ORCL (period ${period})`, () => {
      const expected = talib('ROCP', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new RateOfChange(period), ORCL).value, expected.outReal, 'ROC');
    });
  }

  test('hand example and a zero base, which gives 0 as TA-Lib', () => {
    // period 2: 8 → 10 → 12: (12 − 8) / 8 = 0.5; 10 → 9: −0.1; then 0 → 6: base 0 gives 0.
    const roc = new RateOfChange(2);
    assert.deepEqual(
      [8, 10, 12, 9, 0, 3, 6].map((x) => roc.update(x)),
      [Number.NaN, Number.NaN, 0.5, -0.1, -1, -2 / 3, 0],
    );
  });

  propertyTests({
    make: () => new RateOfChange(10),
    constant: { value: 0 },
    shift: { value: 'other' },
    scale: { value: 'invariant' },
  });
});

describe('rocp: RateOfChangePercent (TA-Lib ROC)', () => {
  for (const period of [10, 3]) {
    test(`equals TA-Lib ROC on ORCL (period ${period})`, () => {
      const expected = talib('ROC', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new RateOfChangePercent(period), ORCL).value, expected.outReal, 'ROC%');
    });
  }

  test('is 100 × roc', () => {
    const fraction = stream(new RateOfChange(10), ORCL).value;
    assertSeriesClose(
      stream(new RateOfChangePercent(10), ORCL).value,
      fraction.map((v) => 100 * v),
      'ROC%',
      1e-12,
    );
  });

  propertyTests({
    make: () => new RateOfChangePercent(10),
    constant: { value: 0 },
    shift: { value: 'other' },
    scale: { value: 'invariant' },
  });
});

describe('mom: Momentum', () => {
  for (const period of [10, 1]) {
    test(`equals TA-Lib MOM on ORCL (period ${period})`, () => {
      const expected = talib('MOM', ORCL, { optInTimePeriod: period });
      assertSeriesClose(stream(new Momentum(period), ORCL).value, expected.outReal, 'MOM');
    });
  }

  test('hand example: period 2', () => {
    const mom = new Momentum(2);
    assert.deepEqual(
      [8, 10, 12, 9].map((x) => mom.update(x)),
      [Number.NaN, Number.NaN, 4, -1],
    );
  });

  propertyTests({
    make: () => new Momentum(10),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'moves' },
  });
});

describe('ultosc: UltimateOscillator', () => {
  for (const [short, medium, long] of [
    [7, 14, 28],
    [3, 9, 20],
    [5, 5, 5],
  ]) {
    test(`equals TA-Lib ULTOSC on ORCL (${short}, ${medium}, ${long})`, () => {
      const expected = talib('ULTOSC', ORCL, {
        optInTimePeriod1: short,
        optInTimePeriod2: medium,
        optInTimePeriod3: long,
      });
      assertSeriesClose(
        stream(new UltimateOscillator(short, medium, long), ORCL).value,
        expected.outReal,
        'UO',
      );
    });
  }

  test('hand example: periods 1, 2, 3', () => {
    // (high, low, close): (10, 8, 9), (12, 9, 11), (11, 8, 8), (13, 10, 12).
    // Bar 2 (pc 9): BP = 11 − 9 = 2, TR = 12 − 9 = 3. Bar 3 (pc 11): BP = 8 − 8 = 0,
    // TR = 11 − 8 = 3. Bar 4 (pc 8): BP = 12 − 8 = 4, TR = 13 − 8 = 5.
    // A1 = 4/5, A2 = (0 + 4)/(3 + 5) = 1/2, A3 = (2 + 0 + 4)/(3 + 3 + 5) = 6/11.
    // UO = 100 × (4 × 4/5 + 2 × 1/2 + 6/11) / 7 = 100 × (3.2 + 1 + 0.5454…) / 7 = 67.79….
    const bars = [bar(10, 8, 9, 0), bar(12, 9, 11, 1), bar(11, 8, 8, 2), bar(13, 10, 12, 3)];
    const expected = (100 * (4 * 0.8 + 2 * 0.5 + 6 / 11)) / 7;
    assertSeriesClose(
      stream(new UltimateOscillator(1, 2, 3), bars).value,
      [Number.NaN, Number.NaN, Number.NaN, expected],
      'UO',
    );
  });

  test('a constant series gives 0, as TA-Lib (every ΣTR is 0, so every term is left out)', () => {
    const bars = barsFromPrices(new Array(40).fill(12));
    const options = { optInTimePeriod1: 7, optInTimePeriod2: 14, optInTimePeriod3: 28 };
    assert.equal(talib('ULTOSC', bars, options).outReal[35], 0);
    assert.equal(stream(new UltimateOscillator(), bars).value[35], 0);
  });

  test('no drift: after 300,000 bars the running sums still equal the window sums', () => {
    // Prices near 1e5 for 295,000 bars, then a crash to near 0.01: the rounding errors the running
    // sums gathered at the high prices would dwarf the small sums at the end unless they are re-added.
    let s = 12345;
    const random = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    const bars: BarInput[] = [];
    let price = 1e5;
    for (let i = 0; i < 300_000; i++) {
      price = i === 295_000 ? 0.01 : price * (1 + (random() - 0.5) * 0.02);
      const high = price * (1 + random() * 0.05);
      const low = price * (1 - random() * 0.05);
      bars.push(bar(high, low, low + (high - low) * random(), i));
    }
    const indicator = new UltimateOscillator();
    for (const b of bars) indicator.update(b);
    const term = (i: number) => {
      const pc = bars[i - 1].close;
      const low = Math.min(bars[i].low, pc);
      return [bars[i].close - low, Math.max(bars[i].high, pc) - low];
    };
    const average = (n: number) => {
      let a = 0;
      let b = 0;
      for (let i = bars.length - n; i < bars.length; i++) {
        a += term(i)[0];
        b += term(i)[1];
      }
      return a / b;
    };
    const expected = (100 * (4 * average(7) + 2 * average(14) + average(28))) / 7;
    assert.ok(Math.abs(indicator.value - expected) < 1e-9, `${indicator.value} vs ${expected}`);
  });

  test('the periods must be in order', () => {
    assert.throws(() => new UltimateOscillator(14, 7, 28), /short <= medium <= long/);
  });

  propertyTests({
    make: () => new UltimateOscillator(),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'invariant' },
  });
});
