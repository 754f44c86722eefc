/**
 * Checking an optimisation request: the body's schema (zod; the data set, strategy and starting
 * cash are the backtest jobs' own fields), then the data set, the strategy, each parameter space
 * against the strategy's parameter schema and the number of combinations — all before the job is
 * accepted, each wrong field a BacktestRequestError naming it (`params[1]`, `search`).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { strategyParamsFromStrings } from '../core/config.js';
import type { BourseConfig } from '../core/config-schema.js';
import {
  type Constraints,
  OBJECTIVE_NAMES,
  type ObjectiveName,
  type ParameterAxis,
  type ParameterSpace,
  parseParameterAxis,
  type SearchChoice,
  spaceSize,
} from '../research/index.js';
import type { StrategyDefinition } from '../strategy/registry.js';
import type { OptimizationRequest } from './api-types.js';
import {
  asRequestError,
  BacktestRequestError,
  backtestTargetShape,
  checkBacktestTarget,
} from './backtest-options.js';
import type { ResolvedDataset } from './datasets.js';

/** Most combinations one job may plan (every result is kept in memory while it runs). */
export const MAX_OPTIMIZATION_COMBINATIONS = 20_000;
/** Results a finished job keeps: its best ones. */
export const MAX_KEPT_RESULTS = 1000;
/** Most values one parameter space may hold (each is checked against the strategy's schema). */
export const MAX_SPACE_VALUES = 10_000;

const INVALID = 'OPTIMIZATION_INVALID';
const count = (min: number) => z.number().int().min(min).max(MAX_OPTIMIZATION_COMBINATIONS);
const seed = z.number().int().min(0).max(0xffff_ffff).default(1);

export const optimizationBodySchema = z.strictObject({
  ...backtestTargetShape,
  params: z.array(z.string().min(3).max(200)).min(1).max(16),
  search: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('grid') }),
      z.strictObject({ kind: z.literal('random'), samples: count(1), seed }),
      z.strictObject({ kind: z.literal('genetic'), population: count(2), generations: count(1), seed }),
    ])
    .default({ kind: 'grid' }),
  objective: z.enum(OBJECTIVE_NAMES).default('sharpe'),
  constraints: z
    .strictObject({
      minTrades: z.number().int().min(0).optional(),
      maxDrawdownPct: z.number().min(0).finite().optional(),
    })
    .optional(),
  workers: z.number().int().min(1).max(availableParallelism()).optional(),
});

export type OptimizationBody = z.output<typeof optimizationBodySchema>;

/** A request checked: what the job runs. */
export interface CheckedOptimization {
  readonly request: OptimizationRequest;
  readonly dataset: ResolvedDataset;
  readonly config: BourseConfig;
  readonly space: ParameterSpace;
  readonly search: SearchChoice;
  readonly objective: ObjectiveName;
  readonly constraints: Constraints;
  readonly workers: number;
  /** Combinations the search plans (the progress total). */
  readonly total: number;
}

export function checkOptimizationRequest(
  body: OptimizationBody,
  dataDir: string,
  baseConfig: BourseConfig,
  defaultWorkers: number,
): CheckedOptimization {
  const { target, dataset, definition, config } = checkBacktestTarget(body, dataDir, baseConfig, INVALID);
  const space: ParameterSpace = { axes: checkSpaces(definition, body.params) };
  const total = plannedCount(body.search, space);
  const { params, search, objective, constraints, workers } = body;
  return {
    request: {
      ...target,
      params,
      search,
      objective,
      ...(constraints === undefined ? {} : { constraints }),
      ...(workers === undefined ? {} : { workers }),
    },
    dataset,
    config,
    space,
    search,
    objective,
    constraints: constraints ?? {},
    workers: workers ?? defaultWorkers,
    total,
  };
}

/** Each space parsed (its syntax), unique by name, and each of its values checked by the strategy. */
function checkSpaces(definition: StrategyDefinition, params: readonly string[]): ParameterAxis[] {
  const axes: ParameterAxis[] = [];
  params.forEach((flag, i) => {
    const field = `params[${i}]`;
    let axis: ParameterAxis;
    try {
      axis = parseParameterAxis(flag);
    } catch (error) {
      throw withoutFlag(asRequestError(error, field, INVALID, true));
    }
    if (axis.values.length > MAX_SPACE_VALUES)
      throw new BacktestRequestError(INVALID, field, `at most ${MAX_SPACE_VALUES} values per parameter`);
    if (axes.some((a) => a.name === axis.name))
      throw new BacktestRequestError(INVALID, field, `parameter '${axis.name}' is given more than once`);
    for (const value of axis.values) {
      try {
        strategyParamsFromStrings(definition.parameters, [`${axis.name}=${value}`]);
      } catch (error) {
        throw asRequestError(error, field, 'STRATEGY_PARAMS_INVALID', true);
      }
    }
    axes.push(axis);
  });
  return axes;
}

/** The combinations the search will propose, at most MAX_OPTIMIZATION_COMBINATIONS. */
function plannedCount(search: SearchChoice, space: ParameterSpace): number {
  const size = spaceSize(space);
  if (search.kind === 'grid' && size > MAX_OPTIMIZATION_COMBINATIONS)
    throw new BacktestRequestError(
      'OPTIMIZATION_TOO_LARGE',
      'params',
      `the grid holds ${size} combinations, more than ${MAX_OPTIMIZATION_COMBINATIONS}: narrow the spaces or search at random or genetically`,
    );
  if (search.kind === 'grid') return size;
  if (search.kind === 'random') return Math.min(search.samples, size);
  const total = search.population * search.generations;
  if (total > MAX_OPTIMIZATION_COMBINATIONS)
    throw new BacktestRequestError(
      'OPTIMIZATION_TOO_LARGE',
      'search',
      `population × generations is ${total}, more than ${MAX_OPTIMIZATION_COMBINATIONS}`,
    );
  return total;
}

/** The research module's messages name the CLI flag (`--param fast=x: …`); the field says it here. */
function withoutFlag(error: BacktestRequestError): BacktestRequestError {
  const message = error.message.slice(error.field.length + 2).replace(/^--param /, '');
  return new BacktestRequestError(error.code, error.field, message);
}
