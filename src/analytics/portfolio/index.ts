/** Portfolio optimisation: covariance estimators, mean–variance, frontier, risk parity, Black–Litterman, HRP. */

export {
  type BlackLittermanInputs,
  type BlackLittermanResult,
  type BlackLittermanViews,
  blackLitterman,
  impliedEquilibriumReturns,
} from './black-litterman.js';
export { resolveBounds } from './constraints.js';
export {
  annualise,
  ewmaCovariance,
  type LedoitWolfEstimate,
  ledoitWolfCovariance,
  meanReturns,
  sampleCovarianceMatrix,
  simpleReturns,
} from './covariance.js';
export { efficientFrontier, type FrontierPoint } from './frontier.js';
export { type HierarchicalRiskParityResult, hierarchicalRiskParity, type LinkageStep } from './hrp.js';
export {
  attainableReturns,
  maximumSharpePortfolio,
  maximumUtilityPortfolio,
  minimumVariancePortfolio,
  type PortfolioConstraints,
  type PortfolioPerformance,
  portfolioPerformance,
  targetReturnPortfolio,
  targetVolatilityPortfolio,
} from './mean-variance.js';
export {
  type QuadraticProgram,
  type QuadraticProgramSolution,
  solveQuadraticProgram,
} from './quadratic-program.js';
export {
  equalRiskContributionPortfolio,
  type RiskContributions,
  riskBudgetPortfolio,
  riskContributions,
} from './risk-parity.js';
