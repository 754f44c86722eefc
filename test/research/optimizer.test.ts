/**
 * The optimiser's driver on synthetic backtests (a function of the parameters): objectives and
 * constraints, combinations the strategy refuses, flag errors, and resume from a results file
 * (stopped part-way with `maxRuns`, or cut short mid-line by a crash).
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Statistics } from '../../src/backtest/result-types.js';
import { BourseError } from '../../src/core/errors.js';
import {
  type BacktestOutcome,
  type OptimizationOptions,
  optimize,
  parameterSpace,
  paramsKey,
  ResultsFile,
  rankByFitness,
} from '../../src/research/index.js';
import { statisticsWith } from '../support/statistics.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-optimizer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Statistics with the fields the objectives and constraints read; the rest zero or null. */
function statistics(fast: number, slow: number): Statistics {
  const sharpe = slow % 7 === 0 ? null : 2 - Math.abs(slow - 20) / 10 - fast / 100;
  return statisticsWith({
    finalValue: 100_000 + slow,
    netProfit: slow,
    totalReturn: slow / 100_000,
    sharpe,
    sortino: sharpe === null ? null : sharpe * 1.5,
    maxDrawdownPct: slow / 4,
    maxDrawdownMoney: slow,
    tradeCount: 60 - slow,
    sqn: slow - 30,
  });
}

/** A synthetic backtest that counts how often each combination ran. */
function syntheticBacktest() {
  const runs = new Map<string, number>();
  const backtest = async (params: readonly string[]): Promise<BacktestOutcome> => {
    const values = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
    const full = { fast: values.fast ?? 10, slow: values.slow ?? 30, quantity: 1 };
    runs.set(paramsKey(full), (runs.get(paramsKey(full)) ?? 0) + 1);
    return { params: full, finalValue: 100_000 + full.slow, statistics: statistics(full.fast, full.slow) };
  };
  return { backtest, runs };
}

function options(overrides: Partial<OptimizationOptions> = {}): OptimizationOptions {
  return {
    space: parameterSpace(['fast=1', 'slow=5..44']),
    search: { kind: 'grid' },
    objective: 'sharpe',
    constraints: {},
    strategy: 'sma-cross',
    backtest: syntheticBacktest().backtest,
    ...overrides,
  };
}

