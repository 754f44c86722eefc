/** Research: parameter optimisation (grid, random and genetic search over worker threads). */
export { type BacktestPoolInput, startBacktestPool } from './backtest-pool.js';
export { canonicalJson, definitionHash } from './canonical.js';
export { type BacktestOutcome, type BacktestSetup, runCombinationBacktest } from './combination-backtest.js';
export { type GeneticSettings, geneticSearch } from './genetic.js';
export {
  type Constraints,
  compareFitness,
  type Fitness,
  fitness,
  OBJECTIVE_NAMES,
  OBJECTIVES,
  type ObjectiveName,
  rankByFitness,
} from './objective.js';
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
export { barSeriesFromShared, type SharedBarSeries, shareBarSeries } from './shared-bars.js';
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
export { serveTasks, WorkerPool, type WorkerPoolOptions } from './worker-pool.js';
