/** Every statistic, in Returns / Risk / Trades tables. */
import type { Statistics } from '../../result-types.js';
import { escapeHtml } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { formatStatistic, STATISTIC_ROWS } from '../statistic-rows.js';
import { section } from './section.js';
import { signClass } from './sign-class.js';

export function renderStatisticsSection(input: TearsheetInput, precision: number): string {
  const s = input.statistics;
  const groups = new Map<string, string[]>();
  for (const key of Object.keys(STATISTIC_ROWS) as (keyof Statistics)[]) {
    const row = STATISTIC_ROWS[key];
    const value = s[key];
    const cls = row.kind === 'money' && (key === 'netProfit' || key === 'expectancy') ? signClass(value) : '';
    const cells = `<tr data-stat="${key}"><td>${escapeHtml(row.label)}</td><td class="num"><span${cls}>${escapeHtml(formatStatistic(key, s, precision, input.currency))}</span></td></tr>`;
    const list = groups.get(row.group) ?? [];
    list.push(cells);
    groups.set(row.group, list);
  }
  const blocks = [...groups.entries()].map(
    ([group, rows]) =>
      `<div><h3>${escapeHtml(group)}</h3><table><tbody>${rows.join('')}</tbody></table></div>`,
  );
  return section('statistics', 'Statistics', `<div class="stats">${blocks.join('')}</div>`);
}
