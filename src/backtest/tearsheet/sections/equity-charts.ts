/** The account charts: the equity curve against the benchmark and the underwater (drawdown) chart. */
import { drawdownPctSeries } from '../../statistics.js';
import { type Benchmark, chooseBenchmark } from '../analysis/benchmark.js';
import { type DrawdownPeriod, drawdownPeriods, worstDrawdowns } from '../analysis/drawdown-periods.js';
import { formatDate, formatNumber } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { type ChartSeries, renderChart } from '../svg-chart.js';
import { BLUE, CHART_WIDTH, GREY, ORANGE, RED } from '../theme.js';
import { compactMoney, percentLabel } from './axis-labels.js';
import { renderDrawdownTable, WORST_DRAWDOWNS } from './drawdown-table.js';
import { legend, note, section } from './section.js';

/**
 * The equity curve with the benchmark (by default buy-and-hold of the instrument, scaled to the
 * initial capital) and a dashed initial-capital line. `benchmark` null draws the strategy alone.
 */
export function renderEquitySection(input: TearsheetInput, benchmark?: Benchmark | null): string {
  const { equity, statistics } = input;
  const chosen = benchmark === undefined ? chooseBenchmark(input).benchmark : benchmark;
  const series: ChartSeries[] = [];
  if (chosen) {
    const { time, equity: value } = chosen.curve;
    series.push({ time, value, color: ORANGE, strokeWidth: 1.2, className: 'benchmark-line' });
  }
  series.push({ time: equity.time, value: equity.equity, color: BLUE, className: 'equity-line' });
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 320,
    label: chosen ? `Equity curve and ${chosen.name}` : 'Equity curve',
    series,
    referenceLines: [{ value: statistics.initialCapital, color: GREY, label: 'initial capital' }],
    formatValue: compactMoney,
  });
  const items = [{ color: BLUE, label: 'Strategy' }];
  if (chosen) items.push({ color: ORANGE, label: `Benchmark: ${chosen.name}` });
  return section(
    'equity',
    `Equity (${input.currency})`,
    legend(items, 'dashed: initial capital'),
    chart,
    chosen ? '' : note('No benchmark.'),
  );
}

function bandTitle(p: DrawdownPeriod, rank: number): string {
  const end = p.recovery === null ? 'not recovered' : `recovered ${formatDate(p.recovery)}`;
  return `#${rank}: -${formatNumber(p.depthPct, 2)}% from ${formatDate(p.start)}, trough ${formatDate(p.trough)}, ${end}`;
}

/** Underwater chart (percent below the running peak), the worst periods shaded, and their table. */
export function renderDrawdownSection(input: TearsheetInput, precision = 2): string {
  const dd = drawdownPctSeries(input.equity, input.statistics.initialCapital);
  // Underwater: drawn as negative percent below a zero line.
  for (let i = 0; i < dd.length; i++) dd[i] = -dd[i];
  const worst = worstDrawdowns(
    drawdownPeriods(input.equity, input.statistics.initialCapital),
    WORST_DRAWDOWNS,
  );
  const last = input.equity.time[input.equity.time.length - 1];
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
    bands: worst.map((p, k) => ({
      from: p.start,
      to: p.recovery ?? last,
      color: 'rgba(110,119,129,0.12)',
      title: bandTitle(p, k + 1),
      className: 'drawdown-band',
    })),
    include: [0],
    formatValue: percentLabel,
  });
  return section(
    'drawdown',
    'Drawdown (%)',
    chart,
    worst.length > 0 ? note(`Shaded: the ${worst.length} deepest drawdown periods.`) : '',
    renderDrawdownTable(worst, input.currency, precision),
  );
}
