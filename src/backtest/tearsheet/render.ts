/**
 * The backtest tearsheet: one self-contained HTML document (inline CSS, inline SVG charts, no
 * scripts, fonts or network references) summarising a run. This module derives the display
 * precision and stacks the sections (`sections/`) inside the page shell (`page.ts`).
 */
import { currency as lookupCurrency } from '../../model/currency.js';
import { escapeHtml, formatDate, priceDecimals } from './format.js';
import type { TearsheetInput } from './input.js';
import { renderPage } from './page.js';
import { renderDrawdownSection, renderEquitySection } from './sections/equity-charts.js';
import { renderHeader } from './sections/header.js';
import { renderPriceSection } from './sections/price-chart.js';
import { renderStatisticsSection } from './sections/statistics-table.js';
import { renderTradesSection } from './sections/trades-table.js';

function moneyPrecision(input: TearsheetInput): number {
  if (input.currencyPrecision !== undefined) return input.currencyPrecision;
  try {
    return lookupCurrency(input.currency).precision;
  } catch {
    return 2;
  }
}

function renderFooter(input: TearsheetInput): string {
  const s = input.statistics;
  const generatedFor =
    input.equity.time.length > 0 ? `${formatDate(s.startTime)} to ${formatDate(s.endTime)}` : '';
  return `<footer>Bourse backtest tearsheet${generatedFor ? ` · ${escapeHtml(generatedFor)}` : ''} · times in UTC</footer>`;
}

/** Renders the whole tearsheet as one self-contained HTML document. */
export function renderTearsheet(input: TearsheetInput): string {
  const precision = moneyPrecision(input);
  const decimals = Math.max(
    priceDecimals(input.prices.close),
    priceDecimals(input.fills.map((f) => f.price)),
  );
  return renderPage(input.title, [
    renderHeader(input, precision),
    renderEquitySection(input),
    renderDrawdownSection(input),
    renderPriceSection(input, decimals, precision),
    renderStatisticsSection(input, precision),
    renderTradesSection(input, decimals, precision),
    renderFooter(input),
  ]);
}