describe('optimize', () => {
  test('results in search order, scored by the objective; null objectives rank last', async () => {
    const report = await optimize(options());
    assert.equal(report.results.length, 40);
    assert.deepEqual(
      report.results.map((r) => r.params.slow),
      Array.from({ length: 40 }, (_, i) => 5 + i),
    );
    assert.equal(report.ran, 40);
    assert.equal(report.complete, true);
    const ranked = rankByFitness(report.results);
    assert.equal(ranked[0].params.slow, 20);
    // Sharpe is null where slow is a multiple of 7: those rank last, in search order.
    assert.deepEqual(
      ranked.slice(-6).map((r) => r.params.slow),
      [7, 14, 21, 28, 35, 42],
    );
    assert.ok(ranked.slice(-6).every((r) => r.objective === null));
    const sqn = await optimize(options({ objective: 'sqn' }));
    assert.equal(rankByFitness(sqn.results)[0].params.slow, 44);
  });

  test('constraints: combinations breaking them are reported, ranked after all that meet them', async () => {
    const report = await optimize(options({ constraints: { minTrades: 30, maxDrawdownPct: 6 } }));
    // trades = 60 - slow >= 30 → slow <= 30; drawdown = slow / 4 <= 6 → slow <= 24.
    const met = report.results.filter((r) => r.constraintsMet).map((r) => r.params.slow);
    assert.deepEqual(
      met,
      Array.from({ length: 20 }, (_, i) => 5 + i),
    );
    assert.equal(report.results.length, 40);
    const ranked = rankByFitness(report.results);
    assert.ok(ranked.slice(0, 20).every((r) => r.constraintsMet));
    assert.ok(ranked.slice(20).every((r) => !r.constraintsMet));
    // Among those that meet them, the best Sharpe: slow 20.
    assert.equal(ranked[0].params.slow, 20);
  });

  test('combinations the strategy refuses as a whole are skipped and counted', async () => {
    const report = await optimize(options({ space: parameterSpace(['fast=5..20:5', 'slow=5..20:5']) }));
    assert.equal(report.results.length, 6); // fast < slow
    assert.equal(report.refused.length, 10);
    assert.deepEqual(report.refused[0].values, { fast: 5, slow: 5 });
    assert.match(report.refused[0].reason, /fast must be smaller than slow/);
  });

  test('values the strategy refuses on their own are errors naming the flag', async () => {
    const fails = (flags: string[], message: RegExp) =>
      assert.rejects(
        optimize(options({ space: parameterSpace(flags) })),
        (error: unknown) =>
          error instanceof BourseError && error.code === 'CLI_INVALID' && message.test(error.message),
      );
    await fails(['fast=1', 'slow=1..5'], /^--param slow=1\.\.5: slow: .*2/);
    await fails(['fast=1', 'slw=5..10'], /^--param slw=5\.\.10: .*unknown parameter.*did you mean slow/);
    await fails(['fast=1.5', 'slow=10'], /^--param fast=1\.5: fast: /);
    await fails(['fast=a,b'], /^--param fast=a,b: fast: /);
  });

  test('resume: a run stopped part-way and run again backtests every combination exactly once', async () => {
    const path = join(dir, 'resume.jsonl');
    const { backtest, runs } = syntheticBacktest();
    const first = await optimize(options({ backtest, results: ResultsFile.open(path), maxRuns: 15 }));
    assert.equal(first.ran, 15);
    assert.equal(first.complete, false);
    assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 15);
    const second = await optimize(options({ backtest, results: ResultsFile.open(path) }));
    assert.equal(second.reused, 15);
    assert.equal(second.ran, 25);
    assert.equal(second.complete, true);
    assert.equal(runs.size, 40);
    assert.ok([...runs.values()].every((count) => count === 1));
    const fresh = await optimize(options());
    assert.deepEqual(second.results, fresh.results);
    // A third run runs nothing.
    const third = await optimize(options({ backtest, results: ResultsFile.open(path) }));
    assert.equal(third.ran, 0);
    assert.deepEqual(third.results, fresh.results);
  });

  test('resume: a genetic search stopped part-way continues to the same result', async () => {
    const path = join(dir, 'genetic.jsonl');
    const genetic = options({
      space: parameterSpace(['fast=1..9', 'slow=10..44']),
      search: { kind: 'genetic', population: 10, generations: 6, seed: 5 },
    });
    const uninterrupted = await optimize(genetic);
    const { backtest, runs } = syntheticBacktest();
    const part = await optimize({ ...genetic, backtest, results: ResultsFile.open(path), maxRuns: 17 });
    assert.equal(part.complete, false);
    const rest = await optimize({ ...genetic, backtest, results: ResultsFile.open(path) });
    assert.deepEqual(rest.results, uninterrupted.results);
    assert.equal(rest.reused + rest.ran, uninterrupted.ran);
    assert.ok([...runs.values()].every((count) => count === 1));
  });

  test('a line cut short by a crash is dropped and the file trimmed to its whole lines', async () => {
    const path = join(dir, 'torn.jsonl');
    await optimize(options({ results: ResultsFile.open(path), maxRuns: 3 }));
    const whole = readFileSync(path, 'utf8');
    appendFileSync(path, '{"params":{"fast":1,"slow":8,"quan');
    const reopened = ResultsFile.open(path);
    assert.equal(reopened.size, 3);
    assert.equal(readFileSync(path, 'utf8'), whole);
    const report = await optimize(options({ results: reopened }));
    assert.equal(report.reused, 3);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert.equal(lines.length, 40);
    assert.ok(lines.every((line) => JSON.parse(line).params.fast === 1));
    writeFileSync(path, `${whole}not json\n`);
    assert.throws(() => ResultsFile.open(path), /torn\.jsonl:4: not a JSON line/);
  });

  test('a result line holds params, finalValue, statistics, constraintsMet and objective', async () => {
    const path = join(dir, 'line.jsonl');
    await optimize(options({ results: ResultsFile.open(path), maxRuns: 1 }));
    const line = JSON.parse(readFileSync(path, 'utf8').trim());
    assert.deepEqual(Object.keys(line), [
      'params',
      'finalValue',
      'statistics',
      'constraintsMet',
      'objective',
    ]);
    assert.deepEqual(line.params, { fast: 1, slow: 5, quantity: 1 });
  });
});
