/** The instrument's close price with buy/sell markers for the fills. */
import { escapeHtml, formatNumber } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { renderChart } from '../svg-chart.js';
import { CHART_WIDTH, GREEN, RED } from '../theme.js';
import { compactMoney } from './axis-labels.js';
import { fillMarkers, MAX_INDIVIDUAL_MARKERS } from './fill-markers.js';

export function renderPriceSection(input: TearsheetInput, decimals: number, precision: number): string {
  const { prices } = input;
  const markers = fillMarkers(input, decimals, precision);
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 340,
    label: `${prices.instrumentId} close with fills`,
    series: [
      { time: prices.time, value: prices.close, color: '#424a53', strokeWidth: 1.2, className: 'price-line' },
    ],
    markers,
    formatValue: compactMoney,
  });
  const merged =
    input.fills.length > MAX_INDIVIDUAL_MARKERS
      ? `<p class="note">${formatNumber(input.fills.length, 0)} fills: markers merged per pixel column and side (${formatNumber(markers.length, 0)} shown).</p>`
      : '';
  return [
    `<section><h2>${escapeHtml(prices.instrumentId)} close and fills</h2>`,
    `<div class="legend"><span><i style="background:${GREEN}"></i>buy</span><span><i style="background:${RED}"></i>sell</span><span>hover a marker for details</span></div>`,
    chart,
    merged,
    '</section>',
  ].join('');
}
