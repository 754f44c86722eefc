/**
 * The backtest tearsheet: one self-contained HTML document (inline CSS, inline SVG charts, no
 * scripts, fonts or network references) summarising a run.
 */
import { currency as lookupCurrency } from '../../model/currency.js';
import { MICROS_PER_DAY } from '../../model/time.js';
import type { ClosedTrade, EquityCurve, FillRecord, Statistics } from '../result-types.js';
import { drawdownPctSeries } from '../statistics.js';
import {
  escapeHtml,
  formatDate,
  formatDateTime,
  formatDays,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRatio,
  formatTrimmed,
  MISSING,
  priceDecimals,
} from './format.js';
import { type ChartMarker, renderChart, stepDecimals } from './svg-chart.js';

export interface TearsheetInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly statistics: Statistics;
  readonly equity: EquityCurve;
  readonly prices: {
    readonly instrumentId: string;
    readonly time: readonly number[];
    readonly close: readonly number[];
  };
  readonly fills: readonly FillRecord[];
  readonly trades: readonly ClosedTrade[];
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Account currency code, e.g. `USD`. */
  readonly currency: string;
  /** Decimals for money; defaults to the known precision of `currency`, else 2. */
  readonly currencyPrecision?: number;
}

/** Above this many fills, markers are merged per pixel column and side (tooltip gives the count). */
export const MAX_INDIVIDUAL_MARKERS = 2000;
/** Above this many closed trades, the table shows the first and last half of this many rows. */
export const MAX_TRADE_ROWS = 500;

const CHART_WIDTH = 1120;
const GREEN = '#1a7f37';
const RED = '#cf222e';
const BLUE = '#0969da';
const GREY = '#6e7781';

type StatKind = 'time' | 'money' | 'fraction' | 'percent' | 'ratio' | 'count' | 'days';

interface StatRow {
  readonly group: 'Returns' | 'Risk' | 'Trades';
  readonly label: string;
  readonly kind: StatKind;
}

/** Every Statistics field, in display order: the mapped type makes forgetting one a compile error. */
export const STATISTIC_ROWS: { readonly [K in keyof Statistics]: StatRow } = {
  startTime: { group: 'Returns', label: 'Start', kind: 'time' },
  endTime: { group: 'Returns', label: 'End', kind: 'time' },
  initialCapital: { group: 'Returns', label: 'Initial capital', kind: 'money' },
  finalValue: { group: 'Returns', label: 'Final value', kind: 'money' },
  netProfit: { group: 'Returns', label: 'Net profit', kind: 'money' },
  totalReturn: { group: 'Returns', label: 'Total return', kind: 'fraction' },
  annualizedReturn: { group: 'Returns', label: 'Annualized return', kind: 'fraction' },
  exposure: { group: 'Returns', label: 'Exposure (time in market)', kind: 'fraction' },
  totalCommissions: { group: 'Returns', label: 'Total commissions', kind: 'money' },
  volatility: { group: 'Risk', label: 'Volatility (annualized)', kind: 'fraction' },
  sharpe: { group: 'Risk', label: 'Sharpe ratio', kind: 'ratio' },
  sortino: { group: 'Risk', label: 'Sortino ratio', kind: 'ratio' },
  calmar: { group: 'Risk', label: 'Calmar ratio', kind: 'ratio' },
  maxDrawdownPct: { group: 'Risk', label: 'Max drawdown', kind: 'percent' },
  maxDrawdownMoney: { group: 'Risk', label: 'Max drawdown (money)', kind: 'money' },
  maxDrawdownDurationDays: { group: 'Risk', label: 'Longest drawdown', kind: 'days' },
  tradeCount: { group: 'Trades', label: 'Closed trades', kind: 'count' },
  winningTrades: { group: 'Trades', label: 'Winning trades', kind: 'count' },
  losingTrades: { group: 'Trades', label: 'Losing trades', kind: 'count' },
  winRate: { group: 'Trades', label: 'Win rate', kind: 'fraction' },
  grossProfit: { group: 'Trades', label: 'Gross profit', kind: 'money' },
  grossLoss: { group: 'Trades', label: 'Gross loss', kind: 'money' },
  profitFactor: { group: 'Trades', label: 'Profit factor', kind: 'ratio' },
  expectancy: { group: 'Trades', label: 'Expectancy (per trade)', kind: 'money' },
  averageWin: { group: 'Trades', label: 'Average win', kind: 'money' },
  averageLoss: { group: 'Trades', label: 'Average loss', kind: 'money' },
  largestWin: { group: 'Trades', label: 'Largest win', kind: 'money' },
  largestLoss: { group: 'Trades', label: 'Largest loss', kind: 'money' },
  sqn: { group: 'Trades', label: 'SQN', kind: 'ratio' },
};

