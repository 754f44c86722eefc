/**
 * `bourse optimize` through the real CLI: every combination of the reference sweep equals the
 * single `bourse backtest` of those parameters (plain and futures-like accounting), flag errors,
 * the table, and resume after the process is killed part-way.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import {
  type BacktestRunFlags,
  barBacktestOptions,
  fileDataOptions,
} from '../../src/cli/backtest-options.js';
import { main } from '../../src/cli/main.js';
import { backtestJson } from '../../src/cli/output.js';
import { bourseAsync, root } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-optimize-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DATA = 'data/2006-day-001.txt';
const SWEEP = [
  'optimize',
  '--data',
  DATA,
  '--strategy',
  'sma-cross',
  '--param',
  'fast=1',
  '--param',
  'slow=5..44',
];
const FUTURES = ['--commission', '2', '--multiplier', '10', '--margin', '1000'];

/** `bourse backtest --json` of one combination, in process, through the functions the command calls. */
function singleBacktest(slow: number, extra: Partial<BacktestRunFlags>) {
  const flags: BacktestRunFlags = { strategy: 'sma-cross', param: ['fast=1', `slow=${slow}`], ...extra };
  const run = runFileBacktest({
    ...barBacktestOptions(flags),
    file: join(root, DATA),
    ...fileDataOptions(flags),
  });
  const json = backtestJson(run.result, { strategy: 'sma-cross', parameters: run.params, instrument: 'x' });
  return JSON.parse(JSON.stringify(json));
}

/** Runs the CLI's `main` in this process (fast, for flag errors), capturing what it writes. */
async function bourseInProcess(...args: string[]) {
  const written = { stdout: '', stderr: '' };
  const { stdout, stderr } = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => {
    written.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    written.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'bourse', ...args]), ...written };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

const pick = (json: { parameters?: unknown; params?: unknown; finalValue: number; statistics: unknown }) => ({
  params: json.params ?? json.parameters,
  finalValue: json.finalValue,
  statistics: json.statistics,
});

