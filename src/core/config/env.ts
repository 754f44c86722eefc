/**
 * Environment variables as config keys: `BOURSE_RISK__MAX_ORDER_QUANTITY=10` → `risk.maxOrderQuantity = 10`.
 * `__` separates levels, SCREAMING_SNAKE becomes camelCase, and the value is coerced by the schema's type.
 */
import { ConfigError } from '../errors.js';
import { coerceFromString } from './coerce.js';
import { toCamelCase, toScreamingSnake } from './key-case.js';
import { formatPath } from './key-path.js';
import { nearestNames } from './nearest-names.js';
import { type AnySchema, childSchema, isSection, objectKeys } from './schema-walk.js';

/** Default prefix for environment variables. */
export const DEFAULT_ENV_PREFIX = 'BOURSE_';

/** Environment variable name for a key path: `['risk','maxOrderQuantity']` → `BOURSE_RISK__MAX_ORDER_QUANTITY`. */
export function envVarName(path: readonly string[], prefix = DEFAULT_ENV_PREFIX): string {
  return prefix + path.map(toScreamingSnake).join('__');
}

/** One environment variable mapped to a config key path, with its coerced value. */
export interface EnvEntry {
  path: string[];
  value: unknown;
  name: string;
}

function describeKeysAsEnv(schema: AnySchema, prefix: string): string[] {
  return objectKeys(schema).map((key) => {
    const child = childSchema(schema, key);
    const name = `${prefix}${toScreamingSnake(key)}`;
    return child && isSection(child) ? `${name}__*` : name;
  });
}

/** The key path and leaf schema `name` maps to; throws for unknown names and names of sections. */
function resolveEnvName(
  schema: AnySchema,
  name: string,
  prefix: string,
): { path: string[]; leaf: AnySchema } {
  let current: AnySchema = schema;
  const path: string[] = [];
  let namePrefix = prefix;
  for (const segment of name.slice(prefix.length).split('__')) {
    if (!isSection(current)) {
      throw new ConfigError(
        formatPath(path),
        `environment variable ${name}: '${formatPath(path)}' is a single value with no sub-keys; set ${namePrefix.slice(0, -2)} instead`,
      );
    }
    const match = objectKeys(current).find((key) => toScreamingSnake(key) === segment);
    const key = match ?? toCamelCase(segment);
    const child = segment === '' ? undefined : childSchema(current, key);
    if (child === undefined) {
      const validNames = describeKeysAsEnv(current, namePrefix);
      const suggestions = nearestNames(
        `${namePrefix}${segment}`,
        validNames.map((n) => n.replace(/__\*$/, '')),
      );
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : '';
      throw new ConfigError(
        formatPath([...path, key || segment]),
        `unknown environment variable ${name}: no such config key.${hint} Valid: ${validNames.join(', ')}`,
      );
    }
    path.push(key);
    current = child;
    namePrefix += `${segment}__`;
  }
  if (isSection(current)) {
    throw new ConfigError(
      formatPath(path),
      `environment variable ${name} names a section, not a value; set its keys: ${describeKeysAsEnv(current, namePrefix).join(', ')}`,
    );
  }
  return { path, leaf: current };
}

/**
 * Variables with the prefix that are not config keys: the config file (`CONFIG`), the database URL
 * (`DATABASE_URL`: a secret, read by the store, never part of the printed config), the switch of
 * the catalog's native reader (`NATIVE_READER`, read when it loads) and the test and benchmark
 * settings.
 */
export const RESERVED_ENV_NAMES: readonly string[] = [
  'CONFIG',
  'DATABASE_URL',
  'TEST_DATABASE_URL',
  'BENCH_DATABASE_URL',
  'CRASH_KILLS',
  'CHROMIUM',
  'NATIVE_READER',
  'REQUIRE_NATIVE_READER',
];

/**
 * Maps `BOURSE_A__B_C=v` to `{ path: ['a','bC'], value }`, walking the schema; unknown names throw.
 * The reserved names are skipped unless the schema has such a key; empty values count as unset.
 */
export function envEntries(schema: AnySchema, env: NodeJS.ProcessEnv, prefix: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const keys = new Set(objectKeys(schema).map(toScreamingSnake));
  const reserved = new Set(RESERVED_ENV_NAMES.filter((name) => !keys.has(name)).map((name) => prefix + name));
  const names = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && name.length > prefix.length)
    .filter((name) => !reserved.has(name))
    .sort();
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined) continue;
    const { path, leaf } = resolveEnvName(schema, name, prefix);
    if (raw === '') continue;
    entries.push({ path, value: coerceFromString(leaf, raw), name });
  }
  return entries;
}
