/**
 * The overfitting diagnostics as report sections (docs/overfitting.md): the deflated Sharpe ratio,
 * PBO with the histogram of its logits, the Monte Carlo of the best combination's trades and the
 * bootstrap of its daily returns with a fan chart of equity.
 */
import { histogram, suggestedBins } from '../backtest/tearsheet/analysis/histogram.js';
import { renderBarChart } from '../backtest/tearsheet/chart/bars.js';
import { formatFractionAsPercent, formatNumber, formatRatio } from '../backtest/tearsheet/format.js';
import { cell, note, section, table } from '../backtest/tearsheet/sections/section.js';
import { renderChart, stepDecimals } from '../backtest/tearsheet/svg-chart.js';
import { BLUE, CHART_WIDTH, GREEN, GREY, RED } from '../backtest/tearsheet/theme.js';
import { MICROS_PER_DAY } from '../model/time.js';
import type { DistributionSummary } from './diagnostics/index.js';
import type { OptimizationDiagnostics } from './optimization-diagnostics.js';

const ANNUAL = Math.sqrt(252);

const row = (label: string, value: string) => `<tr>${cell(label)}${cell(value, ' class="num"')}</tr>`;

/** Every diagnostic section; `days` are the UTC day indices of the daily returns (for the fan chart). */
export function renderDiagnosticsSections(d: OptimizationDiagnostics, days: readonly number[]): string[] {
  return [
    deflatedSharpeSection(d),
    pboSection(d),
    tradesSection(d),
    bootstrapSection(d, days),
    ...d.notes.map(note),
  ];
}

function deflatedSharpeSection(d: OptimizationDiagnostics): string {
  const s = d.deflatedSharpe;
  if (s === null) return '';
  const verdict =
    s.dsr >= 0.95
      ? 'The best Sharpe ratio stays significant (DSR ≥ 0.95) after accounting for the trials.'
      : 'After accounting for the trials, the best Sharpe ratio is not significant (DSR < 0.95): expect it to shrink out of sample.';
  const rows = [
    row('Trials (combinations)', formatNumber(d.trials, 0)),
    row('Daily returns', formatNumber(d.observations, 0)),
    row('Best Sharpe (annualised)', formatRatio((d.bestMoments.sharpe ?? Number.NaN) * ANNUAL)),
    row(
      'Skewness / kurtosis of its returns',
      `${formatRatio(d.bestMoments.skewness)} / ${formatRatio(d.bestMoments.kurtosis)}`,
    ),
    row('Expected best Sharpe of pure noise (annualised)', formatRatio(s.expectedMaxSharpe * ANNUAL)),
    row('Probabilistic Sharpe ratio (vs 0)', formatRatio(s.psr, 3)),
    row('Deflated Sharpe ratio', formatRatio(s.dsr, 3)),
  ];
  return section(
    'deflated-sharpe',
    'Deflated Sharpe ratio',
    `<table class="params"><tbody>${rows.join('')}</tbody></table>`,
    note(verdict),
  );
}

function pboSection(d: OptimizationDiagnostics): string {
  const p = d.pbo;
  if (p === null) return '';
  const logits = [...p.logits].filter(Number.isFinite);
  const h = histogram(logits, suggestedBins(logits.length));
  const bars = h.counts.map((count, k) => ({
    x0: h.edges[k],
    x1: h.edges[k + 1],
    value: count,
    color: h.edges[k + 1] <= 0 ? RED : GREEN,
    title: `${count} splits with logit in [${formatNumber(h.edges[k], 2)}, ${formatNumber(h.edges[k + 1], 2)})`,
    className: 'bin',
  }));
  const chart = renderBarChart({
    width: CHART_WIDTH,
    height: 200,
    label: 'Logits of the out-of-sample rank of the in-sample best',
    bars,
    xTicks: h.edges,
    formatX: (v) => formatNumber(v, 1),
    formatY: (v) => formatNumber(v, 0),
    referenceX: { value: 0, color: GREY, label: 'median' },
  });
  const rows = [
    row('Probability of backtest overfitting', formatFractionAsPercent(p.pbo)),
    row('Probability of an out-of-sample loss', formatFractionAsPercent(p.probabilityOfLoss)),
    row('Splits (blocks)', `${formatNumber(p.splitCount, 0)} (${p.blocks} blocks of ${p.blockSize} days)`),
    row('Degradation: OOS ≈ a + b · IS, slope b', formatRatio(p.degradation.slope, 3)),
  ];
  return section(
    'pbo',
    'Probability of backtest overfitting (CSCV)',
    `<table class="params"><tbody>${rows.join('')}</tbody></table>`,
    chart,
    note(
      'Each split optimises on half the blocks and ranks the chosen combination on the other half. Red: it ranked in the bottom half out of sample. PBO above 50 % means choosing the best backtest is worse than choosing at random.',
    ),
  );
}

