import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bsmPrice } from '../../../src/analytics/options/black-scholes.js';
import {
  historicalPnl,
  historicalScenario,
  historicalVar,
  hypotheticalGrid,
  logReturns,
  type Position,
  portfolioDeltaGamma,
  portfolioHistoricalVar,
  portfolioValue,
  stressTest,
  worstMove,
} from '../../../src/analytics/risk/index.js';
import { sp500 } from './sp500-data.js';

const shortPut: Position = {
  kind: 'option',
  type: 'put',
  quantity: -10,
  strike: 3000,
  expiry: 0.25,
  rate: 0.015,
  dividend: 0.02,
  vol: 0.15,
};

test('the real S&P 500 stress windows (closes from data/sp500-2000.csv)', () => {
  // 2020-03-16: 2386.13 / 2711.02 − 1 = −11.98 %, the worst day of the file.
  const covidDay = historicalScenario(sp500, 'COVID day', '2020-03-13', '2020-03-16');
  assert.ok(Math.abs(covidDay.spotReturn - (2386.129883 / 2711.02002 - 1)) < 1e-12);
  assert.equal((covidDay.spotReturn * 100).toFixed(2), '-11.98');
  assert.deepEqual(worstMove(sp500, 1, '2000-01-01', '2020-12-31').to, '2020-03-16');
  // COVID crash 2020-02-19 → 2020-03-23: 2237.40 / 3386.15 − 1 = −33.92 %, 23 trading days.
  const covid = historicalScenario(sp500, 'COVID crash', '2020-02-19', '2020-03-23', 0.5);
  assert.equal((covid.spotReturn * 100).toFixed(2), '-33.92');
  assert.ok(Math.abs((covid.elapsed ?? 0) - 23 / 252) < 1e-12);
  // 2008: peak to trough 2007-10-09 → 2009-03-09 is −56.78 %; worst day 2008-10-15 (−9.03 %).
  const crisis = historicalScenario(sp500, 'GFC', '2007-10-09', '2009-03-09');
  assert.equal((crisis.spotReturn * 100).toFixed(2), '-56.78');
  const worstDay2008 = worstMove(sp500, 1, '2008-01-01', '2008-12-31');
  assert.deepEqual([worstDay2008.from, worstDay2008.to], ['2008-10-14', '2008-10-15']);
  assert.equal((worstDay2008.spotReturn * 100).toFixed(2), '-9.03');
  // The worst 5-day move of 2008 ends on 2008-10-09 (1099.23 on 10-02? checked: 10-02 → 10-09).
  const worstWeek = worstMove(sp500, 5, '2008-01-01', '2008-12-31');
  assert.ok(worstWeek.spotReturn < -0.15, `${worstWeek.from}..${worstWeek.to} ${worstWeek.spotReturn}`);
  assert.throws(
    () => historicalScenario(sp500, 'x', '2020-03-14', '2020-03-16'),
    /from must be a date of the series/,
  );
});

test('full revaluation of a short put equals the repricing difference exactly', () => {
  const today = { spot: 3200 };
  const scenario = { name: 'crash', spotReturn: -0.2, volShift: 0.25, elapsed: 5 / 252 };
  const report = stressTest([shortPut], today, [scenario]);
  const before = -10 * bsmPrice('put', 3200, 3000, 0.25, 0.015, 0.02, 0.15);
  const after = -10 * bsmPrice('put', 2560, 3000, 0.25 - 5 / 252, 0.015, 0.02, 0.4);
  assert.equal(report.results[0].pnl, after - before);
  // A −20 % move: the delta-only P&L understates the loss of the short put by far (gamma and vega).
  assert.ok(report.results[0].pnl < 1.5 * report.results[0].deltaPnl, JSON.stringify(report.results[0]));
  assert.ok(report.results[0].pnl < report.results[0].deltaGammaPnl);
});

test('small moves: delta-gamma agrees with full revaluation; the grid finds the worst scenario', () => {
  const book: Position[] = [{ kind: 'linear', quantity: 5 }, shortPut];
  const today = { spot: 3200 };
  const small = stressTest(book, today, [{ name: 'tiny', spotReturn: -0.002 }]).results[0];
  assert.ok(Math.abs(small.pnl - small.deltaGammaPnl) < 1e-3 * Math.abs(small.pnl));
  const grid = hypotheticalGrid([-0.2, -0.1, 0, 0.1], [0, 0.1], [0, 1 / 12]);
  assert.equal(grid.length, 16);
  const report = stressTest(book, today, grid);
  const brute =
    Math.min(
      ...grid.map((s) =>
        portfolioValue(book, {
          spot: 3200 * (1 + s.spotReturn),
          volShift: s.volShift,
          elapsed: s.elapsed,
        }),
      ),
    ) - report.baseValue;
  assert.equal(report.worst.pnl, brute);
  assert.equal(report.worst.scenario.spotReturn, -0.2);
  assert.equal(report.worst.scenario.volShift, 0.1);
});

test('portfolio historical VaR by full revaluation: linear exact, short put beyond delta-only', () => {
  const returns = logReturns(sp500.closes).slice(-1000);
  // 5 index units: P&L = 5·S·(e^r − 1), so VaR = 5·S × historical VaR of the simple returns (exactly).
  const linear = portfolioHistoricalVar([{ kind: 'linear', quantity: 5 }], { spot: 3000 }, returns, 0.99);
  const simple = historicalVar(
    returns.map((r) => Math.exp(r) - 1),
    0.99,
  );
  assert.ok(Math.abs(linear.valueAtRisk - 5 * 3000 * simple.valueAtRisk) < 1e-9);
  // The short put's 10-day P&L VaR exceeds its delta-only VaR (negative gamma).
  const putVar = portfolioHistoricalVar([shortPut], { spot: 3000 }, returns, 0.99, 10);
  const { delta } = portfolioDeltaGamma([shortPut], { spot: 3000 });
  const deltaOnly = historicalVar(returns, 0.99, 10).valueAtRisk * 3000 * Math.abs(delta);
  assert.ok(putVar.valueAtRisk > deltaOnly, `${putVar.valueAtRisk} vs ${deltaOnly}`);
  const pnl = historicalPnl([shortPut], { spot: 3000 }, returns, 10);
  assert.equal(pnl.length, returns.length - 9);
});
