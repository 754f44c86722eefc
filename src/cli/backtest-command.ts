import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { BacktestResult } from '../backtest/result.js';
import { runCatalogBacktest } from '../backtest/run-catalog.js';
import { type BarBacktestOptions, type BarBacktestRun, runFileBacktest } from '../backtest/run-file.js';
import { renderRunTearsheet } from '../backtest/tearsheet/index.js';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { findChromium } from '../reports/chromium.js';
import { printPdf } from '../reports/pdf.js';
import { writeBacktestXlsx } from '../reports/xlsx.js';
import { type JsonValue, storeFromConfig } from '../store/index.js';
import {
  addBacktestRunOptions,
  type BacktestRunFlags,
  barBacktestOptions,
  fileDataOptions,
} from './backtest-options.js';
import { chooseBarType, openExistingCatalog, timeFlag } from './data-command.js';
import { type BacktestJson, backtestJson, backtestSummary } from './output.js';
import { progressBar } from './progress.js';

interface BacktestFlags extends BacktestRunFlags {
  data?: string;
  catalog?: string;
  instrument?: string;
  from?: string;
  to?: string;
  bar?: string;
  report?: string;
  pdf?: string;
  xlsx?: string;
  json?: boolean;
  save?: boolean;
  db?: string;
}

export function addBacktestCommand(program: Command): void {
  const command = program
    .command('backtest')
    .description('run a strategy over a CSV file of bars and report fills, trades and statistics')
    .option('--data <file>', 'CSV bars (backtrader, Yahoo, date+time, LEAN futures or --columns mapped)')
    .option('--catalog <dir>', 'instead of --data: bars from a data catalog (see `bourse data`)')
    .option('--instrument <id>', '--catalog: instrument id, e.g. ESZ3.CME')
    .option('--bar <spec>', '--catalog: bar type, e.g. 1m (default: the only one stored)')
    .option('--from <time>', '--catalog: first bar time (inclusive), ISO-8601 or YYYY-MM-DD')
    .option('--to <time>', '--catalog: end time (exclusive), ISO-8601 or YYYY-MM-DD');
  addBacktestRunOptions(command)
    .option('--report <file.html>', 'write a self-contained HTML tearsheet')
    .option('--pdf <file.pdf>', 'print the tearsheet to a PDF with Chromium (see docs/reports.md)')
    .option('--xlsx <file.xlsx>', 'write a workbook: statistics, trades, daily returns and fills')
    .option('--json', 'print one JSON object instead of the summary table')
    .option('--save', 'record the run and its result in the store (backtest_runs, backtest_results)')
    .option('--db <url>', '--save: PostgreSQL URL (default: BOURSE_DATABASE_URL, else the embedded database)')
    .action((flags: BacktestFlags) => runBacktestCommand(flags));
}

