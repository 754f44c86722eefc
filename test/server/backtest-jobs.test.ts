/**
 * Backtest jobs of the web server: real backtests on the bundled data, run in worker threads,
 * compared with what the CLI computes for the same data set and flags.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type FileBacktestOptions, runFileBacktest } from '../../src/backtest/run-file.js';
import { renderRunTearsheet } from '../../src/backtest/tearsheet/index.js';
import { backtestJson } from '../../src/cli/output.js';
import { type BourseConfig, loadBourseConfig } from '../../src/core/config-schema.js';
import { BourseError } from '../../src/core/errors.js';
import type { BacktestJobView, BacktestRequest } from '../../src/server/api-types.js';
import {
  BacktestJobs,
  type BacktestJobsOptions,
  BacktestRequestError,
} from '../../src/server/backtest-jobs.js';
import { downsampleIndices, MAX_EQUITY_POINTS } from '../../src/server/backtest-views.js';
import { DATASETS, defaultDataDir, listDatasets, resolveDataset } from '../../src/server/datasets.js';
import { openStore, type Store } from '../../src/store/index.js';

const dataDir = defaultDataDir();
const root = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'bourse-backtest-jobs-'));
const hubs: BacktestJobs[] = [];
/** One PGlite store for the tests that need one (creating one takes seconds). */
let store: Promise<Store> | undefined;
const sharedStore = () => {
  store ??= openStore({ kind: 'pglite', dataDir: join(tmp, 'db') });
  return store;
};
after(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  if (store !== undefined) await (await store).close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The config the CLI loads for `bourse backtest` with `--cash` (no config file). */
function cliConfig(cash?: number): BourseConfig {
  return loadBourseConfig({ overrides: cash === undefined ? {} : { 'backtest.startingCash': cash } });
}

/** `bourse backtest --data data/<file> [flags] --strategy … --param …`, as the CLI calls it. */
function cliRun(file: string, strategy: string, params: string[], extra: Partial<FileBacktestOptions> = {}) {
  return runFileBacktest({
    strategy,
    params,
    config: cliConfig(),
    file: join(dataDir, file),
    csv: {},
    instrument: {},
    ...extra,
  });
}

const actorOf = (params: unknown) => (params as { actor: string }).actor;

const isDone = (v: BacktestJobView) => v.status === 'completed' || v.status === 'failed';

/** A hub recording every update, with a promise per job for its end. */
function hub(options: Partial<BacktestJobsOptions> = {}) {
  const updates: BacktestJobView[] = [];
  const waiting = new Map<string, (view: BacktestJobView) => void>();
  const jobs = new BacktestJobs({
    config: cliConfig(),
    dataDir,
    ...options,
    onUpdate: (view) => {
      updates.push(view);
      if (isDone(view)) waiting.get(view.id)?.(view);
    },
  });
  hubs.push(jobs);
  const finished = (id: string) =>
    new Promise<BacktestJobView>((resolve) => {
      const now = jobs.get(id);
      if (now !== undefined && isDone(now)) resolve(now);
      else waiting.set(id, resolve);
    });
  return { jobs, updates, finished };
}

function requestError(fn: () => unknown, code: string, field: string): BacktestRequestError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BacktestRequestError, `expected a BacktestRequestError, got ${String(error)}`);
    assert.ok(error instanceof BourseError);
    assert.equal(error.code, code, error.message);
    assert.equal(error.field, field, error.message);
    assert.ok(error.message.startsWith(`${field}: `), error.message);
    return error;
  }
  assert.fail(`expected ${code} on ${field}`);
}

