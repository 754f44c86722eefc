import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ContinuousChoice } from '../backtest/continuous-series.js';
import type { FeeModel } from '../backtest/fees/index.js';
import * as fees from '../backtest/fees/index.js';
import { runCatalogBacktest } from '../backtest/run-catalog.js';
import { type BarBacktestOptions, type BarBacktestRun, runFileBacktest } from '../backtest/run-file.js';
import type { SlippageModel } from '../backtest/slippage/index.js';
import * as slippage from '../backtest/slippage/index.js';
import { renderRunTearsheet } from '../backtest/tearsheet/index.js';
import { type BourseConfig, loadBourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { type JsonValue, storeFromConfig } from '../store/index.js';
import { chooseBarType, openExistingCatalog, timeFlag } from './data-command.js';
import { backtestJson, backtestSummary } from './output.js';
import { progressBar } from './progress.js';
import { type PriceBandSetting, type VenueFlags, venueOverrides } from './venue-flags.js';

interface BacktestFlags extends VenueFlags {
  data?: string;
  catalog?: string;
  instrument?: string;
  from?: string;
  to?: string;
  bar?: string;
  strategy: string;
  param: string[];
  cash?: string;
  commission?: string;
  commissionPercent?: string;
  multiplier?: string;
  margin?: string;
  fill?: string;
  report?: string;
  json?: boolean;
  config?: string;
  symbol?: string;
  series?: string;
  skipBadRows?: boolean;
  adjust?: boolean;
  timestamp?: 'start' | 'end';
  timezone?: string;
  columns?: string;
  continuous?: string;
  roll?: string;
  fees?: string;
  slippageTicks?: string;
  slippageProbability?: string;
  seed?: string;
  volumeParticipation?: string;
  save?: boolean;
  db?: string;
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new BourseError('CLI_INVALID', `${flag}: not a number: '${value}'`);
  return parsed;
}

function columnMapping(text: string | undefined) {
  if (text === undefined) return undefined;
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, header] = pair.split('=');
    if (!key || !header)
      throw new BourseError('CLI_INVALID', `--columns: expected field=Header pairs, got '${pair}'`);
    mapping[key.trim()] = header.trim();
  }
  for (const required of ['open', 'high', 'low', 'close']) {
    if (!mapping[required]) throw new BourseError('CLI_INVALID', `--columns: '${required}' is required`);
  }
  return mapping as { open: string; high: string; low: string; close: string };
}

