/**
 * `bourse compare`: backtests several strategy configurations over one data file (loaded once) and
 * compares them: a summary table on stdout, and with --report / --pdf the comparison report
 * (equity curves normalised to 100, drawdowns, statistics side by side; docs/reports.md). Each
 * `--run "STRATEGY name=value …"` is a strategy and its parameters, as `bourse backtest --strategy
 * --param` take them; every other option is `bourse backtest`'s and applies to all runs.
 */
import { Command } from 'commander';
import {
  type BarBacktestOptions,
  loadFileSeries,
  runSeriesBacktest,
  strategyFrom,
} from '../backtest/run-file.js';
import { BourseError } from '../core/errors.js';
import { renderComparison } from '../reports/comparison.js';
import { comparisonText, type NamedRun } from '../reports/comparison-stats.js';
import {
  addBacktestRunOptions,
  type BacktestRunFlags,
  barBacktestOptions,
  fileDataOptions,
} from './backtest-options.js';
import { progressBar } from './progress.js';
import { checkPdfBrowser, writeReportFiles } from './report-files.js';

interface CompareFlags extends Omit<BacktestRunFlags, 'strategy' | 'param'> {
  data: string;
  run: string[];
  report?: string;
  pdf?: string;
}

/** One `--run`: its text (the run's name), strategy and `name=value` parameters. */
export interface RunSpec {
  readonly name: string;
  readonly strategy: string;
  readonly params: readonly string[];
}

/** The options `bourse backtest` shares, less --strategy and --param (each --run gives its own). */
const PER_RUN_OPTIONS = new Set(['--strategy', '--param']);

export function addCompareCommand(program: Command): void {
  const command = program
    .command('compare')
    .description('backtest several strategies or parameter sets on one data file and compare them')
    .requiredOption('--data <file>', 'CSV bars, as for `bourse backtest --data`')
    .option(
      '--run <run>',
      'a run: "STRATEGY name=value …", a strategy and its parameters (repeatable; at least two)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    );
  for (const option of addBacktestRunOptions(new Command()).options) {
    if (!PER_RUN_OPTIONS.has(option.long ?? '')) command.addOption(option);
  }
  command
    .option('--report <file.html>', 'write the comparison report (self-contained HTML)')
    .option('--pdf <file.pdf>', 'print the comparison report to a PDF with Chromium')
    .action((flags: CompareFlags) => runCompareCommand(flags));
}

/** Parses a `--run` text: `STRATEGY name=value …` (CLI_INVALID naming the flag and the run). */
export function parseRunSpec(text: string): RunSpec {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const bad = (why: string) => new BourseError('CLI_INVALID', `--run "${text}": ${why}`);
  if (tokens.length === 0) throw bad('expected a strategy name followed by name=value parameters');
  const [strategy, ...params] = tokens;
  if (strategy.includes('=')) throw bad(`starts with '${strategy}': put the strategy name first`);
  for (const param of params) {
    if (!/^[^=]+=.+$/.test(param)) throw bad(`expected name=value parameters, got '${param}'`);
  }
  return { name: tokens.join(' '), strategy, params };
}

function parseRuns(texts: readonly string[]): RunSpec[] {
  if (texts.length < 2) {
    throw new BourseError('CLI_INVALID', `--run: compare needs at least two runs, got ${texts.length}`);
  }
  const runs = texts.map(parseRunSpec);
  const names = new Set<string>();
  for (const run of runs) {
    if (names.has(run.name)) throw new BourseError('CLI_INVALID', `--run "${run.name}": given twice`);
    names.add(run.name);
  }
  return runs;
}

/** The strategy of a run, its errors naming the run. */
function runStrategy(run: RunSpec, options: BarBacktestOptions) {
  try {
    return strategyFrom({ ...options, strategy: run.strategy, params: run.params });
  } catch (error) {
    if (!(error instanceof BourseError)) throw error;
    throw new BourseError(error.code, `--run "${run.name}": ${error.message.replace(/^--param /, '')}`);
  }
}

async function runCompareCommand(flags: CompareFlags): Promise<void> {
  const specs = parseRuns(flags.run);
  checkPdfBrowser(flags);
  const shared: BacktestRunFlags = { ...flags, strategy: specs[0].strategy, param: [] };
  const options = barBacktestOptions(shared);
  // Every run's strategy and parameters are checked before the data is read.
  const strategies = specs.map((spec) => runStrategy(spec, options));
  const { series } = loadFileSeries({ file: flags.data, ...fileDataOptions(shared) });
  const runs: NamedRun[] = [];
  for (const [i, spec] of specs.entries()) {
    const progress = progressBar(`run ${i + 1}/${specs.length}`, true);
    try {
      const runOptions = {
        ...options,
        strategy: spec.strategy,
        params: spec.params,
        onProgress: progress.update,
      };
      runs.push({
        name: spec.name,
        result: runSeriesBacktest(runOptions, series, strategies[i], flags.data),
      });
    } finally {
      progress.stop();
    }
  }
  const subtitle = `${flags.data} · ${series.instrument.id} · ${series.bars.length} bars`;
  await writeReportFiles(flags, 'comparison report', () => renderComparison(runs, { subtitle }));
  process.stdout.write(`${subtitle}\n${comparisonText(runs)}\n`);
}
