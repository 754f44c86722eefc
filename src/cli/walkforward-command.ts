/**
 * `bourse walkforward`: walk-forward analysis of a strategy over a `--data` file. Each window
 * optimises the parameter space on its in-sample bars (on worker threads, the bars shared as for
 * `bourse optimize`), then trades the best combination on the out-of-sample bars that follow; the
 * out-of-sample parts are stitched into one equity curve (docs/research.md#walk-forward).
 */
import type { Command } from 'commander';
import { BourseError } from '../core/errors.js';
import {
  parseWindowLength,
  renderWalkForwardReport,
  runSetupBacktest,
  shareBarSeries,
  startBacktestPool,
  type WindowLength,
  walkForward,
  walkForwardWindows,
} from '../research/index.js';
import type { BacktestRunFlags } from './backtest-options.js';
import { addOptimizationCommand, type SearchFlags, searchSettings, wholeNumber } from './optimize-flags.js';
import { prepareOptimization } from './optimize-setup.js';
import { progressBar } from './progress.js';
import { checkPdfBrowser, writeReportFiles } from './report-files.js';
import { walkForwardJson, walkForwardTable } from './walkforward-output.js';

interface WalkForwardFlags extends BacktestRunFlags, SearchFlags {
  data: string;
  inSample?: string;
  outOfSample?: string;
  anchored?: boolean;
  warmup?: string;
  report?: string;
  pdf?: string;
  json?: boolean;
}

export function addWalkForwardCommand(program: Command): void {
  addOptimizationCommand(
    program,
    'walkforward',
    'walk-forward analysis: optimise in sample, trade out of sample, window after window, and stitch the out-of-sample equity',
  )
    .option('--in-sample <length>', 'in-sample window: bars (500) or a calendar span (2y, 18m, 26w, 90d)')
    .option('--out-of-sample <length>', 'out-of-sample window, also the step between windows')
    .option('--anchored', 'in-sample windows all start at the first bar (default: rolling)')
    .option(
      '--warmup <bars>',
      'bars each out-of-sample run starts before its window (default: the in-sample length)',
    )
    .option('--report <file.html>', 'write the walk-forward report (self-contained HTML)')
    .option('--pdf <file.pdf>', 'print the walk-forward report to a PDF with Chromium')
    .option('--json', 'print one JSON object instead of the tables')
    .action((flags: WalkForwardFlags) => runWalkForwardCommand(flags));
}

async function runWalkForwardCommand(flags: WalkForwardFlags): Promise<void> {
  checkPdfBrowser(flags);
  const data = prepareOptimization(flags, 'walking forward on');
  const settings = await searchSettings(flags, data.config);
  const configured = data.config.optimize.walkForward;
  const inSample = windowLength(
    '--in-sample',
    flags.inSample,
    'optimize.walkForward.inSample',
    configured.inSample,
  );
  const outOfSample = windowLength(
    '--out-of-sample',
    flags.outOfSample,
    'optimize.walkForward.outOfSample',
    configured.outOfSample,
  );
  const anchored = flags.anchored ?? configured.anchored;
  const { series, setup } = data;
  const times = series.bars.map((bar) => bar.tsEvent);
  const windows = walkForwardWindows(times, { inSample, outOfSample, anchored });
  const warmup =
    wholeNumber('--warmup', flags.warmup, 0) ??
    configured.warmup ??
    windows[0].inSample.to - windows[0].inSample.from;
  const pool = startBacktestPool(settings.workers, { series: shareBarSeries(series), setup });
  const progress = progressBar('walkforward', true);
  let report: Awaited<ReturnType<typeof walkForward>>;
  try {
    report = await walkForward({
      ...settings,
      windows,
      strategy: flags.strategy,
      times,
      warmup,
      startingCash: data.config.backtest.startingCash,
      backtest: (task) => pool.run(task),
      runOutOfSample: (params, bars) => runSetupBacktest(setup, series, params, bars).result,
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
    await pool.close();
  }
  const meta = {
    strategy: flags.strategy,
    data: flags.data,
    instrument: series.instrument.id,
    inSample,
    outOfSample,
    anchored,
    warmup,
    objective: settings.objective,
    space: settings.space,
  };
  await writeReportFiles(flags, 'walk-forward report', () => renderWalkForwardReport(report, meta));
  process.stdout.write(
    flags.json ? `${JSON.stringify(walkForwardJson(report, meta))}\n` : `${walkForwardTable(report, meta)}\n`,
  );
}

function windowLength(
  flag: string,
  text: string | undefined,
  key: string,
  configured: string | undefined,
): WindowLength {
  if (text !== undefined) return parseWindowLength(text, flag);
  if (configured !== undefined) return parseWindowLength(configured, key);
  throw new BourseError('CLI_INVALID', `${flag}: required (or ${key} in the config), e.g. ${flag} 2y`);
}
