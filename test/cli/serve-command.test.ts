/**
 * `bourse serve` and `bourse user add` as a user runs them: the demo prints its address and a
 * one-time login that works; a store without users is refused with the way out; a user added on
 * the command line can log in to a real serve; SIGTERM ends it cleanly.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { root } from '../support/cli.js';

const ARGS = ['--import', 'tsx', 'src/cli/main.ts'];
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function storeEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-serve-cli-'));
  dirs.push(dir);
  return { ...process.env, BOURSE_CONFIG: '', BOURSE_STORE__DATA_DIR: join(dir, 'db') } as Record<
    string,
    string
  >;
}

/** Starts `bourse serve …` and resolves once it prints its address, with everything it printed. */
function serve(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [...ARGS, 'serve', '--port', '0', ...args], { cwd: root, env });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      const url = /dashboard at (http:\/\/[\d.:]+)/.exec(stderr)?.[1];
      if (url && /log in as|session/.test(stderr)) resolve({ child, url, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function loginStatus(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

describe('bourse serve', { timeout: 120_000 }, () => {
  test('--demo prints its address and a one-time admin login that works; SIGTERM ends it with 0', async () => {
    const { child, url, stderr } = await serve(['--demo', '--speed', '600'], storeEnv());
    try {
      await new Promise((r) => setTimeout(r, 300));
      const password = /log in as demo \/ (\S+)/.exec(stderr())?.[1];
      assert.ok(password, stderr());
      assert.equal(await loginStatus(url, 'demo', password), 200);
      assert.equal(await loginStatus(url, 'demo', 'wrong-password'), 401);
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200);
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">|<script type="module"/);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });

  test('without users it refuses with the command that creates one; `user add` then lets them in', async () => {
    const env = storeEnv();
    const data = ['--data', 'data/2006-day-001.txt', '--speed', '100000'];
    const refused = spawnSync(process.execPath, [...ARGS, 'serve', '--port', '0', ...data], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /bourse user add --role admin/);

    const short = spawnSync(process.execPath, [...ARGS, 'user', 'add', 'alice', '--role', 'admin'], {
      cwd: root,
      env,
      input: 'short\n',
      encoding: 'utf8',
    });
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /at least 10 characters/);
    const added = spawnSync(process.execPath, [...ARGS, 'user', 'add', 'alice', '--role', 'admin'], {
      cwd: root,
      env,
      input: 'alice-password-1\n',
      encoding: 'utf8',
    });
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /user alice added \(admin\)/);

    const { child, url } = await serve(data, env);
    try {
      assert.equal(await loginStatus(url, 'alice', 'alice-password-1'), 200);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });
});
