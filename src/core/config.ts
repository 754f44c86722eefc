/**
 * Configuration loading: one YAML file plus environment overrides plus explicit overrides, validated with
 * a zod schema. Every error names the dotted key path that is wrong and where the bad value came from.
 *
 * Precedence (lowest first): schema defaults < YAML file < environment (`BOURSE_…`) < explicit overrides.
 *
 * This is the public entry; the work is done by the modules in `./config/`.
 */
export { coerceFromString } from './config/coerce.js';
export { DEFAULT_ENV_PREFIX, envVarName } from './config/env.js';
export { describeIssue } from './config/issues.js';
export { toCamelCase, toScreamingSnake } from './config/key-case.js';
export { formatPath } from './config/key-path.js';
export { type LoadConfigOptions, loadConfig } from './config/load.js';
export { nearestNames } from './config/nearest-names.js';
export { isSecretKey, redactSecrets } from './config/redact.js';
export { strategyParamsFromStrings } from './config/strategy-params.js';
