/** Gross (and net) exposure as a percent of equity over time, with time in market. */
import { exposureStatistics } from '../../statistics.js';
import { formatFractionAsPercent, formatPercent } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { type ChartSeries, renderChart } from '../svg-chart.js';
import { BLUE, CHART_WIDTH, GREY } from '../theme.js';
import { percentLabel } from './axis-labels.js';
import { legend, note, section } from './section.js';

/** value / equity × 100 per sample; NaN where equity ≤ 0 (undefined leverage). */
function percentOfEquity(values: readonly number[], equity: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = equity[i] > 0 ? (values[i] / equity[i]) * 100 : Number.NaN;
  return out;
}

export function renderExposureSection(input: TearsheetInput): string {
  const { exposure, equity, statistics } = input;
  const title = 'Exposure (% of equity)';
  const timeInMarket = `Time in market: ${formatFractionAsPercent(statistics.exposure)} of the equity samples had a position open.`;
  if (
    !exposure ||
    exposure.gross.length !== equity.time.length ||
    exposure.net.length !== equity.time.length
  ) {
    return section('exposure', title, note(`No exposure curve in the input. ${timeInMarket}`));
  }
  const gross = percentOfEquity(exposure.gross, equity.equity);
  const net = percentOfEquity(exposure.net, equity.equity);
  const hasShorts = exposure.net.some((v, i) => v !== exposure.gross[i]);
  const series: ChartSeries[] = [
    {
      time: equity.time,
      value: gross,
      color: BLUE,
      strokeWidth: 1,
      areaTo: 0,
      areaColor: 'rgba(9,105,218,0.15)',
      className: 'exposure-gross-line',
    },
  ];
  if (hasShorts)
    series.push({
      time: equity.time,
      value: net,
      color: GREY,
      strokeWidth: 1,
      className: 'exposure-net-line',
    });
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 200,
    label: 'Gross exposure as a percent of equity',
    series,
    include: [0],
    formatValue: percentLabel,
  });
  const summary = exposureStatistics(exposure, 8);
  const leverage = (v: number | null) => formatPercent(v === null ? null : v * 100);
  const items = [{ color: BLUE, label: 'Gross (Σ |position value|)' }];
  if (hasShorts) items.push({ color: GREY, label: 'Net (longs − shorts)' });
  return section(
    'exposure',
    title,
    legend(items),
    chart,
    note(
      `${timeInMarket} Gross exposure while in the market: average ${leverage(summary.averageLeverage)}, maximum ${leverage(summary.maxLeverage)} of equity.`,
    ),
  );
}
