import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/index.js';
import { root } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-paper-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { BOURSE_STORE__DATA_DIR: join(dir, '.bourse', 'db') };
const DATA = ['--data', 'data/es-minute-trade-bars-2013-2020.csv', '--series', 'ESZ3'];
const STRATEGY = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30'];

/** Runs the CLI with the test's store directory. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env, BOURSE_CONFIG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bourse paper and bourse kill (embedded store)', () => {
  test('a session journals its run; run again it resumes: replays, then carries on with more bars', async () => {
    const first = await cli('paper', ...DATA, ...STRATEGY, '--bars', '400', '--session', 's1', '--json');
    assert.equal(first.code, 0, first.stderr);
    const a = JSON.parse(first.stdout);
    assert.equal(a.journal.replayed, 0);
    assert.ok(a.journal.appended > 0 && a.journal.commits < a.journal.appended);
    const second = await cli('paper', ...DATA, ...STRATEGY, '--bars', '800', '--session', 's1', '--json');
    assert.equal(second.code, 0, second.stderr);
    const b = JSON.parse(second.stdout);
    assert.equal(b.journal.replayed, a.journal.appended);
    assert.ok(b.journal.appended > 0);
    // The resumed session equals one run straight over the 800 bars.
    const straight = await cli('paper', ...DATA, ...STRATEGY, '--bars', '800', '--session', 's2', '--json');
    const c = JSON.parse(straight.stdout);
    assert.deepEqual(b.fills, c.fills);
    assert.equal(b.statistics.finalValue ?? b.finalValue, c.statistics.finalValue ?? c.finalValue);
  });

  test('bourse kill pulls the kill switch of the running session: halted, audited with who and why', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'paper',
        ...DATA,
        ...STRATEGY,
        '--bars',
        '500',
        '--speed',
        '3000',
        '--session',
        'k1',
        '--json',
      ],
      { cwd: root, env: { ...process.env, ...env, BOURSE_CONFIG: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const started = new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes("paper session 'k1'")) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await started;
    await new Promise((r) => setTimeout(r, 2000));
    const kill = await cli('kill', '--session', 'k1', '--reason', 'drill');
    assert.equal(kill.code, 0, kill.stderr);
    assert.match(kill.stdout, /kill switch requested for session 'k1' \(pid \d+\)/);
    assert.equal(await exited, 0, stderr);
    const out = JSON.parse(stdout);
    assert.equal(out.kills.length, 1);
    assert.equal(out.kills[0].reason, 'drill');
    const store = await openStore({
      kind: 'pglite',
      dataDir: join(env.BOURSE_STORE__DATA_DIR, 'sessions', 'k1'),
    });
    try {
      const audit = await store.audit.list({ action: 'kill-switch.engage' });
      assert.equal(audit.length, 1);
      assert.equal(audit[0].source, 'cli');
      assert.deepEqual((audit[0].details as { reason: string }).reason, 'drill');
      const orders = await store.orders.all();
      const afterKill = orders.filter(
        (o) => o.init.tsInit > out.kills[0].tsEvent && o.init.strategyId === 'S-001',
      );
      assert.ok(afterKill.every((o) => o.status === 'denied'));
    } finally {
      await store.close();
    }
  });

  test('bad flags and no running session: clear errors', async () => {
    const bad = await cli('paper', ...DATA, ...STRATEGY, '--session', 'a b');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--session: letters, digits, '-' and '_' only, got 'a b'/);
    const none = await cli('kill', '--session', 'nobody', '--reason', 'x');
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /no running paper session 'nobody'/);
  });
});
