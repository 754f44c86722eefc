import { type BourseConfig, strategyParamsFromStrings } from '../core/config-schema.js';
import { BourseError, ConfigError } from '../core/errors.js';
import type { Log } from '../core/log.js';
import { createLogger } from '../core/logging.js';
import { type CsvImportOptions, readBarsCsv } from '../data/csv/index.js';
import { GLOBEX_EQUITY_ROOTS, sessionOf } from '../data/instrument-session.js';
import { type BarSeries, barSeriesFromCsv, type InstrumentOptions } from '../data/load-bars.js';
import type { Roll } from '../data/rolls.js';
import { isFuturesLike } from '../model/instruments.js';
import type { AuditSink } from '../risk/kill-switch.js';
import { strategyDefinition } from '../strategy/registry.js';
import { registerSampleStrategies } from '../strategy/samples/index.js';
import type { CommissionModel } from './commission.js';
import { type ContinuousChoice, continuousSeries } from './continuous-series.js';
import { BacktestEngine, type VenueLink } from './engine.js';
import type { FillTiming } from './exchange.js';
import type { FeeModel } from './fees/index.js';
import type { LatencyModel } from './latency.js';
import type { BacktestResult } from './result.js';
import type { SlippageModel } from './slippage/index.js';

export interface FileBacktestOptions {
  readonly file: string;
  readonly strategy: string;
  /** `key=value` strings, coerced by the strategy's parameter schema. */
  readonly params?: readonly string[];
  readonly config: BourseConfig;
  readonly csv?: CsvImportOptions;
  readonly instrument?: InstrumentOptions;
  /**
   * Which series of a multi-contract file: an instrument id (`ESZ3.CME`), symbol (`ESZ3`) or contract
   * month (`201312`). With `continuous`, a comma-separated list of the contracts to join (default all).
   */
  readonly series?: string;
  /** Trade a continuous contract joined from all the file's futures contracts instead of one. */
  readonly continuous?: ContinuousChoice;
  /** Fee schedule replacing the config's simple commission, slippage of taker fills, and its seed. */
  readonly fees?: FeeModel;
  readonly slippage?: SlippageModel;
  readonly seed?: number;
  /** Bars: at most this fraction of each bar's volume is ours; the rest fills on later bars. */
  readonly volumeParticipation?: number;
  readonly log?: Log;
  readonly onProgress?: (done: number, total: number) => void;
  /** Data points between progress calls (default 65,536). */
  readonly progressEvery?: number;
  /** Between the kernel and the venue: a paper session's journal (src/live). */
  readonly venueLink?: VenueLink;
  /** Where the kill switch and other audited commands are recorded. */
  readonly audit?: AuditSink;
}

/** What a single-instrument bar backtest ran on and what it gave. */
export interface BarBacktestRun {
  readonly result: BacktestResult;
  readonly series: Pick<BarSeries, 'instrument' | 'barType'>;
  readonly params: Record<string, unknown>;
  /** Series the file had, when it had several (for a message naming the one chosen). */
  readonly availableSeries: readonly string[];
  /** Contract rolls of a continuous run (empty otherwise). */
  readonly rolls: readonly Roll[];
}

export interface FileBacktestRun extends BarBacktestRun {
  readonly series: BarSeries;
}

/** The options of a bar backtest that do not depend on where its bars come from. */
export type BarBacktestOptions = Omit<
  FileBacktestOptions,
  'file' | 'csv' | 'instrument' | 'series' | 'continuous'
>;

/** Loads a CSV file, builds the named strategy from string parameters, and runs one backtest. */
export function runFileBacktest(options: FileBacktestOptions): FileBacktestRun {
  const strategy = strategyFrom(options);
  const { series, availableSeries, rolls } = loadFileSeries(options);
  const result = runSeriesBacktest(options, series, strategy, options.file);
  return { result, series, params: strategy.params, availableSeries, rolls };
}

/**
 * One backtest of `strategy` over bars already in memory (`dataName` names them in errors): what
 * `runFileBacktest` runs once the file is loaded, and what the optimiser runs per combination.
 */
export function runSeriesBacktest(
  options: BarBacktestOptions,
  series: Pick<BarSeries, 'instrument' | 'barType' | 'bars'>,
  strategy: StrategyChoice,
  dataName: string,
): BacktestResult {
  const engine = barBacktestEngine(options, series, strategy);
  engine.addData(series.bars, dataName);
  return engine.run();
}

/** The bar series a file run trades: the one `series` names (or a continuous join, or the largest). */
export function loadFileSeries(
  options: Pick<FileBacktestOptions, 'file' | 'csv' | 'instrument' | 'series' | 'continuous'>,
): { series: BarSeries; availableSeries: string[]; rolls: readonly Roll[] } {
  const allSeries = barSeriesFromCsv(readBarsCsv(options.file, options.csv), options.instrument);
  const joined = options.continuous
    ? continuousSeries(contractsNamed(allSeries, options.series), options.continuous, options.file)
    : undefined;
  const series = joined?.series ?? chooseSeries(allSeries, options.series, options.file);
  return { series, availableSeries: allSeries.map((s) => s.instrument.id), rolls: joined?.rolls ?? [] };
}

