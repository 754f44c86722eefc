/**
 * The grid of an optimisation heatmap: one parameter's values as columns (x), another's as rows
 * (y), each cell the best combination (`compareFitness`: constraints met first, then the objective)
 * among those with that x and y, whatever the other parameters. Pure: no HTML.
 */
import { BourseError } from '../core/errors.js';
import { compareFitness } from '../research/objective.js';
import type { CombinationResult } from '../research/results-file.js';
import { parameterText } from './report-meta.js';

export interface HeatmapCell {
  /** The best combination of the cell. */
  readonly best: CombinationResult;
  /** How many combinations share the cell's x and y. */
  readonly combinations: number;
}

export interface HeatmapGrid {
  readonly xParam: string;
  readonly yParam: string;
  /** Column and row values, as text (numbers ascending; otherwise as given or as first seen). */
  readonly xValues: readonly string[];
  readonly yValues: readonly string[];
  /** `cells[row][column]` (row: y, column: x); undefined where no combination was run. */
  readonly cells: readonly (readonly (HeatmapCell | undefined)[])[];
  /** The other parameters whose value varies across the results (each cell is the best over them). */
  readonly otherParams: readonly string[];
  /** The other parameters with one value throughout, and that value. */
  readonly fixedParams: Readonly<Record<string, string>>;
  /** Where the best cell is; undefined when there are no results. */
  readonly best?: { readonly row: number; readonly column: number };
  /**
   * Smallest and largest objective over the cells whose best combination meets the constraints
   * (those coloured by it); undefined when there is none.
   */
  readonly range?: { readonly min: number; readonly max: number };
}

export interface AxisOrder {
  /** Values of the x (columns) or y (rows) parameter in display order; others follow as first seen. */
  readonly x?: readonly unknown[];
  readonly y?: readonly unknown[];
}

/** Builds the grid of `xParam` against `yParam` (see the module comment). */
export function heatmapGrid(
  results: readonly CombinationResult[],
  xParam: string,
  yParam: string,
  order: AxisOrder = {},
): HeatmapGrid {
  if (xParam === yParam) throw new BourseError('REPORT_INVALID', `heatmap: x and y are both '${xParam}'`);
  const names = [...new Set(results.flatMap((r) => Object.keys(r.params)))];
  for (const name of [xParam, yParam]) {
    if (!names.includes(name)) {
      throw new BourseError(
        'REPORT_INVALID',
        `heatmap: no parameter '${name}' in the results (parameters: ${names.join(', ') || 'none'})`,
      );
    }
  }
  const placed = results.filter((r) => r.params[xParam] !== undefined && r.params[yParam] !== undefined);
  const xValues = axisValues(
    placed.map((r) => r.params[xParam]),
    order.x,
  );
  const yValues = axisValues(
    placed.map((r) => r.params[yParam]),
    order.y,
  );
  const column = new Map(xValues.map((v, i) => [v, i]));
  const row = new Map(yValues.map((v, i) => [v, i]));
  const cells: (HeatmapCell | undefined)[][] = yValues.map(() => xValues.map(() => undefined));
  for (const result of placed) {
    const r = row.get(parameterText(result.params[yParam])) ?? 0;
    const c = column.get(parameterText(result.params[xParam])) ?? 0;
    const cell = cells[r][c];
    const better = cell === undefined || compareFitness(result, cell.best) < 0;
    cells[r][c] = { best: better ? result : cell.best, combinations: (cell?.combinations ?? 0) + 1 };
  }
  return {
    xParam,
    yParam,
    xValues,
    yValues,
    cells,
    ...otherParams(placed, names, [xParam, yParam]),
    ...extremes(cells),
  };
}

/** Distinct values as text: numbers ascending when all are numbers, else `given` order, then first seen. */
function axisValues(values: readonly unknown[], given: readonly unknown[] | undefined): string[] {
  const seen = [...new Map(values.map((v) => [parameterText(v), v])).entries()];
  if (given === undefined && seen.every(([, v]) => typeof v === 'number')) {
    return seen.sort(([, a], [, b]) => (a as number) - (b as number)).map(([text]) => text);
  }
  const first = (given ?? []).map(parameterText).filter((t) => seen.some(([text]) => text === t));
  return [...new Set([...first, ...seen.map(([text]) => text)])];
}

function otherParams(
  results: readonly CombinationResult[],
  names: readonly string[],
  axes: readonly string[],
) {
  const others: string[] = [];
  const fixed: Record<string, string> = {};
  for (const name of names.filter((n) => !axes.includes(n))) {
    const values = new Set(results.map((r) => parameterText(r.params[name])));
    if (values.size > 1) others.push(name);
    else fixed[name] = [...values][0];
  }
  return { otherParams: others, fixedParams: fixed };
}

function extremes(cells: readonly (readonly (HeatmapCell | undefined)[])[]) {
  let best: { row: number; column: number } | undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [row, cellRow] of cells.entries()) {
    for (const [column, cell] of cellRow.entries()) {
      if (cell === undefined) continue;
      const current = best && cells[best.row][best.column];
      if (!current || compareFitness(cell.best, current.best) < 0) best = { row, column };
      const value = cell.best.objective;
      if (value !== null && cell.best.constraintsMet) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
  }
  return { best, range: min <= max ? { min, max } : undefined };
}
