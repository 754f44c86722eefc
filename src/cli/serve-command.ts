/**
 * `bourse serve`: the web dashboard and API over a paper session (docs/api.md, docs/dashboard.md);
 * `--demo` replays the bundled ES minute bars with a throw-away store and a one-time `demo` login.
 * `bourse user add`: creates a user (the first admin) in the store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadBourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import { parseAlertRules } from '../server/alert-rules.js';
import { addUser } from '../server/auth.js';
import { defaultDataDir } from '../server/datasets.js';
import { servePaperSession } from '../server/serve.js';
import { openStore, type Store, storeOptionsFromConfig } from '../store/index.js';
import { positive, sessionName, sessionStoreHooks, sessionStoreOptions } from './paper-command.js';

interface ServeFlags {
  data?: string;
  series?: string;
  strategy: string;
  param: string[];
  session: string;
  speed?: string;
  bars?: string;
  cash?: string;
  db?: string;
  config?: string;
  port: string;
  host: string;
  catalog?: string;
  secureCookies?: boolean;
  alertWebhook?: string;
  demo?: boolean;
}

interface UserFlags {
  role: string;
  db?: string;
  config?: string;
  passwordEnv?: string;
}

/** The demo: the bundled ES minute bars (a December 2013 contract), a minute a second. */
const DEMO_DATA = 'es-minute-trade-bars-2013-2020.csv';

export function addServeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the web dashboard and API over a paper session replaying a bar file (--demo: the bundled ES data, nothing to set up)',
    )
    .option('--demo', 'replay the bundled ES minute bars with a throw-away store and a one-time demo login')
    .option('--data <file>', 'CSV bars the paper session replays')
    .option('--series <id>', 'which contract of a multi-contract file')
    .option('--strategy <name>', 'strategy the session runs', 'sma-cross')
    .option(
      '--param <key=value>',
      'strategy parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--session <name>', 'session name: its own journal in the store', 'serve')
    .option('--speed <n>', 'replay n times faster than real time', '60')
    .option('--bars <n>', 'only the first n bars')
    .option('--cash <amount>', 'starting cash (default backtest.startingCash)')
    .option('--db <url>', 'PostgreSQL URL (default: BOURSE_DATABASE_URL, else the embedded database)')
    .option('--config <file.yaml>', 'Bourse config file (see docs/configuration.md)')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--catalog <dir>', 'a Parquet data catalog to list in the API')
    .option('--secure-cookies', 'mark the session cookie Secure (serving behind HTTPS)')
    .option('--alert-webhook <url>', 'POST alerts to this URL (rules: server.alerts in the config)')
    .action((flags: ServeFlags) => serveCommand(flags));

  const user = program
    .command('user')
    .description('manage the users who may log in to the dashboard and API');
  user
    .command('add <username>')
    .description('add a user; the password is read from stdin (or from the variable --password-env names)')
    .option('--role <role>', 'viewer, trader or admin', 'viewer')
    .option('--password-env <name>', 'read the password from this environment variable')
    .option('--db <url>', 'PostgreSQL URL (default: BOURSE_DATABASE_URL, else the embedded database)')
    .option('--config <file.yaml>', 'Bourse config file')
    .action((username: string, flags: UserFlags) => userAddCommand(username, flags));
}

async function serveCommand(flags: ServeFlags): Promise<void> {
  const cash = positive('--cash', flags.cash);
  const config = loadBourseConfig({
    file: flags.config,
    overrides: cash === undefined ? {} : { 'backtest.startingCash': cash },
  });
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new BourseError('CLI_INVALID', `--port: expected 0–65535, got '${flags.port}'`);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const session = sessionName(flags.session);
  const demoDir = flags.demo ? mkdtempSync(join(tmpdir(), 'bourse-demo-')) : undefined;
  const dataFile = flags.data ?? (flags.demo ? join(defaultDataDir(), DEMO_DATA) : undefined);
  if (dataFile === undefined)
    throw new BourseError('CLI_INVALID', '--data: the bar file to replay (or --demo)');
  const base = demoDir
    ? { kind: 'pglite' as const, dataDir: join(demoDir, 'server') }
    : storeOptionsFromConfig(config.store, process.env, flags.db);
  const store = await openStore(base);
  let closing: Promise<void> | undefined;
  try {
    const demoPassword = demoDir ? randomBytes(9).toString('base64url') : undefined;
    if (demoPassword) await addUser(store, 'demo', demoPassword, 'admin');
    else if ((await store.users.list()).length === 0)
      throw new BourseError(
        'SERVE_NO_USERS',
        'no users yet: create the first admin with `bourse user add --role admin <name>` (or try `bourse serve --demo`)',
      );
    const { server: serverConfig } = config;
    const served = await servePaperSession({
      config,
      store,
      sessionStore: demoDir
        ? { kind: 'pglite', dataDir: join(demoDir, 'session') }
        : sessionStoreOptions(base, session),
      sessionName: demoDir ? 'demo' : session,
      dataFile,
      series: flags.series,
      strategy: flags.strategy,
      params: flags.param,
      speed: positive('--speed', flags.speed),
      bars: positive('--bars', flags.bars),
      catalogDir: flags.catalog,
      secureCookies: flags.secureCookies,
      sessionTtlMs: serverConfig.sessionTtlMinutes * 60_000,
      rateLimit: {
        perMinute: serverConfig.rateLimitPerMinute,
        loginPerMinute: serverConfig.loginAttemptsPerMinute,
      },
      alerts: {
        webhook: flags.alertWebhook ?? serverConfig.alerts.webhook,
        rules: parseAlertRules(serverConfig.alerts.rules),
        intervalMs: serverConfig.alerts.intervalSeconds * 1000,
      },
      hooks: sessionStoreHooks(store),
      log: { warn: (m) => say(`warning: ${m}`), error: (m) => say(`error: ${m}`) },
    });
    const url = await served.server.listen(port, flags.host);
    say(`Bourse dashboard at ${url} (session '${served.host.name}', ${served.host.status().state})`);
    if (demoPassword) say(`log in as demo / ${demoPassword} (this demo's store is thrown away on exit)`);
    // The server keeps running after the replay ends (the dashboard still shows the session), until a signal.
    await new Promise<void>((resolve) => {
      const stop = () => {
        closing ??= served.close().finally(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    await closing?.catch(() => {});
    await store.close();
    if (demoDir) rmSync(demoDir, { recursive: true, force: true });
  }
}

async function userAddCommand(username: string, flags: UserFlags): Promise<void> {
  const config = loadBourseConfig({ file: flags.config });
  const password = flags.passwordEnv ? process.env[flags.passwordEnv] : await readStdin();
  if (!password)
    throw new BourseError(
      'CLI_INVALID',
      flags.passwordEnv ? `${flags.passwordEnv} is not set` : 'the password: pipe it on stdin (one line)',
    );
  const store: Store = await openStore(storeOptionsFromConfig(config.store, process.env, flags.db));
  try {
    await addUser(store, username, password.replace(/\r?\n$/, ''), flags.role);
    process.stdout.write(`user ${username} added (${flags.role}) in ${store.location}\n`);
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new BourseError('CLI_INVALID', 'the password: pipe it on stdin, or use --password-env');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split('\n')[0] ?? '';
}
