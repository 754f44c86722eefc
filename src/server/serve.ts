/**
 * Starts a server over a paper session replaying a bar file: what `bourse serve` (and its demo
 * mode) runs, and what the end-to-end tests start. The session keeps its journal in its own
 * store; the server's store keeps users, the audit log and backtest runs.
 */
import { loadFileSeries } from '../backtest/run-file.js';
import type { BourseConfig } from '../core/config-schema.js';
import type { Log } from '../core/log.js';
import { PaperSession, type PaperSessionOptions } from '../live/paper-session.js';
import { storeJournal } from '../live/store-journal.js';
import { openStore, type Store, type StoreOptions } from '../store/index.js';
import { type BourseServer, buildServer, type ServerOptions } from './app.js';
import { PaperHost } from './host.js';
import { LogRelay } from './log-relay.js';

export interface PaperServeOptions extends Omit<ServerOptions, 'host' | 'store' | 'config'> {
  readonly config: BourseConfig;
  /** The server's store (users, audit log, backtests). */
  readonly store: Store;
  /** The session's own store (its journal); opened here and closed by `close()`. */
  readonly sessionStore: StoreOptions;
  readonly sessionName: string;
  readonly dataFile: string;
  readonly series?: string;
  readonly strategy: string;
  readonly params?: readonly string[];
  /** Replay speed (data time per wall-clock time); default 60. */
  readonly speed?: number;
  /** Only the first n bars. */
  readonly bars?: number;
  /** Where the session audits kill switch pulls and saves strategy state and accounts. */
  readonly hooks?: Pick<PaperSessionOptions, 'audit' | 'saveStrategyState' | 'saveAccount'>;
  /** Where the session's log lines go besides the dashboard (default: nowhere). */
  readonly sessionLog?: Log;
}

export interface PaperServe {
  readonly server: BourseServer;
  readonly host: PaperHost;
  readonly sessionStore: Store;
  /** Stops the server, then the session (gracefully), then closes the session's store. */
  close(): Promise<void>;
}

export async function servePaperSession(options: PaperServeOptions): Promise<PaperServe> {
  const { series } = loadFileSeries({ file: options.dataFile, series: options.series });
  const bars = options.bars === undefined ? series.bars : series.bars.slice(0, Math.floor(options.bars));
  const sessionStore = await openStore(options.sessionStore);
  try {
    const speed = options.speed ?? 60;
    const log = new LogRelay(options.sessionLog);
    const session = await PaperSession.open({
      strategy: options.strategy,
      params: options.params,
      config: options.config,
      journal: storeJournal(sessionStore, [series.instrument]),
      series,
      bars,
      speed,
      manualOrders: true,
      log,
      ...options.hooks,
    });
    const host = new PaperHost(options.sessionName, session, [series.barType], speed);
    const server = await buildServer({ ...options, host, store: options.store, config: options.config });
    log.listen((level, message) =>
      server.hub.publishEvent('logs', { ts: host.kernel.clock.now(), level, message }),
    );
    return {
      server,
      host,
      sessionStore,
      close: async () => {
        await server.close();
        await host.stop();
        await sessionStore.close();
      },
    };
  } catch (error) {
    await sessionStore.close();
    throw error;
  }
}
