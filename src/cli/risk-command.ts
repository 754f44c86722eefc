/**
 * `bourse risk var`: VaR and CVaR of a daily price file (Yahoo layout: date,…,close,adjclose) by
 * every method of `analytics/risk`, with optional rolling backtests (Kupiec, Christoffersen) and a
 * stress table on a stated sample portfolio (docs/analytics/risk.md).
 */
import type { Command } from 'commander';
import {
  backtestVar,
  logReturns,
  type Position,
  portfolioHistoricalVar,
  type RiskEstimate,
  rollingVar,
  type StressReport,
  standardScenarios,
  stressTest,
  VAR_METHODS,
  type VarBacktest,
  type VarMethod,
  varByMethod,
} from '../analytics/risk/index.js';
import { BourseError } from '../core/errors.js';
import { numberFlag } from './number-flags.js';
import { readPriceSeries } from './price-series.js';

interface RiskVarFlags {
  data: string;
  column: string;
  confidence: string;
  horizon: string;
  method: string;
  window: string;
  backtest?: boolean;
  stress?: boolean;
  json?: boolean;
}

/** The stress portfolio: long 1 unit of the index and short 1 three-month at-the-money put. */
export function samplePortfolio(spot: number): Position[] {
  return [
    { kind: 'linear', quantity: 1 },
    {
      kind: 'option',
      type: 'put',
      quantity: -1,
      strike: spot,
      expiry: 0.25,
      rate: 0.02,
      dividend: 0.02,
      vol: 0.2,
    },
  ];
}

/** Backtests are not run for monte-carlo (it converges to `normal`; 2,000 paths a day is slow). */
const BACKTEST_SKIPS = new Set<VarMethod>(['monte-carlo']);

export function addRiskCommand(program: Command): void {
  const risk = program.command('risk').description('portfolio risk: VaR/CVaR, backtests and stress tests');
  risk
    .command('var')
    .description('VaR and CVaR of a daily price file by method, with backtests and stress tests')
    .requiredOption('--data <file>', 'daily prices, Yahoo layout (date,open,high,low,close,adjclose,volume)')
    .option('--column <name>', 'price column: close or adjclose', 'close')
    .option('--confidence <c>', 'confidence level, e.g. 0.99', '0.99')
    .option('--horizon <days>', 'horizon in days (√h only for normal and cornish-fisher)', '1')
    .option('--method <m>', `${VAR_METHODS.join('|')}|all`, 'all')
    .option('--window <days>', 'rolling window of the backtests', '500')
    .option('--backtest', 'rolling one-day VaR backtests: Kupiec, Christoffersen')
    .option('--stress', 'stress table on a long index + short ATM put portfolio')
    .option('--json', 'print one JSON object')
    .action((flags: RiskVarFlags) => runRiskVar(flags));
}

