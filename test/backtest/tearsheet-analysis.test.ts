/**
 * The tearsheet's pure computations: monthly returns, rolling risk, histogram bins, percentiles,
 * the benchmark's scaling, beta/alpha/correlation and drawdown periods.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '../../src/analytics/statistics/random.js';
import { quantileSorted as quantile } from '../../src/analytics/statistics/sample.js';
import type { EquityCurve } from '../../src/backtest/result-types.js';
import { computeStatistics, dailyEquity } from '../../src/backtest/statistics.js';
import { chooseBenchmark, scaleToCapital } from '../../src/backtest/tearsheet/analysis/benchmark.js';
import { drawdownPeriods, worstDrawdowns } from '../../src/backtest/tearsheet/analysis/drawdown-periods.js';
import { binOf, histogram } from '../../src/backtest/tearsheet/analysis/histogram.js';
import { monthlyReturns } from '../../src/backtest/tearsheet/analysis/monthly-returns.js';
import { pairedReturns, relativeStatistics } from '../../src/backtest/tearsheet/analysis/relative.js';
import { ROLLING_WINDOW_DAYS, rollingRisk } from '../../src/backtest/tearsheet/analysis/rolling.js';
import type { TearsheetInput } from '../../src/backtest/tearsheet/index.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, microsFromDate } from '../../src/model/time.js';

/** A curve from `[date, hour, equity]` samples. */
function curve(samples: readonly (readonly [string, number, number])[]): EquityCurve {
  return {
    time: samples.map(([d, h]) => microsFromDate(d) + h * MICROS_PER_HOUR),
    equity: samples.map(([, , e]) => e),
    inMarket: samples.map(() => 1),
  };
}

/** `days` weekday dates from 2021-01-04 with equity from a seeded random walk. */
function randomCurve(days: number, seed: number, start = 100_000): EquityCurve {
  const next = mulberry32(seed);
  const time: number[] = [];
  const equity: number[] = [];
  let t = microsFromDate('2021-01-04') + 21 * MICROS_PER_HOUR;
  let e = start;
  while (time.length < days) {
    const weekday = new Date(t / 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      e *= 1 + (next() - 0.48) * 0.03;
      time.push(t);
      equity.push(e);
    }
    t += MICROS_PER_DAY;
  }
  return { time, equity, inMarket: time.map(() => 1) };
}

describe('monthlyReturns', () => {
  // Across 2021 → 2022, several samples a day (the last counts), February 2022 without data.
  const equity = curve([
    ['2021-11-15', 15, 101_000],
    ['2021-11-30', 15, 101_500],
    ['2021-11-30', 21, 102_000],
    ['2021-12-15', 21, 99_000],
    ['2021-12-31', 21, 100_980],
    ['2022-01-10', 21, 104_000],
    ['2022-01-31', 21, 103_000],
    ['2022-03-01', 21, 90_000],
    ['2022-03-31', 14, 97_000],
    ['2022-03-31', 21, 97_850],
  ]);
  const years = monthlyReturns(dailyEquity(equity, 100_000), 100_000);

  test('month-end over previous month-end, the first month from the initial capital', () => {
    assert.deepEqual(
      years.map((y) => y.year),
      [2021, 2022],
    );
    const [y2021, y2022] = years;
    assert.deepEqual(y2021.months, [
      ...new Array(10).fill(null),
      102_000 / 100_000 - 1, // 0.02
      100_980 / 102_000 - 1, // -0.01
    ]);
    assert.ok(Math.abs((y2021.months[10] ?? 0) - 0.02) < 1e-15);
    assert.ok(Math.abs((y2021.months[11] ?? 0) + 0.01) < 1e-15);
    assert.deepEqual(y2022.months, [
      103_000 / 100_980 - 1,
      null, // no data in February
      97_850 / 103_000 - 1, // -0.05 over the gap from January's end
      ...new Array(9).fill(null),
    ]);
    assert.ok(Math.abs((y2022.months[2] ?? 0) + 0.05) < 1e-15);
  });

  test('the year column compounds its months', () => {
    const [y2021, y2022] = years;
    assert.equal(y2021.total, 100_980 / 100_000 - 1);
    assert.ok(Math.abs((y2021.total ?? 0) - 0.0098) < 1e-15);
    assert.equal(y2022.total, 97_850 / 100_980 - 1);
    for (const y of years) {
      const compounded = y.months.reduce<number>((g, r) => g * (1 + (r ?? 0)), 1) - 1;
      assert.ok(Math.abs(compounded - (y.total ?? 0)) < 1e-12);
    }
  });

  test('a year without data in between is an empty row; no data gives no rows', () => {
    const gap = monthlyReturns(
      dailyEquity(
        curve([
          ['2019-12-31', 21, 110],
          ['2021-01-29', 21, 121],
        ]),
        100,
      ),
      100,
    );
    assert.deepEqual(
      gap.map((y) => [y.year, y.total]),
      [
        [2019, 110 / 100 - 1],
        [2020, null],
        [2021, 121 / 110 - 1],
      ],
    );
    assert.ok(gap[1].months.every((m) => m === null));
    assert.deepEqual(monthlyReturns(dailyEquity({ time: [], equity: [], inMarket: [] }, 1), 1), []);
  });
});

