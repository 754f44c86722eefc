/** Checking a dashboard backtest request: every wrong field is a BacktestRequestError naming it. */
import { strategyParamsFromStrings } from '../core/config.js';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { type StrategyDefinition, strategyDefinition } from '../strategy/registry.js';
import { registerSampleStrategies } from '../strategy/samples/index.js';
import type { BacktestRequest } from './api-types.js';
import { type ResolvedDataset, resolveDataset } from './datasets.js';

/** A request the server should answer with 400: `field` is the request field that is wrong. */
export class BacktestRequestError extends BourseError {
  readonly field: string;
  constructor(code: string, field: string, message: string) {
    super(code, `${field}: ${message}`);
    this.field = field;
  }
}

const MAX_PARAMS = 64;
const MAX_PARAM_LENGTH = 200;

/** The request checked and normalized, its data set and the configuration it runs with. */
export function checkBacktestRequest(
  request: BacktestRequest,
  dataDir: string,
  baseConfig: BourseConfig,
): {
  request: BacktestRequest;
  dataset: ResolvedDataset;
  config: BourseConfig;
} {
  if (typeof request !== 'object' || request === null) {
    throw new BacktestRequestError('BACKTEST_INVALID', 'request', 'expected an object');
  }
  const name: unknown = request.dataset;
  if (typeof name !== 'string' || name === '') {
    throw new BacktestRequestError('BACKTEST_INVALID', 'dataset', 'expected the name of a data set');
  }
  let dataset: ResolvedDataset;
  try {
    dataset = resolveDataset(dataDir, name);
  } catch (error) {
    throw asRequestError(error, 'dataset', 'DATASET_UNKNOWN');
  }
  const strategyName: unknown = request.strategy;
  if (typeof strategyName !== 'string' || strategyName === '') {
    throw new BacktestRequestError('BACKTEST_INVALID', 'strategy', 'expected a strategy name');
  }
  registerSampleStrategies();
  let definition: StrategyDefinition;
  try {
    definition = strategyDefinition(strategyName);
  } catch (error) {
    throw asRequestError(error, 'strategy', 'STRATEGY_UNKNOWN');
  }
  const params = checkParams(definition, request.params);
  const cash: unknown = request.startingCash;
  if (cash !== undefined && (typeof cash !== 'number' || !Number.isFinite(cash) || cash <= 0)) {
    throw new BacktestRequestError(
      'BACKTEST_INVALID',
      'startingCash',
      `expected a positive number, got ${JSON.stringify(cash) ?? String(cash)}`,
    );
  }
  const config =
    cash === undefined
      ? baseConfig
      : { ...baseConfig, backtest: { ...baseConfig.backtest, startingCash: cash } };
  return {
    request: {
      dataset: name,
      strategy: strategyName,
      params,
      ...(cash === undefined ? {} : { startingCash: cash }),
    },
    dataset,
    config,
  };
}

/** Each `key=value` string checked in order (so the error names its index), then all together. */
function checkParams(definition: StrategyDefinition, params: unknown): string[] {
  if (params === undefined) return [];
  if (!Array.isArray(params)) {
    throw new BacktestRequestError('BACKTEST_INVALID', 'params', 'expected a list of key=value strings');
  }
  if (params.length > MAX_PARAMS) {
    throw new BacktestRequestError('BACKTEST_INVALID', 'params', `at most ${MAX_PARAMS} parameters`);
  }
  const pairs: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const pair: unknown = params[i];
    if (typeof pair !== 'string' || pair.length > MAX_PARAM_LENGTH) {
      throw new BacktestRequestError(
        'BACKTEST_INVALID',
        `params[${i}]`,
        `expected a key=value string of at most ${MAX_PARAM_LENGTH} characters`,
      );
    }
    pairs.push(pair);
    // The pairs so far: a wrong key or value, or a repeated key, is this pair's fault.
    try {
      strategyParamsFromStrings(definition.parameters, pairs);
    } catch (error) {
      throw asRequestError(error, `params[${i}]`, 'STRATEGY_PARAMS_INVALID', true);
    }
  }
  // Rules across parameters (sma-cross: fast < slow), as the CLI checks them.
  const parsed = definition.parameters.safeParse(strategyParamsFromStrings(definition.parameters, pairs));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    const index = pairs.findIndex((pair) => {
      const one: unknown = strategyParamsFromStrings(definition.parameters, [pair]);
      return path.length > 0 && valueAt(one, path) !== undefined;
    });
    throw new BacktestRequestError(
      'STRATEGY_PARAMS_INVALID',
      index >= 0 ? `params[${index}]` : 'params',
      `${path.join('.') || '(all)'}: ${issue.message}`,
    );
  }
  return pairs;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A lookup's error as a request error on `field` (keeping a BourseError's code unless `forceCode`). */
function asRequestError(
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
