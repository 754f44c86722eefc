/**
 * The report of `bourse optimize --report`: the objective heatmap over two parameters, the best
 * combinations and, with `--diagnostics`, the overfitting diagnostics of the optimisation. One
 * self-contained HTML page (`renderPage`, no scripts).
 */
import { escapeHtml } from '../backtest/tearsheet/format.js';
import { renderPage } from '../backtest/tearsheet/page.js';
import { note, section } from '../backtest/tearsheet/sections/section.js';
import { BourseError } from '../core/errors.js';
import { renderDiagnosticsSections } from '../research/diagnostics-report.js';
import { type Objective, objectiveLabel } from '../research/objective.js';
import type { OptimizationDiagnostics } from '../research/optimization-diagnostics.js';
import type { CombinationResult } from '../research/results-file.js';
import type { ParameterSpace } from '../research/space.js';
import { withHeadStyle } from './html-head.js';
import { HEATMAP_CSS, renderHeatmapSection } from './optimization-heatmap.js';
import { renderTopTable } from './top-combinations.js';

export interface OptimizationReportOptions {
  readonly space: ParameterSpace;
  readonly objective: Objective;
  /** `x,y`: the heatmap's parameters (default: the first two axes with more than one value). */
  readonly heatmap?: string;
  readonly title: string;
  readonly subtitle?: string;
  /** The diagnostics and the UTC day indices of the daily returns they were computed on. */
  readonly diagnostics?: { readonly result: OptimizationDiagnostics; readonly days: readonly number[] };
  /** Rows of the best-combinations table (default 10). */
  readonly top?: number;
}

export function renderOptimizationReport(
  results: readonly CombinationResult[],
  options: OptimizationReportOptions,
): string {
  const objective = objectiveLabel(options.objective);
  const axes = heatmapAxes(options.space, options.heatmap);
  const page = renderPage(options.title, [
    `<header><h1>${escapeHtml(options.title)}</h1>${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ''}</header>`,
    axes
      ? renderHeatmapSection(results, { x: axes[0], y: axes[1], objective })
      : section('heatmap', 'Heatmap', note('A heatmap needs two parameters with more than one value.')),
    renderTopTable(results, objective, options.top ?? 10),
    ...(options.diagnostics
      ? renderDiagnosticsSections(options.diagnostics.result, options.diagnostics.days)
      : [section('diagnostics', 'Overfitting diagnostics', note('Run with --diagnostics to add them.'))]),
    '<footer>Bourse optimisation report</footer>',
  ]);
  return withHeadStyle(page, HEATMAP_CSS);
}

/** The two heatmap parameters: `--heatmap x,y` checked against the space, or the first two that vary. */
export function heatmapAxes(space: ParameterSpace, chosen: string | undefined): [string, string] | undefined {
  const varying = space.axes.filter((axis) => axis.values.length > 1).map((axis) => axis.name);
  if (chosen === undefined) return varying.length >= 2 ? [varying[0], varying[1]] : undefined;
  const names = chosen.split(',').map((name) => name.trim());
  if (names.length !== 2 || names[0] === names[1])
    throw new BourseError('CLI_INVALID', `--heatmap: expected two parameter names, x,y, got '${chosen}'`);
  for (const name of names) {
    if (!varying.includes(name))
      throw new BourseError(
        'CLI_INVALID',
        `--heatmap: '${name}' is not a parameter with more than one value (those: ${varying.join(', ') || 'none'})`,
      );
  }
  return [names[0], names[1]];
}
