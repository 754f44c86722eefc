/** The table of the best combinations of an optimisation (ranked as `bourse optimize` ranks them). */
import {
  escapeHtml,
  formatFractionAsPercent,
  formatNumber,
  formatPercent,
} from '../backtest/tearsheet/format.js';
import { rankByFitness } from '../research/objective.js';
import type { CombinationResult } from '../research/results-file.js';
import { formatObjective } from './report-format.js';
import { parameterText } from './report-meta.js';

/** The `top` best of `results`: rank, every parameter, the objective and the headline statistics. */
export function renderTopTable(
  results: readonly CombinationResult[],
  objective: string,
  top: number,
): string {
  const ranked = rankByFitness(results).slice(0, top);
  const names = [...new Set(results.flatMap((r) => Object.keys(r.params)))];
  const head = [
    '<th class="num">#</th>',
    ...names.map((n) => `<th class="num">${escapeHtml(n)}</th>`),
    `<th class="num">${escapeHtml(objective)}</th>`,
    '<th class="num">Total return</th>',
    '<th class="num">Max drawdown</th>',
    '<th class="num">Trades</th>',
    '<th class="num">Final value</th>',
    '<th>Constraints</th>',
  ].join('');
  const rows = ranked.map((r, i) =>
    [
      `<tr><td class="num">${i + 1}</td>`,
      ...names.map((n) => `<td class="num">${escapeHtml(parameterText(r.params[n]))}</td>`),
      `<td class="num">${escapeHtml(formatObjective(r.objective))}</td>`,
      `<td class="num">${escapeHtml(formatFractionAsPercent(r.statistics.totalReturn))}</td>`,
      `<td class="num">${escapeHtml(formatPercent(r.statistics.maxDrawdownPct))}</td>`,
      `<td class="num">${escapeHtml(formatNumber(r.statistics.tradeCount, 0))}</td>`,
      `<td class="num">${escapeHtml(formatNumber(r.finalValue, 2))}</td>`,
      `<td>${r.constraintsMet ? 'met' : 'broken'}</td></tr>`,
    ].join(''),
  );
  return [
    `<section><h2>Top ${ranked.length} of ${formatNumber(results.length, 0)} combinations</h2>`,
    `<div class="scroll"><table class="top"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '<p class="note">Ranked by the objective, combinations meeting the constraints first.</p>',
    '</section>',
  ].join('');
}
