/**
 * `bourse live --broker ib` and `bourse paper --broker ib`: a live node trading through Interactive
 * Brokers (TWS, IB Gateway, or `bourse ib-gateway-sim`), journaled in the store, until SIGINT or
 * SIGTERM (graceful: strategies stop, working orders optionally canceled, state saved). Live
 * refuses to start without `--confirm-live` and prints what it is about to trade either way.
 * See docs/live-trading.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { type IbTradingPlan, startIbNode } from '../adapters/ib/live/ib-node.js';
import { strategyFrom } from '../backtest/run-file.js';
import { loadBourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { createLogger } from '../core/logging.js';
import type { LiveNode } from '../live/live-node.js';
import { storeJournal } from '../live/store-journal.js';
import { openStore, storeOptionsFromConfig } from '../store/index.js';
import {
  type KillRequestFile,
  killLine,
  positive,
  runFiles,
  sessionName,
  sessionStoreHooks,
  sessionStoreOptions,
} from './paper-command.js';

export interface BrokerFlags {
  broker?: string;
  strategy: string;
  param: string[];
  instrument: string;
  bar: string;
  host: string;
  port?: string;
  clientId: string;
  account?: string;
  cash?: string;
  session?: string;
  db?: string;
  config?: string;
  cancelOnStop?: boolean;
  warmUp?: boolean;
  confirmLive?: boolean;
  json?: boolean;
}

export type BrokerMode = 'paper' | 'live';

/** IB's default ports: IB Gateway live 4001, paper 4002 (TWS: 7496 / 7497). */
const DEFAULT_PORT: Record<BrokerMode, number> = { live: 4001, paper: 4002 };

/** The broker options `bourse paper` and `bourse live` share. */
export function addBrokerOptions(command: Command, mode: BrokerMode): Command {
  return command
    .option('--broker <name>', "the broker: 'ib' (Interactive Brokers)")
    .option('--instrument <spec>', "what to trade: 'ES' (front month), 'ESZ5', 'AAPL'…", 'ES')
    .option('--bar <step>', 'bar step of the strategy (bars of trades)', '1-MINUTE')
    .option('--host <host>', 'TWS / IB Gateway host', '127.0.0.1')
    .option('--port <port>', `TWS / IB Gateway port (default ${DEFAULT_PORT[mode]})`)
    .option('--client-id <n>', 'API client id (unique per TWS/Gateway)', '1')
    .option('--account <id>', 'IB account (default the first managed account)')
    .option('--cancel-on-stop', 'cancel working orders when stopped (default: they keep working)')
    .option('--warm-up', 'pass the bars of the first history answer to the strategy');
}

export function addLiveCommand(program: Command): void {
  const command = program
    .command('live')
    .description(
      'trade live through a broker (Interactive Brokers): refuses to start without --confirm-live, and prints what it is about to trade',
    )
    .requiredOption('--strategy <name>', 'strategy name (see `bourse strategies`)')
    .option(
      '--param <key=value>',
      'strategy parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--confirm-live', 'really trade with real money')
    .option('--cash <amount>', 'starting cash of the account (default: as the broker reports it)')
    .option('--session <name>', 'session name: its own journal in the store', 'live')
    .option('--db <url>', 'PostgreSQL URL (default: BOURSE_DATABASE_URL, else the embedded database)')
    .option('--config <file.yaml>', 'Bourse config file (see docs/configuration.md)')
    .option('--json', 'print one JSON object at the end instead of the summary');
  addBrokerOptions(command, 'live').action((flags: BrokerFlags) => brokerSession(flags, 'live'));
}

