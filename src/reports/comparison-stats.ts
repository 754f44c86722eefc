/**
 * The statistics a comparison puts side by side, one column per run, with the best value of each
 * row (higher or lower is better; trades and exposure have no better side). Shared by the HTML
 * report and the `bourse compare` summary table.
 */
import type { BacktestResult } from '../backtest/result.js';
import type { Statistics } from '../backtest/result-types.js';
import {
  formatFractionAsPercent,
  formatNumber,
  formatPercent,
  formatRatio,
} from '../backtest/tearsheet/format.js';

export interface NamedRun {
  /** How the run is labelled (`bourse compare` uses its `--run` text). */
  readonly name: string;
  readonly result: BacktestResult;
}

type Better = 'higher' | 'lower' | 'none';
type Kind = 'fraction' | 'percent' | 'ratio' | 'count';

const ROWS: ReadonlyArray<readonly [keyof Statistics, string, Kind, Better]> = [
  ['totalReturn', 'Total return', 'fraction', 'higher'],
  ['annualizedReturn', 'Annualized return', 'fraction', 'higher'],
  ['volatility', 'Volatility (annualized)', 'fraction', 'lower'],
  ['sharpe', 'Sharpe ratio', 'ratio', 'higher'],
  ['sortino', 'Sortino ratio', 'ratio', 'higher'],
  ['calmar', 'Calmar ratio', 'ratio', 'higher'],
  ['maxDrawdownPct', 'Max drawdown', 'percent', 'lower'],
  ['tradeCount', 'Closed trades', 'count', 'none'],
  ['winRate', 'Win rate', 'fraction', 'higher'],
  ['profitFactor', 'Profit factor', 'ratio', 'higher'],
  ['exposure', 'Exposure (time in market)', 'fraction', 'none'],
];

export interface ComparisonRow {
  /** The `Statistics` field. */
  readonly key: keyof Statistics;
  readonly label: string;
  /** One per run, in the runs' order; null where undefined. */
  readonly values: readonly (number | null)[];
  readonly texts: readonly string[];
  /** Indexes of the runs holding the row's best value (all of them on a tie; none for trades, exposure). */
  readonly best: readonly number[];
}

function format(kind: Kind, value: number | null): string {
  if (kind === 'fraction') return formatFractionAsPercent(value);
  if (kind === 'percent') return formatPercent(value);
  if (kind === 'ratio') return formatRatio(value);
  return formatNumber(value, 0);
}

/** The rows of the comparison table. */
export function comparisonRows(runs: readonly NamedRun[]): ComparisonRow[] {
  return ROWS.map(([key, label, kind, better]) => {
    const values = runs.map((run) => {
      const v = run.result.statistics[key];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    const known = values.filter((v): v is number => v !== null);
    const target =
      better === 'none' || known.length === 0
        ? undefined
        : better === 'higher'
          ? Math.max(...known)
          : Math.min(...known);
    const best = target === undefined ? [] : values.flatMap((v, i) => (v === target ? [i] : []));
    return { key, label, values, texts: values.map((v) => format(kind, v)), best };
  });
}

/** A plain-text table for a terminal: a column per run, `*` after each row's best value. */
export function comparisonText(runs: readonly NamedRun[]): string {
  const rows = comparisonRows(runs);
  const header = ['', ...runs.map((r) => r.name)];
  const body = rows.map((row) => [
    row.label,
    ...row.texts.map((t, i) => (row.best.includes(i) ? `${t} *` : `${t}  `)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((line) => line[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line), '* best of the row'].join('\n');
}
