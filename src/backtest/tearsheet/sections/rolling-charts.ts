/** Rolling Sharpe ratio and volatility of the strategy (and the benchmark) over ROLLING_WINDOW_DAYS. */
import { PERIODS_PER_YEAR, ROLLING_WINDOW_DAYS, type RollingRisk, rollingRisk } from '../analysis/rolling.js';
import type { TearsheetContext } from '../context.js';
import { formatNumber } from '../format.js';
import { type ChartSeries, renderChart, stepDecimals } from '../svg-chart.js';
import { BLUE, CHART_WIDTH, GREY, ORANGE } from '../theme.js';
import { percentLabel } from './axis-labels.js';
import { legend, note, section } from './section.js';

type Metric = 'sharpe' | 'volatility';

function metricSeries(risk: RollingRisk, metric: Metric, color: string, className: string): ChartSeries {
  const value = metric === 'sharpe' ? risk.sharpe : risk.volatility.map((v) => v * 100);
  return { time: risk.time, value, color, strokeWidth: 1.2, className };
}

function rollingChart(strategy: RollingRisk, benchmark: RollingRisk | null, metric: Metric): string {
  const name = metric === 'sharpe' ? 'sharpe' : 'vol';
  const series: ChartSeries[] = [];
  if (benchmark) series.push(metricSeries(benchmark, metric, ORANGE, `rolling-benchmark-${name}-line`));
  series.push(metricSeries(strategy, metric, BLUE, `rolling-${name}-line`));
  return renderChart({
    width: CHART_WIDTH,
    height: 200,
    label: metric === 'sharpe' ? 'Rolling Sharpe ratio' : 'Rolling volatility (annualized, %)',
    series,
    referenceLines: metric === 'sharpe' ? [{ value: 0, color: GREY }] : [],
    include: [0],
    formatValue: metric === 'sharpe' ? (v, step) => formatNumber(v, stepDecimals(step)) : percentLabel,
  });
}

export function renderRollingSection(ctx: TearsheetContext, window = ROLLING_WINDOW_DAYS): string {
  const title = `Rolling Sharpe and volatility (${window} days)`;
  const days = ctx.daily.returns.length;
  if (days < window) {
    return section(
      'rolling',
      title,
      note(
        `The run has ${formatNumber(days, 0)} daily return${days === 1 ? '' : 's'}; the rolling window needs ${formatNumber(window, 0)}, so there is nothing to draw.`,
      ),
    );
  }
  const strategy = rollingRisk(ctx.daily, window);
  const benchmark = ctx.benchmarkDaily ? rollingRisk(ctx.benchmarkDaily, window) : null;
  const items = [{ color: BLUE, label: 'Strategy' }];
  if (benchmark && ctx.benchmark) items.push({ color: ORANGE, label: ctx.benchmark.name });
  return section(
    'rolling',
    title,
    legend(items),
    '<h3>Sharpe ratio</h3>',
    rollingChart(strategy, benchmark, 'sharpe'),
    '<h3>Volatility (annualized, %)</h3>',
    rollingChart(strategy, benchmark, 'volatility'),
    note(
      `Each point uses the last ${window} daily returns: volatility = s·√${PERIODS_PER_YEAR}, Sharpe = mean / s · √${PERIODS_PER_YEAR} (s the sample standard deviation, risk-free rate 0).`,
    ),
  );
}
