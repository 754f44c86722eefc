/** Strategy parameters from `key=value` strings (the CLI's `--param`), checked against the strategy's schema. */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { coerceFromString } from './coerce.js';
import { describeIssue } from './issues.js';
import { toCamelCase } from './key-case.js';
import { formatPath, getAt, setAt } from './key-path.js';
import { nearestNames } from './nearest-names.js';
import { type AnySchema, childSchema, isSection, objectKeys } from './schema-walk.js';

/** The field path and schema a dotted parameter key names; throws for unknown parameters. */
function resolveParamKey(schema: z.ZodObject, rawKey: string): { path: string[]; field: AnySchema } {
  let current: AnySchema = schema;
  const path: string[] = [];
  for (const segment of rawKey.split('.')) {
    const valid = objectKeys(current);
    const key = valid.includes(segment) ? segment : toCamelCase(segment);
    const child = valid.includes(key) ? childSchema(current, key) : undefined;
    if (child === undefined) {
      const attempted = formatPath([...path, segment]);
      const suggestions = nearestNames(segment, valid);
      const hint = suggestions.length > 0 ? ` did you mean ${suggestions.join(' or ')}?` : '';
      const list = valid.length > 0 ? valid.join(', ') : '(this strategy takes no parameters)';
      throw new ConfigError(attempted, `unknown parameter;${hint} valid parameters: ${list}`);
    }
    path.push(key);
    current = child;
  }
  return { path, field: current };
}

/**
 * Parses `key=value` strings (the CLI's `--param`) into an object for `schema`, coercing each value by the
 * type of its field (dotted keys reach nested fields; kebab-case and snake_case keys are accepted for
 * camelCase fields). Returns only the given keys, as inputs to `schema` (defaults are not applied).
 * Throws {@link ConfigError} naming the parameter for unknown keys (listing the valid ones) and bad values.
 */
export function strategyParamsFromStrings(
  schema: z.ZodObject,
  pairs: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(pair, `expected key=value (e.g. fast=10), got '${pair}'`);
    const { path, field } = resolveParamKey(schema, pair.slice(0, eq).trim());
    const raw = pair.slice(eq + 1);
    const name = formatPath(path);
    if (seen.has(name)) throw new ConfigError(name, `parameter given more than once (${pair})`);
    seen.add(name);
    if (isSection(field)) {
      throw new ConfigError(
        name,
        `is a group of parameters; set its fields: ${objectKeys(field).join(', ')}`,
      );
    }
    const value = coerceFromString(field, raw);
    const check = z.safeParse(field, value);
    if (!check.success) {
      const issue = check.error.issues[0];
      throw new ConfigError(
        formatPath([...path, ...issue.path]),
        `${describeIssue(issue, getAt(value, issue.path))} (from --param ${pair})`,
      );
    }
    setAt(out, path, value);
  }
  return out;
}