describe('datasets', () => {
  test('the bundled files, by name; the data folder is found from the module', () => {
    assert.equal(dataDir, join(root, 'data'));
    assert.deepEqual(
      listDatasets(dataDir).map((d) => d.name),
      DATASETS.map((d) => d.name),
    );
    for (const d of listDatasets(dataDir)) assert.ok(d.description.length > 20, d.name);
    const es = resolveDataset(dataDir, 'es-minute-trade-bars-2013-2020.csv');
    assert.equal(es.path, join(dataDir, 'es-minute-trade-bars-2013-2020.csv'));
    assert.equal(es.series, 'ESZ3');
  });

  test('only listed names resolve: paths are unknown data sets, naming the allowed ones', () => {
    for (const name of [
      '../etc/passwd',
      '../x',
      '/etc/passwd',
      'data/2006-day-001.txt',
      '2006-DAY-001.TXT',
      '',
    ]) {
      assert.throws(
        () => resolveDataset(dataDir, name),
        (error: BourseError) =>
          error.code === 'DATASET_UNKNOWN' &&
          /available: 2006-day-001\.txt, orcl-1995-2014\.txt/.test(error.message),
        name,
      );
    }
    // A known name whose file is not in the folder.
    assert.throws(() => resolveDataset(tmp, '2006-day-001.txt'), { code: 'DATASET_MISSING' });
    assert.deepEqual(listDatasets(tmp), []);
  });

  test('downsampling keeps at most the limit, the ends and every extreme', () => {
    const n = 10_000;
    const equity = Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 50) * 10 + (i === 7777 ? -40 : 0));
    let peak = 100;
    const pct = equity.map((e) => {
      peak = Math.max(peak, e);
      return ((peak - e) / peak) * 100;
    });
    const kept = downsampleIndices(equity, pct, MAX_EQUITY_POINTS);
    assert.ok(kept.length <= MAX_EQUITY_POINTS && kept.length > 1000, String(kept.length));
    assert.deepEqual(
      kept,
      [...kept].sort((a, b) => a - b),
    );
    for (const i of [0, n - 1, 7777, equity.indexOf(Math.max(...equity))])
      assert.ok(kept.includes(i), `${i}`);
    assert.deepEqual(downsampleIndices([1, 2, 3], [0, 0, 0], 2), [0, 1, 2]);
  });
});

