import type { Command } from 'commander';
import {
  annualise,
  blackLitterman,
  efficientFrontier,
  equalRiskContributionPortfolio,
  ewmaCovariance,
  hierarchicalRiskParity,
  ledoitWolfCovariance,
  maximumSharpePortfolio,
  maximumUtilityPortfolio,
  meanReturns,
  minimumVariancePortfolio,
  type PortfolioConstraints,
  portfolioPerformance,
  riskContributions,
  sampleCovarianceMatrix,
  simpleReturns,
} from '../analytics/portfolio/index.js';
import { BourseError } from '../core/errors.js';
import { type FrontierReport, writeFrontierReport } from '../reports/frontier-report.js';
import { numberFlag } from './number-flags.js';
import { readPriceTable, readViews } from './portfolio-input.js';

const METHODS = ['min-variance', 'max-sharpe', 'erc', 'hrp', 'black-litterman', 'frontier'] as const;
const ESTIMATORS = ['sample', 'ledoit-wolf', 'ewma'] as const;

interface PortfolioFlags {
  input: string;
  method: string;
  covariance: string;
  riskFree: string;
  allowShort?: boolean;
  longOnly?: boolean;
  bounds?: string;
  views?: string;
  report?: string;
  json?: boolean;
  points: string;
  periodsPerYear: string;
  ewmaDecay: string;
}

