/** The deepest drawdown periods: peak, trough, recovery, depth and length. */
import type { DrawdownPeriod } from '../analysis/drawdown-periods.js';
import { formatDate, formatDays, formatMoney, formatPercent } from '../format.js';
import { cell, note, table } from './section.js';

/** How many drawdown periods the table lists. */
export const WORST_DRAWDOWNS = 5;

export function renderDrawdownTable(
  worst: readonly DrawdownPeriod[],
  currency: string,
  precision: number,
): string {
  if (worst.length === 0) return note('No drawdown: the equity never fell below its running peak.');
  const rows = worst.map((p, k) =>
    [
      '<tr class="drawdown-period">',
      cell(String(k + 1), ' class="num"'),
      cell(formatDate(p.start)),
      cell(formatDate(p.trough)),
      cell(p.recovery === null ? 'not recovered' : formatDate(p.recovery)),
      cell(`-${formatPercent(p.depthPct)}`, ' class="num neg"'),
      cell(formatMoney(p.troughValue - p.peak, precision), ' class="num"'),
      cell(formatDays(p.lengthDays), ' class="num"'),
      '</tr>',
    ].join(''),
  );
  return table(
    'drawdowns',
    [
      { label: '#', num: true },
      { label: 'Peak' },
      { label: 'Trough' },
      { label: 'Recovery' },
      { label: 'Depth', num: true },
      { label: `Depth (${currency})`, num: true },
      { label: 'Length', num: true },
    ],
    rows,
  );
}