function runRiskVar(flags: RiskVarFlags): void {
  const column = flags.column.toLowerCase();
  if (column !== 'close' && column !== 'adjclose') {
    throw new BourseError('CLI_INVALID', `--column must be close or adjclose, got '${flags.column}'`);
  }
  const methods = flags.method === 'all' ? [...VAR_METHODS] : VAR_METHODS.filter((m) => m === flags.method);
  if (methods.length === 0) {
    throw new BourseError(
      'CLI_INVALID',
      `--method must be one of ${VAR_METHODS.join(', ')}, all; got '${flags.method}'`,
    );
  }
  const confidence = numberFlag('--confidence', flags.confidence);
  const horizon = numberFlag('--horizon', flags.horizon);
  const window = numberFlag('--window', flags.window);
  const prices = readPriceSeries(flags.data, column, 40);
  const returns = logReturns(prices.closes);
  const estimates: { method: VarMethod; estimate: RiskEstimate | null }[] = methods.map((method) => ({
    method,
    estimate:
      method === 'evt' && horizon !== 1 ? null : varByMethod(returns, method, confidence, { horizon }),
  }));
  const backtests = flags.backtest
    ? methods
        .filter((m) => !BACKTEST_SKIPS.has(m))
        .map((method) => {
          const rolling = rollingVar(returns, method, confidence, { window });
          return {
            method,
            from: prices.dates[rolling.start + 1],
            result: backtestVar(returns.slice(rolling.start), rolling.valueAtRisk, confidence),
          };
        })
    : [];
  const spot = prices.closes[prices.closes.length - 1];
  const stress = flags.stress
    ? stressTest(samplePortfolio(spot), { spot }, standardScenarios(prices))
    : undefined;
  const portfolioVar = flags.stress
    ? portfolioHistoricalVar(samplePortfolio(spot), { spot }, returns, confidence, horizon)
    : undefined;
  const header = {
    file: flags.data,
    column,
    from: prices.dates[0],
    to: prices.dates[prices.dates.length - 1],
    returns: returns.length,
    confidence,
    horizon,
  };
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ ...header, estimates, backtests, stress: stress ?? null, portfolioVar: portfolioVar ?? null })}\n`,
    );
    return;
  }
  const out = [
    `${header.file} (${column}) ${header.from}..${header.to}: ${header.returns} daily log returns; VaR/CVaR as positive losses in % of value at ${confidence} over ${horizon} day(s)`,
    '',
    row(['method', 'VaR %', 'CVaR %'], [16, 9, 9]),
    ...estimates.map(({ method, estimate }) =>
      row([method, pct(estimate?.valueAtRisk), pct(estimate?.expectedShortfall)], [16, 9, 9]),
    ),
  ];
  if (backtests.length > 0) out.push('', ...backtestLines(backtests, window));
  if (stress) out.push('', ...stressLines(stress, spot));
  if (portfolioVar) {
    out.push(
      `portfolio historical VaR by full revaluation (all ${horizon}-day moves of the file, options aged): VaR ${portfolioVar.valueAtRisk.toFixed(2)}, CVaR ${portfolioVar.expectedShortfall.toFixed(2)}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function pct(x: number | undefined): string {
  return x === undefined ? 'n/a' : (x * 100).toFixed(3);
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
}

const BACKTEST_WIDTHS = [16, 6, 6, 8, 8, 8, 8, 8, 8, 8, 7];

function backtestLines(
  backtests: { method: VarMethod; from: string; result: VarBacktest }[],
  window: number,
): string[] {
  const from = backtests[0].from;
  return [
    `backtest: rolling 1-day VaR, ${window}-day window, forecasts ${from}.. (GARCH refit every 20 days; verdict at 5 %)`,
    row(
      ['method', 'days', 'exc', 'expected', 'LR_pof', 'p', 'LR_ind', 'p', 'LR_cc', 'p', 'verdict'],
      BACKTEST_WIDTHS,
    ),
    ...backtests.map(({ method, result: r }) =>
      row(
        [
          method,
          String(r.observations),
          String(r.exceptions),
          r.expectedExceptions.toFixed(1),
          r.kupiec.statistic.toFixed(2),
          r.kupiec.pValue.toFixed(4),
          r.independence.statistic.toFixed(2),
          r.independence.pValue.toFixed(4),
          r.conditionalCoverage.statistic.toFixed(2),
          r.conditionalCoverage.pValue.toFixed(4),
          r.verdict,
        ],
        BACKTEST_WIDTHS,
      ),
    ),
  ];
}

function stressLines(report: StressReport, spot: number): string[] {
  const widths = [44, 9, 7, 10, 10, 10];
  return [
    `stress: long 1 index unit + short 1 ATM put (3 months, vol 20 %, r 2 %, q 2 %) at spot ${spot.toFixed(2)}; value ${report.baseValue.toFixed(2)}; P&L by full revaluation (delta and delta-gamma for comparison)`,
    row(['scenario', 'spot %', 'vol pt', 'P&L', 'delta', 'delta-gam'], widths),
    ...report.results.map((r) =>
      row(
        [
          r.scenario.name,
          (r.scenario.spotReturn * 100).toFixed(2),
          ((r.scenario.volShift ?? 0) * 100).toFixed(0),
          r.pnl.toFixed(2),
          r.deltaPnl.toFixed(2),
          r.deltaGammaPnl.toFixed(2),
        ],
        widths,
      ),
    ),
    `worst: ${report.worst.scenario.name}, P&L ${report.worst.pnl.toFixed(2)}`,
  ];
}
