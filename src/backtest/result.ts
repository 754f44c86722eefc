import { type ExecutionSummary, summarizeExecution } from '../execution/quality-summary.js';
import type { Kernel } from '../kernel/kernel.js';
import { type Currency, roundMoney } from '../model/currency.js';
import type { OrderStatus } from '../model/order-state.js';
import type { MarginCall } from '../risk/margin-monitor.js';
import type {
  ClosedTrade,
  EquityCurve,
  ExposureCurve,
  ExposureSummary,
  FillRecord,
  Statistics,
} from './result-types.js';
import { computeStatistics, exposureStatistics } from './statistics.js';

export interface PriceSeries {
  readonly instrumentId: string;
  readonly time: readonly number[];
  readonly close: readonly number[];
}

export interface PositionSummary {
  readonly instrumentId: string;
  readonly quantity: number;
  readonly averageOpenPrice: number;
  readonly realizedPnl: number;
  readonly commissions: number;
}

/** One strategy's position (netting or hedging), in the instrument's currency. */
export interface StrategyPositionSummary extends PositionSummary {
  readonly positionId: string;
  readonly strategyId: string;
  readonly accountId: string;
  readonly currency: string;
}

/** Cash per currency of one account at the end. */
export interface AccountBalances {
  readonly accountId: string;
  readonly baseCurrency: string;
  readonly balances: ReadonlyArray<{ readonly currency: string; readonly amount: number }>;
}

/** Everything a backtest produced: one plain object, JSON-serialisable. */
export interface BacktestResult {
  readonly startTime: number;
  readonly endTime: number;
  readonly dataCount: number;
  readonly elapsedMs: number;
  readonly currency: string;
  readonly startingCash: number;
  /** Net liquidation value at the end (cash + holdings at market + unsettled variation). */
  readonly finalValue: number;
  /** Cash not blocked as margin at the end. */
  readonly finalCash: number;
  readonly fills: readonly FillRecord[];
  readonly trades: readonly ClosedTrade[];
  readonly equity: EquityCurve;
  readonly prices: PriceSeries;
  /** Net positions per instrument (all strategies). */
  readonly positions: readonly PositionSummary[];
  /** Every strategy position, open and closed (docs/portfolio.md). */
  readonly strategyPositions: readonly StrategyPositionSummary[];
  /** Cash per currency of each account at the end. */
  readonly balances: readonly AccountBalances[];
  /** Gross and net exposure and leverage per equity sample (base currency). */
  readonly exposure: ExposureCurve;
  readonly exposureSummary: ExposureSummary;
  readonly orderCounts: Readonly<Partial<Record<OrderStatus, number>>>;
  /** Maintenance-margin calls and the forced liquidations they caused (futures accounts). */
  readonly marginCalls: readonly MarginCall[];
  /** Slippage of the fills against each order's arrival price, and the implementation shortfall. */
  readonly executionQuality: ExecutionSummary;
  readonly statistics: Statistics;
}

export function buildResult(args: {
  kernel: Kernel;
  startingCash: number;
  currency: Currency;
  equity: EquityCurve;
  exposure: ExposureCurve;
  prices: PriceSeries;
  dataCount: number;
  elapsedMs: number;
}): BacktestResult {
  const { kernel, currency, equity } = args;
  const accounts = kernel.portfolio.accounts();
  const finalValue = roundMoney(
    accounts.reduce((sum, a) => sum + a.equity, 0),
    currency,
  );
  const finalCash = roundMoney(
    accounts.reduce((sum, a) => sum + a.freeCash, 0),
    currency,
  );
  // The last sample is taken before end-of-run settlement; equity is unchanged by settlement.
  const orderCounts: Partial<Record<OrderStatus, number>> = {};
  for (const order of kernel.cache.orders()) orderCounts[order.status] = (orderCounts[order.status] ?? 0) + 1;
  const fills = kernel.portfolio.fills;
  const trades = kernel.portfolio.closedTrades;
  const statistics = computeStatistics({
    equity,
    trades,
    fills,
    initialCapital: args.startingCash,
    currencyPrecision: currency.precision,
  });
  return {
    startTime: equity.time[0] ?? 0,
    endTime: equity.time[equity.time.length - 1] ?? 0,
    dataCount: args.dataCount,
    elapsedMs: args.elapsedMs,
    currency: currency.code,
    startingCash: args.startingCash,
    finalValue,
    finalCash,
    fills,
    trades,
    equity,
    prices: args.prices,
    positions: kernel.cache.positions().map((p) => ({
      instrumentId: p.instrumentId,
      quantity: p.quantity,
      averageOpenPrice: p.averageOpenPrice,
      realizedPnl: p.realizedPnl,
      commissions: p.commissions,
    })),
    strategyPositions: kernel.portfolio.positions().map((p) => ({
      positionId: p.id,
      strategyId: p.strategyId ?? '',
      accountId: p.accountId ?? '',
      currency: p.currency.code,
      instrumentId: p.instrumentId,
      quantity: p.quantity,
      averageOpenPrice: p.averageOpenPrice,
      realizedPnl: p.realizedPnl,
      commissions: p.commissions,
    })),
    balances: accounts.map((a) => ({
      accountId: a.id,
      baseCurrency: a.currency.code,
      balances: a.balances(),
    })),
    exposure: args.exposure,
    exposureSummary: exposureStatistics(args.exposure, currency.precision),
    orderCounts,
    marginCalls: kernel.marginMonitor.calls,
    executionQuality: summarizeExecution(kernel.cache.orders(), kernel.cache, currency),
    statistics,
  };
}
