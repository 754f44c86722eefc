/**
 * `bourse paper --broker ib` and `bourse live --broker ib` against the IB Gateway simulator (in this
 * process, replaying real ES bars), the CLI in a child process with the real @stoqey/ib client.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { IbGatewaySimulator } from '../../src/adapters/ib/index.js';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { openStore } from '../../src/store/index.js';
import { startSim, until } from '../adapters/ib/helpers.js';
import { root } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-live-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { BOURSE_STORE__DATA_DIR: join(dir, '.bourse', 'db') };
const { series } = loadFileSeries({
  file: join(root, 'data/es-minute-trade-bars-2013-2020.csv'),
  series: 'ESZ3',
});
const STRATEGY = ['--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=15'];

interface Running {
  readonly child: ChildProcess;
  readonly out: { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
}

function run(...args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env, BOURSE_CONFIG: '' },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => {
    out.stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out.stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, out, exited };
}

describe('bourse paper/live --broker ib (against the simulator)', () => {
  let sim: IbGatewaySimulator | undefined;
  after(async () => {
    await sim?.stop();
  });

  test('paper --broker ib trades the bars the gateway plays, journals them, and stops cleanly on SIGINT', async () => {
    sim = await startSim({ bars: series.bars.slice(0, 400), startingCash: 250_000 });
    const paper = run(
      'paper',
      '--broker',
      'ib',
      '--port',
      String(sim.port),
      '--client-id',
      '3',
      '--instrument',
      'ESZ3',
      ...STRATEGY,
      '--session',
      'ibp',
      '--json',
    );
    await until(
      () => paper.out.stderr.includes("paper session 'ibp' trading through"),
      30_000,
      'the session started',
    );
    assert.match(paper.out.stderr, /paper trading plan:\n {2}account {6}DU1234567/);
    assert.match(paper.out.stderr, /instrument {3}ESZ3\.CME \(future, tick 0\.25, multiplier 50, USD\)/);
    // A minute bar every 20 ms: time for the node (another process) to answer each one.
    for (let i = 0; i < 400; i++) {
      await sim.replay.step();
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(
      () => sim!.venue.book.all().filter((o) => o.status === 'Filled').length >= 4,
      20_000,
      'fills at the gateway',
    );
    await new Promise((r) => setTimeout(r, 300));
    paper.child.kill('SIGINT');
    assert.equal(await paper.exited, 0, paper.out.stderr);
    const summary = JSON.parse(paper.out.stdout) as {
      orders: number;
      fills: number;
      canTrade: boolean;
      errors: string[];
    };
    const atGateway = sim.venue.book.all();
    assert.equal(summary.orders, atGateway.length);
    assert.equal(summary.fills, atGateway.filter((o) => o.status === 'Filled').length);
    assert.equal(summary.canTrade, true);
    assert.deepEqual(summary.errors, []);
    const store = await openStore({
      kind: 'pglite',
      dataDir: join(env.BOURSE_STORE__DATA_DIR, 'sessions', 'ibp'),
    });
    try {
      assert.equal((await store.fills.all({ strategyId: 'S-001' })).length, summary.fills);
      // Positions are booked under the IB account, and the cash came from the account's values.
      const positions = await store.positions.all({ accountId: 'DU1234567' });
      assert.equal(positions.length, 1);
      const account = await store.accounts.latest('DU1234567');
      assert.ok(
        account !== undefined && Math.abs(account.balance - 250_000) < 5_000,
        JSON.stringify(account),
      );
    } finally {
      await store.close();
    }
  });

  test('live --broker ib without --confirm-live prints the plan and refuses: nothing reaches the gateway', async () => {
    sim ??= await startSim({ bars: series.bars.slice(0, 50) });
    const before = sim.venue.book.all().length;
    const live = run(
      'live',
      '--broker',
      'ib',
      '--port',
      String(sim.port),
      '--client-id',
      '4',
      '--instrument',
      'ESZ3',
      ...STRATEGY,
    );
    assert.equal(await live.exited, 2, live.out.stderr);
    assert.match(live.out.stderr, /LIVE trading plan:/);
    assert.match(live.out.stderr, /strategy {5}sma-cross \{"fast":5,"slow":15,"quantity":1\} as S-001/);
    assert.match(live.out.stderr, /error: refusing to trade live without --confirm-live/);
    assert.equal(sim.venue.book.all().length, before);
    await until(
      () => sim!.connectionInfo().every((c) => c.clientId !== 4),
      5000,
      'the refused session disconnected',
    );
  });

  test('bad broker flags: clear errors', async () => {
    const nobroker = run('live', '--broker', 'tradestation', ...STRATEGY);
    assert.equal(await nobroker.exited, 2);
    assert.match(
      nobroker.out.stderr,
      /--broker: 'ib' is the broker Bourse trades through, got 'tradestation'/,
    );
    const nodata = run('paper', ...STRATEGY);
    assert.equal(await nodata.exited, 2);
    assert.match(nodata.out.stderr, /--data: the bar file to paper-trade over \(or --broker ib/);
  });
});