export async function brokerSession(flags: BrokerFlags, mode: BrokerMode): Promise<void> {
  if (flags.broker !== 'ib')
    throw new BourseError(
      'CLI_INVALID',
      `--broker: 'ib' is the broker Bourse trades through, got '${flags.broker ?? ''}'`,
    );
  const session = sessionName(flags.session ?? mode);
  const port = integer('--port', flags.port ?? String(DEFAULT_PORT[mode]));
  const clientId = integer('--client-id', flags.clientId);
  const cash = positive('--cash', flags.cash);
  const config = loadBourseConfig({ file: flags.config });
  const choice = strategyFrom({ strategy: flags.strategy, params: flags.param });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const store = await openStore(
    sessionStoreOptions(storeOptionsFromConfig(config.store, process.env, flags.db), session),
  );
  const files = runFiles(config.store.dataDir, session);
  mkdirSync(dirname(files.pid), { recursive: true });
  writeFileSync(files.pid, `${process.pid}\n`);
  let accountId = flags.account ?? '';
  try {
    const ib = await startIbNode({
      connection: { host: flags.host, port, clientId },
      instruments: [flags.instrument],
      bar: flags.bar,
      account: {
        type: 'margin',
        ...(flags.account ? { id: flags.account } : {}),
        ...(cash ? { balance: cash } : {}),
      },
      risk: config.risk,
      log: createLogger({ ...config.log, name: mode }),
      warmUp: flags.warmUp,
      strategies: (instruments, barTypes) => [
        choice.definition.create({
          id: 'S-001',
          params: choice.params,
          instrument: instruments[0],
          barType: barTypes[0],
        }),
      ],
      journal: (instruments) => storeJournal(store, instruments, () => accountId),
      ...sessionStoreHooks(store),
      confirm: (plan) => {
        accountId = plan.account;
        say(planText(plan, mode, choice.params, flags.strategy));
        if (mode === 'live' && !flags.confirmLive)
          throw new BourseError(
            'LIVE_NOT_CONFIRMED',
            'refusing to trade live without --confirm-live (this is what it would trade: see above)',
          );
      },
    });
    say(
      `${mode} session '${session}' trading through ${flags.host}:${port} as client ${clientId}, journal in ${store.location} (pid ${process.pid}); Ctrl-C stops it`,
    );
    process.on('SIGUSR2', () => {
      const request = JSON.parse(readFileSync(files.kill, 'utf8')) as KillRequestFile;
      void ib.node
        .kill({ actor: request.actor, source: 'cli', reason: request.reason })
        .then((s) => say(killLine(s, false)));
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    say('stopping: strategies stop, state is saved…');
    await ib.stop({ cancelOrders: flags.cancelOnStop });
    const summary = sessionSummary(ib.node, session, mode);
    process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
  } finally {
    rmSync(files.pid, { force: true });
    await store.close();
  }
}

function planText(
  plan: IbTradingPlan,
  mode: BrokerMode,
  params: Record<string, unknown>,
  strategy: string,
): string {
  const lines = [
    `${mode === 'live' ? 'LIVE' : 'paper'} trading plan:`,
    `  account      ${plan.account} (managed: ${plan.accounts.join(', ')})`,
    ...plan.instruments.map(
      (i, k) =>
        `  instrument   ${i.id} (${i.kind}, tick ${i.priceGrid.increment}, multiplier ${i.multiplier}, ${i.currency.code}) on ${plan.barTypes[k].key} bars`,
    ),
    `  strategy     ${strategy} ${JSON.stringify(params)} as ${plan.strategies.join(', ')}`,
    '  risk engine  on (limits from the config: see docs/risk.md)',
  ];
  return lines.join('\n');
}

interface SessionSummary {
  readonly session: string;
  readonly mode: BrokerMode;
  readonly dataPoints: number;
  readonly orders: number;
  readonly fills: number;
  readonly positions: Record<string, number>;
  readonly reconciliations: number;
  readonly canTrade: boolean;
  readonly errors: readonly string[];
}

function sessionSummary(node: LiveNode, session: string, mode: BrokerMode): SessionSummary {
  const orders = node.kernel.cache.orders();
  const positions: Record<string, number> = {};
  for (const p of node.kernel.portfolio.positions())
    positions[p.instrumentId] = node.kernel.portfolio.netPosition(p.instrumentId);
  const status = node.status;
  return {
    session,
    mode,
    dataPoints: status.dataPoints,
    orders: orders.length,
    fills: orders.reduce((n, o) => n + o.events.filter((e) => e.kind === 'filled').length, 0),
    positions,
    reconciliations: status.reconciliations.length,
    canTrade: status.reconciliations.every((r) => r.canTrade),
    errors: status.errors,
  };
}

function summaryText(s: SessionSummary): string {
  const positions = Object.entries(s.positions).map(([id, q]) => `${id} ${q}`);
  return [
    `${s.mode} session '${s.session}' stopped: ${s.dataPoints} bars, ${s.orders} orders, ${s.fills} fills`,
    `positions: ${positions.length > 0 ? positions.join(', ') : 'flat'}`,
    `reconciliations: ${s.reconciliations}${s.canTrade ? '' : ' (a difference was left unexplained: trading was halted)'}`,
    ...(s.errors.length > 0 ? [`errors: ${s.errors.join('; ')}`] : []),
  ].join('\n');
}

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new BourseError('CLI_INVALID', `${flag}: expected a whole number, got '${value}'`);
  return n;
}
