/**
 * `bourse ib-gateway-sim`: runs the IB Gateway simulator (TWS API wire protocol) until SIGINT or
 * SIGTERM, with an optional HTTP control port for fault injection. See docs/ib-gateway-sim.md.
 */
import type { Command } from 'commander';
import { SimulatorControlApi } from '../adapters/ib/sim/control-api.js';
import { IbGatewaySimulator } from '../adapters/ib/sim/gateway-sim.js';
import { instrumentForId } from '../adapters/ib/sim/market-data/book-feeds.js';
import type { MarketDataSource } from '../adapters/ib/sim/replay.js';
import { loadFileSeries } from '../backtest/run-file.js';
import { BourseError } from '../core/errors.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../core/logging.js';
import { bookEvents, readMboCsv } from '../data/book/index.js';
import { streamDatabentoMbp1, streamDatabentoTrades } from '../data/readers/index.js';
import type { MarketData } from '../model/data.js';
import { chooseBarType, openExistingCatalog, timeFlag } from './data-flags.js';
import { everyIdAs } from './data-import.js';

/** What `--data` holds: bars (any bar CSV `bourse backtest` reads) or Databento tick files. */
export const SIM_DATA_FORMATS = ['bars', 'databento-mbo', 'databento-trades', 'databento-mbp1'] as const;
type SimDataFormat = (typeof SIM_DATA_FORMATS)[number];

/**
 * The replay of `--data` with the readers `bourse data import` uses. Tick formats need `--series`
 * (the instrument id, e.g. ESH4.CME: Databento files hold raw ids); their grid is the contract's.
 */
export async function loadSimData(
  file: string,
  format: SimDataFormat,
  series: string | undefined,
): Promise<{ data: MarketDataSource; what: string; close?: () => void }> {
  if (format === 'bars') {
    const bars = loadFileSeries({ file, series }).series.bars;
    return { data: bars, what: `${bars.length} bars` };
  }
  if (series === undefined || !/^[A-Z0-9]+\.[A-Z]+$/.test(series))
    throw new BourseError(
      'CLI_INVALID',
      `--series: the instrument id (e.g. ESH4.CME) is needed for --format ${format}, got '${series ?? ''}'`,
    );
  const grid = instrumentForId(series, Date.now() * 1000).priceGrid;
  if (format === 'databento-mbo') {
    const events = bookEvents(await readMboCsv(file, { grid }), series);
    return { data: events, what: `${events.length} MBO events of ${series}` };
  }
  const options = { grid, instruments: everyIdAs(series) };
  return format === 'databento-trades'
    ? { data: streamDatabentoTrades(file, options), what: `trades of ${series}` }
    : { data: streamDatabentoMbp1(file, options), what: `quotes and trades of ${series}` };
}

/** `--catalog`: the bars of one instrument and bar type in [from, to), streamed from the catalog. */
export async function catalogSimData(
  flags: Pick<IbGatewaySimFlags, 'catalog' | 'instrument' | 'bar' | 'from' | 'to'>,
): Promise<{ data: MarketDataSource; what: string; close: () => void }> {
  if (flags.instrument === undefined)
    throw new BourseError('CLI_INVALID', '--catalog needs --instrument <id>');
  const catalog = await openExistingCatalog(flags.catalog!);
  const barType = chooseBarType(catalog, flags.instrument, flags.bar);
  const range = { from: timeFlag('--from', flags.from), to: timeFlag('--to', flags.to) };
  const count = await catalog.count('bars', barType.key, range);
  async function* bars(): AsyncIterable<MarketData> {
    for await (const batch of catalog.queryBars(barType, range)) yield* batch;
  }
  return {
    data: bars(),
    what: `${count} ${barType.key} bars from the catalog`,
    close: () => catalog.close(),
  };
}

interface IbGatewaySimFlags {
  port: string;
  host: string;
  accounts: string;
  controlPort?: string;
  nextOrderId: string;
  logLevel: string;
  data?: string;
  catalog?: string;
  instrument?: string;
  bar?: string;
  from?: string;
  to?: string;
  series?: string;
  speed?: string;
  format: string;
  pacing: boolean;
}

function port(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new BourseError('CLI_INVALID', `${flag}: a port 0–65535, got '${value}'`);
  return n;
}

