/**
 * The options `bourse backtest` and `bourse optimize` share: the strategy and its parameters, the
 * config file, the CSV file's reading options, the accounting (cash, commission, multiplier,
 * margin, fill timing) and the simulated venue's models and realism flags. Defined once here, parsed
 * into what the backtest runner takes; every bad value is a `CLI_INVALID` error naming its flag,
 * raised before anything is loaded or run.
 */
import type { Command } from 'commander';
import type { ContinuousChoice } from '../backtest/continuous-series.js';
import type { BarBacktestOptions, FileBacktestOptions } from '../backtest/run-file.js';
import {
  FEE_SCHEDULE_NAMES,
  type FeeScheduleName,
  type VenueModelChoice,
  venueModels,
} from '../backtest/venue-models.js';
import { type BourseConfig, loadBourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { numberFlag } from './number-flags.js';
import { type PriceBandSetting, type VenueFlags, venueOverrides } from './venue-flags.js';

/** The shared flags as commander hands them over. */
export interface BacktestRunFlags extends VenueFlags {
  strategy: string;
  param: string[];
  config?: string;
  cash?: string;
  commission?: string;
  commissionPercent?: string;
  multiplier?: string;
  margin?: string;
  fill?: string;
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
}

/** Adds the shared options (`--param` is repeatable; its help line says what it takes in `command`). */
export function addBacktestRunOptions(
  command: Command,
  paramHelp = 'strategy parameter (repeatable)',
): Command {
  return command
    .requiredOption('--strategy <name>', 'strategy name (see `bourse strategies`)')
    .option('--param <key=value>', paramHelp, (v: string, acc: string[]) => [...acc, v], [])
    .option('--cash <amount>', 'starting cash (default 100000, or backtest.startingCash from --config)')
    .option('--commission <amount>', 'commission per unit (share or contract) per side')
    .option('--commission-percent <rate>', 'commission as percent of notional per side (0.1 = 0.1 %)')
    .option('--multiplier <n>', 'money per point per unit (default 1; built-in futures use their spec)')
    .option('--margin <amount>', 'initial margin per contract: futures-like accounting with daily settlement')
    .option(
      '--fill <when>',
      'market orders fill at the next bar open (next-open) or the signal bar close (close)',
    )
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
    );
}

/** The options of a bar backtest the shared flags give (what `bourse backtest` runs, data aside). */
export function barBacktestOptions(flags: BacktestRunFlags): BarBacktestOptions {
  return {
    strategy: flags.strategy,
    params: flags.param,
    config: backtestConfig(flags),
    ...venueModels(venueModelChoice(flags)),
    volumeParticipation: volumeParticipation(flags),
  };
}

/** The config file (`--config`) with the accounting and venue flags applied over it. */
export function backtestConfig(flags: BacktestRunFlags): BourseConfig {
  if (flags.commission !== undefined && flags.commissionPercent !== undefined) {
    throw new BourseError('CLI_INVALID', 'give either --commission or --commission-percent, not both');
  }
  if (flags.fill !== undefined && flags.fill !== 'next-open' && flags.fill !== 'close') {
    throw new BourseError('CLI_INVALID', `--fill: expected next-open or close, got '${flags.fill}'`);
  }
  const overrides: Record<string, unknown> = venueOverrides(flags);
  const cash = numberFlag('--cash', flags.cash);
  if (cash !== undefined) overrides['backtest.startingCash'] = cash;
  if (flags.fill !== undefined) overrides['backtest.fill'] = flags.fill;
  const perUnit = numberFlag('--commission', flags.commission);
  const percent = numberFlag('--commission-percent', flags.commissionPercent);
  if (perUnit !== undefined) overrides['backtest.commission'] = { kind: 'per-unit', amount: perUnit };
  if (percent !== undefined) overrides['backtest.commission'] = { kind: 'percent', amount: percent };
  const loaded = loadBourseConfig({ file: flags.config, overrides });
  // --price-band replaces the config's band as a whole (a file's `percent` does not survive `40ticks`).
  const band = overrides['backtest.priceBand'] as PriceBandSetting | undefined;
  return band ? { ...loaded, backtest: { ...loaded.backtest, priceBand: band } } : loaded;
}

/** How the `--data` file is read and which of its series is traded. */
export function fileDataOptions(
  flags: BacktestRunFlags,
): Pick<FileBacktestOptions, 'csv' | 'instrument' | 'series' | 'continuous'> {
  return {
    series: flags.series,
    continuous: continuousChoice(flags),
    csv: {
      skipBadRows: flags.skipBadRows,
      adjust: flags.adjust,
      timestamp: flags.timestamp,
      timeZone: flags.timezone,
      columns: columnMapping(flags.columns),
    },
    instrument: {
      symbol: flags.symbol,
      multiplier: numberFlag('--multiplier', flags.multiplier),
      margin: numberFlag('--margin', flags.margin),
    },
  };
}

/** The fee schedule and slippage model named by the flags (none: the config's simple commission). */
export function venueModelChoice(flags: BacktestRunFlags): VenueModelChoice {
  let fees: FeeScheduleName | undefined;
  if (flags.fees !== undefined) {
    if (flags.commission !== undefined || flags.commissionPercent !== undefined) {
      throw new BourseError(
        'CLI_INVALID',
        'give either --fees or --commission/--commission-percent, not both',
      );
    }
    fees = FEE_SCHEDULE_NAMES.find((name) => name === flags.fees);
    if (fees === undefined)
      throw new BourseError('CLI_INVALID', `--fees: expected ib or ib-fixed, got '${flags.fees}'`);
  }
  const slippageTicks = numberFlag('--slippage-ticks', flags.slippageTicks);
  const slippageProbability = numberFlag('--slippage-probability', flags.slippageProbability);
  if (slippageProbability !== undefined && slippageTicks === undefined) {
    throw new BourseError('CLI_INVALID', '--slippage-probability needs --slippage-ticks');
  }
  return { fees, slippageTicks, slippageProbability, seed: numberFlag('--seed', flags.seed) };
}

/** `--volume-participation`: a share in (0, 1]. */
export function volumeParticipation(flags: BacktestRunFlags): number | undefined {
  const share = numberFlag('--volume-participation', flags.volumeParticipation);
  if (share !== undefined && !(share > 0 && share <= 1)) {
    throw new BourseError('CLI_INVALID', `--volume-participation: expected a share in (0, 1], got ${share}`);
  }
  return share;
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

function continuousChoice(flags: BacktestRunFlags): ContinuousChoice | undefined {
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
