/** The top of the tearsheet: title, run metadata, headline figures and the strategy parameters. */
import { MICROS_PER_DAY } from '../../../model/time.js';
import {
  escapeHtml,
  formatDateTime,
  formatDays,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRatio,
  MISSING,
} from '../format.js';
import type { TearsheetInput } from '../input.js';
import { section } from './section.js';
import { signClass } from './sign-class.js';

function kpi(label: string, value: string, cls = ''): string {
  return `<div class="kpi"><div class="k">${escapeHtml(label)}</div><div class="v"${cls}>${escapeHtml(value)}</div></div>`;
}

export function renderHeader(input: TearsheetInput, precision: number): string {
  const s = input.statistics;
  const hasPeriod = input.equity.time.length > 0;
  const period = hasPeriod ? `${formatDateTime(s.startTime)} → ${formatDateTime(s.endTime)}` : MISSING;
  const spanDays = hasPeriod ? (s.endTime - s.startTime) / MICROS_PER_DAY : null;
  return [
    '<header>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.subtitle ? `<p class="subtitle">${escapeHtml(input.subtitle)}</p>` : '',
    '<div class="meta">',
    `<div><span>Period</span>${escapeHtml(period)}${spanDays === null ? '' : ` (${escapeHtml(formatDays(spanDays))})`}</div>`,
    `<div><span>Instrument</span>${escapeHtml(input.prices.instrumentId)}</div>`,
    `<div><span>Currency</span>${escapeHtml(input.currency)}</div>`,
    `<div><span>Initial capital</span>${escapeHtml(formatMoney(s.initialCapital, precision, input.currency))}</div>`,
    '</div>',
    '</header>',
    '<div class="kpis">',
    kpi(`Net profit (${input.currency})`, formatMoney(s.netProfit, precision), signClass(s.netProfit)),
    kpi('Total return', formatFractionAsPercent(s.totalReturn), signClass(s.totalReturn)),
    kpi('Annualized', formatFractionAsPercent(s.annualizedReturn), signClass(s.annualizedReturn)),
    kpi('Sharpe', formatRatio(s.sharpe)),
    kpi('Max drawdown', formatPercent(s.maxDrawdownPct)),
    kpi('Trades', formatNumber(s.tradeCount, 0)),
    kpi('Win rate', formatFractionAsPercent(s.winRate)),
    '</div>',
    renderParameters(input.parameters),
  ].join('');
}

/** The strategy parameters as a key/value table; empty when there are none. */
function renderParameters(parameters: TearsheetInput['parameters']): string {
  const params = Object.entries(parameters);
  if (params.length === 0) return '';
  const paramRows = params
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(String(v))}</td></tr>`)
    .join('');
  return section('parameters', 'Parameters', `<table class="params"><tbody>${paramRows}</tbody></table>`);
}
