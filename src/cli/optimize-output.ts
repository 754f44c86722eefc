/** What `bourse optimize` prints: the table of the best combinations, or one JSON line per combination. */
import {
  type CombinationResult,
  type Objective,
  objectiveLabel,
  objectiveStatistic,
  type ParameterSpace,
  rankByFitness,
} from '../research/index.js';

/** One line per combination, in the given (search) order: the results file's lines. */
export function optimizeJsonLines(results: readonly CombinationResult[]): string {
  return results.map((result) => `${JSON.stringify(result)}\n`).join('');
}

function decimal(value: number | null, decimals: number): string {
  return value === null ? '—' : value.toFixed(decimals);
}

/**
 * The `top` best combinations by the objective (those meeting the constraints first): rank, the
 * parameters of the space, the objective, total return, maximum drawdown, trades and final value.
 */
export function optimizeTable(
  results: readonly CombinationResult[],
  options: { space: ParameterSpace; objective: Objective; top: number },
): string {
  if (results.length === 0) return 'no combination was backtested';
  const names = options.space.axes.map((axis) => axis.name);
  type Column = readonly [string, (r: CombinationResult) => string];
  const returnColumn: Column = ['return %', (r) => decimal(r.statistics.totalReturn * 100, 2)];
  const statisticColumns: Column[] = [
    [`${objectiveLabel(options.objective)} (objective)`, (r) => decimal(r.objective, 4)],
    ...(objectiveStatistic(options.objective) === 'totalReturn' ? [] : [returnColumn]),
    ['max dd %', (r) => decimal(r.statistics.maxDrawdownPct, 2)],
    ['trades', (r) => String(r.statistics.tradeCount)],
    ['final value', (r) => r.finalValue.toFixed(2)],
    ['constraints', (r) => (r.constraintsMet ? 'met' : 'broken')],
  ];
  const header = ['#', ...names, ...statisticColumns.map(([title]) => title)];
  const rows = rankByFitness(results)
    .slice(0, options.top)
    .map((result, i) => [
      String(i + 1),
      ...names.map((name) => String(result.params[name])),
      ...statisticColumns.map(([, cell]) => cell(result)),
    ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 || c > names.length ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const shown =
    rows.length < results.length ? `top ${rows.length} of ${results.length}` : `all ${results.length}`;
  return [
    `${shown} combinations, best ${objectiveLabel(options.objective)} first`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}
