/** The instrument's close price with buy/sell markers for the fills. */
import { formatNumber } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { renderChart } from '../svg-chart.js';
import { CHART_WIDTH, GREEN, RED } from '../theme.js';
import { compactMoney } from './axis-labels.js';
import { fillMarkers, MAX_INDIVIDUAL_MARKERS } from './fill-markers.js';
import { legend, note, section } from './section.js';

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
      ? note(
          `${formatNumber(input.fills.length, 0)} fills: markers merged per pixel column and side (${formatNumber(markers.length, 0)} shown).`,
        )
      : '';
  return section(
    'price',
    `${prices.instrumentId} close and fills`,
    legend(
      [
        { color: GREEN, label: 'buy' },
        { color: RED, label: 'sell' },
      ],
      'hover a marker for details',
    ),
    chart,
    merged,
  );
}
