/** The account charts: the equity curve and the underwater (drawdown) chart. */
import { drawdownPctSeries } from '../../statistics.js';
import { escapeHtml } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { renderChart } from '../svg-chart.js';
import { BLUE, CHART_WIDTH, GREY, RED } from '../theme.js';
import { compactMoney, percentLabel } from './axis-labels.js';

export function renderEquitySection(input: TearsheetInput): string {
  const { equity, statistics } = input;
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 320,
    label: 'Equity curve',
    series: [{ time: equity.time, value: equity.equity, color: BLUE, className: 'equity-line' }],
    referenceLines: [{ value: statistics.initialCapital, color: GREY, label: 'initial capital' }],
    formatValue: compactMoney,
  });
  return `<section><h2>Equity (${escapeHtml(input.currency)})</h2>${chart}</section>`;
}

export function renderDrawdownSection(input: TearsheetInput): string {
  const dd = drawdownPctSeries(input.equity, input.statistics.initialCapital);
  // Underwater: drawn as negative percent below a zero line.
  for (let i = 0; i < dd.length; i++) dd[i] = -dd[i];
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 200,
    label: 'Drawdown (percent below the running peak)',
    series: [
      {
        time: input.equity.time,
        value: dd,
        color: RED,
        strokeWidth: 1,
        areaTo: 0,
        areaColor: 'rgba(207,34,46,0.18)',
        className: 'drawdown-line',
      },
    ],
    include: [0],
    formatValue: percentLabel,
  });
  return `<section><h2>Drawdown (%)</h2>${chart}</section>`;
}
