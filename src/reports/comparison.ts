/**
 * The comparison report of several backtest runs: their equity curves overlaid, each normalised to
 * 100 at its starting capital (so runs with different capital compare), their drawdowns overlaid,
 * and the statistics side by side with each row's best value highlighted. One self-contained HTML
 * page (`renderPage`, inline SVG from `renderChart`, no scripts).
 */
import { drawdownPctSeries } from '../backtest/statistics.js';
import { escapeHtml, formatDate, formatMoney } from '../backtest/tearsheet/format.js';
import { renderPage } from '../backtest/tearsheet/page.js';
import { compactMoney, percentLabel } from '../backtest/tearsheet/sections/axis-labels.js';
import { renderChart } from '../backtest/tearsheet/svg-chart.js';
import { CHART_WIDTH, GREY } from '../backtest/tearsheet/theme.js';
import { BourseError } from '../core/errors.js';
import { comparisonRows, type NamedRun } from './comparison-stats.js';
import { withHeadStyle } from './html-head.js';
import { runColour } from './palette.js';

export type { NamedRun } from './comparison-stats.js';

export interface ComparisonOptions {
  readonly title?: string;
  /** A line under the title (the data file…). */
  readonly subtitle?: string;
}

const CSS = `
table.run-stats td.best{font-weight:700;background:#dafbe1}
table.run-stats th.run{text-align:right;white-space:normal;min-width:90px}
.legend span{white-space:nowrap}
`;

/** The comparison page of `runs` (at least one; names must differ). */
export function renderComparison(runs: readonly NamedRun[], options: ComparisonOptions = {}): string {
  if (runs.length === 0) throw new BourseError('REPORT_INVALID', 'comparison: no runs to compare');
  const names = new Set<string>();
  for (const run of runs) {
    if (names.has(run.name))
      throw new BourseError('REPORT_INVALID', `comparison: run '${run.name}' given twice`);
    names.add(run.name);
  }
  const title = options.title ?? `Comparison of ${runs.length} runs`;
  const page = renderPage(title, [
    `<header><h1>${escapeHtml(title)}</h1>${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : ''}</header>`,
    renderRunsSection(runs),
    renderEquitySection(runs),
    renderDrawdownSection(runs),
    renderStatisticsSection(runs),
    '<footer>Bourse comparison report · times in UTC</footer>',
  ]);
  return withHeadStyle(page, CSS);
}

function legend(runs: readonly NamedRun[]): string {
  const items = runs.map(
    (r, i) => `<span><i style="background:${runColour(i)}"></i>${escapeHtml(r.name)}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

function renderRunsSection(runs: readonly NamedRun[]): string {
  const rows = runs.map(({ name, result }, i) => {
    const period =
      result.dataCount > 0 ? `${formatDate(result.startTime)} → ${formatDate(result.endTime)}` : '—';
    return `<tr><td><span style="color:${runColour(i)}">■</span> ${escapeHtml(name)}</td><td>${escapeHtml(result.prices.instrumentId)}</td><td>${escapeHtml(period)}</td><td class="num">${escapeHtml(formatMoney(result.startingCash, 2, result.currency))}</td><td class="num">${escapeHtml(formatMoney(result.finalValue, 2, result.currency))}</td></tr>`;
  });
  return `<section><h2>Runs</h2><div class="scroll"><table><thead><tr><th>Run</th><th>Instrument</th><th>Period</th><th class="num">Starting cash</th><th class="num">Final value</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function renderEquitySection(runs: readonly NamedRun[]): string {
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 340,
    label: 'Equity, normalised to 100 at the starting capital',
    series: runs.map(({ result }, i) => {
      const base = result.statistics.initialCapital;
      return {
        time: result.equity.time,
        value: result.equity.equity.map((e) => (base > 0 ? (e / base) * 100 : Number.NaN)),
        color: runColour(i),
        strokeWidth: 1.5,
        className: 'equity-line',
      };
    }),
    referenceLines: [{ value: 100, color: GREY, label: 'start = 100' }],
    formatValue: compactMoney,
  });
  return `<section><h2>Equity (start = 100)</h2>${legend(runs)}${chart}</section>`;
}

function renderDrawdownSection(runs: readonly NamedRun[]): string {
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 220,
    label: 'Drawdown (percent below the running peak)',
    series: runs.map(({ result }, i) => ({
      time: result.equity.time,
      value: drawdownPctSeries(result.equity, result.statistics.initialCapital).map((d) => -d),
      color: runColour(i),
      strokeWidth: 1,
      className: 'drawdown-line',
    })),
    include: [0],
    formatValue: percentLabel,
  });
  return `<section><h2>Drawdown (%)</h2>${legend(runs)}${chart}</section>`;
}

function renderStatisticsSection(runs: readonly NamedRun[]): string {
  const head = runs
    .map((r, i) => `<th class="run"><span style="color:${runColour(i)}">■</span> ${escapeHtml(r.name)}</th>`)
    .join('');
  const rows = comparisonRows(runs).map((row) => {
    const cells = row.texts.map(
      (text, i) => `<td class="num${row.best.includes(i) ? ' best' : ''}">${escapeHtml(text)}</td>`,
    );
    return `<tr data-stat="${row.key}"><td>${escapeHtml(row.label)}</td>${cells.join('')}</tr>`;
  });
  return [
    '<section><h2>Statistics</h2>',
    `<div class="scroll"><table class="run-stats"><thead><tr><th>Statistic</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '<p class="note">Bold on green: the best value of the row (lowest volatility and drawdown, highest otherwise; trades and exposure are not ranked).</p>',
    '</section>',
  ].join('');
}
