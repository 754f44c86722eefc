/** The closed-trades table (first and last rows only when there are very many trades). */
import type { ClosedTrade } from '../../result-types.js';
import { escapeHtml, formatDateTime, formatNumber, formatTrimmed } from '../format.js';
import type { TearsheetInput } from '../input.js';
import { note, section } from './section.js';
import { signClass } from './sign-class.js';

/** Above this many closed trades, the table shows the first and last half of this many rows. */
export const MAX_TRADE_ROWS = 500;

function tradeRow(t: ClosedTrade, n: number, decimals: number, precision: number): string {
  const price = (v: number) => escapeHtml(formatTrimmed(v, decimals, decimals + 2));
  return [
    '<tr>',
    `<td class="num">${n}</td>`,
    `<td>${escapeHtml(t.instrumentId)}</td>`,
    `<td class="${t.direction === 'long' ? 'pos' : 'neg'}">${escapeHtml(t.direction)}</td>`,
    `<td class="num">${escapeHtml(formatTrimmed(t.quantity, 0, 8))}</td>`,
    `<td>${escapeHtml(formatDateTime(t.entryTime))}</td>`,
    `<td class="num">${price(t.entryPrice)}</td>`,
    `<td>${escapeHtml(formatDateTime(t.exitTime))}</td>`,
    `<td class="num">${price(t.exitPrice)}</td>`,
    `<td class="num">${escapeHtml(formatNumber(t.barsHeld, 0))}</td>`,
    `<td class="num">${escapeHtml(formatNumber(t.commissions, precision))}</td>`,
    `<td class="num"><span${signClass(t.netPnl)}>${escapeHtml(formatNumber(t.netPnl, precision))}</span></td>`,
    '</tr>',
  ].join('');
}

function headerRow(currency: string): string {
  return [
    '<th class="num">#</th>',
    '<th>Instrument</th>',
    '<th>Direction</th>',
    '<th class="num">Qty</th>',
    '<th>Entry time (UTC)</th>',
    '<th class="num">Entry price</th>',
    '<th>Exit time (UTC)</th>',
    '<th class="num">Exit price</th>',
    '<th class="num">Bars</th>',
    `<th class="num">Commission (${escapeHtml(currency)})</th>`,
    `<th class="num">Net P&amp;L (${escapeHtml(currency)})</th>`,
  ].join('');
}

export function renderTradesSection(input: TearsheetInput, decimals: number, precision: number): string {
  const trades = input.trades;
  if (trades.length === 0) return section('trades', 'Closed trades', note('No closed trades.'));
  const rows: string[] = [];
  const half = Math.floor(MAX_TRADE_ROWS / 2);
  const truncated = trades.length > MAX_TRADE_ROWS;
  for (let i = 0; i < trades.length; i++) {
    if (truncated && i === half) {
      const skipped = trades.length - 2 * half;
      rows.push(
        `<tr><td colspan="11" class="note">… ${formatNumber(skipped, 0)} trades not shown …</td></tr>`,
      );
      i = trades.length - half - 1;
      continue;
    }
    rows.push(tradeRow(trades[i], i + 1, decimals, precision));
  }
  return section(
    'trades',
    `Closed trades (${formatNumber(trades.length, 0)})`,
    `<div class="scroll"><table class="trades"><thead><tr>${headerRow(input.currency)}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
  );
}
