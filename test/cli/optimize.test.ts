/**
 * `bourse optimize` through the real CLI: every combination of the reference sweep equals the
 * single `bourse backtest` of those parameters (plain and futures-like accounting), flag errors,
 * the table, and resume after the process is killed part-way.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import {
  type BacktestRunFlags,
  barBacktestOptions,
  fileDataOptions,
} from '../../src/cli/backtest-options.js';
import { backtestJson } from '../../src/cli/output.js';
import { bourseAsync, root } from '../support/cli.js';
import { bourseInProcess } from '../support/cli-in-process.js';

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
      [
        ['--objective', 'profit'],
        /--objective: expected sharpe, sortino, calmar, return, sqn or a module file \(\.\/objective\.mjs\), got 'profit'/,
      ],
      [['--objective', './missing.mjs'], /--objective: no such module file: \.\/missing\.mjs/],
      [['--workers', '0'], /--workers: expected a whole number >= 1, got '0'/],
      [['--max-drawdown', '-5'], /--max-drawdown: expected a number >= 0, got '-5'/],
      [['--param', 'slow=44..5'], /--param slow=44\.\.5: the range's start 44 is above its end 5/],
      [['--param', 'slo=5..9'], /--param slo=5\.\.9: .*unknown parameter/],
      [['--commission', 'two'], /--commission: not a number: 'two'/],
      [['--heatmap', 'fast,slow'], /--heatmap applies to --report/],
      [
        ['--param', 'slow=5..9', '--report', join(dir, 'x.html'), '--heatmap', 'fast,slow'],
        /--heatmap: 'fast' is not a parameter with more than one value \(those: slow\)/,
      ],
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

  test('a custom objective from a module file ranks by its function', async () => {
    const module = join(dir, 'return-per-drawdown.mjs');
    writeFileSync(
      module,
      'export default (s) => (s.tradeCount > 0 ? s.totalReturn / Math.max(s.maxDrawdownPct, 0.01) : null);\n',
    );
    const json = await bourseAsync(
      ...SWEEP,
      '--objective',
      module,
      '--json',
      '--results',
      join(dir, 'custom.jsonl'),
    );
    assert.equal(json.code, 0, json.stderr);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(lines.length, 40);
    for (const line of lines) {
      const s = line.statistics;
      assert.equal(
        line.objective,
        s.tradeCount > 0 ? s.totalReturn / Math.max(s.maxDrawdownPct, 0.01) : null,
      );
    }
    const table = await bourseAsync(
      ...SWEEP,
      '--objective',
      module,
      '--top',
      '1',
      '--results',
      join(dir, 'custom.jsonl'),
    );
    assert.match(table.stdout, /best return-per-drawdown first/);
    const best = [...lines].sort((a, b) => (b.objective ?? -1e9) - (a.objective ?? -1e9))[0];
    assert.match(table.stdout.split('\n')[2], new RegExp(`^\\s*1\\s+1\\s+${best.params.slow}\\s`));
    const notAFunction = join(dir, 'not-a-function.mjs');
    writeFileSync(notAFunction, 'export const x = 1;\n');
    const bad = await bourseAsync(...SWEEP, '--objective', notAFunction, '--results', join(dir, 'bad.jsonl'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /must export a function/);
  });

  test('the config optimize section: spaces, search and objective; a flag replaces its axis', async () => {
    const config = join(dir, 'optimize.yaml');
    writeFileSync(
      config,
      [
        'optimize:',
        '  params:',
        '    fast: 1',
        '    slow: 5..24',
        '  search: random',
        '  samples: 5',
        '  searchSeed: 3',
        '  objective: return',
        '',
      ].join('\n'),
    );
    const base = ['optimize', '--data', DATA, '--strategy', 'sma-cross', '--config', config, '--json'];
    const fromConfig = await bourseAsync(...base, '--results', join(dir, 'config.jsonl'));
    assert.equal(fromConfig.code, 0, fromConfig.stderr);
    const lines = fromConfig.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(lines.length, 5);
    for (const line of lines) {
      assert.equal(line.params.fast, 1);
      assert.ok(line.params.slow >= 5 && line.params.slow <= 24);
      assert.equal(line.objective, line.statistics.totalReturn);
    }
    const replaced = await bourseAsync(
      ...base,
      '--param',
      'slow=30,31',
      '--search',
      'grid',
      '--results',
      join(dir, 'config.jsonl'),
    );
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.deepEqual(
      replaced.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).params.slow),
      [30, 31],
    );
  });

  test('--diagnostics and --report: the overfitting figures and the report with its heatmap', async () => {
    const grid44 = [
      'optimize',
      '--data',
      DATA,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=1..4',
      '--param',
      'slow=10..20',
    ];
    const report = join(dir, 'optimization.html');
    const out = await bourseAsync(
      ...grid44,
      ...['--diagnostics', '--report', report, '--results', join(dir, 'diagnostics.jsonl')],
    );
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /overfitting diagnostics \(44 combinations, 255 daily returns\):/);
    const dsr = Number(/deflated Sharpe ratio (\d\.\d+)/.exec(out.stdout)?.[1]);
    assert.ok(dsr >= 0 && dsr <= 1, out.stdout);
    const pbo = Number(/probability of backtest overfitting (\d+\.\d+) %/.exec(out.stdout)?.[1]);
    assert.ok(pbo >= 0 && pbo <= 100, out.stdout);
    assert.match(out.stdout, /trades reordered 1000 times, max drawdown 5 % … 95 %/);
    const html = readFileSync(report, 'utf8');
    assert.equal((html.match(/<td class="cell/g) ?? []).length, 44);
    for (const id of ['deflated-sharpe', 'pbo', 'trade-monte-carlo', 'returns-bootstrap'])
      assert.ok(html.includes(`data-section="${id}"`), id);
    // The second run reuses every result from the file and runs them again only for their returns.
    const again = await bourseAsync(
      ...grid44,
      ...['--diagnostics', '--results', join(dir, 'diagnostics.jsonl')],
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 run on \d+ workers?, 44 reused/);
    assert.equal(
      again.stdout.slice(again.stdout.indexOf('overfitting')),
      out.stdout.slice(out.stdout.indexOf('overfitting')),
    );
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
