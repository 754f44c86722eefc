/**
 * `bourse optimize`: backtests a strategy over a space of parameter combinations (grid, random or
 * genetic search) on worker threads, with the same data and accounting flags as `bourse backtest`,
 * and prints the best combinations (or, with `--json`, one line per combination). Results are
 * appended to a JSONL file as they complete, and a later run with the same data, strategy and
 * accounting reuses them (docs/research.md).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { BourseError } from '../core/errors.js';
import { heatmapAxes, renderOptimizationReport } from '../reports/optimization-report.js';
import type { BacktestPoolTask } from '../research/backtest-pool.js';
import type { BacktestOutcome } from '../research/combination-backtest.js';
import { DailyReturnsCollector } from '../research/daily-returns-collector.js';
import {
  optimize,
  ResultsFile,
  shareBarSeries,
  startBacktestPool,
  type WorkerPool,
} from '../research/index.js';
import type { OptimizationDiagnostics } from '../research/optimization-diagnostics.js';
import type { BacktestRunFlags } from './backtest-options.js';
import { diagnosticsText } from './optimize-diagnostics.js';
import { addOptimizationCommand, type SearchFlags, searchSettings, wholeNumber } from './optimize-flags.js';
import { optimizeJsonLines, optimizeTable } from './optimize-output.js';
import { prepareOptimization } from './optimize-setup.js';
import { progressBar } from './progress.js';
import { checkPdfBrowser, writeReportFiles } from './report-files.js';

interface OptimizeFlags extends BacktestRunFlags, SearchFlags {
  data: string;
  results?: string;
  top: string;
  json?: boolean;
  maxRuns?: string;
  diagnostics?: boolean;
  report?: string;
  pdf?: string;
  heatmap?: string;
}

export function addOptimizeCommand(program: Command): void {
  addOptimizationCommand(
    program,
    'optimize',
    'backtest a strategy over a space of parameters (grid, random or genetic search) on all cores',
  )
    .option('--results <file.jsonl>', 'results file, appended as combinations complete, read to resume')
    .option('--top <n>', 'rows of the table', '10')
    .option('--json', 'print one JSON line per combination (in the search order) instead of the table')
    .option('--max-runs <n>', 'stop after n new backtests (run the command again to go on)')
    .option(
      '--diagnostics',
      'overfitting diagnostics: deflated Sharpe, PBO (CSCV), Monte Carlo of trades, bootstrap of returns',
    )
    .option('--report <file.html>', 'write the optimisation report: heatmap, best combinations, diagnostics')
    .option(
      '--heatmap <x,y>',
      '--report: the two parameters of the heatmap (default: the first two that vary)',
    )
    .action((flags: OptimizeFlags) => runOptimizeCommand(flags));
}

async function runOptimizeCommand(flags: OptimizeFlags): Promise<void> {
  const top = wholeNumber('--top', flags.top, 1) ?? 10;
  const maxRuns = wholeNumber('--max-runs', flags.maxRuns, 1);
  const data = prepareOptimization(flags, 'optimising');
  const { space, search, objective, constraints, workers } = await searchSettings(flags, data.config);
  const { series, setup, hash } = data;
  if (flags.heatmap !== undefined && flags.report === undefined && flags.pdf === undefined)
    throw new BourseError('CLI_INVALID', '--heatmap applies to --report and --pdf');
  if (flags.report !== undefined || flags.pdf !== undefined) heatmapAxes(space, flags.heatmap); // a bad --heatmap stops the run here
  checkPdfBrowser(flags);
  const results = ResultsFile.open(
    flags.results ?? join('.bourse', 'optimize', `${hash.slice(0, 16)}.jsonl`),
  );
  let pool: WorkerPool<BacktestPoolTask, BacktestOutcome> | undefined;
  const run = (task: BacktestPoolTask) => {
    pool ??= startBacktestPool(workers, { series: shareBarSeries(series), setup });
    return pool.run(task);
  };
  const daily = flags.diagnostics ? new DailyReturnsCollector() : undefined;
  const backtest = daily ? daily.wrap(run) : run;
  const progress = progressBar('optimize', true);
  let report: Awaited<ReturnType<typeof optimize>>;
  let diagnostics: OptimizationDiagnostics | undefined;
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
    if (daily && report.complete)
      diagnostics = await daily.diagnose(report.results, run, {
        setup,
        series,
        seed: search.kind === 'grid' ? 1 : search.seed,
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
  if (flags.diagnostics && !report.complete)
    process.stderr.write('no diagnostics: the search stopped before its end (--max-runs)\n');
  await writeReportFiles(flags, 'optimisation report', () =>
    renderOptimizationReport(report.results, {
      space,
      objective,
      heatmap: flags.heatmap,
      title: `Optimisation: ${flags.strategy} on ${series.instrument.id}`,
      subtitle: flags.data,
      diagnostics: diagnostics && { result: diagnostics, days: daily?.days ?? [] },
    }),
  );
  if (diagnostics && flags.json) process.stderr.write(`${diagnosticsText(diagnostics)}\n`);
  process.stdout.write(
    flags.json
      ? optimizeJsonLines(report.results)
      : `${optimizeTable(report.results, { space, objective, top })}\n${diagnostics ? `\n${diagnosticsText(diagnostics)}\n` : ''}`,
  );
}
