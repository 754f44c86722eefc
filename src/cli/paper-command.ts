/**
 * `bourse paper`: a paper-trading session over a bar file, journaled in the store (persist before
 * acting; a restart resumes from the journal), and `bourse kill`: pulls the kill switch of a
 * running session. See docs/paper-trading.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { loadFileSeries } from '../backtest/run-file.js';
import { loadBourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import type { AccountState } from '../live/paper-session.js';
import { PaperSession } from '../live/paper-session.js';
import { storeJournal } from '../live/store-journal.js';
import type { AuditEntry, KillSwitchSummary } from '../risk/kill-switch.js';
import {
  type JsonValue,
  openStore,
  type Store,
  type StoreOptions,
  storeOptionsFromConfig,
} from '../store/index.js';
import type { SavedStrategyState } from '../strategy/state.js';
import { addBrokerOptions, type BrokerFlags, brokerSession } from './live-command.js';
import { backtestJson, backtestSummary } from './output.js';

interface PaperFlags {
  data?: string;
  series?: string;
  strategy: string;
  param: string[];
  cash?: string;
  session: string;
  db?: string;
  config?: string;
  speed?: string;
  bars?: string;
  json?: boolean;
}

interface KillFlags {
  session: string;
  reason: string;
  config?: string;
}

/** A kill request `bourse kill` leaves beside the session's pid file before signalling it. */
export interface KillRequestFile {
  actor: string;
  reason: string;
  origin: string;
}

const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export function sessionName(name: string): string {
  if (!SESSION_NAME.test(name))
    throw new BourseError('CLI_INVALID', `--session: letters, digits, '-' and '_' only, got '${name}'`);
  return name;
}

export function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n))
    throw new BourseError('CLI_INVALID', `${flag}: expected a positive number, got '${value}'`);
  return n;
}

/** Where a session (paper or live) audits commands and saves strategy state and its account. */
export function sessionStoreHooks(store: Store) {
  return {
    audit: (entry: AuditEntry): Promise<void> =>
      store.audit
        .record({
          ...entry,
          ts: Date.now() * 1000,
          details: (entry.details ?? {}) as JsonValue,
          origin: hostname(),
        })
        .then(() => undefined),
    loadStrategyState: async (id: string): Promise<SavedStrategyState | undefined> =>
      (await store.strategies.loadState(id))?.state as unknown as SavedStrategyState | undefined,
    saveStrategyState: (id: string, state: SavedStrategyState): Promise<void> =>
      store.strategies.saveState(id, state as unknown as JsonValue),
    saveAccount: (snapshot: AccountState): Promise<void> => store.accounts.snapshot(snapshot),
  };
}

/** Each session has its own store: a PGlite directory under store.dataDir, or a PostgreSQL schema. */
export function sessionStoreOptions(base: StoreOptions, session: string): StoreOptions {
  return base.kind === 'pglite'
    ? { kind: 'pglite', dataDir: join(base.dataDir, 'sessions', session) }
    : { ...base, schema: `bourse_session_${session.toLowerCase().replace(/-/g, '_')}` };
}

/** The pid file of a running session (beside the embedded database, also with PostgreSQL). */
export function runFiles(dataDir: string, session: string): { pid: string; kill: string } {
  const dir = join(dirname(dataDir), 'run');
  return { pid: join(dir, `${session}.pid`), kill: join(dir, `${session}.kill.json`) };
}

export function addPaperCommands(program: Command): void {
  const paper = program
    .command('paper')
    .description(
      'paper-trade a strategy over a bar file (or, with --broker ib, through an IB paper account or the simulator): every order and fill journaled in the store before it is acted on; run it again to resume after a crash',
    )
    .option('--data <file>', 'CSV bars (as for backtest); not with --broker')
    .option('--series <id>', 'which contract of a multi-contract file (ESZ3, ESZ3.CME or 201312)')
    .requiredOption('--strategy <name>', 'strategy name (see `bourse strategies`)')
    .option(
      '--param <key=value>',
      'strategy parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--cash <amount>', 'starting cash (default backtest.startingCash)')
    .option('--session <name>', 'session name: its own journal in the store', 'paper')
    .option('--db <url>', 'PostgreSQL URL (default: BOURSE_DATABASE_URL, else the embedded database)')
    .option('--config <file.yaml>', 'Bourse config file (see docs/configuration.md)')
    .option('--speed <n>', 'replay n times faster than real time (default: as fast as possible)')
    .option('--bars <n>', 'only the first n bars of the series')
    .option('--json', 'print one JSON object instead of the summary table');
  addBrokerOptions(paper, 'paper').action((flags: PaperFlags & BrokerFlags) =>
    flags.broker === undefined ? paperCommand(flags) : brokerSession(flags, 'paper'),
  );
  program
    .command('kill')
    .description(
      'pull the kill switch of a running paper session: halt, cancel every order, flatten every position (audited)',
    )
    .option('--session <name>', 'session name', 'paper')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--config <file.yaml>', 'Bourse config file (to find the session)')
    .action((flags: KillFlags) => killCommand(flags));
}

