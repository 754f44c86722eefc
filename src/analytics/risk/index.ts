/** Portfolio risk: VaR/CVaR by several methods, EVT tails, VaR backtests and stress tests. */
export * from './evt.js';
export * from './positions.js';
export * from './returns.js';
export * from './risk-measure.js';
export * from './rolling-var.js';
export * from './simulate-paths.js';
export * from './standard-scenarios.js';
export * from './stress.js';
export * from './var-backtest.js';
export * from './var-filtered.js';
export * from './var-historical.js';
export * from './var-methods.js';
export * from './var-monte-carlo.js';
export * from './var-parametric.js';
export * from './var-portfolio.js';
export * from './volatility-models.js';
