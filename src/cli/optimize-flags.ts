/**
 * The options `bourse optimize` and `bourse walkforward` share: how the search runs (search kind and
 * its settings, objective, constraints, workers), defined once, and read from the flags over the
 * config's `optimize` section (a flag wins). The data and backtest options are `backtest-options.ts`.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { resolveObjective } from '../research/custom-objective.js';
import {
  type Constraints,
  OBJECTIVE_NAMES,
  type Objective,
  type ParameterSpace,
  parameterSpace,
  SEARCH_NAMES,
  type SearchChoice,
} from '../research/index.js';
import { addBacktestRunOptions } from './backtest-options.js';
import { numberFlag } from './number-flags.js';

/** The shared search flags as commander hands them over (all optional: the config fills in). */
export interface SearchFlags {
  param: string[];
  search?: string;
  samples?: string;
  population?: string;
  generations?: string;
  searchSeed?: string;
  objective?: string;
  minTrades?: string;
  maxDrawdown?: string;
  workers?: string;
}

const SPACE_HELP =
  'parameter space (repeatable): fixed fast=1, list mode=a,b, range slow=5..44, stepped fast=5..20:5, log scale rate=0.001..0.1:log5';

/**
 * A command over a `--data` file taking the backtest options (`--param` as a space) and the search
 * options: `bourse optimize` and `bourse walkforward` add their own after these.
 */
export function addOptimizationCommand(program: Command, name: string, description: string): Command {
  const command = program
    .command(name)
    .description(description)
    .requiredOption('--data <file>', 'CSV bars, as for `bourse backtest --data`');
  return addSearchOptions(addBacktestRunOptions(command, SPACE_HELP));
}

/** Adds the search options (no commander defaults: an absent flag falls back to the config). */
export function addSearchOptions(command: Command): Command {
  return command
    .option('--search <kind>', 'grid, random or genetic (default grid)')
    .option('--samples <n>', 'random: combinations drawn (default 100)')
    .option('--population <n>', 'genetic: combinations per generation (default 20)')
    .option('--generations <n>', 'genetic: number of generations (default 10)')
    .option('--search-seed <n>', 'random, genetic: seed of the search (default 1; --seed seeds slippage)')
    .option(
      '--objective <name|file>',
      `maximised: ${OBJECTIVE_NAMES.join(', ')} (default sharpe), or a module exporting a function of the statistics`,
    )
    .option('--min-trades <n>', 'constraint: at least n closed trades')
    .option('--max-drawdown <pct>', 'constraint: a maximum drawdown of at most pct percent')
    .option('--workers <n>', `worker threads (default: all cores, here ${availableParallelism()})`);
}

export interface SearchSettings {
  readonly space: ParameterSpace;
  readonly search: SearchChoice;
  readonly objective: Objective;
  readonly constraints: Constraints;
  readonly workers: number;
}

/** The search settings from the flags over `config.optimize`; every bad value names its flag or key. */
export async function searchSettings(flags: SearchFlags, config: BourseConfig): Promise<SearchSettings> {
  const defaults = config.optimize;
  const space = parameterSpace(spaceTexts(flags.param, defaults.params));
  const objective = await resolveObjective(
    flags.objective ?? defaults.objective,
    flags.objective === undefined ? 'optimize.objective' : '--objective',
  );
  return {
    space,
    search: searchChoice(flags, defaults),
    objective,
    constraints: {
      minTrades: wholeNumber('--min-trades', flags.minTrades, 0) ?? defaults.minTrades,
      maxDrawdownPct: nonNegative('--max-drawdown', flags.maxDrawdown) ?? defaults.maxDrawdownPct,
    },
    workers: wholeNumber('--workers', flags.workers, 1) ?? defaults.workers ?? availableParallelism(),
  };
}

/**
 * The `name=SPACE` texts: the config's axes in its order, each replaced by a `--param` of the same
 * name, then the flags' other axes in their order.
 */
export function spaceTexts(
  flags: readonly string[],
  configured: Readonly<Record<string, string | number>>,
): string[] {
  const nameOf = (text: string) => text.slice(0, Math.max(0, text.indexOf('='))).trim();
  const byName = new Map(flags.map((text) => [nameOf(text), text]));
  const texts = Object.entries(configured).map(([name, space]) => byName.get(name) ?? `${name}=${space}`);
  for (const text of flags) if (!(nameOf(text) in configured)) texts.push(text);
  if (texts.length === 0)
    throw new BourseError(
      'CLI_INVALID',
      '--param: give at least one, e.g. slow=5..44 (or optimize.params in the config)',
    );
  return texts;
}

function searchChoice(flags: SearchFlags, defaults: BourseConfig['optimize']): SearchChoice {
  const text = flags.search ?? defaults.search;
  const kind = SEARCH_NAMES.find((name) => name === text);
  if (kind === undefined)
    throw new BourseError('CLI_INVALID', `--search: expected grid, random or genetic, got '${text}'`);
  const only = (flag: string, given: unknown, searches: string) => {
    if (given !== undefined && !searches.split(' or ').includes(kind))
      throw new BourseError('CLI_INVALID', `${flag} applies to --search ${searches}, not ${kind}`);
  };
  only('--samples', flags.samples, 'random');
  only('--population', flags.population, 'genetic');
  only('--generations', flags.generations, 'genetic');
  only('--search-seed', flags.searchSeed, 'random or genetic');
  const seed = wholeNumber('--search-seed', flags.searchSeed, 0) ?? defaults.searchSeed;
  if (kind === 'grid') return { kind };
  if (kind === 'random')
    return { kind, samples: wholeNumber('--samples', flags.samples, 1) ?? defaults.samples, seed };
  return {
    kind,
    population: wholeNumber('--population', flags.population, 2) ?? defaults.population,
    generations: wholeNumber('--generations', flags.generations, 1) ?? defaults.generations,
    seed,
  };
}

export function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  const value = numberFlag(flag, text);
  if (value !== undefined && !(Number.isInteger(value) && value >= min))
    throw new BourseError('CLI_INVALID', `${flag}: expected a whole number >= ${min}, got '${text}'`);
  return value;
}

function nonNegative(flag: string, text: string | undefined): number | undefined {
  const value = numberFlag(flag, text);
  if (value !== undefined && value < 0)
    throw new BourseError('CLI_INVALID', `${flag}: expected a number >= 0, got '${text}'`);
  return value;
}
