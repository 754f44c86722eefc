import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backtestVar,
  christoffersenIndependence,
  kupiecNonRejectionRegion,
  kupiecTest,
  logReturns,
  rollingVar,
  transitionCounts,
} from '../../../src/analytics/risk/index.js';
import { sp500 } from './sp500-data.js';

test("Kupiec POF: non-rejection regions reproduce Jorion's table (Kupiec 1995)", () => {
  // Jorion, "Value at Risk", 3rd ed. (2007), Table 6-2 "Model backtesting, 95 % nonrejection test
  // confidence regions" (from Kupiec 1995), T = 255 / 510 / 1000 days:
  //   p = 0.01:  N < 7,       1 < N < 11,   4 < N < 17
  //   p = 0.025: 2 < N < 12,  6 < N < 21,   15 < N < 36
  //   p = 0.05:  6 < N < 21,  16 < N < 36,  37 < N < 65
  //   p = 0.075: 11 < N < 28, 27 < N < 51,  59 < N < 92
  //   p = 0.10:  16 < N < 36, 38 < N < 65,  81 < N < 120
  const table: [number, [number, number][]][] = [
    [
      0.01,
      [
        [0, 6],
        [2, 10],
        [5, 16],
      ],
    ],
    [
      0.025,
      [
        [3, 11],
        [7, 20],
        [16, 35],
      ],
    ],
    [
      0.05,
      [
        [7, 20],
        [17, 35],
        [38, 64],
      ],
    ],
    [
      0.075,
      [
        [12, 27],
        [28, 50],
        [60, 91],
      ],
    ],
    [
      0.1,
      [
        [17, 35],
        [39, 64],
        [82, 119],
      ],
    ],
  ];
  const days = [255, 510, 1000];
  for (const [p, row] of table) {
    row.forEach(([min, max], i) => {
      const region = kupiecNonRejectionRegion(days[i], p);
      assert.equal(region.max, max, `p=${p} T=${days[i]} max`);
      // The one cell where the LR test is stricter than the table: at T = 255, p = 0.01, N = 0 gives
      // LR = −2·255·ln 0.99 = 5.13 > 3.84, so the LR rejects zero exceptions; the table has no lower bound.
      assert.equal(region.min, p === 0.01 && i === 0 ? 1 : min, `p=${p} T=${days[i]} min`);
    });
  }
});

test('Kupiec LR statistic by hand: T = 10, N = 2, p = 0.1', () => {
  // LR = 2[8 ln 0.8 + 2 ln 0.2 − 8 ln 0.9 − 2 ln 0.1] = 2 × 0.4440301 = 0.888060 (by hand, 6 d.p.).
  const lr = kupiecTest(2, 10, 0.1);
  assert.ok(Math.abs(lr.statistic - 0.88806) < 1e-5);
  // χ²(1) survival at 0.88806: 2(1 − Φ(√0.88806)) = 2(1 − Φ(0.94237)) = 0.3460 (normal tables).
  assert.ok(Math.abs(lr.pValue - 0.346) < 1e-4);
  // N = 0: LR = −2T ln(1 − p).
  assert.ok(Math.abs(kupiecTest(0, 250, 0.01).statistic + 2 * 250 * Math.log(0.99)) < 1e-12);
  assert.throws(() => kupiecTest(11, 10, 0.1), /exceptions must be <= observations \(10\), got 11/);
});

test('Christoffersen independence LR on hand-counted transitions', () => {
  const hits = [1, 1, 0, 0, 0, 0, 1, 1, 0, 0].map(Boolean);
  // Pairs: 11 10 00 00 00 01 11 10 00 → n00 = 4, n01 = 1, n10 = 2, n11 = 2.
  assert.deepEqual(transitionCounts(hits), { n00: 4, n01: 1, n10: 2, n11: 2 });
  // π01 = 1/5, π11 = 1/2, π = 3/9: LR = 2[(4 ln 0.8 + ln 0.2 + 4 ln 0.5) − (6 ln 2/3 + 3 ln 1/3)]
  //   = 2[−5.274601 + 5.728628] = 0.90805.
  const lr = christoffersenIndependence(transitionCounts(hits));
  assert.ok(Math.abs(lr.statistic - 0.90805) < 1e-5);
  // When π01 = π11 the statistic is exactly 0 (hits 0110001000: n00 4, n01 2, n10 2, n11 1).
  const independent = transitionCounts([0, 1, 1, 0, 0, 0, 1, 0, 0, 0].map(Boolean));
  assert.ok(christoffersenIndependence(independent).statistic < 1e-12);
});

test('backtestVar counts exceptions and combines LR_cc = LR_pof + LR_ind', () => {
  const returns = [-0.05, 0.01, -0.03, 0.02, -0.01, -0.04, 0.0, 0.01, -0.02, 0.03];
  const forecasts = new Array(10).fill(0.025);
  const result = backtestVar(returns, forecasts, 0.9);
  // Losses > 0.025 on days 0, 2, 5: three exceptions, one expected.
  assert.equal(result.exceptions, 3);
  assert.ok(Math.abs(result.expectedExceptions - 1) < 1e-12);
  assert.ok(
    Math.abs(
      result.conditionalCoverage.statistic - (result.kupiec.statistic + result.independence.statistic),
    ) < 1e-12,
  );
  // χ²(2) survival is e^{−x/2}.
  assert.ok(
    Math.abs(result.conditionalCoverage.pValue - Math.exp(-result.conditionalCoverage.statistic / 2)) < 1e-12,
  );
  assert.throws(
    () => backtestVar(returns, [0.1, 0.1], 0.9),
    /forecasts must have one value per realised return/,
  );
});

// Rolling one-day 99 % VaR, 500-day window, on the S&P 500 log returns: forecasts from 2002-01-03 to
// 2020-04-17 (4,604 days, 46 exceptions expected).
const returns = logReturns(sp500.closes);

function backtest(method: 'normal' | 'filtered', refitEvery = 20) {
  const rolling = rollingVar(returns, method, 0.99, { window: 500, refitEvery });
  return backtestVar(returns.slice(rolling.start), rolling.valueAtRisk, 0.99);
}

test('S&P 500 2002-2020: normal VaR has far too many exceptions, Kupiec and Christoffersen reject', () => {
  const normal = backtest('normal');
  assert.equal(normal.observations, 4604);
  assert.ok(normal.exceptions > 100, `exceptions ${normal.exceptions}`); // 127 observed, 46 expected
  assert.ok(normal.kupiec.pValue < 1e-10);
  assert.ok(normal.independence.pValue < 0.001); // exceptions cluster in 2008 and 2020
  assert.equal(normal.verdict, 'reject');
});

test('S&P 500 2002-2020: GARCH filtered historical simulation is close to nominal coverage', () => {
  // Parameters refitted yearly (every 250 days) to keep the test fast; daily filtering.
  const filtered = backtest('filtered', 250);
  assert.ok(filtered.exceptions < 75, `exceptions ${filtered.exceptions}`);
  assert.ok(filtered.kupiec.pValue > 1e-3);
  assert.ok(filtered.independence.pValue > 0.05, `independence p ${filtered.independence.pValue}`);
});