/** Formats one statistic the way the tearsheet shows it (`—` for null). */
export function formatStatistic(
  key: keyof Statistics,
  stats: Statistics,
  precision: number,
  currency: string,
): string {
  const value = stats[key];
  if (value === null) return MISSING;
  switch (STATISTIC_ROWS[key].kind) {
    case 'time':
      return stats.endTime === 0 && stats.startTime === 0 ? MISSING : formatDateTime(value);
    case 'money':
      return formatMoney(value, precision, currency);
    case 'fraction':
      return formatFractionAsPercent(value);
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRatio(value);
    case 'count':
      return formatNumber(value, 0);
    case 'days':
      return formatDays(value);
  }
}

function moneyPrecision(input: TearsheetInput): number {
  if (input.currencyPrecision !== undefined) return input.currencyPrecision;
  try {
    return lookupCurrency(input.currency).precision;
  } catch {
    return 2;
  }
}

function signClass(value: number | null): string {
  if (value === null || value === 0 || !Number.isFinite(value)) return '';
  return value > 0 ? ' class="pos"' : ' class="neg"';
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:24px}
header .subtitle{margin:0 0 12px;color:${GREY}}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:16px 0}
section h2{margin:0 0 10px;font-size:16px}
.meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0}
.meta div span{color:${GREY};margin-right:6px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.kpi{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px}
.kpi .k{color:${GREY};font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
th{color:${GREY};font-weight:600;font-size:12px}
td.num,th.num{text-align:right}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px 28px}
.stats h3{margin:4px 0;font-size:13px;color:${GREY};text-transform:uppercase;letter-spacing:.04em}
.pos{color:${GREEN}}.neg{color:${RED}}
.params{width:auto}.params td{padding-right:32px}.params td:first-child{color:${GREY}}
.note{color:${GREY};font-size:12px;margin:6px 0 0}
.legend{display:flex;gap:18px;font-size:12px;color:${GREY};margin:2px 0 6px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:-1px}
.scroll{overflow-x:auto}
svg.chart{width:100%;height:auto;display:block;font-size:11px}
svg.chart .grid line{stroke:#eaeef2}
svg.chart .xaxis line{stroke:#8c959f}
svg.chart text{fill:#57606a}
svg.chart .frame{fill:none;stroke:#d0d7de}
footer{color:${GREY};font-size:12px;text-align:center;margin:24px 0}
`;

function kpi(label: string, value: string, cls = ''): string {
  return `<div class="kpi"><div class="k">${escapeHtml(label)}</div><div class="v"${cls}>${escapeHtml(value)}</div></div>`;
}

function renderHeader(input: TearsheetInput, precision: number): string {
  const s = input.statistics;
  const hasPeriod = input.equity.time.length > 0;
  const period = hasPeriod ? `${formatDateTime(s.startTime)} → ${formatDateTime(s.endTime)}` : MISSING;
  const spanDays = hasPeriod ? (s.endTime - s.startTime) / MICROS_PER_DAY : null;
  const params = Object.entries(input.parameters);
  const paramRows = params
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(String(v))}</td></tr>`)
    .join('');
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
    params.length > 0
      ? `<section><h2>Parameters</h2><table class="params"><tbody>${paramRows}</tbody></table></section>`
      : '',
  ].join('');
}

function compactMoney(value: number, step: number): string {
  return formatNumber(value, stepDecimals(step));
}

function renderEquitySection(input: TearsheetInput): string {
  const { equity, statistics } = input;
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 320,
    label: 'Equity curve',
    series: [{ time: equity.time, value: equity.equity, color: BLUE, className: 'equity-line' }],
    referenceLines: [{ value: statistics.initialCapital, color: GREY, label: 'initial capital' }],
    formatValue: compactMoney,
  });
  return `<section><h2>Equity (${escapeHtml(input.currency)})</h2>${chart}</section>`;
}

function renderDrawdownSection(input: TearsheetInput): string {
  const dd = drawdownPctSeries(input.equity, input.statistics.initialCapital);
  // Underwater: drawn as negative percent below a zero line.
  for (let i = 0; i < dd.length; i++) dd[i] = -dd[i];
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 200,
    label: 'Drawdown (percent below the running peak)',
    series: [
      {
        time: input.equity.time,
        value: dd,
        color: RED,
        strokeWidth: 1,
        areaTo: 0,
        areaColor: 'rgba(207,34,46,0.18)',
        className: 'drawdown-line',
      },
    ],
    include: [0],
    formatValue: (v, step) => `${formatNumber(v, stepDecimals(step))}%`,
  });
  return `<section><h2>Drawdown (%)</h2>${chart}</section>`;
}

function fillTitle(f: FillRecord, decimals: number, precision: number, currency: string): string {
  return [
    `${f.side.toUpperCase()} ${formatTrimmed(f.quantity, 0, 8)} ${f.instrumentId} @ ${formatTrimmed(f.price, decimals, decimals + 2)}`,
    formatDateTime(f.time),
    `order ${f.clientOrderId}`,
    `commission ${formatMoney(f.commission, precision, currency)}`,
  ].join('\n');
}

