/**
 * The walk-forward report: one self-contained HTML page (the tearsheet's shell and charts): the
 * windows on a timeline, each window's choice and results, parameter stability, then the full
 * tearsheet of the stitched out-of-sample run (against buy-and-hold over the same bars).
 */

import {
  escapeHtml,
  formatFractionAsPercent,
  formatPercent,
  formatRatio,
} from '../../backtest/tearsheet/format.js';
import { renderPage } from '../../backtest/tearsheet/page.js';
import { renderTearsheetSections } from '../../backtest/tearsheet/render.js';
import { objectiveLabel } from '../objective.js';
import type { WalkForwardMeta } from './meta.js';
import {
  stabilitySection,
  timelineSection,
  WALK_FORWARD_CSS,
  windowsTableSection,
} from './report-sections.js';
import type { WalkForwardReport } from './walk-forward.js';
import { describeWindowLength } from './window-length.js';

export function renderWalkForwardReport(report: WalkForwardReport, meta: WalkForwardMeta): string {
  const title = `Walk-forward: ${meta.strategy} on ${meta.instrument}`;
  const names = meta.space.axes.filter((axis) => axis.values.length > 1).map((axis) => axis.name);
  const objective = objectiveLabel(meta.objective);
  const { stitched } = report;
  const fixed = Object.fromEntries(
    meta.space.axes.filter((axis) => axis.values.length === 1).map((axis) => [axis.name, axis.values[0]]),
  );
  const tearsheet = renderTearsheetSections({
    title: 'Stitched out-of-sample run',
    statistics: stitched.statistics,
    equity: stitched.equity,
    exposure: stitched.exposure,
    prices: stitched.prices,
    fills: stitched.fills,
    trades: stitched.trades,
    parameters: fixed,
    currency: report.windows[0].outOfSample.currency,
  });
  return renderPage(title, [
    `<style>${WALK_FORWARD_CSS}</style>`,
    '<header data-section="wf-header">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="subtitle">${escapeHtml(subtitle(report, meta, objective))}</p>`,
    '</header>',
    kpis(report),
    timelineSection(report),
    windowsTableSection(report, names, objective),
    stabilitySection(report),
    ...tearsheet,
  ]);
}

function subtitle(report: WalkForwardReport, meta: WalkForwardMeta, objective: string): string {
  const mode = meta.anchored ? 'anchored' : 'rolling';
  return [
    meta.data,
    `${report.windows.length} ${mode} windows: ${describeWindowLength(meta.inSample)} in sample, ${describeWindowLength(meta.outOfSample)} out of sample`,
    `objective ${objective}`,
    `warm-up ${meta.warmup} bars`,
  ].join(' · ');
}

function kpis(report: WalkForwardReport): string {
  const s = report.stitched.statistics;
  const kpi = (label: string, value: string) =>
    `<div class="kpi"><div class="k">${escapeHtml(label)}</div><div class="v">${escapeHtml(value)}</div></div>`;
  return [
    '<div class="kpis" data-section="wf-kpis">',
    kpi('OOS total return', formatFractionAsPercent(s.totalReturn)),
    kpi('OOS annualised', formatFractionAsPercent(s.annualizedReturn)),
    kpi('OOS Sharpe', formatRatio(s.sharpe)),
    kpi('OOS max drawdown', formatPercent(s.maxDrawdownPct)),
    kpi('Walk-forward efficiency', formatRatio(report.efficiency)),
    kpi('Windows', String(report.windows.length)),
    '</div>',
  ].join('');
}
