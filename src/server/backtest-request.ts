/** Checking a dashboard backtest request: every wrong field is a BacktestRequestError naming it. */
import { strategyParamsFromStrings } from '../core/config.js';
import type { BourseConfig } from '../core/config-schema.js';
import type { StrategyDefinition } from '../strategy/registry.js';
import type { BacktestRequest } from './api-types.js';
import {
  asRequestError,
  BacktestRequestError,
  checkBacktestTarget,
  errorMessage,
} from './backtest-options.js';
import type { ResolvedDataset } from './datasets.js';

export { BacktestRequestError, errorMessage };

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
  const { target, dataset, definition, config } = checkBacktestTarget(request, dataDir, baseConfig);
  const params = checkParams(definition, request.params);
  const { startingCash, ...named } = target;
  return {
    request: { ...named, params, ...(startingCash === undefined ? {} : { startingCash }) },
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