/** One marker per fill, or per (pixel column, side) with a count when there are very many fills. */
function fillMarkers(input: TearsheetInput, decimals: number, precision: number): ChartMarker[] {
  const fills = input.fills;
  const marker = (side: 'buy' | 'sell') =>
    side === 'buy'
      ? { shape: 'up' as const, color: GREEN, className: 'marker buy' }
      : { shape: 'down' as const, color: RED, className: 'marker sell' };
  if (fills.length <= MAX_INDIVIDUAL_MARKERS) {
    return fills.map((f) => ({
      time: f.time,
      value: f.price,
      title: fillTitle(f, decimals, precision, input.currency),
      ...marker(f.side),
    }));
  }
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const f of fills) {
    t0 = Math.min(t0, f.time);
    t1 = Math.max(t1, f.time);
  }
  if (input.prices.time.length > 0) {
    t0 = Math.min(t0, input.prices.time[0]);
    t1 = Math.max(t1, input.prices.time[input.prices.time.length - 1]);
  }
  const columns = 1000;
  const groups = new Map<
    string,
    { side: 'buy' | 'sell'; count: number; qty: number; notional: number; time: number }
  >();
  for (const f of fills) {
    const c = t1 > t0 ? Math.min(columns - 1, Math.floor(((f.time - t0) / (t1 - t0)) * columns)) : 0;
    const key = `${c}:${f.side}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.qty += f.quantity;
      g.notional += f.quantity * f.price;
    } else {
      groups.set(key, {
        side: f.side,
        count: 1,
        qty: f.quantity,
        notional: f.quantity * f.price,
        time: f.time,
      });
    }
  }
  return [...groups.values()].map((g) => {
    const avg = g.qty > 0 ? g.notional / g.qty : Number.NaN;
    return {
      time: g.time,
      value: avg,
      title: `${g.count} ${g.side === 'buy' ? 'buys' : 'sells'} from ${formatDateTime(g.time)}, total ${formatTrimmed(g.qty, 0, 8)} @ avg ${formatTrimmed(avg, decimals, decimals + 2)}`,
      ...marker(g.side),
    };
  });
}

function renderPriceSection(input: TearsheetInput, decimals: number, precision: number): string {
  const { prices } = input;
  const markers = fillMarkers(input, decimals, precision);
  const chart = renderChart({
    width: CHART_WIDTH,
    height: 340,
    label: `${prices.instrumentId} close with fills`,
    series: [
      { time: prices.time, value: prices.close, color: '#424a53', strokeWidth: 1.2, className: 'price-line' },
    ],
    markers,
    formatValue: compactMoney,
  });
  const merged =
    input.fills.length > MAX_INDIVIDUAL_MARKERS
      ? `<p class="note">${formatNumber(input.fills.length, 0)} fills: markers merged per pixel column and side (${formatNumber(markers.length, 0)} shown).</p>`
      : '';
  return [
    `<section><h2>${escapeHtml(prices.instrumentId)} close and fills</h2>`,
    `<div class="legend"><span><i style="background:${GREEN}"></i>buy</span><span><i style="background:${RED}"></i>sell</span><span>hover a marker for details</span></div>`,
    chart,
    merged,
    '</section>',
  ].join('');
}

function renderStatisticsSection(input: TearsheetInput, precision: number): string {
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
  return `<section><h2>Statistics</h2><div class="stats">${blocks.join('')}</div></section>`;
}

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

function renderTradesSection(input: TearsheetInput, decimals: number, precision: number): string {
  const trades = input.trades;
  if (trades.length === 0)
    return '<section><h2>Closed trades</h2><p class="note">No closed trades.</p></section>';
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
  const head = [
    '<th class="num">#</th>',
    '<th>Instrument</th>',
    '<th>Direction</th>',
    '<th class="num">Qty</th>',
    '<th>Entry time (UTC)</th>',
    '<th class="num">Entry price</th>',
    '<th>Exit time (UTC)</th>',
    '<th class="num">Exit price</th>',
    '<th class="num">Bars</th>',
    `<th class="num">Commission (${escapeHtml(input.currency)})</th>`,
    `<th class="num">Net P&amp;L (${escapeHtml(input.currency)})</th>`,
  ].join('');
  return [
    `<section><h2>Closed trades (${formatNumber(trades.length, 0)})</h2>`,
    `<div class="scroll"><table class="trades"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '</section>',
  ].join('');
}

/** Renders the whole tearsheet as one self-contained HTML document. */
export function renderTearsheet(input: TearsheetInput): string {
  const precision = moneyPrecision(input);
  const decimals = Math.max(
    priceDecimals(input.prices.close),
    priceDecimals(input.fills.map((f) => f.price)),
  );
  const s = input.statistics;
  const generatedFor =
    input.equity.time.length > 0 ? `${formatDate(s.startTime)} to ${formatDate(s.endTime)}` : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Belt and braces: even a stray reference could not load anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    renderHeader(input, precision),
    renderEquitySection(input),
    renderDrawdownSection(input),
    renderPriceSection(input, decimals, precision),
    renderStatisticsSection(input, precision),
    renderTradesSection(input, decimals, precision),
    `<footer>Bourse backtest tearsheet${generatedFor ? ` · ${escapeHtml(generatedFor)}` : ''} · times in UTC</footer>`,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