function quantileCells(summary: DistributionSummary, format: (v: number) => string): string {
  return summary.quantiles.map((q) => cell(format(q.value), ' class="num"')).join('');
}

function distributionTable(rows: readonly [string, DistributionSummary, (v: number) => string][]): string {
  const quantiles = rows[0][1].quantiles.map((q) => ({
    label: `${formatNumber(q.p * 100, 0)} %`,
    num: true,
  }));
  return table(
    'distribution',
    [{ label: '' }, ...quantiles],
    rows.map(([label, summary, format]) => `<tr>${cell(label)}${quantileCells(summary, format)}</tr>`),
  );
}

const pct = (v: number) => `${formatNumber(v, 2)}%`;
const fraction = (v: number) => formatFractionAsPercent(v);

function tradesSection(d: OptimizationDiagnostics): string {
  const t = d.trades;
  if (t === null) return '';
  return section(
    'trade-monte-carlo',
    `Monte Carlo of the best combination's ${t.trades} trades (${formatNumber(t.runs, 0)} runs)`,
    distributionTable([
      ['Max drawdown, trades reordered', t.permutation.maxDrawdownPct, pct],
      ['Max drawdown, trades resampled', t.bootstrap.maxDrawdownPct, pct],
      ['Final return, trades resampled', t.bootstrap.finalReturn, fraction],
    ]),
    note(
      `As traded: return ${fraction(t.original.finalReturn)}, max drawdown ${pct(t.original.maxDrawdownPct)}. Reordering keeps the final return (a sum) and shows how deep the drawdown could have been with the same trades in another order; resampling draws as many trades with replacement.`,
    ),
  );
}

function bootstrapSection(d: OptimizationDiagnostics, days: readonly number[]): string {
  const b = d.returns;
  if (b === null) return '';
  const parts = [
    distributionTable([
      ['Total return', b.totalReturn, fraction],
      ['Max drawdown', b.maxDrawdownPct, pct],
      ['Sharpe (annualised)', b.sharpe, (v) => formatRatio(v)],
    ]),
  ];
  if (b.bands !== null && days.length > 0) {
    // Step t = 0 is the start (the day before the first return); t is after the t-th day.
    const time = [days[0] - 1, ...days].map((day) => (day + 1) * MICROS_PER_DAY);
    const colours = [RED, GREY, BLUE, GREY, GREEN];
    parts.push(
      renderChart({
        width: CHART_WIDTH,
        height: 260,
        label: 'Bootstrap equity bands (growth of 1)',
        series: b.bands.equity.map((values, k) => ({
          time,
          value: values,
          color: colours[Math.round((k / Math.max(1, b.bands!.quantiles.length - 1)) * 4)],
          strokeWidth: 1.2,
          className: 'band-line',
        })),
        referenceLines: [{ value: 1, color: GREY }],
        formatValue: (v, step) => formatNumber(v, stepDecimals(step)),
      }),
      note(
        `Lines: the ${b.bands.quantiles.map((q) => `${formatNumber(q * 100, 0)} %`).join(', ')} quantiles over the runs of the growth of 1 at each day.`,
      ),
    );
  }
  return section(
    'returns-bootstrap',
    `Bootstrap of the best combination's daily returns (${formatNumber(b.runs, 0)} runs, mean block ${b.meanBlockLength} days)`,
    ...parts,
  );
}