describe('BacktestJobs', () => {
  test('bad requests throw synchronously, naming the field; no job is created', () => {
    const { jobs, updates } = hub();
    const submit = (request: BacktestRequest) => () => jobs.submit(request, 'alice');
    const unknown = requestError(
      submit({ dataset: 'nope', strategy: 'sma-cross' }),
      'DATASET_UNKNOWN',
      'dataset',
    );
    assert.match(unknown.message, /nope.*available: 2006-day-001\.txt/);
    requestError(submit({ dataset: '../x', strategy: 'sma-cross' }), 'DATASET_UNKNOWN', 'dataset');
    requestError(
      submit({ dataset: '../../etc/passwd', strategy: 'sma-cross' }),
      'DATASET_UNKNOWN',
      'dataset',
    );
    const strategy = requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'nope' }),
      'STRATEGY_UNKNOWN',
      'strategy',
    );
    assert.match(strategy.message, /available: .*sma-cross/);
    const key = requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=5', 'slowest=3'] }),
      'STRATEGY_PARAMS_INVALID',
      'params[1]',
    );
    assert.match(key.message, /slowest.*valid parameters: fast, slow, quantity/);
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=abc'] }),
      'STRATEGY_PARAMS_INVALID',
      'params[0]',
    );
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast'] }),
      'STRATEGY_PARAMS_INVALID',
      'params[0]',
    );
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=3', 'fast=4'] }),
      'STRATEGY_PARAMS_INVALID',
      'params[1]',
    );
    // A rule across parameters (fast < slow) names the parameter the strategy blames.
    const cross = requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['slow=40', 'fast=50'] }),
      'STRATEGY_PARAMS_INVALID',
      'params[1]',
    );
    assert.match(cross.message, /fast must be smaller than slow/);
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['slow=5'] }),
      'STRATEGY_PARAMS_INVALID',
      'params',
    );
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', startingCash: -5 }),
      'BACKTEST_INVALID',
      'startingCash',
    );
    requestError(
      submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params: [3] as unknown as string[] }),
      'BACKTEST_INVALID',
      'params[0]',
    );
    assert.deepEqual(jobs.list(), []);
    assert.deepEqual(updates, []);
  });

  test('a job on 2006-day-001.txt gives exactly the CLI result, curves and tearsheet', async () => {
    const { jobs, updates, finished } = hub();
    const request = { dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=10', 'slow=30'] };
    const submitted = jobs.submit(request, 'alice');
    assert.equal(submitted.id, '1');
    assert.ok(submitted.status === 'queued' || submitted.status === 'running');
    const done = await finished(submitted.id);
    assert.equal(done.status, 'completed', done.error);
    assert.equal(done.progress, 1);
    assert.ok(done.finished !== null && done.finished >= done.submitted);
    assert.deepEqual(done.request, request);
    // Progress updates repeat `running`; the statuses themselves go queued → running → completed.
    const statuses = updates.map((u) => u.status).filter((s, i, all) => s !== all[i - 1]);
    assert.deepEqual(statuses, ['queued', 'running', 'completed']);
    const progress = updates.filter((u) => u.status === 'running').map((u) => u.progress);
    assert.ok(progress.length >= 2, `progress reported while running: ${progress}`);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'progress never goes back',
    );

    // The CLI: bourse backtest --data data/2006-day-001.txt --strategy sma-cross --param fast=10 --param slow=30 --json
    const cli = cliRun('2006-day-001.txt', 'sma-cross', ['fast=10', 'slow=30']);
    const json = backtestJson(cli.result, {
      strategy: 'sma-cross',
      parameters: cli.params,
      instrument: cli.series.instrument.id,
      rolls: cli.rolls,
    });
    const summary = done.summary!;
    assert.equal(summary.finalValue, json.finalValue);
    assert.equal(summary.finalValue, 100119.95);
    assert.equal(summary.trades, json.closedTrades);
    assert.equal(summary.totalReturn, json.statistics.totalReturn);
    assert.equal(summary.sharpe, json.statistics.sharpe);
    assert.equal(summary.maxDrawdown, json.statistics.maxDrawdownPct / 100);
    assert.deepEqual(summary.statistics, json.statistics);

    const result = jobs.result(submitted.id)!;
    assert.equal(result.id, submitted.id);
    assert.deepEqual(result.summary, summary);
    assert.equal(result.equity.length, cli.result.equity.time.length); // 255 bars: all kept
    assert.equal(result.equity.at(-1)![1], summary.finalValue);
    assert.deepEqual(
      result.equity.map(([t]) => t),
      result.drawdown.map(([t]) => t),
    );
    assert.ok(result.drawdown.every(([, d]) => d <= 0 && d > -1));
    assert.equal(Math.min(...result.drawdown.map(([, d]) => d)), -summary.maxDrawdown);
    assert.equal(result.trades.length, json.closedTrades);
    assert.deepEqual(result.trades[0], {
      instrumentId: cli.result.trades[0].instrumentId,
      side: 'long',
      quantity: cli.result.trades[0].quantity,
      entryTime: cli.result.trades[0].entryTime,
      entryPrice: cli.result.trades[0].entryPrice,
      exitTime: cli.result.trades[0].exitTime,
      exitPrice: cli.result.trades[0].exitPrice,
      pnl: cli.result.trades[0].netPnl,
    });

    // The same HTML as `--report`.
    const html = jobs.tearsheet(submitted.id)!;
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.match(html, /<svg/);
    const report = renderRunTearsheet(cli, { strategy: 'sma-cross', data: 'data/2006-day-001.txt' });
    assert.equal(html, report);
    assert.deepEqual(jobs.list(), [done]);
    assert.equal(jobs.get('nope'), undefined);
    assert.equal(jobs.result('nope'), undefined);
  });

  test('the README reference run (fast=1 slow=15, 10,000 cash) ends at the CLI’s 10284.10', async () => {
    const { jobs, finished } = hub();
    const job = jobs.submit(
      {
        dataset: '2006-day-001.txt',
        strategy: 'sma-cross',
        params: ['fast=1', 'slow=15'],
        startingCash: 10_000,
      },
      'alice',
    );
    const done = await finished(job.id);
    assert.equal(done.status, 'completed', done.error);
    assert.equal(done.summary?.finalValue, 10284.1);
    assert.equal(done.summary?.trades, 11);
    assert.equal(done.summary?.statistics.initialCapital, 10_000);
    assert.equal(done.request.startingCash, 10_000);
  });

  test('with maxConcurrent 1 two jobs run one after the other; ES minute bars are downsampled', async () => {
    const { jobs, updates, finished } = hub({ maxConcurrent: 1 });
    const first = jobs.submit(
      { dataset: 'es-minute-trade-bars-2013-2020.csv', strategy: 'sma-cross' },
      'bob',
    );
    const second = jobs.submit({ dataset: 'orcl-1995-2014.txt', strategy: 'sma-cross' }, 'bob');
    assert.equal(first.status, 'running');
    assert.equal(second.status, 'queued');
    const [a, b] = await Promise.all([finished(first.id), finished(second.id)]);
    assert.equal(a.status, 'completed', a.error);
    assert.equal(b.status, 'completed', b.error);
    const firstEnd = updates.findIndex((u) => u.id === first.id && u.status === 'completed');
    const secondStart = updates.findIndex((u) => u.id === second.id && u.status === 'running');
    assert.ok(firstEnd >= 0 && secondStart > firstEnd, JSON.stringify(updates.map((u) => [u.id, u.status])));
    assert.deepEqual(
      jobs.list().map((j) => j.id),
      [second.id, first.id],
    );

    // The CLI picks ESZ3 (most bars) with or without --series ESZ3.
    const cli = cliRun('es-minute-trade-bars-2013-2020.csv', 'sma-cross', []);
    assert.equal(cli.series.instrument.id, 'ESZ3.CME');
    assert.equal(a.summary?.finalValue, cli.result.finalValue);
    assert.equal(a.summary?.trades, cli.result.trades.length);
    const result = jobs.result(first.id)!;
    const samples = cli.result.equity.time.length;
    assert.ok(samples > MAX_EQUITY_POINTS);
    assert.ok(
      result.equity.length <= MAX_EQUITY_POINTS && result.equity.length > 500,
      `${result.equity.length}`,
    );
    assert.equal(result.equity[0][0], cli.result.equity.time[0]);
    assert.equal(result.equity.at(-1)![0], cli.result.equity.time[samples - 1]);
    assert.equal(result.equity.at(-1)![1], cli.result.finalValue);
    assert.equal(Math.min(...result.drawdown.map(([, d]) => d)), -a.summary!.maxDrawdown);
    assert.equal(b.summary?.finalValue, cliRun('orcl-1995-2014.txt', 'sma-cross', []).result.finalValue);
  });

  test('a strategy that throws at run time and a corrupt file end failed; the hub keeps working', async () => {
    const dir = join(tmp, 'data-corrupt');
    mkdirSync(dir);
    // Cut in the middle of a row: `2006-01-30,3684`.
    writeFileSync(
      join(dir, '2006-day-001.txt'),
      readFileSync(join(dataDir, '2006-day-001.txt')).subarray(0, 1000),
    );
    copyFileSync(join(dataDir, 'orcl-1995-2014.txt'), join(dir, 'orcl-1995-2014.txt'));
    assert.deepEqual(
      listDatasets(dir).map((d) => d.name),
      ['2006-day-001.txt', 'orcl-1995-2014.txt'],
    );
    const { jobs, finished } = hub({ dataDir: dir });
    const corrupt = jobs.submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross' }, 'carol');
    const bad = await finished(corrupt.id);
    assert.equal(bad.status, 'failed');
    assert.match(bad.error ?? '', /2006-day-001\.txt:/);
    assert.equal(bad.summary, undefined);
    assert.equal(jobs.result(corrupt.id), undefined);
    assert.equal(jobs.tearsheet(corrupt.id), undefined);

    // es-opening-range needs the CME session calendar, which does not reach back to 2006.
    const throws = jobs.submit({ dataset: 'orcl-1995-2014.txt', strategy: 'es-opening-range' }, 'carol');
    const failed = await finished(throws.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /no schedule before/);

    const good = jobs.submit({ dataset: 'orcl-1995-2014.txt', strategy: 'sma-cross' }, 'carol');
    const ok = await finished(good.id);
    assert.equal(ok.status, 'completed', ok.error);
    assert.ok(jobs.tearsheet(good.id)?.includes('<svg'));
  });

  test('with a store each job is a backtest run: completed with its summary, or failed', async () => {
    const store = await sharedStore();
    const { jobs, finished } = hub({ store });
    const ok = jobs.submit(
      { dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=10', 'slow=30'] },
      'dave',
    );
    const bad = jobs.submit({ dataset: '2006-day-001.txt', strategy: 'es-opening-range' }, 'erin');
    const [done, failed] = await Promise.all([finished(ok.id), finished(bad.id)]);
    assert.equal(done.status, 'completed', done.error);
    assert.equal(failed.status, 'failed');
    await jobs.close(); // waits for the store writes
    const runs = (await store.backtests.list()).filter((r) => /^(dave|erin)$/.test(actorOf(r.params)));
    assert.equal(runs.length, 2);
    const completed = runs.find((r) => r.status === 'completed')!;
    const stored = await store.backtests.get(completed.id);
    assert.deepEqual(stored?.params, {
      dataset: '2006-day-001.txt',
      strategy: 'sma-cross',
      params: ['fast=10', 'slow=30'],
      actor: 'dave',
      job: ok.id,
      backtest: JSON.parse(JSON.stringify(cliConfig().backtest)),
    });
    assert.equal(stored?.created, done.submitted);
    assert.equal(stored?.finished, done.finished);
    assert.deepEqual(stored?.result, JSON.parse(JSON.stringify(done.summary)));
    const failedRun = runs.find((r) => r.status === 'failed')!;
    assert.match(failedRun.error ?? '', /no schedule before/);
    assert.equal(actorOf(failedRun.params), 'erin');
  });

  test('store and listener errors are reported, never thrown; the job still completes', async () => {
    const reported: string[] = [];
    const failing = {
      backtests: {
        create: () => Promise.reject(new Error('database down')),
        complete: () => Promise.resolve(),
        fail: () => Promise.resolve(),
      },
    } as unknown as Store;
    let calls = 0;
    const jobs = new BacktestJobs({
      config: cliConfig(),
      dataDir,
      store: failing,
      onUpdate: () => {
        calls++;
        throw new Error('listener broke');
      },
      onError: (error, context) => reported.push(`${context}: ${(error as Error).message}`),
      now: () => 1_700_000_000_000_000,
    });
    hubs.push(jobs);
    const job = jobs.submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross' }, 'frank');
    assert.equal(job.submitted, 1_700_000_000_000_000);
    while (!isDone(jobs.get(job.id)!)) await new Promise((r) => setTimeout(r, 20));
    await jobs.close();
    assert.equal(jobs.get(job.id)?.status, 'completed');
    assert.ok(calls >= 3);
    assert.ok(
      reported.some((r) => /recording backtest 1: database down/.test(r)),
      reported.join('\n'),
    );
    assert.ok(
      reported.some((r) => /onUpdate of backtest 1: listener broke/.test(r)),
      reported.join('\n'),
    );
  });

  test('close() cancels queued and running jobs, records them failed, and refuses new ones', async () => {
    const store = await sharedStore();
    const { jobs } = hub({ store });
    const running = jobs.submit(
      { dataset: 'es-minute-trade-bars-2013-2020.csv', strategy: 'sma-cross' },
      'gus',
    );
    const queued = jobs.submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross' }, 'gus');
    assert.equal(jobs.get(running.id)?.status, 'running');
    assert.equal(jobs.get(queued.id)?.status, 'queued');
    await jobs.close();
    for (const id of [running.id, queued.id]) {
      const view = jobs.get(id)!;
      assert.equal(view.status, 'failed');
      assert.match(view.error ?? '', /canceled/);
    }
    assert.throws(() => jobs.submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross' }, 'gus'), {
      code: 'BACKTEST_CLOSED',
    });
    const runs = (await store.backtests.list()).filter((r) => actorOf(r.params) === 'gus');
    assert.deepEqual(
      runs.map((r) => [r.status, r.error]),
      [
        ['failed', 'canceled: the backtest service was closed'],
        ['failed', 'canceled: the backtest service was closed'],
      ],
    );
  });

  test('after close() no worker is left: a process that ran and closed jobs exits by itself', () => {
    const script = `
      import { BacktestJobs } from './src/server/backtest-jobs.ts';
      import { defaultDataDir } from './src/server/datasets.ts';
      import { loadBourseConfig } from './src/core/config-schema.ts';
      const jobs = new BacktestJobs({ config: loadBourseConfig({}), dataDir: defaultDataDir() });
      const first = jobs.submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross' }, 'x');
      while (jobs.get(first.id).status !== 'completed') await new Promise((r) => setTimeout(r, 20));
      jobs.submit({ dataset: 'es-minute-trade-bars-2013-2020.csv', strategy: 'sma-cross' }, 'x');
      jobs.submit({ dataset: 'orcl-1995-2014.txt', strategy: 'sma-cross' }, 'x');
      await jobs.close();
      console.log(JSON.stringify(jobs.list().map((j) => j.status)));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.signal, null, `did not exit by itself: ${child.stderr}`);
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), ['failed', 'failed', 'completed']);
  });
});