export interface StrategyChoice {
  readonly definition: ReturnType<typeof strategyDefinition>;
  readonly params: Record<string, unknown>;
}

/** The named strategy and its parameters parsed from `key=value` strings (checked before any data is read). */
export function strategyFrom(options: Pick<BarBacktestOptions, 'strategy' | 'params'>): StrategyChoice {
  registerSampleStrategies();
  const definition = strategyDefinition(options.strategy);
  const params = strategyParamsFromStrings(definition.parameters, [...(options.params ?? [])]);
  const parsed = definition.parameters.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BourseError(
      'STRATEGY_PARAMS_INVALID',
      `--param ${issue.path.join('.') || '(all)'}: ${issue.message}`,
    );
  }
  return { definition, params: parsed.data as Record<string, unknown> };
}

/**
 * The engine of a single-instrument bar backtest: one venue configured from the config and the
 * options, the instrument and the strategy added; the caller adds the bars and runs it.
 */
export function barBacktestEngine(
  options: BarBacktestOptions,
  series: Pick<BarSeries, 'instrument' | 'barType'>,
  strategy: StrategyChoice,
): BacktestEngine {
  const config = options.config.backtest;
  const commission: CommissionModel =
    config.commission.amount === 0
      ? { kind: 'none' }
      : config.commission.kind === 'percent'
        ? { kind: 'percent', rate: config.commission.amount }
        : { kind: 'per-unit', amount: config.commission.amount };
  const session = sessionOf(series.instrument);
  if (config.rejectWhenClosed && session === undefined) {
    throw new ConfigError(
      'backtest.rejectWhenClosed',
      `needs a trading session, and ${series.instrument.id} has none (only the CME equity-index futures ${[...GLOBEX_EQUITY_ROOTS].join(', ')} have one: CME Globex); drop --reject-when-closed or set it false for this data`,
    );
  }
  // Log lines carry the simulated time of the backtest clock (bound once the engine exists).
  let clock: { now(): number } = { now: () => 0 };
  const log =
    options.log ??
    createLogger({ ...options.config.log, name: 'backtest', clock: { now: () => clock.now() } });
  const engine = new BacktestEngine({
    venues: [
      {
        name: series.instrument.venue,
        accountType: isFuturesLike(series.instrument) ? 'margin' : 'cash',
        startingCash: config.startingCash,
        fill: config.fill as FillTiming,
        commission,
        fees: options.fees,
        slippage: options.slippage,
        seed: options.seed,
        volumeParticipation: options.volumeParticipation,
        session,
        intrabarPath: config.intrabarPath,
        quoteDepth: config.quoteDepth,
        latency: config.latency && latencyMicros(config.latency),
        priceBand: config.priceBand,
        rejectWhenClosed: config.rejectWhenClosed,
      },
    ],
    risk: options.config.risk,
    log,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery,
    venueLink: options.venueLink,
    audit: options.audit,
  });
  clock = engine.clock;
  engine.addInstrument(series.instrument);
  engine.addStrategy(
    strategy.definition.create({
      id: 'S-001',
      params: strategy.params,
      instrument: series.instrument,
      barType: series.barType,
    }),
  );
  return engine;
}

/** The config's latency (milliseconds) as the venue's latency model (whole microseconds). */
function latencyMicros(latency: NonNullable<BourseConfig['backtest']['latency']>): LatencyModel {
  const micros = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 1000));
  return { submit: micros(latency.submitMs), ack: micros(latency.ackMs), fill: micros(latency.fillMs) };
}

function chooseSeries(all: BarSeries[], wanted: string | undefined, file: string): BarSeries {
  if (all.length === 0) throw new BourseError('DATA_EMPTY', `${file}: no bars to backtest`);
  if (wanted !== undefined) {
    const match = all.find(
      (s) =>
        s.instrument.id === wanted ||
        s.instrument.symbol === wanted ||
        (s.instrument.kind === 'future' && s.instrument.contractMonth === wanted),
    );
    if (!match) {
      throw new BourseError(
        'SERIES_UNKNOWN',
        `${file}: no series '${wanted}' (available: ${all.map((s) => s.instrument.id).join(', ')})`,
      );
    }
    return match;
  }
  // Several contracts and none named: the one with the most bars (the most traded month, in practice).
  return all.reduce((best, s) => (s.bars.length > best.bars.length ? s : best));
}

/** Roots that trade the CME Globex equity-index session (contracts and their continuous series). */

/** The contracts named in a comma-separated list (all when none is given). */
function contractsNamed(all: BarSeries[], names: string | undefined): BarSeries[] {
  if (names === undefined) return all;
  const wanted = names.split(',').map((n) => n.trim());
  return all.filter((s) =>
    wanted.some(
      (w) =>
        s.instrument.id === w ||
        s.instrument.symbol === w ||
        (s.instrument.kind === 'future' && s.instrument.contractMonth === w),
    ),
  );
}
