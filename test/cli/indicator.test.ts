import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;

function bourse(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bourse indicator', () => {
  test('CSV: one row per bar, date then outputs, empty during warm-up', () => {
    const out = bourse('indicator', 'sma', '--data', 'data/2006-day-001.txt', '--param', 'period=3');
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.equal(lines[0], 'date,value');
    assert.equal(lines.length, 256); // header + 255 bars
    assert.equal(lines[1], '2006-01-02,');
    assert.equal(lines[2], '2006-01-03,');
    // (3604.33 + 3614.34 + 3652.46) / 3
    const third = lines[3].split(',');
    assert.equal(third[0], '2006-01-04');
    assert.ok(Math.abs(Number(third[1]) - 3623.71) < 1e-9);
  });

  test('--json: an array of objects with null during warm-up, every output named', () => {
    const out = bourse('indicator', 'macd', '--data', 'data/2006-day-001.txt', '--json');
    assert.equal(out.code, 0, out.stderr);
    const rows = JSON.parse(out.stdout) as Array<Record<string, number | string | null>>;
    assert.equal(rows.length, 255);
    assert.deepEqual(Object.keys(rows[0]), ['date', 'macd', 'signal', 'histogram']);
    assert.equal(rows[0].macd, null);
    const firstFull = rows.findIndex((r) => r.histogram !== null);
    assert.equal(firstFull, 33); // TA-Lib MACD(12,26,9) lookback
    const r = rows[firstFull];
    assert.ok(Math.abs((r.macd as number) - (r.signal as number) - (r.histogram as number)) < 1e-9);
  });

  test('--list shows every indicator with parameters, defaults and outputs', () => {
    const out = bourse('indicator', '--list');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^rsi\s+.*\n\s+params: .*period=14.*outputs: value/m);
    assert.match(out.stdout, /^bbands\s+/m);
  });

  test('bad names and parameters exit 2 with a precise message', () => {
    const unknown = bourse('indicator', 'nope', '--data', 'data/2006-day-001.txt');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown indicator 'nope'/);
    const bad = bourse('indicator', 'sma', '--data', 'data/2006-day-001.txt', '--param', 'period=0');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /period/);
  });
});
