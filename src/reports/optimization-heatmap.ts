/**
 * The optimisation heatmap page: two parameters' grid (`heatmap-grid.ts`) as an HTML table whose
 * cells are coloured by the objective (`colour-scale.ts`, legend with min and max), the value
 * printed in each, the best cell outlined, cells whose best combination breaks a constraint hatched
 * grey, combinations not run left empty; then the top combinations. No scripts (`renderPage`).
 */
import { escapeHtml, formatNumber } from '../backtest/tearsheet/format.js';
import { renderPage } from '../backtest/tearsheet/page.js';
import type { CombinationResult } from '../research/results-file.js';
import { colourScale } from './colour-scale.js';
import { type AxisOrder, type HeatmapGrid, heatmapGrid } from './heatmap-grid.js';
import { withHeadStyle } from './html-head.js';
import { formatObjective } from './report-format.js';
import { renderTopTable } from './top-combinations.js';

export interface HeatmapOptions {
  /** Parameter of the columns. */
  readonly x: string;
  /** Parameter of the rows. */
  readonly y: string;
  /** The objective's name as the page shows it (default `objective`), e.g. `Sharpe ratio`. */
  readonly objective?: string;
  readonly title?: string;
  /** A line under the title (the data, the strategy…). */
  readonly subtitle?: string;
  /** Display order of text values (numbers are sorted). */
  readonly order?: AxisOrder;
  /** Rows of the top-combinations table (default 10). */
  readonly top?: number;
}

/** The heatmap's stylesheet (add it to a page holding `renderHeatmapSection`'s output). */
export const HEATMAP_CSS = `
table.opt-grid{width:auto;border-collapse:separate;border-spacing:2px}
table.opt-grid th{text-align:center}
table.opt-grid th.row{text-align:right}
table.opt-grid td.cell{min-width:44px;height:28px;text-align:center;border:2px solid transparent;border-radius:3px;font-size:12px}
table.opt-grid td.missing{background:#fff;border:1px dashed #d0d7de}
table.opt-grid td.failed{background-color:#d0d7de;background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.7) 0 3px,transparent 3px 7px);color:#57606a}
table.opt-grid td.best{border-color:#1f2328;outline:2px solid #1f2328;font-weight:700}
.opt-scale{display:flex;align-items:center;gap:8px;font-size:12px;margin:10px 0 0}
.opt-scale .bar{width:220px;height:12px;border:1px solid #d0d7de;border-radius:2px}
.opt-scale i{display:inline-block;width:14px;height:12px;vertical-align:-2px;margin:0 4px 0 12px;border:1px dashed #d0d7de}
.opt-scale i.failed{background-color:#d0d7de;background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.7) 0 3px,transparent 3px 7px);border:0}
`;

/** The heatmap page of `results` over parameters `options.x` and `options.y`. */
export function renderOptimizationHeatmap(
  results: readonly CombinationResult[],
  options: HeatmapOptions,
): string {
  const objective = options.objective ?? 'objective';
  const title = options.title ?? `Optimisation: ${objective} by ${options.x} and ${options.y}`;
  const page = renderPage(title, [
    `<header><h1>${escapeHtml(title)}</h1>${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ''}</header>`,
    renderHeatmapSection(results, options),
    renderTopTable(results, objective, options.top ?? 10),
    '<footer>Bourse optimisation heatmap</footer>',
  ]);
  return withHeadStyle(page, HEATMAP_CSS);
}

/** The heatmap section alone (its page needs `HEATMAP_CSS`). */
export function renderHeatmapSection(
  results: readonly CombinationResult[],
  options: Pick<HeatmapOptions, 'x' | 'y' | 'objective' | 'order'>,
): string {
  const grid = heatmapGrid(results, options.x, options.y, options.order);
  return renderGridSection(grid, options.objective ?? 'objective', results.length);
}

function renderGridSection(grid: HeatmapGrid, objective: string, total: number): string {
  const scale = grid.range && colourScale(grid.range.min, grid.range.max);
  const head = grid.xValues.map((v) => `<th>${escapeHtml(v)}</th>`).join('');
  const rows = grid.yValues.map((y, r) => {
    const cells = grid.xValues.map((x, c) => {
      const cell = grid.cells[r][c];
      if (cell === undefined)
        return `<td class="cell missing" title="${escapeHtml(`${grid.xParam}=${x} ${grid.yParam}=${y}: not run`)}"></td>`;
      const value = cell.best.objective;
      const isBest = grid.best?.row === r && grid.best.column === c;
      const classes = ['cell', cell.best.constraintsMet ? '' : 'failed', isBest ? 'best' : ''].filter(
        Boolean,
      );
      const colour =
        scale && value !== null && cell.best.constraintsMet
          ? ` style="background:${scale.colour(value)};color:${scale.textColour(value)}"`
          : '';
      const tip = `${grid.xParam}=${x} ${grid.yParam}=${y}: ${objective} ${formatObjective(value)}${cell.best.constraintsMet ? '' : ', constraints broken'} (best of ${cell.combinations})`;
      return `<td class="${classes.join(' ')}"${colour} title="${escapeHtml(tip)}">${escapeHtml(formatObjective(value))}</td>`;
    });
    return `<tr><th class="row">${escapeHtml(y)}</th>${cells.join('')}</tr>`;
  });
  return [
    `<section><h2>${escapeHtml(objective)} by ${escapeHtml(grid.xParam)} (columns) and ${escapeHtml(grid.yParam)} (rows)</h2>`,
    `<div class="scroll"><table class="opt-grid"><thead><tr><th class="corner">${escapeHtml(grid.yParam)} ↓ ${escapeHtml(grid.xParam)} →</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    renderLegend(scale),
    ...notes(grid, objective, total).map((n) => `<p class="note">${escapeHtml(n)}</p>`),
    '</section>',
  ].join('');
}

function renderLegend(scale: ReturnType<typeof colourScale> | undefined): string {
  const keys =
    '<span><i class="failed"></i>constraints broken</span><span><i></i>not run</span><span>outlined: best</span>';
  if (!scale)
    return `<div class="opt-scale"><span>no cell meets the constraints with a value</span>${keys}</div>`;
  const gradient = scale.stops.map((s) => `${s.colour} ${(s.offset * 100).toFixed(1)}%`).join(',');
  return [
    '<div class="opt-scale">',
    `<span class="min">${escapeHtml(formatObjective(scale.min))}</span>`,
    `<span class="bar" style="background:linear-gradient(to right,${gradient})"></span>`,
    `<span class="max">${escapeHtml(formatObjective(scale.max))}</span>`,
    keys,
    '</div>',
  ].join('');
}

function notes(grid: HeatmapGrid, objective: string, total: number): string[] {
  const lines = [
    `${formatNumber(total, 0)} combinations; ${grid.xValues.length} × ${grid.yValues.length} cells.`,
  ];
  if (grid.otherParams.length > 0) {
    lines.push(
      `More than two parameters vary: each cell shows the best ${objective} over ${grid.otherParams.join(', ')} (combinations meeting the constraints first).`,
    );
  }
  const fixed = Object.entries(grid.fixedParams).map(([k, v]) => `${k}=${v}`);
  if (fixed.length > 0) lines.push(`Fixed: ${fixed.join(', ')}.`);
  return lines;
}
