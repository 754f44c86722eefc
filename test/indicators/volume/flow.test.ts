import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { BarInput } from '../../../src/indicators/core.js';
import { ChaikinMoneyFlow } from '../../../src/indicators/volume/cmf.js';
import { ElderForceIndex } from '../../../src/indicators/volume/efi.js';
import { EaseOfMovement } from '../../../src/indicators/volume/eom.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { arbitraryBars, assertScaledClose, barsOf, propertyTests } from '../trend/properties.js';

const nan = Number.NaN;

/** StockCharts ChartSchool "Chaikin Money Flow": Σ(MFM·V)/ΣV over the window, MFM 0 when H = L. */
function naiveCmf(bars: readonly BarInput[], period: number): number[] {
  const mfm = (b: BarInput) =>
    b.high === b.low ? 0 : (b.close - b.low - (b.high - b.close)) / (b.high - b.low);
  return bars.map((_, i) => {
    if (i + 1 < period) return nan;
    let flow = 0;
    let volume = 0;
    for (let j = i + 1 - period; j <= i; j++) {
      flow += mfm(bars[j]) * bars[j].volume;
      volume += bars[j].volume;
    }
    return volume === 0 ? 0 : flow / volume;
  });
}

/**
 * Elder, Trading for a Living (1993): force = ΔC · V, smoothed by an EMA (α = 2/(n+1)) seeded with the
 * mean of its first n values, written in the textbook form α·x + (1 − α)·EMA.
 */
function naiveEfi(bars: readonly BarInput[], period: number): number[] {
  const alpha = 2 / (period + 1);
  const force = bars.map((b, i) => (i === 0 ? nan : (b.close - bars[i - 1].close) * b.volume));
  const out: number[] = [];
  let ema = nan;
  force.forEach((f, i) => {
    if (i === period) ema = force.slice(1, period + 1).reduce((s, x) => s + x, 0) / period;
    else if (i > period) ema = alpha * f + (1 - alpha) * ema;
    out.push(ema);
  });
  return out;
}

/** StockCharts ChartSchool "Ease of Movement" (Arms): SMA of distance / box ratio. */
function naiveEom(bars: readonly BarInput[], period: number, divisor: number): number[] {
  const emv = bars.map((b, i) => {
    if (i === 0) return nan;
    const p = bars[i - 1];
    if (b.high === b.low || b.volume === 0) return 0;
    return ((b.high + b.low) / 2 - (p.high + p.low) / 2) / (b.volume / divisor / (b.high - b.low));
  });
  return emv.map((_, i) =>
    i < period ? nan : emv.slice(i + 1 - period, i + 1).reduce((s, x) => s + x, 0) / period,
  );
}

describe('cmf', () => {
  for (const period of [20, 7]) {
    test(`equals the naive window ratio on ORCL (period ${period})`, () => {
      assertSeriesClose(stream(new ChaikinMoneyFlow(period), ORCL).value, naiveCmf(ORCL, period), 'cmf');
    });
  }

  test('property: equals the naive window ratio on random bars (flat bars, zero volumes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), arbitraryBars(1, 80), (period, bars) => {
        assertSeriesClose(stream(new ChaikinMoneyFlow(period), bars).value, naiveCmf(bars, period), 'cmf');
      }),
      { numRuns: 300 },
    );
  });

  test('hand example (period 2), and a window without volume gives 0', () => {
    // MFM·V: b1 ((9.5 − 8) − (10 − 9.5))/2 · 100 = 50; b2 H = L → 0; b3 ((9 − 9) − (12 − 9))/3 · 300 = −300.
    // b2: (50 + 0)/(100 + 500) = 0.08333…; b3: (0 − 300)/(500 + 300) = −0.375.
    // b4, b5 have no volume: b4 (−300 + 0)/300 = −1; b5 window without volume → 0.
    const bars = barsOf([
      [10, 8, 9.5, 100],
      [10, 10, 10, 500],
      [12, 9, 9, 300],
      [12, 9, 11, 0],
      [12, 9, 11, 0],
    ]);
    assertSeriesClose(stream(new ChaikinMoneyFlow(2), bars).value, [nan, 50 / 600, -0.375, -1, 0], 'cmf');
  });

  propertyTests('cmf(20)', () => new ChaikinMoneyFlow(20), ORCL.slice(0, 3000), {
    invariantOutputs: ['value'],
    constant: { value: 0 }, // H = L: MFM 0
  });
});

describe('efi', () => {
  for (const period of [13, 2]) {
    test(`equals the naive EMA of force on ORCL (period ${period})`, () => {
      assertScaledClose(stream(new ElderForceIndex(period), ORCL).value, naiveEfi(ORCL, period), 'efi');
    });
  }

  test('hand example (period 2): EMA seeded with the mean of the first 2 forces', () => {
    // Closes 10, 11, 10, 12; volumes 5, 100, 200, 50 → forces b2 +100, b3 −200, b4 +100.
    // b3: seed (100 − 200)/2 = −50; b4: −50 + 2/3 · (100 − (−50)) = 50.
    const bars = barsOf([
      [10, 10, 10, 5],
      [11, 11, 11, 100],
      [10, 10, 10, 200],
      [12, 12, 12, 50],
    ]);
    assertSeriesClose(stream(new ElderForceIndex(2), bars).value, [nan, nan, -50, 50], 'efi');
  });

  propertyTests('efi(13)', () => new ElderForceIndex(13), ORCL.slice(0, 600), {
    invariantOutputs: ['value'],
    constant: { value: 0 },
  });
});

describe('eom', () => {
  for (const [period, divisor] of [
    [14, 100_000_000],
    [5, 10_000],
  ]) {
    test(`equals the naive SMA of EMV on ORCL (${period}, ${divisor})`, () => {
      const actual = stream(new EaseOfMovement(period, divisor), ORCL).value;
      assertScaledClose(actual, naiveEom(ORCL, period, divisor), 'eom');
    });
  }

  test('property: equals the naive definition on random bars (flat bars, zero volumes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), arbitraryBars(1, 80), (period, bars) => {
        assertScaledClose(
          stream(new EaseOfMovement(period, 100), bars).value,
          naiveEom(bars, period, 100),
          'eom',
        );
      }),
      { numRuns: 300 },
    );
  });

  test('hand example (period 2, divisor 100): H = L and zero volume contribute 0', () => {
    // mids 9, 11, 12, 13, 14.
    // b2: distance 2, box (200/100)/2 = 1 → EMV 2; b3: H = L → 0; b4: volume 0 → 0;
    // b5: distance 1, box (400/100)/2 = 2 → 0.5. SMA(2): b3 1, b4 0, b5 0.25.
    const bars = barsOf([
      [10, 8, 9, 100],
      [12, 10, 11, 200],
      [12, 12, 12, 300],
      [14, 12, 13, 0],
      [15, 13, 14, 400],
    ]);
    assertSeriesClose(stream(new EaseOfMovement(2, 100), bars).value, [nan, nan, 1, 0, 0.25], 'eom');
  });

  propertyTests('eom(14)', () => new EaseOfMovement(14), ORCL.slice(0, 600), {
    invariantOutputs: ['value'],
    constant: { value: 0 },
  });

  test('parameters are checked', () => {
    assert.throws(() => new EaseOfMovement(14, 0), RangeError);
    assert.throws(() => new ElderForceIndex(0), RangeError);
    assert.throws(() => new ChaikinMoneyFlow(0), RangeError);
  });
});
