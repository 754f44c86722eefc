/**
 * What a dashboard backtest and an optimisation job share: the data set, the strategy and the
 * starting cash — their body schema (zod) and their check (each wrong field a BacktestRequestError
 * naming it), and the configuration the runs take.
 */
import { z } from 'zod';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { type StrategyDefinition, strategyDefinition } from '../strategy/registry.js';
import { registerSampleStrategies } from '../strategy/samples/index.js';
import { type ResolvedDataset, resolveDataset } from './datasets.js';

/** A request the server should answer with 400 (404 for an unknown name): `field` is what is wrong. */
export class BacktestRequestError extends BourseError {
  readonly field: string;
  constructor(code: string, field: string, message: string) {
    super(code, `${field}: ${message}`);
    this.field = field;
  }
}

/** The body fields of POST /api/backtests and POST /api/optimizations that name what runs. */
export const backtestTargetShape = {
  dataset: z.string().min(1).max(128),
  strategy: z.string().min(1).max(64),
  startingCash: z.number().positive().finite().optional(),
};

/** The shared fields of a request, before their check. */
export interface BacktestTarget {
  readonly dataset: string;
  readonly strategy: string;
  readonly startingCash?: number;
}

/** The shared fields checked: the data set, the strategy's definition, the configuration to run with. */
export interface CheckedTarget {
  readonly target: BacktestTarget;
  readonly dataset: ResolvedDataset;
  readonly definition: StrategyDefinition;
  readonly config: BourseConfig;
}

/**
 * Checks `dataset` (a bundled data set's name: DATASET_UNKNOWN otherwise), `strategy`
 * (STRATEGY_UNKNOWN) and `startingCash` (`invalidCode`), in that order.
 */
export function checkBacktestTarget(
  request: BacktestTarget,
  dataDir: string,
  baseConfig: BourseConfig,
  invalidCode = 'BACKTEST_INVALID',
): CheckedTarget {
  if (typeof request !== 'object' || request === null) {
    throw new BacktestRequestError(invalidCode, 'request', 'expected an object');
  }
  const name: unknown = request.dataset;
  if (typeof name !== 'string' || name === '') {
    throw new BacktestRequestError(invalidCode, 'dataset', 'expected the name of a data set');
  }
  let dataset: ResolvedDataset;
  try {
    dataset = resolveDataset(dataDir, name);
  } catch (error) {
    throw asRequestError(error, 'dataset', 'DATASET_UNKNOWN');
  }
  const strategyName: unknown = request.strategy;
  if (typeof strategyName !== 'string' || strategyName === '') {
    throw new BacktestRequestError(invalidCode, 'strategy', 'expected a strategy name');
  }
  registerSampleStrategies();
  let definition: StrategyDefinition;
  try {
    definition = strategyDefinition(strategyName);
  } catch (error) {
    throw asRequestError(error, 'strategy', 'STRATEGY_UNKNOWN');
  }
  const cash: unknown = request.startingCash;
  if (cash !== undefined && (typeof cash !== 'number' || !Number.isFinite(cash) || cash <= 0)) {
    throw new BacktestRequestError(
      invalidCode,
      'startingCash',
      `expected a positive number, got ${JSON.stringify(cash) ?? String(cash)}`,
    );
  }
  const config =
    cash === undefined
      ? baseConfig
      : { ...baseConfig, backtest: { ...baseConfig.backtest, startingCash: cash } };
  return {
    target: { dataset: name, strategy: strategyName, ...(cash === undefined ? {} : { startingCash: cash }) },
    dataset,
    definition,
    config,
  };
}

/** A lookup's error as a request error on `field` (keeping a BourseError's code unless `forceCode`). */
export function asRequestError(
  error: unknown,
  field: string,
  code: string,
  forceCode = false,
): BacktestRequestError {
  const own = error instanceof BourseError && !forceCode ? error.code : code;
  return new BacktestRequestError(own, field, errorMessage(error));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
