/**
 * The averages TA-Lib has, against TA-Lib 0.4.0 on 5,036 real ORCL daily bars (default and
 * non-default parameters) and on random walks (fast-check), to 1e-9 relative with the same warm-up.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { averageDefinitions } from '../../../src/indicators/averages/index.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';

function create(name: string, params: Record<string, unknown> = {}): Indicator {
  const definition = averageDefinitions.find((d) => d.name === name);
  assert.ok(definition, name);
  return definition.create(definition.parameters.parse(params));
}

/** [our name, TA-Lib function, default period, a non-default period] */
const CASES: ReadonlyArray<readonly [string, string, number, number]> = [
  ['sma', 'SMA', 20, 7],
  ['ema', 'EMA', 20, 9],
  ['wma', 'WMA', 20, 7],
  ['dema', 'DEMA', 20, 5],
  ['tema', 'TEMA', 20, 8],
  ['trima', 'TRIMA', 20, 7],
  ['kama', 'KAMA', 10, 21],
];

describe('averages equal TA-Lib 0.4.0 on ORCL', () => {
  for (const [name, ta, defaultPeriod, otherPeriod] of CASES) {
    for (const period of [defaultPeriod, otherPeriod]) {
      test(`${name}(${period}) = TA-Lib ${ta}`, () => {
        const indicator = create(name, { period });
        const expected = talib(ta, ORCL, { optInTimePeriod: period }).outReal;
        assertSeriesClose(stream(indicator, ORCL).value, expected, `${name}(${period})`);
        // TA-Lib's first value is at index `warmup`.
        assert.ok(Number.isNaN(expected[indicator.warmup - 1] ?? Number.NaN));
        assert.ok(!Number.isNaN(expected[indicator.warmup]));
      });
    }
  }

  test('the default periods are the ones compared above', () => {
    for (const [name, , defaultPeriod] of CASES) {
      const definition = averageDefinitions.find((d) => d.name === name);
      assert.equal(definition?.parameters.parse({}).period, defaultPeriod, name);
    }
  });

  test('trima: odd and even periods (TA-Lib splits them differently)', () => {
    for (const period of [2, 3, 4, 5, 10, 11, 30, 31]) {
      const expected = talib('TRIMA', ORCL, { optInTimePeriod: period }).outReal;
      assertSeriesClose(stream(create('trima', { period }), ORCL).value, expected, `trima(${period})`);
    }
  });

  test('source: ema of the high equals TA-Lib EMA fed the highs', () => {
    const highs = ORCL.map((b) => b.high);
    const expected = talib('EMA', ORCL, { optInTimePeriod: 12 }, highs).outReal;
    assertSeriesClose(
      stream(create('ema', { period: 12, source: 'high' }), ORCL).value,
      expected,
      'ema(high)',
    );
  });

  test('smma = the Wilder smoothing inside TA-Lib ATR (bars whose true range is the price)', () => {
    // With high = p, low = 0 and close = 0, every true range from the second bar on is p, so TA-Lib's
    // ATR(n) at bar t is Wilder's SMMA(n) of the prices from bar 1 to t.
    const bars: BarInput[] = ORCL.map((b) => ({ ...b, high: b.close, low: 0, close: 0 }));
    const prices = ORCL.slice(1);
    for (const period of [14, 5]) {
      const atr = talib('ATR', bars, { optInTimePeriod: period }).outReal.slice(1);
      assertSeriesClose(stream(create('smma', { period }), prices).value, atr, `smma(${period})`);
    }
  });
});

/** A random walk of positive closes as bars. */
const walk = fc
  .array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 1, maxLength: 300, size: 'max' })
  .map((steps) => {
    let price = 100;
    return steps.map((r, i): BarInput => {
      price = Math.round(price * (1 + r) * 100) / 100 || 0.01;
      return { open: price, high: price, low: price, close: price, volume: 1, tsEvent: i };
    });
  });

describe('averages equal TA-Lib 0.4.0 on random walks (property)', () => {
  for (const [name, ta] of CASES) {
    test(`${name} = TA-Lib ${ta}`, () => {
      fc.assert(
        fc.property(walk, fc.integer({ min: 2, max: 40 }), (bars, period) => {
          const expected = talib(ta, bars, { optInTimePeriod: period }).outReal;
          assertSeriesClose(stream(create(name, { period }), bars).value, expected, `${name}(${period})`);
        }),
        { numRuns: 150 },
      );
    });
  }

  test('kama on flat stretches (sum of changes 0: efficiency ratio 1, as TA-Lib)', () => {
    const prices = [10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 10, 12, 12, 12, 12, 12, 12];
    const bars = prices.map((p, i) => ({ open: p, high: p, low: p, close: p, volume: 1, tsEvent: i }));
    for (const period of [2, 3, 5]) {
      const expected = talib('KAMA', bars, { optInTimePeriod: period }).outReal;
      assertSeriesClose(stream(create('kama', { period }), bars).value, expected, `kama(${period})`, 0);
    }
  });
});
