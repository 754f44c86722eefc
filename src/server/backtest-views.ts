/**
 * A backtest result as the API sends it: the summary (the figures of the CLI's `--json`), the
 * equity and drawdown curves downsampled to a size a browser draws at once, and the round trips.
 * Also the tearsheet, rendered from the run exactly as `bourse backtest --report` renders it.
 */

import type { BacktestResult } from '../backtest/result.js';
import type { ClosedTrade } from '../backtest/result-types.js';
import { drawdownPctSeries } from '../backtest/statistics.js';
import { renderRunTearsheet } from '../backtest/tearsheet/index.js';
import { currency } from '../model/currency.js';
import { roundTo } from '../model/grid.js';
import type { BacktestResultView, BacktestSummaryView, BacktestTradeView } from './api-types.js';

/** Most points of the equity (and drawdown) curve sent to the dashboard. */
export const MAX_EQUITY_POINTS = 2000;
/** Most round trips sent to the dashboard (the first ones; `summary.trades` has the count). */
export const MAX_TRADE_VIEWS = 5000;

/** The headline figures: the same numbers as the CLI's `--json` (`finalValue`, `statistics`…). */
export function backtestSummaryView(result: BacktestResult): BacktestSummaryView {
  const s = result.statistics;
  return {
    finalValue: result.finalValue,
    totalReturn: s.totalReturn,
    // The statistics' percent as a fraction (0.12 = 12 %): the magnitude of the deepest drawdown.
    maxDrawdown: s.maxDrawdownPct / 100,
    sharpe: s.sharpe,
    trades: result.trades.length,
    statistics: { ...s },
  };
}

/** The result the dashboard draws: summary, downsampled equity and drawdown, round trips. */
export function backtestResultView(
  id: string,
  result: BacktestResult,
  options: { maxPoints?: number; maxTrades?: number } = {},
): BacktestResultView {
  const curves = equityAndDrawdown(result, options.maxPoints ?? MAX_EQUITY_POINTS);
  return {
    id,
    summary: backtestSummaryView(result),
    equity: curves.equity,
    drawdown: curves.drawdown,
    trades: tradeViews(result.trades, options.maxTrades ?? MAX_TRADE_VIEWS),
  };
}

/**
 * The equity curve (rounded to the account currency) and the drawdown from the running peak (a
 * fraction, ≤ 0; the peak starts at the starting cash, as in the statistics), both at the same
 * samples: all of them when there are at most `maxPoints`, else the first and last, the deepest
 * drawdown and the peak before it, and per bucket its lowest and highest equity and deepest
 * drawdown — so the downsampled curves keep every extreme the statistics report.
 */
export function equityAndDrawdown(
  result: Pick<BacktestResult, 'equity' | 'startingCash' | 'currency'>,
  maxPoints = MAX_EQUITY_POINTS,
): { equity: [number, number][]; drawdown: [number, number][] } {
  const { time, equity } = result.equity;
  const pct = drawdownPctSeries(result.equity, result.startingCash);
  const precision = moneyPrecision(result.currency);
  const indices = downsampleIndices(equity, pct, maxPoints);
  return {
    equity: indices.map((i) => [time[i], roundTo(equity[i], precision)]),
    // `0 - x` rather than `-x`: no negative zero at the peaks.
    drawdown: indices.map((i) => [time[i], 0 - pct[i] / 100]),
  };
}

/**
 * Indices of the samples to keep (ascending), at most `maxPoints` (at least 4 are kept when there
 * are more samples than that). `drawdownPct` is positive below the peak (drawdownPctSeries).
 */
export function downsampleIndices(
  equity: ArrayLike<number>,
  drawdownPct: ArrayLike<number>,
  maxPoints: number,
): number[] {
  const n = equity.length;
  if (n <= Math.max(maxPoints, 4)) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // The deepest drawdown and the last peak before it.
  let deepest = 0;
  for (let i = 1; i < n; i++) if (drawdownPct[i] > drawdownPct[deepest]) deepest = i;
  let peak = deepest;
  while (peak > 0 && drawdownPct[peak] > 0) peak--;
  keep[deepest] = 1;
  keep[peak] = 1;
  // Up to three samples per bucket: lowest equity, highest equity, deepest drawdown.
  const buckets = Math.max(1, Math.floor((maxPoints - 4) / 3));
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * n) / buckets);
    const hi = Math.floor(((b + 1) * n) / buckets);
    if (hi <= lo) continue;
    let min = lo;
    let max = lo;
    let dd = lo;
    for (let i = lo + 1; i < hi; i++) {
      if (equity[i] < equity[min]) min = i;
      if (equity[i] > equity[max]) max = i;
      if (drawdownPct[i] > drawdownPct[dd]) dd = i;
    }
    keep[min] = 1;
    keep[max] = 1;
    keep[dd] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) out.push(i);
  return out;
}

/** Round trips as the API shows them (net P&L after commissions), the first `max` of them. */
export function tradeViews(trades: readonly ClosedTrade[], max = MAX_TRADE_VIEWS): BacktestTradeView[] {
  return trades.slice(0, max).map((t) => ({
    instrumentId: t.instrumentId,
    side: t.direction,
    quantity: t.quantity,
    entryTime: t.entryTime,
    entryPrice: t.entryPrice,
    exitTime: t.exitTime,
    exitPrice: t.exitPrice,
    pnl: t.netPnl,
  }));
}

/**
 * The self-contained HTML tearsheet of a run, built as `bourse backtest --report` builds it:
 * `strategy` is the strategy name, `data` what the CLI shows as the data (`data/<file>`).
 */
/** The CLI's `--report` tearsheet of a run (one renderer for both). */
export const tearsheetHtml = renderRunTearsheet;

function moneyPrecision(code: string): number {
  try {
    return currency(code).precision;
  } catch {
    return 2;
  }
}