async function runBacktestCommand(flags: BacktestFlags): Promise<void> {
  if ((flags.data === undefined) === (flags.catalog === undefined)) {
    throw new BourseError('CLI_INVALID', 'give either --data <file> or --catalog <dir> (with --instrument)');
  }
  if (flags.catalog !== undefined && flags.instrument === undefined) {
    throw new BourseError('CLI_INVALID', '--catalog needs --instrument <id>');
  }
  // --pdf: a missing browser is reported before the backtest runs, not after.
  if (flags.pdf !== undefined) findChromium();
  const progress = progressBar('backtest', !flags.json);
  const common = { ...barBacktestOptions(flags), onProgress: progress.update };
  const config = common.config;
  const saved = flags.save ? await startSavedRun(flags, config) : undefined;
  let run: BarBacktestRun;
  try {
    run = flags.catalog
      ? await catalogBacktest(flags, flags.catalog, common)
      : runFileBacktest({ ...common, file: flags.data ?? '', ...fileDataOptions(flags) });
  } catch (error) {
    progress.stop();
    await saved?.fail(error);
    throw error;
  }
  progress.stop();
  const { result, series } = run;
  if (run.availableSeries.length > 1 && flags.series === undefined && !flags.json) {
    process.stderr.write(
      `${flags.data} holds ${run.availableSeries.length} series; ran ${series.instrument.id} (most bars). Choose with --series.\n`,
    );
  }
  const json = backtestJson(result, {
    strategy: flags.strategy,
    parameters: run.params,
    instrument: series.instrument.id,
    rolls: run.rolls,
  });
  const tearsheet =
    flags.report || flags.pdf
      ? renderRunTearsheet(run, {
          strategy: flags.strategy,
          data: `${flags.data ?? `${flags.catalog} ${series.barType.key}`}`,
        })
      : undefined;
  if (flags.report && tearsheet) {
    writeFileSync(flags.report, tearsheet);
    if (!flags.json) process.stderr.write(`tearsheet written to ${flags.report}\n`);
  }
  if (saved) {
    const id = await saved.complete(json);
    if (!flags.json) process.stderr.write(`saved as backtest run ${id} in ${saved.location}\n`);
  }
  await writeExports(flags, json, result, tearsheet);
  process.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : `${backtestSummary(json)}\n`);
}

/** --pdf (the tearsheet printed by Chromium) and --xlsx (the run's workbook). */
async function writeExports(
  flags: BacktestFlags,
  json: BacktestJson,
  result: BacktestResult,
  tearsheet: string | undefined,
): Promise<void> {
  if (flags.pdf && tearsheet) {
    const printed = await printPdf(tearsheet, flags.pdf);
    if (!flags.json) process.stderr.write(`PDF tearsheet written to ${flags.pdf} (${printed.bytes} bytes)\n`);
  }
  if (flags.xlsx) {
    const { strategy, parameters, instrument } = json;
    const meta = { strategy, parameters, instrument, data: flags.data ?? flags.catalog };
    const bytes = await writeBacktestXlsx(result, meta, flags.xlsx);
    if (!flags.json) process.stderr.write(`workbook written to ${flags.xlsx} (${bytes} bytes)\n`);
  }
}

/** --save: the run is recorded (status running) before it starts, and completed or failed after. */
async function startSavedRun(flags: BacktestFlags, config: BourseConfig) {
  const store = await storeFromConfig(config.store, process.env, flags.db);
  try {
    const params = {
      strategy: flags.strategy,
      params: flags.param,
      data: flags.data ?? null,
      catalog: flags.catalog ?? null,
      instrument: flags.instrument ?? flags.series ?? null,
      backtest: config.backtest as unknown as JsonValue,
    } as JsonValue;
    const id = await store.backtests.create(params);
    return {
      location: store.location,
      async complete(result: unknown): Promise<number> {
        try {
          await store.backtests.complete(id, result as JsonValue);
          return id;
        } finally {
          await store.close();
        }
      },
      async fail(error: unknown): Promise<void> {
        try {
          await store.backtests.fail(id, error instanceof Error ? error.message : String(error));
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** --catalog: the bars of --instrument (and --bar) in [--from, --to), streamed from the catalog. */
async function catalogBacktest(
  flags: BacktestFlags,
  dir: string,
  common: BarBacktestOptions,
): Promise<BarBacktestRun> {
  for (const flag of ['series', 'continuous', 'roll', 'columns', 'symbol', 'multiplier', 'margin'] as const) {
    if (flags[flag] !== undefined) {
      throw new BourseError('CLI_INVALID', `--${flag} applies to --data files, not --catalog`);
    }
  }
  const range = { from: timeFlag('--from', flags.from), to: timeFlag('--to', flags.to) };
  const catalog = await openExistingCatalog(dir);
  try {
    const barType = chooseBarType(catalog, flags.instrument ?? '', flags.bar);
    return await runCatalogBacktest({ ...common, catalog, barType, range });
  } finally {
    catalog.close();
  }
}
