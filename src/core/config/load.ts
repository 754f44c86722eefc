/**
 * Configuration loading: one YAML file plus environment overrides plus explicit overrides, validated with
 * a zod schema. Every error names the dotted key path that is wrong and where the bad value came from.
 */
import { z } from 'zod';
import { DEFAULT_ENV_PREFIX, envEntries } from './env.js';
import { setAt } from './key-path.js';
import { mergeOverrides } from './overrides.js';
import { type Sources, setSource } from './sources.js';
import { issueError } from './validation-error.js';
import { readYamlFile } from './yaml-source.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** YAML file to read. When omitted, `${envPrefix}CONFIG` from `env` is used if set; otherwise no file. */
  file?: string;
  /** Environment to read overrides from (default `process.env`; pass `{}` to ignore the environment). */
  env?: NodeJS.ProcessEnv;
  /** Prefix of the environment variables that map to config keys (default `BOURSE_`). */
  envPrefix?: string;
  /**
   * Explicit overrides, highest precedence. Nested objects or dotted keys (`{ 'risk.maxOrderQuantity': 5 }`).
   * String values at non-string leaves are coerced like environment values.
   */
  overrides?: Record<string, unknown>;
}

/**
 * Loads configuration: schema defaults < YAML `file` < environment (`envPrefix`, default `BOURSE_`) <
 * `overrides`, validated by `schema`. Throws {@link ConfigError} naming the dotted key path and the
 * source of the offending value (file and line, env var, or override).
 *
 * Environment mapping: `BOURSE_RISK__MAX_ORDER_QUANTITY=10` → `risk.maxOrderQuantity = 10`; `__` separates
 * levels, SCREAMING_SNAKE becomes camelCase, and the string is coerced by the schema's type at that path
 * (number; boolean `true/false/1/0`; comma-separated lists). An empty value counts as unset.
 * `${envPrefix}CONFIG` is reserved for the config file path.
 */
export function loadConfig<T>(schema: z.ZodType<T>, opts: LoadConfigOptions = {}): T {
  const prefix = opts.envPrefix ?? DEFAULT_ENV_PREFIX;
  const env = opts.env ?? process.env;
  const sources: Sources = new Map();
  const merged: Record<string, unknown> = {};

  const envFile = env[`${prefix}CONFIG`];
  const file = opts.file ?? (envFile !== undefined && envFile !== '' ? envFile : undefined);
  if (file !== undefined) {
    const layer = readYamlFile(file);
    Object.assign(merged, layer.data);
    for (const [path, line] of layer.lines) sources.set(path, { kind: 'file', file, line });
  }

  for (const entry of envEntries(schema, env, prefix)) {
    setAt(merged, entry.path, entry.value);
    setSource(sources, entry.path, { kind: 'env', name: entry.name });
  }

  if (opts.overrides) mergeOverrides(merged, opts.overrides, schema, sources);

  const result = z.safeParse(schema, merged);
  if (!result.success) throw issueError(schema, result.error.issues, merged, sources);
  return result.data;
}
