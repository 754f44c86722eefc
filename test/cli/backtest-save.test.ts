import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/index.js';
import { bourseWithEnv } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-backtest-save-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'db');

const bourse = (...args: string[]) => bourseWithEnv({ BOURSE_STORE__DATA_DIR: dataDir }, ...args);

test('backtest --save records the run and its result; a failed run is recorded as failed', async () => {
  const ok = bourse(
    'backtest',
    '--data',
    'data/2006-day-001.txt',
    '--strategy',
    'sma-cross',
    '--param',
    'fast=1',
    '--param',
    'slow=15',
    '--cash',
    '10000',
    '--save',
    '--json',
  );
  assert.equal(ok.code, 0, ok.stderr);
  const printed = JSON.parse(ok.stdout);
  const bad = bourse(
    'backtest',
    '--data',
    'data/2006-day-001.txt',
    '--strategy',
    'sma-cross',
    '--param',
    'slow=1',
    '--save',
  );
  assert.equal(bad.code, 2);
  const store = await openStore({ kind: 'pglite', dataDir });
  try {
    const runs = await store.backtests.list();
    assert.equal(runs.length, 2);
    const run = runs.find((r) => r.status === 'completed');
    const failed = runs.find((r) => r.status === 'failed');
    assert.ok(run && failed, JSON.stringify(runs));
    assert.match(failed.error ?? '', /--param slow/);
    assert.deepEqual((run.params as { strategy: string; params: string[] }).params, ['fast=1', 'slow=15']);
    const stored = await store.backtests.get(run.id);
    assert.deepEqual(stored?.result, printed);
    assert.equal((printed as { statistics: { finalValue: number } }).statistics.finalValue, 10284.1);
  } finally {
    await store.close();
  }
});
