/** Strategy against benchmark: return and risk side by side, then beta, alpha and correlation. */
import type { Statistics } from '../../result-types.js';
import { benchmarkStatistics } from '../analysis/benchmark.js';
import { relativeStatistics } from '../analysis/relative.js';
import type { TearsheetContext } from '../context.js';
import { formatFractionAsPercent, formatNumber, formatPercent, formatRatio, MISSING } from '../format.js';
import { cell, note, section, table } from './section.js';

interface ComparedRow {
  readonly key: string;
  readonly label: string;
  readonly format: (s: Statistics) => string;
}

const COMPARED: readonly ComparedRow[] = [
  { key: 'totalReturn', label: 'Total return', format: (s) => formatFractionAsPercent(s.totalReturn) },
  {
    key: 'annualizedReturn',
    label: 'Annualized return',
    format: (s) => formatFractionAsPercent(s.annualizedReturn),
  },
  {
    key: 'volatility',
    label: 'Volatility (annualized)',
    format: (s) => formatFractionAsPercent(s.volatility),
  },
  { key: 'sharpe', label: 'Sharpe ratio', format: (s) => formatRatio(s.sharpe) },
  { key: 'maxDrawdownPct', label: 'Max drawdown', format: (s) => formatPercent(s.maxDrawdownPct) },
];

function row(key: string, label: string, strategy: string, benchmark: string): string {
  return `<tr data-compare="${key}">${cell(label)}${cell(strategy, ' class="num"')}${cell(benchmark, ' class="num"')}</tr>`;
}

export function renderBenchmarkSection(ctx: TearsheetContext): string {
  const { input, benchmark, benchmarkDaily } = ctx;
  if (!benchmark || !benchmarkDaily)
    return section('benchmark', 'Strategy vs benchmark', note(ctx.benchmarkNote ?? 'No benchmark.'));
  const b = benchmarkStatistics(benchmark, input.statistics.initialCapital);
  const rel = relativeStatistics(ctx.daily, benchmarkDaily);
  const rows = COMPARED.map((r) => row(r.key, r.label, r.format(input.statistics), r.format(b)));
  rows.push(
    row('beta', 'Beta (daily returns)', formatRatio(rel.beta), MISSING),
    row('alpha', 'Alpha (annualized)', formatFractionAsPercent(rel.alpha), MISSING),
    row('correlation', 'Correlation (daily returns)', formatRatio(rel.correlation), MISSING),
  );
  return section(
    'benchmark',
    'Strategy vs benchmark',
    table(
      'compare',
      [{ label: '' }, { label: 'Strategy', num: true }, { label: benchmark.name, num: true }],
      rows,
    ),
    note(
      `Beta, alpha and correlation from ${formatNumber(rel.pairs, 0)} pairs of daily returns on the dates both series have; risk-free rate 0.`,
    ),
  );
}
