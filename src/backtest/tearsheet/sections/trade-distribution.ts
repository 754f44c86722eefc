/** Distribution of closed trades: a histogram of net P&L and percentiles of P&L and holding time. */

import { quantileSorted } from '../../../analytics/statistics/sample.js';
import { MICROS_PER_DAY } from '../../../model/time.js';
import type { ClosedTrade } from '../../result-types.js';
import { histogram, suggestedBins } from '../analysis/histogram.js';
import { type Bar, renderBarChart } from '../chart/bars.js';
import { stepDecimals } from '../chart/scale.js';
import { formatDays, formatNumber } from '../format.js';
import { CHART_WIDTH, GREEN, GREY, RED } from '../theme.js';
import { cell, note, section, table } from './section.js';

const PERCENTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1] as const;
const PERCENTILE_LABELS = ['Min', '10%', '25%', 'Median', '75%', '90%', 'Max'];

function pnlHistogram(trades: readonly ClosedTrade[], currency: string, precision: number): string {
  const h = histogram(
    trades.map((t) => t.netPnl),
    suggestedBins(trades.length),
  );
  const decimals = Math.min(precision, stepDecimals(h.step));
  const money = (v: number) => formatNumber(v, decimals);
  const bars: Bar[] = [];
  h.counts.forEach((count, k) => {
    const [x0, x1] = [h.edges[k], h.edges[k + 1]];
    if (count === 0) return;
    const winners = x0 >= 0 && x1 > 0;
    bars.push({
      x0,
      x1,
      value: count,
      color: winners ? GREEN : RED,
      className: winners ? 'bin win' : 'bin loss',
      title: `${count} trade${count === 1 ? '' : 's'} with net P&L in [${money(x0)}, ${money(x1)}${k === h.counts.length - 1 ? ']' : ')'} ${currency}`,
    });
  });
  return renderBarChart({
    width: CHART_WIDTH,
    height: 220,
    label: `Histogram of closed-trade net P&L (${currency})`,
    bars,
    xTicks: h.edges,
    formatX: money,
    formatY: (v) => formatNumber(v, 0),
    referenceX: { value: 0, color: GREY },
  });
}

function percentileRow(label: string, sorted: readonly number[], format: (v: number) => string): string {
  const cells = PERCENTILES.map((p) => cell(format(quantileSorted(sorted, p)), ' class="num"'));
  return `<tr>${cell(label)}${cells.join('')}</tr>`;
}

const ascending = (a: number, b: number) => a - b;

export function renderTradeDistributionSection(
  trades: readonly ClosedTrade[],
  currency: string,
  precision: number,
): string {
  const title = 'Trade distribution';
  if (trades.length === 0) return section('trade-distribution', title, note('No closed trades.'));
  const pnl = trades.map((t) => t.netPnl).sort(ascending);
  const held = trades.map((t) => (t.exitTime - t.entryTime) / MICROS_PER_DAY).sort(ascending);
  const bars = trades.map((t) => t.barsHeld).sort(ascending);
  return section(
    'trade-distribution',
    title,
    '<h3>Net P&amp;L per closed trade</h3>',
    pnlHistogram(trades, currency, precision),
    note('Green: bins above 0 (winners), red: below 0 (losers); bins [lower, upper), the last one closed.'),
    '<h3>Percentiles</h3>',
    table(
      'percentiles',
      [{ label: '' }, ...PERCENTILE_LABELS.map((label) => ({ label, num: true }))],
      [
        percentileRow(`Net P&L (${currency})`, pnl, (v) => formatNumber(v, precision)),
        percentileRow('Holding time', held, formatDays),
        percentileRow('Bars held', bars, (v) => formatNumber(v, v % 1 === 0 ? 0 : 1)),
      ],
    ),
    note('Percentiles interpolate linearly between the closest ranks; holding time is exit − entry.'),
  );
}