export function addBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('run a strategy over a CSV file of bars and report fills, trades and statistics')
    .option('--data <file>', 'CSV bars (backtrader, Yahoo, date+time, LEAN futures or --columns mapped)')
    .option('--catalog <dir>', 'instead of --data: bars from a data catalog (see `bourse data`)')
    .option('--instrument <id>', '--catalog: instrument id, e.g. ESZ3.CME')
    .option('--bar <spec>', '--catalog: bar type, e.g. 1m (default: the only one stored)')
    .option('--from <time>', '--catalog: first bar time (inclusive), ISO-8601 or YYYY-MM-DD')
    .option('--to <time>', '--catalog: end time (exclusive), ISO-8601 or YYYY-MM-DD')
    .requiredOption('--strategy <name>', 'strategy name (see `bourse strategies`)')
    .option(
      '--param <key=value>',
      'strategy parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--cash <amount>', 'starting cash (default 100000, or backtest.startingCash from --config)')
    .option('--commission <amount>', 'commission per unit (share or contract) per side')
    .option('--commission-percent <rate>', 'commission as percent of notional per side (0.1 = 0.1 %)')
    .option('--multiplier <n>', 'money per point per unit (default 1; built-in futures use their spec)')
    .option('--margin <amount>', 'initial margin per contract: futures-like accounting with daily settlement')
    .option(
      '--fill <when>',
      'market orders fill at the next bar open (next-open) or the signal bar close (close)',
    )
    .option('--report <file.html>', 'write a self-contained HTML tearsheet')
    .option('--json', 'print one JSON object instead of the summary table')
    .option('--config <file.yaml>', 'Bourse config file (see docs/configuration.md)')
    .option('--symbol <symbol>', 'instrument symbol for single-series files (default: from the file name)')
    .option('--series <id>', 'which contract of a multi-contract file (ESZ3, ESZ3.CME or 201312)')
    .option('--skip-bad-rows', 'skip and count bad rows instead of stopping at the first')
    .option('--adjust', 'Yahoo files: use dividend/split-adjusted prices')
    .option('--timestamp <start|end>', "whether the file's times stamp the bar start or end")
    .option('--timezone <iana>', 'time zone of naive timestamps (default UTC)')
    .option('--columns <map>', 'column mapping, e.g. datetime=ts,open=o,high=h,low=l,close=c,volume=v')
    .option(
      '--continuous <adjustment>',
      'futures files: trade a continuous contract (none, additive or ratio)',
    )
    .option('--roll <rule>', "continuous: 'volume' (default) or business days before expiry, e.g. 8")
    .option(
      '--fees <schedule>',
      'fee schedule instead of --commission: ib (IB tiered stocks, IB futures) or ib-fixed',
    )
    .option(
      '--slippage-ticks <n>',
      'taker fills slip n ticks against you (with --slippage-probability: only sometimes)',
    )
    .option(
      '--slippage-probability <p>',
      'probability in [0, 1] that a taker fill slips --slippage-ticks ticks',
    )
    .option('--seed <n>', 'seed of the random slippage draws (default 1: runs repeat exactly)')
    .option(
      '--volume-participation <share>',
      "take at most this share of each bar's volume (e.g. 0.1); partial fills beyond",
    )
    .option(
      '--intrabar <path>',
      'order a bar visits its high and low in, for stops and limits: proximity (default: the extreme nearer the open first), ohlc (high first) or olhc (low first)',
    )
    .option(
      '--quote-depth <mode>',
      'quote data, the part of a taker order beyond the displayed size: slippage (default: fills at once, at worse prices), wait (works on later quotes) or unlimited (size ignored)',
    )
    .option(
      '--latency-ms <submit[,ack[,fill]]>',
      'delays to and from the venue in milliseconds, e.g. 5,2,2 (left out: 0)',
    )
    .option(
      '--price-band <band>',
      'reject limit and trigger prices farther from the last price than 5% (percent), 40ticks (ticks) or 5%,40ticks (the wider)',
    )
    .option(
      '--reject-when-closed',
      "reject orders arriving while the venue's session is closed (instruments with a session: CME equity-index futures)",
    )
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
  if (flags.commission !== undefined && flags.commissionPercent !== undefined) {
    throw new BourseError('CLI_INVALID', 'give either --commission or --commission-percent, not both');
  }
  if (flags.fill !== undefined && flags.fill !== 'next-open' && flags.fill !== 'close') {
    throw new BourseError('CLI_INVALID', `--fill: expected next-open or close, got '${flags.fill}'`);
  }
  const overrides: Record<string, unknown> = venueOverrides(flags);
  const cash = number('--cash', flags.cash);
  if (cash !== undefined) overrides['backtest.startingCash'] = cash;
  if (flags.fill !== undefined) overrides['backtest.fill'] = flags.fill;
  const perUnit = number('--commission', flags.commission);
  const percent = number('--commission-percent', flags.commissionPercent);
  if (perUnit !== undefined) overrides['backtest.commission'] = { kind: 'per-unit', amount: perUnit };
  if (percent !== undefined) overrides['backtest.commission'] = { kind: 'percent', amount: percent };
  const loaded = loadBourseConfig({ file: flags.config, overrides });
  // --price-band replaces the config's band as a whole (a file's `percent` does not survive `40ticks`).
  const band = overrides['backtest.priceBand'] as PriceBandSetting | undefined;
  const config = band ? { ...loaded, backtest: { ...loaded.backtest, priceBand: band } } : loaded;
  const progress = progressBar('backtest', !flags.json);
  const continuous = continuousChoice(flags);
  const common = {
    strategy: flags.strategy,
    params: flags.param,
    config,
    ...venueModels(flags),
    volumeParticipation: participation(flags.volumeParticipation),
    onProgress: progress.update,
  };
  const saved = flags.save ? await startSavedRun(flags, config) : undefined;
  let run: BarBacktestRun;
  try {
    run = flags.catalog
      ? await catalogBacktest(flags, flags.catalog, common)
      : runFileBacktest({
          ...common,
          file: flags.data ?? '',
          series: flags.series,
          continuous,
          csv: {
            skipBadRows: flags.skipBadRows,
            adjust: flags.adjust,
            timestamp: flags.timestamp,
            timeZone: flags.timezone,
            columns: columnMapping(flags.columns),
          },
          instrument: {
            symbol: flags.symbol,
            multiplier: number('--multiplier', flags.multiplier),
            margin: number('--margin', flags.margin),
          },
        });
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
  if (flags.report) {
    const html = renderRunTearsheet(run, {
      strategy: flags.strategy,
      data: `${flags.data ?? `${flags.catalog} ${series.barType.key}`}`,
    });
    writeFileSync(flags.report, html);
    if (!flags.json) process.stderr.write(`tearsheet written to ${flags.report}\n`);
  }
  if (saved) {
    const id = await saved.complete(json);
    if (!flags.json) process.stderr.write(`saved as backtest run ${id} in ${saved.location}\n`);
  }
  process.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : `${backtestSummary(json)}\n`);
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
  for (const flag of ['series', 'continuous', 'columns', 'symbol', 'multiplier', 'margin'] as const) {
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

function continuousChoice(flags: BacktestFlags): ContinuousChoice | undefined {
  if (flags.continuous === undefined) {
    if (flags.roll !== undefined) throw new BourseError('CLI_INVALID', '--roll needs --continuous');
    return undefined;
  }
  const adjustment = flags.continuous;
  if (adjustment !== 'none' && adjustment !== 'additive' && adjustment !== 'ratio') {
    throw new BourseError(
      'CLI_INVALID',
      `--continuous: expected none, additive or ratio, got '${adjustment}'`,
    );
  }
  const rule = flags.roll ?? 'volume';
  if (rule === 'volume') return { adjustment, roll: 'volume' };
  const days = Number(rule);
  if (!Number.isInteger(days) || days < 0) {
    throw new BourseError(
      'CLI_INVALID',
      `--roll: expected 'volume' or a number of business days, got '${rule}'`,
    );
  }
  return { adjustment, roll: days };
}

/** The fee schedule and slippage model named by the flags (none: the config's simple commission). */
function venueModels(flags: BacktestFlags): { fees?: FeeModel; slippage?: SlippageModel; seed?: number } {
  let feeModel: FeeModel | undefined;
  if (flags.fees !== undefined) {
    if (flags.commission !== undefined || flags.commissionPercent !== undefined) {
      throw new BourseError(
        'CLI_INVALID',
        'give either --fees or --commission/--commission-percent, not both',
      );
    }
    if (flags.fees === 'ib') feeModel = fees.ibFees();
    else if (flags.fees === 'ib-fixed') feeModel = fees.ibFees({ stocks: { plan: 'fixed' } });
    else throw new BourseError('CLI_INVALID', `--fees: expected ib or ib-fixed, got '${flags.fees}'`);
  }
  const ticks = number('--slippage-ticks', flags.slippageTicks);
  const probability = number('--slippage-probability', flags.slippageProbability);
  if (probability !== undefined && ticks === undefined) {
    throw new BourseError('CLI_INVALID', '--slippage-probability needs --slippage-ticks');
  }
  const slippageModel =
    ticks === undefined
      ? undefined
      : probability === undefined
        ? slippage.fixedTickSlippage(ticks)
        : slippage.probabilisticSlippage({ probability, ticks });
  return { fees: feeModel, slippage: slippageModel, seed: number('--seed', flags.seed) };
}

function participation(text: string | undefined): number | undefined {
  const share = number('--volume-participation', text);
  if (share !== undefined && !(share > 0 && share <= 1)) {
    throw new BourseError('CLI_INVALID', `--volume-participation: expected a share in (0, 1], got ${share}`);
  }
  return share;
}
