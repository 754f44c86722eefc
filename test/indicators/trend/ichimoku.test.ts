import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { BarInput } from '../../../src/indicators/core.js';
import { Ichimoku } from '../../../src/indicators/trend/ichimoku.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { arbitraryBars, barsOf, firstValueIndex, propertyTests } from './properties.js';

/**
 * Straight from the definition (Hosoda; StockCharts ChartSchool "Ichimoku Cloud"), values at the
 * current bar, nothing shifted: mid(n) = (max of the last n highs + min of the last n lows) / 2.
 */
function naiveIchimoku(bars: readonly BarInput[], tenkan: number, kijun: number, senkouB: number) {
  const mid = (i: number, n: number): number => {
    if (i + 1 < n) return Number.NaN;
    const window = bars.slice(i + 1 - n, i + 1);
    return (Math.max(...window.map((b) => b.high)) + Math.min(...window.map((b) => b.low))) / 2;
  };
  const out = { tenkan: [] as number[], kijun: [] as number[], spanA: [] as number[], spanB: [] as number[] };
  bars.forEach((_, i) => {
    out.tenkan.push(mid(i, tenkan));
    out.kijun.push(mid(i, kijun));
    out.spanA.push((mid(i, tenkan) + mid(i, kijun)) / 2);
    out.spanB.push(mid(i, senkouB));
  });
  return out;
}

describe('ichimoku', () => {
  for (const [tenkan, kijun, senkouB] of [
    [9, 26, 52],
    [7, 22, 44],
    [30, 10, 5], // unusual order: spanA then waits for the longer of tenkan and kijun
  ]) {
    test(`equals the naive definition on ORCL (${tenkan}, ${kijun}, ${senkouB})`, () => {
      const actual = stream(new Ichimoku(tenkan, kijun, senkouB, 26), ORCL);
      const expected = naiveIchimoku(ORCL, tenkan, kijun, senkouB);
      for (const name of ['tenkan', 'kijun', 'spanA', 'spanB'] as const) {
        assertSeriesClose(actual[name], expected[name], name, 0);
      }
      assert.deepEqual(
        actual.chikou,
        ORCL.map((b) => b.close),
      );
    });
  }

  test('property: equals the naive definition on random bars', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        arbitraryBars(1, 60),
        (tenkan, kijun, senkouB, bars) => {
          const actual = stream(new Ichimoku(tenkan, kijun, senkouB, 26), bars);
          const expected = naiveIchimoku(bars, tenkan, kijun, senkouB);
          for (const name of ['tenkan', 'kijun', 'spanA', 'spanB'] as const) {
            assertSeriesClose(actual[name], expected[name], name, 0);
          }
        },
      ),
    );
  });

  test('hand example (2, 3, 4): values at the current bar, nothing shifted', () => {
    // H/L: (10, 8) (12, 9) (11, 7) (13, 10) (9, 6).
    // tenkan(2): bar 2 (12 + 8)/2 = 10; bar 3 (12 + 7)/2 = 9.5; bar 4 (13 + 7)/2 = 10; bar 5 (13 + 6)/2 = 9.5
    // kijun(3):  bar 3 (12 + 7)/2 = 9.5; bar 4 (13 + 7)/2 = 10; bar 5 (13 + 6)/2 = 9.5
    // spanA = (tenkan + kijun)/2: 9.5, 10, 9.5; spanB(4): bar 4 (13 + 7)/2 = 10; bar 5 (13 + 6)/2 = 9.5
    const bars = barsOf([
      [10, 8, 9],
      [12, 9, 11],
      [11, 7, 8],
      [13, 10, 12],
      [9, 6, 7],
    ]);
    const nan = Number.NaN;
    const out = stream(new Ichimoku(2, 3, 4, 26), bars);
    assertSeriesClose(out.tenkan, [nan, 10, 9.5, 10, 9.5], 'tenkan', 0);
    assertSeriesClose(out.kijun, [nan, nan, 9.5, 10, 9.5], 'kijun', 0);
    assertSeriesClose(out.spanA, [nan, nan, 9.5, 10, 9.5], 'spanA', 0);
    assertSeriesClose(out.spanB, [nan, nan, nan, 10, 9.5], 'spanB', 0);
    assertSeriesClose(out.chikou, [9, 11, 8, 12, 7], 'chikou', 0);
  });

  test('each output appears as soon as its window is full; displacement changes no value', () => {
    const out = stream(new Ichimoku(), ORCL);
    assert.equal(firstValueIndex(out.tenkan), 8);
    assert.equal(firstValueIndex(out.kijun), 25);
    assert.equal(firstValueIndex(out.spanA), 25);
    assert.equal(firstValueIndex(out.spanB), 51);
    assert.equal(firstValueIndex(out.chikou), 0);
    const shifted = stream(new Ichimoku(9, 26, 52, 30), ORCL);
    assert.deepEqual(shifted, out);
    assert.equal(new Ichimoku(9, 26, 52, 30).displacement, 30);
  });

  propertyTests('ichimoku(9, 26, 52)', () => new Ichimoku(), ORCL.slice(0, 600), {
    priceOutputs: ['tenkan', 'kijun', 'spanA', 'spanB', 'chikou'],
    constant: { tenkan: 50, kijun: 50, spanA: 50, spanB: 50, chikou: 50 },
  });

  test('periods are checked', () => {
    assert.throws(() => new Ichimoku(0), RangeError);
    assert.throws(() => new Ichimoku(9, 26, 52, -1), RangeError);
    assert.doesNotThrow(() => new Ichimoku(9, 26, 52, 0));
  });
});
