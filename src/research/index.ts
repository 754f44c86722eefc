/** Research: parameter optimisation (grid, random and genetic search over worker threads). */
export { type BacktestPoolInput, type BacktestPoolTask, startBacktestPool } from './backtest-pool.js';
export { canonicalJson, definitionHash } from './canonical.js';
export {
  type BacktestOutcome,
  type BacktestSetup,
  type CombinationTask,
  paramStrings,
  runCombinationBacktest,
  runSetupBacktest,
} from './combination-backtest.js';
export { isObjectiveModule, loadObjectiveModule, resolveObjective } from './custom-objective.js';
export { DailyReturnsCollector } from './daily-returns-collector.js';
export * from './diagnostics/index.js';
export { renderDiagnosticsSections } from './diagnostics-report.js';
export { type GeneticSettings, geneticSearch } from './genetic.js';
export {
  type Constraints,
  type CustomObjective,
  compareFitness,
  type Fitness,
  fitness,
  OBJECTIVE_NAMES,
  OBJECTIVES,
  type Objective,
  type ObjectiveName,
  objectiveLabel,
  objectiveStatistic,
  rankByFitness,
} from './objective.js';
export {
  type DiagnosticsInput,
  type OptimizationDiagnostics,
  optimizationDiagnostics,
} from './optimization-diagnostics.js';
export {
  memoryResults,
  type OptimizationOptions,
  type OptimizationReport,
  optimize,
  type RefusedCombination,
  type ResultsStore,
} from './optimizer.js';
export { type CombinationResult, paramsKey, ResultsFile } from './results-file.js';
export { sampleDistinct } from './sampling.js';
export {
  createSearch,
  gridSearch,
  MAX_GRID_SIZE,
  randomSearch,
  SEARCH_NAMES,
  type Search,
  type SearchChoice,
} from './search.js';
export {
  type BarSeriesData,
  barSeriesFromShared,
  type SharedBarSeries,
  shareBarSeries,
} from './shared-bars.js';
export {
  type Combination,
  combinationAt,
  combinationParams,
  combinationValues,
  MAX_AXIS_VALUES,
  type ParameterAxis,
  type ParameterSpace,
  type ParameterValue,
  parameterSpace,
  parseParameterAxis,
  spaceSize,
} from './space.js';
export * from './walk-forward/index.js';
export { serveTasks, WorkerPool, type WorkerPoolOptions } from './worker-pool.js';