export function addIbGatewaySimCommand(program: Command): Command {
  return program
    .command('ib-gateway-sim')
    .description(
      'run an IB Gateway simulator speaking the TWS API (accounts, contracts, orders, market data from a replay) with pacing and fault injection',
    )
    .option('--port <port>', 'TCP port for API clients (0 = ephemeral)', '4002')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--accounts <ids>', 'comma-separated managed accounts', 'DU1234567')
    .option('--control-port <port>', 'HTTP control API port for fault injection (off when omitted)')
    .option('--next-order-id <id>', 'first nextValidId', '1')
    .option('--log-level <level>', `log level (${LOG_LEVELS.join(', ')})`, 'info')
    .option('--data <file>', 'market data to replay: fills orders and feeds the market-data streams')
    .option('--format <format>', `--data: ${SIM_DATA_FORMATS.join(', ')}`, 'bars')
    .option('--catalog <dir>', 'instead of --data: replay bars from a data catalog (see `bourse data`)')
    .option('--instrument <id>', '--catalog: instrument id, e.g. ESZ3.CME')
    .option('--bar <spec>', '--catalog: bar type, e.g. 1m (default: the only one stored)')
    .option('--from <time>', '--catalog: first bar time (inclusive), ISO-8601 or YYYY-MM-DD')
    .option('--to <time>', '--catalog: end time (exclusive), ISO-8601 or YYYY-MM-DD')
    .option(
      '--series <id>',
      '--data: bars: which contract of a multi-contract file (ESZ3, ESZ3.CME or 201312); tick formats: the instrument id (ESH4.CME)',
    )
    .option(
      '--no-pacing',
      "do not enforce IB's pacing limits (50 messages/s: error 100; historical rules: 162)",
    )
    .option(
      '--speed <n>',
      '--data: replay n times faster than real time (default: step with the control API)',
    )
    .action(async (flags: IbGatewaySimFlags) => {
      if (!(LOG_LEVELS as readonly string[]).includes(flags.logLevel))
        throw new BourseError('CLI_INVALID', `--log-level: one of ${LOG_LEVELS.join(', ')}`);
      const log = createLogger({ level: flags.logLevel as LogLevel, name: 'ib-gateway-sim', pretty: true });
      const accounts = flags.accounts
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
      const nextOrderId = Number(flags.nextOrderId);
      if (!Number.isSafeInteger(nextOrderId) || nextOrderId < 0)
        throw new BourseError(
          'CLI_INVALID',
          `--next-order-id: a non-negative integer, got '${flags.nextOrderId}'`,
        );
      if (flags.data !== undefined && flags.catalog !== undefined)
        throw new BourseError('CLI_INVALID', 'give --data <file> or --catalog <dir>, not both');
      if (flags.data === undefined && flags.catalog === undefined && flags.speed !== undefined)
        throw new BourseError('CLI_INVALID', '--speed needs --data or --catalog');
      if (flags.data === undefined && flags.series !== undefined)
        throw new BourseError('CLI_INVALID', '--series needs --data');
      if (!(SIM_DATA_FORMATS as readonly string[]).includes(flags.format))
        throw new BourseError(
          'CLI_INVALID',
          `--format: one of ${SIM_DATA_FORMATS.join(', ')}, got '${flags.format}'`,
        );
      const speed = flags.speed === undefined ? undefined : Number(flags.speed);
      if (speed !== undefined && !(speed > 0))
        throw new BourseError('CLI_INVALID', `--speed: a positive number, got '${flags.speed}'`);
      const replay = flags.data
        ? await loadSimData(flags.data, flags.format as SimDataFormat, flags.series)
        : flags.catalog
          ? await catalogSimData(flags)
          : undefined;
      let sim: IbGatewaySimulator;
      try {
        sim = new IbGatewaySimulator({
          host: flags.host,
          port: port('--port', flags.port),
          accounts,
          nextOrderId,
          log,
          data: replay?.data,
          pacing: flags.pacing,
        });
      } catch (error) {
        throw new BourseError('CLI_INVALID', error instanceof Error ? error.message : String(error));
      }
      const boundPort = await sim.start();
      let control: SimulatorControlApi | undefined;
      if (flags.controlPort !== undefined) {
        control = new SimulatorControlApi(sim, flags.host, port('--control-port', flags.controlPort));
        await control.start();
      }
      process.stdout.write(
        `ib-gateway-sim: TWS API on ${flags.host}:${boundPort} (server version ≤ 176, accounts ${accounts.join(',')})` +
          `${control ? `, control API on http://${flags.host}:${control.port}` : ''}` +
          `${flags.pacing ? '' : ', pacing not enforced'}` +
          `${replay ? `; ${replay.what} from ${flags.data ?? flags.catalog}${speed ? ` at ${speed}×` : ' (step them with the control API)'}` : ''}; Ctrl-C to stop\n`,
      );
      if (replay && speed !== undefined) void sim.replay.play({ speed });
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      sim.replay.pause();
      await control?.stop();
      await sim.stop();
      replay?.close?.();
      process.stdout.write('ib-gateway-sim: stopped\n');
    });
}
