/**
 * The optimiser: walks a search over a parameter space, backtests each combination it proposes
 * (through `backtest`: a worker pool, or in process) unless its result is known already (resume),
 * records every new result as it completes, and reports them in the search's order. Combinations
 * the strategy's parameter schema refuses as a whole (`fast` not below `slow`…) are counted and
 * skipped; a value the schema refuses on its own is an error naming its `--param` flag.
 */
import { strategyFrom } from '../backtest/run-file.js';
import { strategyParamsFromStrings } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { strategyDefinition } from '../strategy/registry.js';
import { registerSampleStrategies } from '../strategy/samples/index.js';
import type { BacktestOutcome } from './combination-backtest.js';
import { type Constraints, type Fitness, fitness, type Objective } from './objective.js';
import { type CombinationResult, paramsKey } from './results-file.js';
import { createSearch, type SearchChoice } from './search.js';
import {
  type Combination,
  combinationParams,
  combinationValues,
  type ParameterSpace,
  type ParameterValue,
} from './space.js';

/** Where results are looked up and recorded (a `ResultsFile`, or a map in tests). */
export interface ResultsStore {
  get(key: string): CombinationResult | undefined;
  append(key: string, result: CombinationResult): void;
}

/** A results store in memory (nothing kept after the run). */
export function memoryResults(): ResultsStore & { readonly size: number } {
  const byKey = new Map<string, CombinationResult>();
  return {
    get: (key) => byKey.get(key),
    append: (key, result) => void byKey.set(key, result),
    get size() {
      return byKey.size;
    },
  };
}

export interface OptimizationOptions {
  readonly space: ParameterSpace;
  readonly search: SearchChoice;
  /** A named statistic, or a function of the statistics (`CustomObjective`). */
  readonly objective: Objective;
  readonly constraints: Constraints;
  readonly strategy: string;
  /** Runs one combination's backtest (`name=value` strings). */
  readonly backtest: (params: readonly string[]) => Promise<BacktestOutcome>;
  readonly results?: ResultsStore;
  /** Combinations the search proposed so far, of at most `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Run at most this many new backtests, then stop: the rest is left for a later run to resume. */
  readonly maxRuns?: number;
}

export interface RefusedCombination {
  readonly values: Record<string, ParameterValue>;
  readonly reason: string;
}

export interface OptimizationReport {
  /** One per distinct combination backtested or reused, in the order the search proposed them. */
  readonly results: readonly CombinationResult[];
  /** Taken from the results store instead of being run again. */
  readonly reused: number;
  /** Backtested by this run. */
  readonly ran: number;
  readonly refused: readonly RefusedCombination[];
  /** False when `maxRuns` stopped the search before its end. */
  readonly complete: boolean;
}

type Evaluation =
  | { readonly kind: 'result'; readonly result: CombinationResult }
  | { readonly kind: 'refused'; readonly refused: RefusedCombination }
  | { readonly kind: 'not-run' };

export async function optimize(options: OptimizationOptions): Promise<OptimizationReport> {
  checkSpaceValues(options.space, options.strategy);
  const search = createSearch(options.search, options.space);
  const store = options.results ?? memoryResults();
  const evaluations = new Map<string, Promise<Evaluation>>();
  const counts = { reused: 0, ran: 0, done: 0 };
  let complete = true;

  /** The combination's evaluation and its key: its parameters' key, or its indices when refused. */
  const evaluate = (combination: Combination): { key: string; evaluation: Promise<Evaluation> } => {
    const params = combinationParams(options.space, combination);
    let key: string;
    try {
      key = paramsKey(strategyFrom({ strategy: options.strategy, params }).params);
    } catch (error) {
      if (!(error instanceof BourseError)) throw error;
      const refused = { values: combinationValues(options.space, combination), reason: error.message };
      return {
        key: `refused ${combination.join(',')}`,
        evaluation: Promise.resolve({ kind: 'refused', refused }),
      };
    }
    let evaluation = evaluations.get(key);
    if (evaluation === undefined) {
      evaluation = resultOf(key, params);
      evaluations.set(key, evaluation);
    }
    return { key, evaluation };
  };

  const resultOf = async (key: string, params: readonly string[]): Promise<Evaluation> => {
    const known = store.get(key);
    if (known) {
      counts.reused++;
      return { kind: 'result', result: scored(known, options) };
    }
    if (options.maxRuns !== undefined && counts.ran >= options.maxRuns) {
      complete = false;
      return { kind: 'not-run' };
    }
    counts.ran++;
    const result = scored(await options.backtest(params), options);
    store.append(key, result);
    return { kind: 'result', result };
  };

  const order: Evaluation[] = [];
  const seen = new Set<string>();
  let previous: (Fitness | undefined)[] = [];
  for (let batch = search.next(previous); batch !== undefined && complete; batch = search.next(previous)) {
    const proposed = batch.map(evaluate);
    const evaluated = await Promise.all(
      proposed.map(({ evaluation }) =>
        evaluation.then((e) => {
          options.onProgress?.(++counts.done, search.plannedCount);
          return e;
        }),
      ),
    );
    proposed.forEach(({ key }, i) => {
      if (seen.has(key)) return;
      seen.add(key);
      order.push(evaluated[i]);
    });
    previous = evaluated.map((e) => (e.kind === 'result' ? e.result : undefined));
  }
  return {
    results: order.flatMap((e) => (e.kind === 'result' ? [e.result] : [])),
    reused: counts.reused,
    ran: counts.ran,
    refused: order.flatMap((e) => (e.kind === 'refused' ? [e.refused] : [])),
    complete,
  };
}

/** A result line with the fitness of this run's objective and constraints (a reused line may differ). */
function scored(outcome: BacktestOutcome, options: OptimizationOptions): CombinationResult {
  const { objective, constraintsMet } = fitness(outcome.statistics, options.objective, options.constraints);
  return {
    params: outcome.params,
    finalValue: outcome.finalValue,
    statistics: outcome.statistics,
    constraintsMet,
    objective,
  };
}

/**
 * Every value of every axis, on its own, against the strategy's parameter schema: an unknown name or
 * a value of the wrong type or out of bounds is an error naming the flag.
 */
function checkSpaceValues(space: ParameterSpace, strategy: string): void {
  registerSampleStrategies();
  const schema = strategyDefinition(strategy).parameters;
  for (const axis of space.axes) {
    for (const value of axis.values) {
      try {
        strategyParamsFromStrings(schema, [`${axis.name}=${value}`]);
      } catch (error) {
        if (!(error instanceof BourseError)) throw error;
        throw new BourseError('CLI_INVALID', `--param ${axis.source}: ${error.message}`);
      }
    }
  }
}
