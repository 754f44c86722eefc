/** How each statistic is labelled, grouped and formatted in the tearsheet. */
import type { Statistics } from '../result-types.js';
import {
  formatDateTime,
  formatDays,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRatio,
  MISSING,
} from './format.js';

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
