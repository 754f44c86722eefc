/** Synthetic backtest statistics for tests of code that only reads some of the fields. */
import type { Statistics } from '../../src/backtest/result-types.js';

/** Statistics whose every field is zero or null but those given. */
export function statisticsWith(fields: Partial<Statistics>): Statistics {
  return {
    startTime: 0,
    endTime: 0,
    initialCapital: 100_000,
    finalValue: 100_000,
    netProfit: 0,
    totalReturn: 0,
    annualizedReturn: null,
    volatility: null,
    sharpe: null,
    sortino: null,
    maxDrawdownPct: 0,
    maxDrawdownMoney: 0,
    maxDrawdownDurationDays: 0,
    calmar: null,
    tradeCount: 0,
    winningTrades: 0,
    losingTrades: 0,
    winRate: null,
    grossProfit: 0,
    grossLoss: 0,
    profitFactor: null,
    expectancy: null,
    averageWin: null,
    averageLoss: null,
    largestWin: null,
    largestLoss: null,
    sqn: null,
    exposure: 0,
    totalCommissions: 0,
    ...fields,
  };
}