describe('bourse optimize', () => {
  const cases: Array<[string, string[], Partial<BacktestRunFlags>]> = [
    ['stock-like', [], {}],
    ['futures-like', FUTURES, { commission: '2', multiplier: '10', margin: '1000' }],
  ];
  for (const [name, flags, extra] of cases) {
    test(`--json: each of the 40 combinations equals bourse backtest (${name})`, async () => {
      const results = join(dir, `sweep-${name}.jsonl`);
      const out = await bourseAsync(...SWEEP, ...flags, '--json', '--workers', '2', '--results', results);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stderr, /40 combinations: 40 run on 2 workers, 0 reused/);
      const lines = out.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.equal(lines.length, 40);
      lines.forEach((line, i) => {
        const slow = 5 + i;
        assert.deepEqual(pick(line), pick(singleBacktest(slow, extra)), `slow=${slow}`);
        assert.equal(typeof line.constraintsMet, 'boolean');
        assert.equal(line.objective, line.statistics.sharpe);
      });
      // And against the real `bourse backtest` command for two of them; a second optimize run
      // (at the same time) reuses all 40 results from the file and prints the same lines.
      const backtestCli = (slow: number) =>
        bourseAsync(
          ...['backtest', '--data', DATA, '--strategy', 'sma-cross', '--param', 'fast=1'],
          ...['--param', `slow=${slow}`, ...flags, '--json'],
        );
      const [five, thirty, again] = await Promise.all([
        backtestCli(5),
        backtestCli(30),
        bourseAsync(...SWEEP, ...flags, '--json', '--results', results),
      ]);
      for (const [slow, single] of [
        [5, five],
        [30, thirty],
      ] as const) {
        assert.equal(single.code, 0, single.stderr);
        assert.deepEqual(pick(lines[slow - 5]), pick(JSON.parse(single.stdout)), `CLI slow=${slow}`);
      }
      assert.equal(readFileSync(results, 'utf8').trim().split('\n').length, 40);
      assert.match(again.stderr, /40 combinations: 0 run on \d+ workers?, 40 reused/);
      assert.equal(again.stdout, out.stdout);
    });
  }

  test('the table: the top combinations by the objective, constraints applied', async () => {
    const results = join(dir, 'table.jsonl');
    const out = await bourseAsync(
      ...SWEEP,
      '--objective',
      'return',
      '--min-trades',
      '8',
      '--top',
      '3',
      '--results',
      results,
    );
    assert.equal(out.code, 0, out.stderr);
    const rows = out.stdout.trim().split('\n');
    assert.match(rows[0], /^top 3 of 40 combinations, best return first$/);
    assert.match(
      rows[1],
      /#\s+fast\s+slow\s+return \(objective\)\s+max dd %\s+trades\s+final value\s+constraints/,
    );
    assert.equal(rows.length, 5);
    const lines = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const best = lines
      .filter((l) => l.statistics.tradeCount >= 8)
      .sort((a, b) => b.statistics.totalReturn - a.statistics.totalReturn)[0];
    assert.match(rows[2], new RegExp(`^\\s*1\\s+1\\s+${best.params.slow}\\s`));
    assert.match(rows[2], /met$/);
  });

  test('bad flags are errors naming the flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--search', 'annealing'], /--search: expected grid, random or genetic, got 'annealing'/],
      [['--samples', '5'], /--samples applies to --search random, not grid/],
      [['--search', 'genetic', '--population', '1'], /--population: expected a whole number >= 2, got '1'/],
      [['--search', 'random', '--samples', 'x'], /--samples: not a number: 'x'/],
      [['--objective', 'profit'], /--objective: expected sharpe, sortino, calmar, return, sqn, got 'profit'/],
      [['--workers', '0'], /--workers: expected a whole number >= 1, got '0'/],
      [['--max-drawdown', '-5'], /--max-drawdown: expected a number >= 0, got '-5'/],
      [['--param', 'slow=44..5'], /--param slow=44\.\.5: the range's start 44 is above its end 5/],
      [['--param', 'slo=5..9'], /--param slo=5\.\.9: .*unknown parameter/],
      [['--commission', 'two'], /--commission: not a number: 'two'/],
    ];
    for (const [flags, message] of cases) {
      const out = await bourseInProcess(
        ...['optimize', '--data', DATA, '--strategy', 'sma-cross', '--param', 'fast=1', ...flags],
        ...['--results', join(dir, 'bad.jsonl')],
      );
      assert.equal(out.code, 2, `${flags.join(' ')}: ${out.stderr}`);
      assert.match(out.stderr, message);
      assert.equal(out.stdout, '');
    }
  });

  test('killed part-way, the same command resumes: no combination runs twice, same results', async () => {
    const results = join(dir, 'killed.jsonl');
    const args = [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'optimize',
      '--data',
      'data/orcl-1995-2014.txt',
      '--strategy',
      'sma-cross',
      '--param',
      'fast=2..7',
      '--param',
      'slow=20..39',
      '--workers',
      '1',
      '--json',
      '--results',
    ];
    const child = spawn(process.execPath, [...args, results], { cwd: root, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const lineCount = () => (existsSync(results) ? readFileSync(results, 'utf8').split('\n').length - 1 : 0);
    while (lineCount() < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await exited;
    const done = lineCount();
    assert.ok(done >= 10 && done < 120, `killed after ${done} of 120`);
    const resumed = await bourseAsync(...args.slice(3), results);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`120 combinations: ${120 - done} run on 1 worker, ${done} reused`),
    );
    const lines = readFileSync(results, 'utf8').trim().split('\n');
    assert.equal(lines.length, 120);
    assert.equal(new Set(lines.map((line) => JSON.stringify(JSON.parse(line).params))).size, 120);
    const fresh = await bourseAsync(...args.slice(3), join(dir, 'fresh.jsonl'));
    assert.equal(resumed.stdout, fresh.stdout);
  });
});
