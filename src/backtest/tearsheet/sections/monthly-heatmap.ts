/** Monthly returns as a year × month heatmap with a year-total column. */
import { monthlyReturns, type YearReturns } from '../analysis/monthly-returns.js';
import { absExtent, divergingColour } from '../chart/colour-scale.js';
import type { TearsheetContext } from '../context.js';
import { formatFractionAsPercent } from '../format.js';
import { note, section, table } from './section.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Decimals for the cells, from the largest |return|: 1 from 10 %, 2 from 1 %, else 3. */
function percentDecimals(extent: number): number {
  return extent >= 0.1 ? 1 : extent >= 0.01 ? 2 : 3;
}

function heatCell(
  className: string,
  value: number | null,
  extent: number,
  decimals: number,
  attrs: string,
): string {
  if (value === null) return `<td class="${className} nodata"${attrs}></td>`;
  const { background, text } = divergingColour(value, extent);
  const sign = value > 0 ? ' pos' : value < 0 ? ' neg' : '';
  return `<td class="${className}${sign}"${attrs} data-return="${value}" style="background:${background};color:${text}">${formatFractionAsPercent(value, decimals)}</td>`;
}

function yearRow(y: YearReturns, monthExtent: number, yearExtent: number, decimals: number): string {
  const months = y.months.map((r, m) =>
    heatCell('month', r, monthExtent, decimals, ` data-month="${y.year}-${String(m + 1).padStart(2, '0')}"`),
  );
  return `<tr data-year="${y.year}"><th>${y.year}</th>${months.join('')}${heatCell('total', y.total, yearExtent, decimals, '')}</tr>`;
}

export function renderMonthlyReturnsSection(ctx: TearsheetContext): string {
  const years = monthlyReturns(ctx.daily, ctx.input.statistics.initialCapital);
  const title = 'Monthly returns (%)';
  if (years.length === 0) return section('monthly-returns', title, note('No data.'));
  const monthExtent = absExtent(years.flatMap((y) => y.months));
  const yearExtent = absExtent(years.map((y) => y.total));
  const decimals = percentDecimals(monthExtent);
  return section(
    'monthly-returns',
    title,
    table(
      'heatmap',
      [
        { label: 'Year' },
        ...MONTHS.map((label) => ({ label, num: true })),
        { label: 'Year total', num: true },
      ],
      years.map((y) => yearRow(y, monthExtent, yearExtent, decimals)),
    ),
    note(
      'Month-end equity over the previous month-end equity − 1 (the first month from the initial capital); the year column compounds its months. Empty: no data that month.',
    ),
  );
}
