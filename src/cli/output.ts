import type { BacktestResult } from '../backtest/result.js';
import type { ExposureSummary, Statistics } from '../backtest/result-types.js';
import type { Roll } from '../data/rolls.js';
import type { ExecutionSummary } from '../execution/quality-summary.js';
import { isoFromMicros } from '../model/time.js';

/** The `--json` document: one object, stable field names. */
export interface BacktestJson {
  readonly strategy: string;
  readonly parameters: Record<string, unknown>;
  readonly instrument: string;
  readonly bars: number;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly currency: string;
  readonly startingCash: number;
  readonly finalValue: number;
  readonly finalCash: number;
  readonly closedTrades: number;
  readonly winningTrades: number;
  readonly losingTrades: number;
  readonly fills: ReadonlyArray<{
    time: string;
    side: string;
    price: number;
    quantity: number;
    commission: number;
    liquidity: 'maker' | 'taker';
  }>;
  /** Contract rolls of a continuous-contract run (empty otherwise). */
  readonly rolls: ReadonlyArray<{
    time: string;
    from: string;
    to: string;
    fromPrice: number;
    toPrice: number;
    gap: number;
    reason: string;
  }>;
  /** Fills against each order's arrival price (see docs/statistics.md). */
  readonly executionQuality: ExecutionSummary;
  readonly statistics: Statistics;
  /** Max/average gross exposure, max net exposure, max/average leverage (docs/statistics.md). */
  readonly exposure: ExposureSummary;
}

export function backtestJson(
  result: BacktestResult,
  meta: {
    strategy: string;
    parameters: Record<string, unknown>;
    instrument: string;
    rolls?: readonly Roll[];
  },
): BacktestJson {
  return {
    strategy: meta.strategy,
    parameters: meta.parameters,
    instrument: meta.instrument,
    bars: result.dataCount,
    startTime: result.dataCount > 0 ? isoFromMicros(result.startTime) : null,
    endTime: result.dataCount > 0 ? isoFromMicros(result.endTime) : null,
    currency: result.currency,
    startingCash: result.startingCash,
    finalValue: result.finalValue,
    finalCash: result.finalCash,
    closedTrades: result.trades.length,
    winningTrades: result.statistics.winningTrades,
    losingTrades: result.statistics.losingTrades,
    fills: result.fills.map((f) => ({
      time: isoFromMicros(f.time),
      side: f.side,
      price: f.price,
      quantity: f.quantity,
      commission: f.commission,
      liquidity: f.liquidity,
    })),
    rolls: (meta.rolls ?? []).map((r) => ({
      time: isoFromMicros(r.time),
      from: r.from,
      to: r.to,
      fromPrice: r.fromPrice,
      toPrice: r.toPrice,
      gap: r.gap,
      reason: r.reason,
    })),
    executionQuality: result.executionQuality,
    statistics: result.statistics,
    exposure: result.exposureSummary,
  };
}

function fmt(value: number | null, decimals: number, suffix = ''): string {
  return value === null || !Number.isFinite(value) ? '—' : `${value.toFixed(decimals)}${suffix}`;
}

function pct(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(2)} %`;
}

/** A readable summary table for a terminal. */
export function backtestSummary(json: BacktestJson): string {
  const s = json.statistics;
  const ccy = json.currency;
  const rows: Array<[string, string]> = [
    [
      'Strategy',
      `${json.strategy} ${Object.entries(json.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    ],
    ['Instrument', json.instrument],
    [
      'Period',
      `${json.startTime?.slice(0, 10) ?? '—'} → ${json.endTime?.slice(0, 10) ?? '—'} (${json.bars} bars)`,
    ],
    ['Starting cash', `${json.startingCash.toFixed(2)} ${ccy}`],
    ['Final value', `${json.finalValue.toFixed(2)} ${ccy}`],
    ['Final cash', `${json.finalCash.toFixed(2)} ${ccy}`],
    ['Net profit', `${s.netProfit.toFixed(2)} ${ccy}`],
    ['Total return', pct(s.totalReturn)],
    ['Annualised return', pct(s.annualizedReturn)],
    ['Volatility (ann.)', pct(s.volatility)],
    ['Sharpe', fmt(s.sharpe, 2)],
    ['Sortino', fmt(s.sortino, 2)],
    [
      'Max drawdown',
      `${s.maxDrawdownPct.toFixed(2)} % / ${s.maxDrawdownMoney.toFixed(2)} ${ccy} / ${s.maxDrawdownDurationDays.toFixed(1)} days`,
    ],
    ['Calmar', fmt(s.calmar, 2)],
    ['Closed trades', `${s.tradeCount} (${s.winningTrades} won, ${s.losingTrades} lost)`],
    ['Win rate', pct(s.winRate)],
    ['Profit factor', fmt(s.profitFactor, 2)],
    ['Expectancy', `${fmt(s.expectancy, 2)} ${ccy}`],
    ['SQN', fmt(s.sqn, 2)],
    ['Exposure', pct(s.exposure)],
    [
      'Gross exposure',
      `max ${json.exposure.maxGrossExposure.toFixed(2)} ${ccy}, avg ${json.exposure.averageGrossExposure.toFixed(2)} ${ccy}`,
    ],
    ['Leverage', `max ${fmt(json.exposure.maxLeverage, 2)}, avg ${fmt(json.exposure.averageLeverage, 2)}`],
    ['Commissions', `${s.totalCommissions.toFixed(2)} ${ccy}`],
    ['Fills', String(json.fills.length)],
    [
      'Slippage vs arrival',
      `${fmt(json.executionQuality.slippageBps, 2)} bps, ${fmt(json.executionQuality.slippageTicks, 2)} ticks; shortfall ${json.executionQuality.shortfall.toFixed(2)} ${ccy}`,
    ],
    ...json.rolls.map((r, i): [string, string] => [
      i === 0 ? 'Rolls' : '',
      `${r.time.slice(0, 16)} ${r.from} → ${r.to} (gap ${r.gap}, on ${r.reason})`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