async function paperCommand(flags: PaperFlags): Promise<void> {
  if (flags.data === undefined)
    throw new BourseError(
      'CLI_INVALID',
      '--data: the bar file to paper-trade over (or --broker ib to trade through IB)',
    );
  const session = sessionName(flags.session);
  const cash = positive('--cash', flags.cash);
  const config = loadBourseConfig({
    file: flags.config,
    overrides: cash === undefined ? {} : { 'backtest.startingCash': cash },
  });
  const speed = positive('--speed', flags.speed);
  const limit = positive('--bars', flags.bars);
  const { series } = loadFileSeries({ file: flags.data, series: flags.series });
  const bars = limit === undefined ? series.bars : series.bars.slice(0, Math.floor(limit));
  const storeOptions = sessionStoreOptions(
    storeOptionsFromConfig(config.store, process.env, flags.db),
    session,
  );
  const store = await openStore(storeOptions);
  const files = runFiles(config.store.dataDir, session);
  mkdirSync(dirname(files.pid), { recursive: true });
  writeFileSync(files.pid, `${process.pid}\n`);
  // Progress lines go to stderr (with --json too: stdout holds only the result).
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const paper = await PaperSession.open({
      strategy: flags.strategy,
      params: flags.param,
      config,
      journal: storeJournal(store, [series.instrument]),
      series,
      bars,
      speed,
      ...sessionStoreHooks(store),
      onKill: (summary, replayed) => say(killLine(summary, replayed)),
    });
    say(
      `paper session '${session}' in ${store.location}: ${paper.replaying ? 'resuming from its journal' : 'new'} (pid ${process.pid})`,
    );
    process.on('SIGUSR2', () => {
      const request = JSON.parse(readFileSync(files.kill, 'utf8')) as KillRequestFile;
      paper
        .kill({ actor: request.actor, source: 'cli', reason: request.reason })
        .catch((error: Error) => say(`kill switch not pulled: ${error.message}`));
    });
    const stop = () => paper.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const run = await paper.run();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    say(
      `${run.stopped ? 'stopped' : 'finished'}: journal ${run.journal.replayed} entries replayed, ${run.journal.appended} written in ${run.journal.commits} commits`,
    );
    const json = backtestJson(run.result, {
      strategy: flags.strategy,
      parameters: run.params,
      instrument: series.instrument.id,
      rolls: [],
    });
    process.stdout.write(
      flags.json
        ? `${JSON.stringify({ ...json, session, store: store.location, journal: run.journal, stopped: run.stopped, kills: run.kills })}\n`
        : `${backtestSummary(json)}\n`,
    );
  } finally {
    rmSync(files.pid, { force: true });
    await store.close();
  }
}

export function killLine(summary: KillSwitchSummary, replayed: boolean): string {
  return `${replayed ? 'replayed ' : ''}kill switch by ${summary.actor} (${summary.source}): ${summary.reason}; ${summary.ordersCanceled.length} orders canceled, ${summary.positionsFlattened.length} positions flattened`;
}

async function killCommand(flags: KillFlags): Promise<void> {
  const session = sessionName(flags.session);
  const config = loadBourseConfig({ file: flags.config });
  const files = runFiles(config.store.dataDir, session);
  let pid: number;
  try {
    pid = Number(readFileSync(files.pid, 'utf8').trim());
  } catch {
    throw new BourseError('SESSION_NOT_RUNNING', `no running paper session '${session}' (no ${files.pid})`);
  }
  const request: KillRequestFile = { actor: userInfo().username, reason: flags.reason, origin: hostname() };
  writeFileSync(files.kill, JSON.stringify(request));
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    throw new BourseError('SESSION_NOT_RUNNING', `paper session '${session}' (pid ${pid}) is not running`);
  }
  process.stdout.write(`kill switch requested for session '${session}' (pid ${pid}) by ${request.actor}\n`);
}