describe('rollingRisk', () => {
  const daily = dailyEquity(randomCurve(300, 5), 100_000);

  test('equals a direct computation over the window at several points', () => {
    const window = 40;
    const rolling = rollingRisk(daily, window);
    assert.equal(rolling.time.length, daily.returns.length - window + 1);
    for (const k of [0, 1, 57, 180, rolling.time.length - 1]) {
      const r = daily.returns.slice(k, k + window);
      const m = r.reduce((a, b) => a + b, 0) / window;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (window - 1));
      assert.ok(Math.abs(rolling.volatility[k] - sd * Math.sqrt(252)) < 1e-12, `vol at ${k}`);
      assert.ok(Math.abs(rolling.sharpe[k] - (m / sd) * Math.sqrt(252)) < 1e-9, `sharpe at ${k}`);
      assert.equal(rolling.time[k], daily.days[k + window - 1] * MICROS_PER_DAY);
    }
  });

  test('the whole run as one window matches the run statistics', () => {
    const c = randomCurve(ROLLING_WINDOW_DAYS, 9);
    const stats = computeStatistics({
      equity: c,
      trades: [],
      fills: [],
      initialCapital: 100_000,
      currencyPrecision: 2,
    });
    const rolling = rollingRisk(dailyEquity(c, 100_000));
    assert.equal(rolling.time.length, 1);
    assert.ok(Math.abs(rolling.volatility[0] - (stats.volatility ?? 0)) < 1e-12);
    assert.ok(Math.abs(rolling.sharpe[0] - (stats.sharpe ?? 0)) < 1e-9);
  });

  test('fewer returns than the window: nothing; a flat window has no Sharpe', () => {
    assert.equal(rollingRisk(daily, 301).time.length, 0);
    const flat = dailyEquity(
      { time: [1, 2, 3].map((d) => d * MICROS_PER_DAY), equity: [5, 5, 5], inMarket: [1, 1, 1] },
      5,
    );
    const r = rollingRisk(flat, 3);
    assert.equal(r.volatility[0], 0);
    assert.ok(Number.isNaN(r.sharpe[0]));
  });
});

describe('histogram', () => {
  test('every value falls in exactly one bin, and the counts say so', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -500, max: 500 })),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        fc.integer({ min: 1, max: 60 }),
        (values, target) => {
          const h = histogram(values, target);
          assert.equal(h.counts.length, h.edges.length - 1);
          assert.equal(
            h.counts.reduce((a, b) => a + b, 0),
            values.length,
          );
          for (let k = 1; k < h.edges.length; k++) assert.ok(h.edges[k] >= h.edges[k - 1]);
          const tally = new Array<number>(h.counts.length).fill(0);
          const last = h.counts.length - 1;
          for (const v of values) {
            const homes = h.counts
              .map((_, k) => k)
              .filter((k) => v >= h.edges[k] && (v < h.edges[k + 1] || (k === last && v <= h.edges[k + 1])));
            assert.equal(homes.length, 1, `${v} in bins ${homes} of ${h.edges}`);
            assert.equal(binOf(h.edges, v), homes[0]);
            tally[homes[0]]++;
          }
          assert.deepEqual(tally, h.counts);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('edges are nice multiples with 0 among them', () => {
    const h = histogram([-143.03, -58.58, -16.47, 50.03, 184.5], 17);
    assert.equal(h.step, 20);
    assert.equal(h.edges[0], -160);
    assert.equal(h.edges[h.edges.length - 1], 200);
    assert.ok(h.edges.includes(0));
    assert.deepEqual(histogram([], 10), { edges: [], counts: [], step: 0 });
    assert.deepEqual(
      histogram([7, 7], 5).counts.reduce((a, b) => a + b, 0),
      2,
    );
  });

  test('quantile interpolates between the closest ranks', () => {
    const s = [1, 2, 3, 4, 10];
    assert.equal(quantile(s, 0), 1);
    assert.equal(quantile(s, 0.5), 3);
    assert.equal(quantile(s, 0.9), 4 + (4 * 0.9 - 3) * (10 - 4));
    assert.equal(quantile(s, 1), 10);
    assert.equal(quantile([42], 0.25), 42);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });
});

