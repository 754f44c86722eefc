import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type BarInput, priceOf } from '../../../src/indicators/core.js';
import { Correlation } from '../../../src/indicators/statistics/correlation.js';
import { statisticsDefinitions } from '../../../src/indicators/statistics/index.js';
import { LinearRegression } from '../../../src/indicators/statistics/linear-regression.js';
import { ZScore } from '../../../src/indicators/statistics/zscore.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { checkProperties, create, talib2 } from '../volatility/checks.js';

const byName = (name: string) => {
  const definition = statisticsDefinitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no definition ${name}`);
  return definition;
};

const near = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y));

/**
 * Ordinary least squares over each window, two-pass (centred sums), x = 0 … n − 1 oldest to latest,
 * as any statistics text defines it (e.g. NIST/SEMATECH e-Handbook, 4.1.4.1).
 */
function naiveRegression(ys: readonly number[], n: number) {
  const out = {
    forecast: [] as number[],
    slope: [] as number[],
    intercept: [] as number[],
    r2: [] as number[],
  };
  ys.forEach((_, i) => {
    if (i + 1 < n) {
      for (const column of Object.values(out)) column.push(Number.NaN);
      return;
    }
    const window = ys.slice(i - n + 1, i + 1);
    const meanX = (n - 1) / 2;
    const meanY = window.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    window.forEach((y, x) => {
      sxy += (x - meanX) * (y - meanY);
      sxx += (x - meanX) ** 2;
      syy += (y - meanY) ** 2;
    });
    const slope = sxy / sxx;
    const intercept = meanY - slope * meanX;
    out.slope.push(slope);
    out.intercept.push(intercept);
    out.forecast.push(intercept + slope * (n - 1));
    out.r2.push(syy === 0 ? 0 : (sxy * sxy) / (sxx * syy));
  });
  return out;
}

describe('linreg (LinearRegression)', () => {
  const definition = byName('linreg');

  test('equals TA-Lib LINEARREG / _SLOPE / _INTERCEPT on ORCL (close/14 and hl2/30)', () => {
    for (const [period, source] of [
      [14, 'close'],
      [30, 'hl2'],
    ] as const) {
      const ours = stream(create(definition, { period, source }), ORCL);
      const prices = ORCL.map((b) => priceOf(b, source));
      const options = { optInTimePeriod: period };
      const label = `LINEARREG ${period} ${source}`;
      assertSeriesClose(ours.forecast, talib('LINEARREG', ORCL, options, prices).outReal, label);
      assertSeriesClose(
        ours.slope,
        talib('LINEARREG_SLOPE', ORCL, options, prices).outReal,
        `${label} slope`,
      );
      assertSeriesClose(
        ours.intercept,
        talib('LINEARREG_INTERCEPT', ORCL, options, prices).outReal,
        `${label} intercept`,
      );
      // r2 is the squared correlation of the inputs with time. TA-Lib's CORREL keeps raw running sums
      // of x = bar index (up to 5,036² per term), hence the looser tolerance for this cross-check.
      const correl = talib2(
        'CORREL',
        prices.map((_, i) => i),
        prices,
        options,
      );
      assertSeriesClose(
        ours.r2,
        correl.map((r) => r * r),
        `${label} r2 vs CORREL²`,
        1e-7,
      );
      const naive = naiveRegression(prices, period);
      for (const name of ['forecast', 'slope', 'intercept', 'r2'] as const) {
        assertSeriesClose(ours[name], naive[name], `${label} ${name} vs naive`);
      }
    }
  });

  test('hand example (period 3)', () => {
    const lr = new LinearRegression(3);
    assert.ok(Number.isNaN(lr.update(1)));
    assert.ok(Number.isNaN(lr.update(2)));
    // y = 1 2 4 at x = 0 1 2: x̄ = 1, ȳ = 7/3, Sxy = (−1)(−4/3) + (1)(5/3) = 3, Sxx = 2
    lr.update(4);
    assert.ok(near(lr.slope, 1.5)); // 3 / 2
    assert.ok(near(lr.intercept, 5 / 6)); // 7/3 − 1.5 × 1
    assert.ok(near(lr.forecast, 23 / 6)); // 5/6 + 1.5 × 2
    assert.ok(near(lr.r2, 27 / 28)); // Syy = 16/9 + 1/9 + 25/9 = 14/3; 3² / (2 × 14/3)
    // y = 2 4 4: ȳ = 10/3, Sxy = (−1)(−4/3) + (1)(2/3) = 2, slope 1, Syy = 16/9 + 4/9 + 4/9 = 8/3
    lr.update(4);
    assert.ok(near(lr.slope, 1));
    assert.ok(near(lr.intercept, 7 / 3));
    assert.ok(near(lr.forecast, 13 / 3));
    assert.ok(near(lr.r2, 3 / 4)); // 2² / (2 × 8/3)
  });

  test('property: equals the naive fit; a long trending run does not drift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }),
        (period, cents) => {
          const ys = cents.map((c) => 1000 + c / 100);
          const lr = new LinearRegression(period);
          const ours = {
            forecast: [] as number[],
            slope: [] as number[],
            intercept: [] as number[],
            r2: [] as number[],
          };
          for (const y of ys) {
            lr.update(y);
            ours.forecast.push(lr.forecast);
            ours.slope.push(lr.slope);
            ours.intercept.push(lr.intercept);
            ours.r2.push(lr.r2);
          }
          const naive = naiveRegression(ys, period);
          for (const name of ['forecast', 'slope', 'intercept', 'r2'] as const) {
            assertSeriesClose(ours[name], naive[name], name, 1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
    const ys = Array.from({ length: 300_000 }, (_, i) => 50 + i * 0.37 + Math.sin(i) * 3);
    const lr = new LinearRegression(20);
    const forecast = ys.map((y) => lr.update(y));
    assertSeriesClose(
      forecast.slice(-1000),
      naiveRegression(ys, 20).forecast.slice(-1000),
      'long run',
      1e-12,
    );
  });

  test('period must be at least 2', () => {
    assert.throws(() => new LinearRegression(1), RangeError);
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { forecast: 'shift', slope: 'same', intercept: 'shift', r2: 'same' },
      constant: { forecast: 'constant', slope: 0, intercept: 'constant', r2: 0 },
    });
  });
});

describe('correl (Correlation)', () => {
  const definition = byName('correl');

  test('equals TA-Lib CORREL on ORCL (high/low over 20, close/volume over 30)', () => {
    for (const [period, a, b] of [
      [20, 'high', 'low'],
      [30, 'close', 'volume'],
    ] as const) {
      const ours = stream(create(definition, { period, a, b }), ORCL);
      const ref = talib2(
        'CORREL',
        ORCL.map((bar) => bar[a]),
        ORCL.map((bar) => bar[b]),
        { optInTimePeriod: period },
      );
      assertSeriesClose(ours.value, ref, `CORREL ${period} ${a} ${b}`);
    }
  });

  test('hand example (period 3)', () => {
    const correl = new Correlation(3, 'high', 'low');
    const bar = (high: number, low: number): BarInput => ({
      open: 0,
      high,
      low,
      close: 0,
      volume: 0,
      tsEvent: 0,
    });
    correl.update(bar(1, 2));
    assert.ok(Number.isNaN(correl.update(bar(2, 4))));
    // a = 1 2 3, b = 2 4 7: ā = 2, b̄ = 13/3, Sab = (−1)(−7/3) + (1)(8/3) = 5, Saa = 2,
    // Sbb = 49/9 + 1/9 + 64/9 = 38/3, r = 5 / √(2 × 38/3)
    assert.ok(near(correl.update(bar(3, 7)), 5 / Math.sqrt(76 / 3)));
    // a = 2 3 4, b = 4 7 1: ā = 3, b̄ = 4, Sab = (−1)(0) + (1)(−3) = −3, Saa = 2, Sbb = 0 + 9 + 9 = 18
    assert.ok(near(correl.update(bar(4, 1)), -3 / Math.sqrt(36))); // −0.5
    // b constant over the window: r = 0 (TA-Lib's value) although a moves
    for (let i = 0; i < 3; i++) correl.update(bar(10 + i * i, 5));
    assert.equal(correl.value, 0);
  });

  test('unknown fields are rejected', () => {
    assert.throws(() => definition.parameters.parse({ a: 'hl2' }));
    assert.throws(() => new Correlation(20, 'hl2' as 'high'), RangeError);
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { value: 'same' },
      constant: { value: 0 },
    });
  });
});

/** z = (x − mean) / σ over the window, two-pass, population σ (divisor n). */
function naiveZScore(values: readonly number[], n: number): number[] {
  return values.map((x, i) => {
    if (i + 1 < n) return Number.NaN;
    const window = values.slice(i - n + 1, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / n;
    const sigma = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    return sigma === 0 ? 0 : (x - mean) / sigma;
  });
}

describe('zscore (ZScore)', () => {
  const definition = byName('zscore');

  test('hand example: 9 in 2 4 4 4 5 5 7 9 (mean 5, σ 2) has z = 2', () => {
    const z = new ZScore(8);
    for (const x of [2, 4, 4, 4, 5, 5, 7]) assert.ok(Number.isNaN(z.update(x)));
    assert.equal(z.update(9), 2); // (9 − 5) / 2
    // 4 4 4 5 5 7 9 1: mean 39/8, Σ(x − mean)² = Σx² − 8 × mean² = 229 − 1521/8 = 311/8
    assert.ok(near(z.update(1), (1 - 39 / 8) / Math.sqrt(311 / 64)));
  });

  test('equals the naive definition on ORCL (close/20 and hlc3/50)', () => {
    for (const [period, source] of [
      [20, 'close'],
      [50, 'hlc3'],
    ] as const) {
      const ours = stream(create(definition, { period, source }), ORCL);
      const ref = naiveZScore(
        ORCL.map((b) => priceOf(b, source)),
        period,
      );
      assertSeriesClose(ours.value, ref, `ZSCORE ${period} ${source}`);
    }
  });

  test('a window of equal inputs after moving prices gives exactly 0', () => {
    const z = new ZScore(4);
    for (const x of [3.3, 1.7, 9.1, 4.2, 0.1, 0.1, 0.1, 0.1]) z.update(x);
    assert.equal(z.value, 0);
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { value: 'same' },
      constant: { value: 0 },
    });
  });
});