function constraintsOf(flags: PortfolioFlags): PortfolioConstraints {
  if (flags.allowShort && flags.longOnly) {
    throw new BourseError('CLI_INVALID', '--long-only and --allow-short exclude each other');
  }
  if (flags.bounds !== undefined) {
    const match = /^\s*([^:]*):([^:]*)\s*$/.exec(flags.bounds);
    if (!match)
      throw new BourseError('CLI_INVALID', `--bounds must be LOW:HIGH, e.g. 0:0.5, got '${flags.bounds}'`);
    const lower = match[1].trim() === '' ? Number.NEGATIVE_INFINITY : numberFlag('--bounds LOW', match[1]);
    const upper = match[2].trim() === '' ? Number.POSITIVE_INFINITY : numberFlag('--bounds HIGH', match[2]);
    if (flags.longOnly && lower < 0)
      throw new BourseError('CLI_INVALID', '--long-only needs --bounds LOW >= 0');
    return { lower, upper };
  }
  return flags.allowShort ? { lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY } : {};
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new BourseError('CLI_INVALID', `${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}

const percent = (v: number) => `${(100 * v).toFixed(2)}%`.padStart(9);

export function addPortfolioCommand(program: Command): void {
  const portfolio = program
    .command('portfolio')
    .description('portfolio optimisation (docs/analytics/portfolio.md)');
  portfolio
    .command('optimize')
    .description('optimal weights from a CSV of prices (first column date, one column per asset)')
    .requiredOption('--input <file.csv>', 'prices: date column then one column per asset')
    .option('--method <method>', METHODS.join(' | '), 'min-variance')
    .option('--covariance <estimator>', ESTIMATORS.join(' | '), 'sample')
    .option('--risk-free <rate>', 'annual risk-free rate (decimal)', '0')
    .option('--long-only', 'weights >= 0 (the default)')
    .option('--allow-short', 'no bounds on the weights (unless --bounds)')
    .option('--bounds <low:high>', 'the same bounds for every weight, e.g. 0:0.5 (empty side = none)')
    .option('--views <file.json>', 'Black–Litterman views and market weights (docs/analytics/portfolio.md)')
    .option('--points <n>', 'frontier points', '20')
    .option('--periods-per-year <n>', 'rows per year, to annualise (260 for EuStockMarkets)', '252')
    .option('--ewma-decay <lambda>', 'EWMA decay (RiskMetrics daily: 0.94)', '0.94')
    .option('--report <file.html>', 'write the efficient-frontier chart (self-contained HTML)')
    .option('--json', 'print one JSON document')
    .action((flags: PortfolioFlags) => runOptimize(flags));
}

/** Annualised mean returns and covariance of the price file under the chosen estimator. */
function estimate(flags: PortfolioFlags, estimator: (typeof ESTIMATORS)[number]) {
  const periodsPerYear = numberFlag('--periods-per-year', flags.periodsPerYear);
  if (!(periodsPerYear > 0)) throw new BourseError('CLI_INVALID', '--periods-per-year must be > 0');
  const decay = numberFlag('--ewma-decay', flags.ewmaDecay);
  const { assets, prices } = readPriceTable(flags.input);
  const returns = simpleReturns(prices);
  const perPeriod =
    estimator === 'sample'
      ? sampleCovarianceMatrix(returns)
      : estimator === 'ledoit-wolf'
        ? ledoitWolfCovariance(returns).covariance
        : ewmaCovariance(returns, decay);
  return {
    assets,
    periods: returns.length,
    periodsPerYear,
    expected: annualise(meanReturns(returns), periodsPerYear),
    covariance: annualise(perPeriod, periodsPerYear),
  };
}

function runOptimize(flags: PortfolioFlags): void {
  const method = choice('--method', flags.method, METHODS);
  const estimator = choice('--covariance', flags.covariance, ESTIMATORS);
  const riskFree = numberFlag('--risk-free', flags.riskFree);
  const points = numberFlag('--points', flags.points);
  const constraints = constraintsOf(flags);
  if (method === 'black-litterman' && flags.views === undefined) {
    throw new BourseError('CLI_INVALID', '--method black-litterman needs --views FILE.json');
  }
  const { assets, periods, periodsPerYear, expected, covariance } = estimate(flags, estimator);
  const named = (values: readonly number[]) => Object.fromEntries(assets.map((a, i) => [a, values[i]]));
  // Black–Litterman reports its posterior returns; every other method the historical means.
  let returnsUsed = expected;
  let weights: number[] = [];
  let extra: Record<string, unknown> = {};
  if (method === 'min-variance') weights = minimumVariancePortfolio(covariance, constraints);
  else if (method === 'max-sharpe')
    weights = maximumSharpePortfolio(covariance, expected, riskFree, constraints);
  else if (method === 'erc') weights = equalRiskContributionPortfolio(covariance);
  else if (method === 'hrp') weights = hierarchicalRiskParity(covariance).weights;
  else if (method === 'black-litterman') {
    const spec = readViews(flags.views ?? '', assets);
    const posterior = blackLitterman({ covariance, ...spec });
    weights = maximumUtilityPortfolio(
      posterior.posteriorCovariance,
      posterior.posteriorReturns,
      spec.riskAversion,
      constraints,
    );
    returnsUsed = posterior.posteriorReturns;
    extra = {
      equilibriumReturns: named(posterior.equilibriumReturns),
      posteriorReturns: named(posterior.posteriorReturns),
    };
  }
  const frontier =
    method === 'frontier' || flags.report !== undefined
      ? efficientFrontier(covariance, expected, method === 'frontier' ? points : 30, constraints, riskFree)
      : [];
  const describe = (w: number[]) => ({
    weights: named(w),
    ...portfolioPerformance(w, covariance, returnsUsed, riskFree),
    riskContributions: named(riskContributions(w, covariance).relative),
  });
  const assetStats = assets.map((a, i) => ({
    label: a,
    expectedReturn: returnsUsed[i],
    volatility: Math.sqrt(covariance[i][i]),
  }));
  if (flags.report !== undefined)
    writeReport(
      flags.report,
      flags.input,
      { covariance, expected, riskFree, constraints },
      assetStats,
      frontier,
    );
  const meta = { method, covariance: estimator, assets, periods, periodsPerYear, riskFree };
  const body =
    method === 'frontier'
      ? { frontier: frontier.map((p) => describe(p.weights)) }
      : { ...describe(weights), ...extra };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...meta, ...body, assetStatistics: assetStats }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `method ${method}, covariance ${estimator}, ${assets.length} assets, ${periods} returns (${periodsPerYear}/yr), risk-free ${riskFree}\n`,
  );
  if (method === 'frontier') {
    process.stdout.write(
      `${'point'.padEnd(6)}${'return'.padStart(9)}${'vol'.padStart(9)}${'Sharpe'.padStart(8)}  weights\n`,
    );
    frontier.forEach((p, k) => {
      const w = assets.map((a, i) => `${a} ${(100 * p.weights[i]).toFixed(1)}%`).join(' ');
      process.stdout.write(
        `${String(k + 1).padEnd(6)}${percent(p.expectedReturn)}${percent(p.volatility)}${p.sharpeRatio.toFixed(3).padStart(8)}  ${w}\n`,
      );
    });
    return;
  }
  const rc = riskContributions(weights, covariance).relative;
  const returnHeader = method === 'black-litterman' ? 'posterior' : 'return';
  process.stdout.write(
    `${'asset'.padEnd(10)}${'weight'.padStart(9)}${returnHeader.padStart(10)}${'vol'.padStart(9)}${'risk'.padStart(9)}\n`,
  );
  assets.forEach((a, i) => {
    process.stdout.write(
      `${a.padEnd(10)}${percent(weights[i])} ${percent(returnsUsed[i])}${percent(assetStats[i].volatility)}${percent(rc[i])}\n`,
    );
  });
  const perf = portfolioPerformance(weights, covariance, returnsUsed, riskFree);
  process.stdout.write(
    `portfolio expected return ${(100 * perf.expectedReturn).toFixed(2)}%, volatility ${(100 * perf.volatility).toFixed(2)}%, Sharpe ${perf.sharpeRatio.toFixed(3)}\n`,
  );
}

/** The frontier chart with the assets, minimum variance, maximum Sharpe (when defined) and ERC marked. */
function writeReport(
  file: string,
  input: string,
  market: { covariance: number[][]; expected: number[]; riskFree: number; constraints: PortfolioConstraints },
  assets: FrontierReport['assets'],
  frontier: FrontierReport['frontier'],
): void {
  const { covariance, expected, riskFree, constraints } = market;
  const marked = [
    { label: 'min variance', weights: minimumVariancePortfolio(covariance, constraints) },
    ...(expected.some((m) => m > riskFree)
      ? [
          {
            label: 'max Sharpe',
            weights: maximumSharpePortfolio(covariance, expected, riskFree, constraints),
          },
        ]
      : []),
    { label: 'ERC', weights: equalRiskContributionPortfolio(covariance) },
    { label: 'HRP', weights: hierarchicalRiskParity(covariance).weights },
  ];
  writeFrontierReport(file, {
    title: `Efficient frontier — ${input}`,
    assets: assets.map((a, i) => ({ ...a, expectedReturn: expected[i] })),
    frontier,
    portfolios: marked.map((p) => ({
      label: p.label,
      ...portfolioPerformance(p.weights, covariance, expected, riskFree),
    })),
  });
}