describe('benchmark', () => {
  const base: TearsheetInput = {
    title: 't',
    statistics: computeStatistics({
      equity: { time: [1, 2, 3], equity: [1000, 1010, 990], inMarket: [1, 1, 1] },
      trades: [],
      fills: [],
      initialCapital: 1000,
      currencyPrecision: 2,
    }),
    equity: { time: [1, 2, 3], equity: [1000, 1010, 990], inMarket: [1, 1, 1] },
    prices: { instrumentId: 'ACME.X', time: [1, 2, 3], close: [50, 55, 45] },
    fills: [],
    trades: [],
    parameters: {},
    currency: 'USD',
  };

  test('default: buy-and-hold of the close, scaled to start at the initial capital', () => {
    const { benchmark } = chooseBenchmark(base);
    assert.ok(benchmark);
    assert.equal(benchmark.name, 'Buy and hold ACME.X');
    assert.deepEqual(benchmark.curve.time, [1, 2, 3]);
    assert.equal(benchmark.curve.equity[0], 1000);
    assert.ok(Math.abs(benchmark.curve.equity[1] - 1100) < 1e-9);
    assert.ok(Math.abs(benchmark.curve.equity[2] - 900) < 1e-9);
  });

  test('an input benchmark in any unit is rescaled the same way; unusable ones are explained', () => {
    const given = chooseBenchmark({
      ...base,
      benchmark: { name: 'Index', time: [1, 2, 3], value: [4000, 4400, 3600] },
    });
    assert.equal(given.benchmark?.name, 'Index');
    assert.deepEqual(
      given.benchmark?.curve.equity.map((v) => Math.round(v * 1e6) / 1e6),
      [1000, 1100, 900],
    );
    const bad = chooseBenchmark({ ...base, benchmark: { name: 'Broken', time: [1, 2], value: [0, 5] } });
    assert.equal(bad.benchmark, null);
    assert.match(bad.note ?? '', /Broken/);
    assert.equal(
      chooseBenchmark({ ...base, prices: { instrumentId: 'X', time: [], close: [] } }).benchmark,
      null,
    );
    assert.equal(scaleToCapital([1, 2, 3], [Number.NaN, 2, 3], 10)?.equity[0], 10, 'skips non-finite');
    assert.equal(scaleToCapital([2, 1], [1, 1], 10), null, 'time must not go backwards');
  });
});

describe('relativeStatistics', () => {
  test('r_s = 2 r_b + 0.001 gives beta 2, alpha 0.001·252, correlation 1', () => {
    const next = mulberry32(3);
    const days = Array.from({ length: 60 }, (_, i) => 19_000 + i);
    const bench = [100];
    const strat = [100];
    for (let i = 1; i < days.length; i++) {
      const rb = (next() - 0.5) * 0.04;
      bench.push(bench[i - 1] * (1 + rb));
      strat.push(strat[i - 1] * (1 + 2 * rb + 0.001));
    }
    const rel = relativeStatistics({ days, equity: strat }, { days, equity: bench });
    assert.equal(rel.pairs, 59);
    assert.ok(Math.abs((rel.beta ?? 0) - 2) < 1e-9);
    assert.ok(Math.abs((rel.alpha ?? 0) - 0.252) < 1e-9);
    assert.ok(Math.abs((rel.correlation ?? 0) - 1) < 1e-9);
  });

  test('pairs only consecutive common dates; a flat benchmark has no beta', () => {
    const p = pairedReturns(
      { days: [1, 2, 3, 5], equity: [10, 11, 12, 15] },
      { days: [0, 1, 3, 4, 5], equity: [1, 2, 4, 8, 6] },
    );
    assert.deepEqual(p, { a: [12 / 10 - 1, 15 / 12 - 1], b: [4 / 2 - 1, 6 / 4 - 1] });
    const flat = relativeStatistics(
      { days: [1, 2, 3], equity: [1, 2, 3] },
      { days: [1, 2, 3], equity: [5, 5, 5] },
    );
    assert.deepEqual(flat, { pairs: 2, beta: null, alpha: null, correlation: null });
  });
});

describe('drawdownPeriods', () => {
  test('peak, trough, recovery and depth of each underwater stretch', () => {
    const day = (d: number) => d * MICROS_PER_DAY;
    const c = {
      time: [1, 2, 3, 4, 5, 6, 7, 8].map(day),
      equity: [100, 90, 95, 100, 120, 96, 108, 110],
      inMarket: [],
    };
    const periods = drawdownPeriods(c, 100);
    assert.deepEqual(periods, [
      {
        start: day(1),
        trough: day(2),
        recovery: day(4),
        peak: 100,
        troughValue: 90,
        depthPct: 10,
        lengthDays: 3,
      },
      {
        start: day(5),
        trough: day(6),
        recovery: null,
        peak: 120,
        troughValue: 96,
        depthPct: 20,
        lengthDays: 3,
      },
    ]);
    assert.deepEqual(
      worstDrawdowns(periods, 1).map((p) => p.depthPct),
      [20],
    );
  });

  test('the deepest and longest periods are the run statistics', () => {
    for (const seed of [1, 2, 3]) {
      const c = randomCurve(400, seed);
      const stats = computeStatistics({
        equity: c,
        trades: [],
        fills: [],
        initialCapital: 100_000,
        currencyPrecision: 2,
      });
      const periods = drawdownPeriods(c, 100_000);
      assert.ok(Math.abs(worstDrawdowns(periods, 5)[0].depthPct - stats.maxDrawdownPct) < 1e-9);
      assert.equal(Math.max(...periods.map((p) => p.lengthDays)), stats.maxDrawdownDurationDays);
    }
  });
});
