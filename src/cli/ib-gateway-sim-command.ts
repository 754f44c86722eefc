/**
 * `bourse ib-gateway-sim`: runs the IB Gateway simulator (TWS API wire protocol) until SIGINT or
 * SIGTERM, with an optional HTTP control port for fault injection. See docs/ib-gateway-sim.md.
 */
import type { Command } from 'commander';
import { SimulatorControlApi } from '../adapters/ib/sim/control-api.js';
import { IbGatewaySimulator } from '../adapters/ib/sim/gateway-sim.js';
import { loadFileSeries } from '../backtest/run-file.js';
import { BourseError } from '../core/errors.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../core/logging.js';

interface IbGatewaySimFlags {
  port: string;
  host: string;
  accounts: string;
  controlPort?: string;
  nextOrderId: string;
  logLevel: string;
  data?: string;
  series?: string;
  speed?: string;
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
      'run an IB Gateway simulator speaking the TWS API (handshake, accounts, ids, time, contract details) with fault injection',
    )
    .option('--port <port>', 'TCP port for API clients (0 = ephemeral)', '4002')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--accounts <ids>', 'comma-separated managed accounts', 'DU1234567')
    .option('--control-port <port>', 'HTTP control API port for fault injection (off when omitted)')
    .option('--next-order-id <id>', 'first nextValidId', '1')
    .option('--log-level <level>', `log level (${LOG_LEVELS.join(', ')})`, 'info')
    .option('--data <file>', 'bars the simulated venue fills orders against (CSV, as for backtest)')
    .option('--series <id>', '--data: which contract of a multi-contract file (ESZ3, ESZ3.CME or 201312)')
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
      if (flags.data === undefined && (flags.series !== undefined || flags.speed !== undefined))
        throw new BourseError('CLI_INVALID', '--series and --speed need --data');
      const speed = flags.speed === undefined ? undefined : Number(flags.speed);
      if (speed !== undefined && !(speed > 0))
        throw new BourseError('CLI_INVALID', `--speed: a positive number, got '${flags.speed}'`);
      const bars = flags.data
        ? loadFileSeries({ file: flags.data, series: flags.series }).series.bars
        : undefined;
      let sim: IbGatewaySimulator;
      try {
        sim = new IbGatewaySimulator({
          host: flags.host,
          port: port('--port', flags.port),
          accounts,
          nextOrderId,
          log,
          bars,
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
          `${bars ? `; ${bars.length} bars from ${flags.data}${speed ? ` at ${speed}×` : ' (step them with the control API)'}` : ''}; Ctrl-C to stop\n`,
      );
      if (bars && speed !== undefined) void sim.replay.play({ speed });
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
      process.stdout.write('ib-gateway-sim: stopped\n');
    });
}
