/** Bourse public API: the kernel, the backtest engine, the model and the strategy base. */

export * as analytics from './analytics/index.js';
export type { CommissionModel } from './backtest/commission.js';
export type { BacktestConfig, VenueConfig } from './backtest/engine.js';
export { BacktestEngine } from './backtest/engine.js';
export type { FillTiming } from './backtest/exchange.js';
export { SimulatedExchange } from './backtest/exchange.js';
export * as fees from './backtest/fees/index.js';
export type { BacktestResult } from './backtest/result.js';
export type { ClosedTrade, EquityCurve, FillRecord, Statistics } from './backtest/result-types.js';
export { loadFileSeries, runFileBacktest } from './backtest/run-file.js';
export * as slippage from './backtest/slippage/index.js';
export { computeStatistics } from './backtest/statistics.js';
export { renderTearsheet } from './backtest/tearsheet/index.js';
export { MessageBus } from './core/bus.js';
export { Cache } from './core/cache.js';
export type { Clock, TimeEvent } from './core/clock.js';
export { LiveClock, TestClock } from './core/clock.js';
export { Component } from './core/component.js';
export { loadConfig } from './core/config.js';
export type { BourseConfig } from './core/config-schema.js';
export { bourseConfigSchema, loadBourseConfig } from './core/config-schema.js';
export { BourseError, ConfigError, DataError, InvalidStateTransition, NotFoundError } from './core/errors.js';
export { createLogger } from './core/logging.js';
export * as book from './data/book/index.js';
export { type Adjustment, type ContinuousSeries, continuousBars } from './data/continuous.js';
export { parseBarsCsv, readBarsCsv } from './data/csv/index.js';
export { DataEngine } from './data/engine.js';
export { barSeriesFromCsv } from './data/load-bars.js';
export {
  calendarRolls,
  contractAt,
  frontMonth,
  openInterestRolls,
  type Roll,
  volumeRolls,
} from './data/rolls.js';
export type { ExecutionClient, OrderChanges } from './execution/engine.js';
export { ExecutionEngine } from './execution/engine.js';
export * from './indicators/index.js';
export { Kernel } from './kernel/kernel.js';
export { Account } from './model/account.js';
export { currency, USD } from './model/currency.js';
export type { Bar, MarketData, QuoteTick, TradeTick } from './model/data.js';
export { BarType, bar } from './model/data.js';
export type { OrderSide, OrderType, TimeInForce } from './model/enums.js';
export {
  businessDayOnOrBefore,
  businessDaysAfter,
  businessDaysBefore,
  CME_HOLIDAYS,
  cmeHoliday,
  isBusinessDay,
} from './model/futures-calendar.js';
export { Grid } from './model/grid.js';
export type { Instrument } from './model/instruments.js';
export {
  cryptoSpot,
  equity,
  FUTURE_SPECS,
  futureContract,
  genericFuture,
  parseFutureSymbol,
} from './model/instruments.js';
export { Order } from './model/order.js';
export type { OrderEvent } from './model/order-events.js';
export type { OrderStatus } from './model/order-state.js';
export { Position } from './model/position.js';
export type { Session, SessionSchedule } from './model/sessions.js';
export { at, CME_GLOBEX_EQUITY, TradingSession, US_EQUITY_RTH } from './model/sessions.js';
export { Portfolio } from './portfolio/portfolio.js';
export * as research from './research/index.js';
export type { DenialCode, RiskConfig, TradingState } from './risk/engine.js';
export { RiskEngine } from './risk/engine.js';
export type { StrategyDefinition } from './strategy/registry.js';
export { registerStrategy, strategyDefinition, strategyDefinitions } from './strategy/registry.js';
export { registerSampleStrategies } from './strategy/samples/index.js';
export type { OrderOptions } from './strategy/strategy.js';
export { Strategy } from './strategy/strategy.js';
