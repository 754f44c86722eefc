/**
 * A custom objective from a module file: its default export (or an export named `objective`) is a
 * function of a backtest's `Statistics` returning the number to maximise, or null when undefined.
 * `bourse optimize --objective ./my-objective.mjs` and the `optimize.objective` config key load it.
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Statistics } from '../backtest/result-types.js';
import { BourseError } from '../core/errors.js';
import { type CustomObjective, OBJECTIVE_NAMES, type Objective } from './objective.js';

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts'];

/** True when `text` names a module file rather than a built-in objective. */
export function isObjectiveModule(text: string): boolean {
  return MODULE_EXTENSIONS.includes(extname(text)) || text.includes('/') || text.includes('\\');
}

/** A built-in objective by name, or the custom objective of a module file; `flag` names the source in errors. */
export async function resolveObjective(text: string, flag: string): Promise<Objective> {
  const name = OBJECTIVE_NAMES.find((objective) => objective === text);
  if (name !== undefined) return name;
  if (!isObjectiveModule(text))
    throw new BourseError(
      'CLI_INVALID',
      `${flag}: expected ${OBJECTIVE_NAMES.join(', ')} or a module file (./objective.mjs), got '${text}'`,
    );
  return loadObjectiveModule(text, flag);
}

/** Imports the module and checks that it exports a function. */
export async function loadObjectiveModule(file: string, flag: string): Promise<CustomObjective> {
  const path = resolve(file);
  if (!existsSync(path)) throw new BourseError('CLI_INVALID', `${flag}: no such module file: ${file}`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const hint = /\.m?ts$/.test(path)
      ? ' (a .ts module needs Bourse to run under tsx; use .mjs otherwise)'
      : '';
    throw new BourseError(
      'CLI_INVALID',
      `${flag}: cannot load ${file}${hint}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const evaluate = typeof module.default === 'function' ? module.default : module.objective;
  if (typeof evaluate !== 'function')
    throw new BourseError(
      'CLI_INVALID',
      `${flag}: ${file} must export a function (export default (statistics) => number | null)`,
    );
  return {
    name: basename(file, extname(file)),
    evaluate: (statistics: Statistics) => checkedValue(evaluate(statistics), file),
  };
}

function checkedValue(value: unknown, file: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number')
    throw new BourseError(
      'CLI_INVALID',
      `${file}: the objective returned ${typeof value}, not a number or null`,
    );
  return Number.isFinite(value) ? value : null;
}
