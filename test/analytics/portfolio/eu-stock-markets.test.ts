/**
 * The four European indices of R's datasets::EuStockMarkets (data/EuStockMarkets_daily_1991-1998.csv,
 * 1,860 daily closes, 260 per year): the optimisers give sane, mutually consistent answers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  annualise,
  efficientFrontier,
  equalRiskContributionPortfolio,
  hierarchicalRiskParity,
  ledoitWolfCovariance,
  maximumSharpePortfolio,
  meanReturns,
  minimumVariancePortfolio,
  portfolioPerformance,
  riskContributions,
  sampleCovarianceMatrix,
  simpleReturns,
  targetReturnPortfolio,
} from '../../../src/analytics/portfolio/index.js';
import { readPriceTable } from '../../../src/cli/portfolio-input.js';
import { close } from './assert-close.js';

const { assets, prices } = readPriceTable(
  new URL('../../../data/EuStockMarkets_daily_1991-1998.csv', import.meta.url).pathname,
);
const returns = simpleReturns(prices);
const mu = annualise(meanReturns(returns), 260);
const sigma = annualise(sampleCovarianceMatrix(returns), 260);
const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);
test('the file holds 1,860 rows of DAX, SMI, CAC, FTSE', () => {
  assert.deepEqual(assets, ['DAX', 'SMI', 'CAC', 'FTSE']);
  assert.equal(prices.length, 1860);
});

test('every method gives fully invested weights within the bounds', () => {
  const bounds = { lower: 0, upper: 0.5 };
  const portfolios = [
    minimumVariancePortfolio(sigma, bounds),
    maximumSharpePortfolio(sigma, mu, 0.02, bounds),
    equalRiskContributionPortfolio(sigma),
    hierarchicalRiskParity(sigma).weights,
  ];
  for (const w of portfolios) {
    close(sum(w), 1, 1e-12, 'budget');
    assert.ok(
      w.every((x) => x >= 0 && x <= 0.5 + 1e-12),
      `bounds ${w}`,
    );
  }
  const erc = riskContributions(portfolios[2], sigma).relative;
  erc.forEach((r) => {
    close(r, 0.25, 1e-10, 'ERC');
  });
});

test('frontier: higher return ⇒ higher volatility; maximum Sharpe lies on it and beats every point', () => {
  const frontier = efficientFrontier(sigma, mu, 15, {}, 0.02);
  for (let k = 1; k < frontier.length; k++) {
    assert.ok(frontier[k].expectedReturn > frontier[k - 1].expectedReturn);
    assert.ok(frontier[k].volatility >= frontier[k - 1].volatility - 1e-12);
  }
  const best = maximumSharpePortfolio(sigma, mu, 0.02, {});
  const performance = portfolioPerformance(best, sigma, mu, 0.02);
  for (const point of frontier) assert.ok(performance.sharpeRatio >= point.sharpeRatio - 1e-9);
  // On the frontier: the least-variance portfolio earning its return has its volatility.
  const same = targetReturnPortfolio(sigma, mu, performance.expectedReturn, {});
  close(portfolioPerformance(same, sigma, mu).volatility, performance.volatility, 1e-7, 'σ');
  // The minimum-variance portfolio has the lowest volatility of all.
  const minimum = portfolioPerformance(minimumVariancePortfolio(sigma), sigma, mu).volatility;
  assert.ok(frontier.every((p) => p.volatility >= minimum - 1e-12));
});

test('Ledoit–Wolf barely shrinks with 1,859 observations of 4 assets', () => {
  const { shrinkage } = ledoitWolfCovariance(returns);
  assert.ok(shrinkage >= 0 && shrinkage < 0.05, `δ = ${shrinkage}`);
});
