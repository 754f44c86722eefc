/**
 * The backtest tearsheet: one self-contained HTML document (inline CSS, inline SVG charts, no
 * scripts, fonts or network references) summarising a run. This module derives what several
 * sections share (`context.ts`) and stacks the sections (`sections/`) inside the page shell
 * (`page.ts`).
 */
import { tearsheetContext } from './context.js';
import { escapeHtml, formatDate } from './format.js';
import type { TearsheetInput } from './input.js';
import { renderPage } from './page.js';
import { renderBenchmarkSection } from './sections/benchmark-table.js';
import { renderDrawdownSection, renderEquitySection } from './sections/equity-charts.js';
import { renderExposureSection } from './sections/exposure-chart.js';
import { renderHeader } from './sections/header.js';
import { renderMonthlyReturnsSection } from './sections/monthly-heatmap.js';
import { renderPriceSection } from './sections/price-chart.js';
import { renderRollingSection } from './sections/rolling-charts.js';
import { renderStatisticsSection } from './sections/statistics-table.js';
import { renderTradeDistributionSection } from './sections/trade-distribution.js';
import { renderTradesSection } from './sections/trades-table.js';

function renderFooter(input: TearsheetInput): string {
  const s = input.statistics;
  const generatedFor =
    input.equity.time.length > 0 ? `${formatDate(s.startTime)} to ${formatDate(s.endTime)}` : '';
  return `<footer>Bourse backtest tearsheet${generatedFor ? ` · ${escapeHtml(generatedFor)}` : ''} · times in UTC</footer>`;
}

/**
 * The tearsheet's parts in display order — header, sections and footer — as HTML fragments for the
 * body of a page (`renderPage`); for reports that embed a tearsheet in a page of their own.
 */
export function renderTearsheetSections(input: TearsheetInput): string[] {
  const ctx = tearsheetContext(input);
  const { precision, decimals } = ctx;
  return [
    renderHeader(input, precision),
    renderEquitySection(input, ctx.benchmark),
    renderBenchmarkSection(ctx),
    renderDrawdownSection(input, precision),
    renderMonthlyReturnsSection(ctx),
    renderRollingSection(ctx),
    renderExposureSection(input),
    renderPriceSection(input, decimals, precision),
    renderTradeDistributionSection(input.trades, input.currency, precision),
    renderStatisticsSection(input, precision),
    renderTradesSection(input, decimals, precision),
    renderFooter(input),
  ];
}

/** Renders the whole tearsheet as one self-contained HTML document. */
export function renderTearsheet(input: TearsheetInput): string {
  return renderPage(input.title, renderTearsheetSections(input));
}
