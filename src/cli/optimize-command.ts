/**
 * `bourse optimize`: backtests a strategy over a space of parameter combinations (grid, random or
 * genetic search) on worker threads, with the same data and accounting flags as `bourse backtest`,
 * and prints the best combinations (or, with `--json`, one line per combination). Results are
 * appended to a JSONL file as they complete, and a later run with the same data, strategy and
 * accounting reuses them (docs/research.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { loadFileSeries } from '../backtest/run-file.js';
import { venueModels } from '../backtest/venue-models.js';
import { BourseError } from '../core/errors.js';
import type { BacktestOutcome, BacktestSetup } from '../research/combination-backtest.js';
import {
  definitionHash,
  OBJECTIVE_NAMES,
  type ObjectiveName,
  optimize,
  parameterSpace,
  ResultsFile,
  SEARCH_NAMES,
  type SearchChoice,
  shareBarSeries,
  startBacktestPool,
  type WorkerPool,
} from '../research/index.js';
import {
  addBacktestRunOptions,
  type BacktestRunFlags,
  backtestConfig,
  fileDataOptions,
  numberFlag,
  venueModelChoice,
  volumeParticipation,
} from './backtest-options.js';
import { optimizeJsonLines, optimizeTable } from './optimize-output.js';
import { progressBar } from './progress.js';

interface OptimizeFlags extends BacktestRunFlags {
  data: string;
  search: string;
  samples?: string;
  population?: string;
  generations?: string;
  searchSeed?: string;
  objective: string;
  minTrades?: string;
  maxDrawdown?: string;
  workers?: string;
  results?: string;
  top: string;
  json?: boolean;
  maxRuns?: string;
}

const SPACE_HELP =
  'parameter space (repeatable): fixed fast=1, list mode=a,b, range slow=5..44, stepped fast=5..20:5, log scale rate=0.001..0.1:log5';

export function addOptimizeCommand(program: Command): void {
  const command = program
    .command('optimize')
    .description(
      'backtest a strategy over a space of parameters (grid, random or genetic search) on all cores',
    )
    .requiredOption('--data <file>', 'CSV bars, as for `bourse backtest --data`');
  addBacktestRunOptions(command, SPACE_HELP)
    .option('--search <kind>', 'grid, random or genetic', 'grid')
    .option('--samples <n>', 'random: combinations drawn (default 100)')
    .option('--population <n>', 'genetic: combinations per generation (default 20)')
    .option('--generations <n>', 'genetic: number of generations (default 10)')
    .option('--search-seed <n>', 'random, genetic: seed of the search (default 1; --seed seeds slippage)')
    .option('--objective <name>', `statistic maximised: ${OBJECTIVE_NAMES.join(', ')}`, 'sharpe')
    .option('--min-trades <n>', 'constraint: at least n closed trades')
    .option('--max-drawdown <pct>', 'constraint: a maximum drawdown of at most pct percent')
    .option('--workers <n>', `worker threads (default: all cores, here ${availableParallelism()})`)
    .option('--results <file.jsonl>', 'results file, appended as combinations complete, read to resume')
    .option('--top <n>', 'rows of the table', '10')
    .option('--json', 'print one JSON line per combination (in the search order) instead of the table')
    .option('--max-runs <n>', 'stop after n new backtests (run the command again to go on)')
    .action((flags: OptimizeFlags) => runOptimizeCommand(flags));
}

async function runOptimizeCommand(flags: OptimizeFlags): Promise<void> {
  if (flags.param.length === 0)
    throw new BourseError('CLI_INVALID', '--param: give at least one, e.g. slow=5..44');
  const space = parameterSpace(flags.param);
  const search = searchChoice(flags);
  const objective = objectiveName(flags.objective);
  const constraints = {
    minTrades: wholeNumber('--min-trades', flags.minTrades, 0),
    maxDrawdownPct: nonNegative('--max-drawdown', flags.maxDrawdown),
  };
  const workers = wholeNumber('--workers', flags.workers, 1) ?? availableParallelism();
  const top = wholeNumber('--top', flags.top, 1) ?? 10;
  const maxRuns = wholeNumber('--max-runs', flags.maxRuns, 1);
  const config = backtestConfig(flags);
  const models = venueModelChoice(flags);
  venueModels(models); // builds the models once, so that a bad value stops the run here
  const participation = volumeParticipation(flags);
  const dataOptions = fileDataOptions(flags);
  const { series, availableSeries } = loadFileSeries({ file: flags.data, ...dataOptions });
  if (availableSeries.length > 1 && flags.series === undefined) {
    process.stderr.write(
      `${flags.data} holds ${availableSeries.length} series; optimising ${series.instrument.id} (most bars). Choose with --series.\n`,
    );
  }
  const setup: BacktestSetup = {
    strategy: flags.strategy,
    config,
    venueModels: models,
    volumeParticipation: participation,
    dataName: flags.data,
  };
  // The file caches backtests: keyed by everything that decides a result except the parameters.
  const hash = definitionHash({
    format: 'bourse-optimize/1',
    data: { name: basename(flags.data), sha256: fileSha256(flags.data), ...dataOptions },
    strategy: flags.strategy,
    backtest: config.backtest,
    risk: config.risk,
    venueModels: models,
    volumeParticipation: participation ?? null,
  });
  const results = ResultsFile.open(
    flags.results ?? join('.bourse', 'optimize', `${hash.slice(0, 16)}.jsonl`),
  );
  let pool: WorkerPool<readonly string[], BacktestOutcome> | undefined;
  const backtest = (params: readonly string[]) => {
    pool ??= startBacktestPool(workers, { series: shareBarSeries(series), setup });
    return pool.run(params);
  };
  const progress = progressBar('optimize', true);
  let report: Awaited<ReturnType<typeof optimize>>;
  try {
    report = await optimize({
      space,
      search,
      objective,
      constraints,
      strategy: flags.strategy,
      backtest,
      results,
      onProgress: progress.update,
      maxRuns,
    });
  } finally {
    progress.stop();
    await pool?.close();
  }
  const refused = report.refused.length > 0 ? `, ${report.refused.length} refused by the strategy` : '';
  process.stderr.write(
    `${report.results.length} combinations: ${report.ran} run on ${workers} worker${workers === 1 ? '' : 's'}, ${report.reused} reused from ${results.path}${refused}\n`,
  );
  if (report.refused.length > 0) {
    const first = report.refused[0];
    const values = Object.entries(first.values)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    process.stderr.write(`  e.g. ${values}: ${first.reason}\n`);
  }
  if (!report.complete) {
    process.stderr.write(
      `stopped after --max-runs ${maxRuns} backtests; run the same command again to go on\n`,
    );
  }
  process.stdout.write(
    flags.json
      ? optimizeJsonLines(report.results)
      : `${optimizeTable(report.results, { space, objective, top })}\n`,
  );
}

function searchChoice(flags: OptimizeFlags): SearchChoice {
  const kind = SEARCH_NAMES.find((name) => name === flags.search);
  if (kind === undefined)
    throw new BourseError('CLI_INVALID', `--search: expected grid, random or genetic, got '${flags.search}'`);
  const only = (flag: string, given: unknown, searches: string) => {
    if (given !== undefined && !searches.split(' or ').includes(kind))
      throw new BourseError('CLI_INVALID', `${flag} applies to --search ${searches}, not ${kind}`);
  };
  only('--samples', flags.samples, 'random');
  only('--population', flags.population, 'genetic');
  only('--generations', flags.generations, 'genetic');
  only('--search-seed', flags.searchSeed, 'random or genetic');
  const seed = wholeNumber('--search-seed', flags.searchSeed, 0) ?? 1;
  if (kind === 'grid') return { kind };
  if (kind === 'random') return { kind, samples: wholeNumber('--samples', flags.samples, 1) ?? 100, seed };
  return {
    kind,
    population: wholeNumber('--population', flags.population, 2) ?? 20,
    generations: wholeNumber('--generations', flags.generations, 1) ?? 10,
    seed,
  };
}

function objectiveName(text: string): ObjectiveName {
  const name = OBJECTIVE_NAMES.find((objective) => objective === text);
  if (name === undefined)
    throw new BourseError(
      'CLI_INVALID',
      `--objective: expected ${OBJECTIVE_NAMES.join(', ')}, got '${text}'`,
    );
  return name;
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
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

function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
