/**
 * Optimisation jobs over the API, against a real `bourse serve` stack: submission checks (400/404
 * naming the field, 403 below trader), progress frames on the `backtests` WebSocket channel ending
 * with the final state, results equal to `optimize()` run in process, queueing, cancellation, and
 * the jobs stopped when the server closes.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import WebSocket from 'ws';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import {
  type CombinationResult,
  optimize,
  parameterSpace,
  rankByFitness,
  runCombinationBacktest,
} from '../../src/research/index.js';
import type {
  BacktestsChannelFrame,
  OptimizationJobView,
  OptimizationResultsView,
  ServerFrame,
} from '../../src/server/api-types.js';
import { defaultDataDir } from '../../src/server/datasets.js';
import { passwordOf, ROLES, startTestServer, type TestServer } from './support.js';

type Method = 'GET' | 'POST';
let server: TestServer;
let app: FastifyInstance;
let closed = false;
const tokens = new Map<string, string>();
/** Every optimisation frame of the `backtests` channel, in order. */
const frames: OptimizationJobView[] = [];
let ws: WebSocket | undefined;

function call(role: string, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens.get(role)}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string; field?: string } }).error;
const view = async (id: string) =>
  (await call('viewer', 'GET', `/api/optimizations/${id}`)).json() as OptimizationJobView;
const framesOf = (id: string) => frames.filter((f) => f.id === id);

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function submit(body: Record<string, unknown>): Promise<string> {
  const res = await call('trader', 'POST', '/api/optimizations', body);
  assert.equal(res.statusCode, 202, res.body);
  return (res.json() as { id: string }).id;
}

const ended = (id: string) =>
  until(`the end of ${id}`, () =>
    framesOf(id).find((f) => ['done', 'failed', 'cancelled'].includes(f.status)),
  );

/** The same grid run in process, as `bourse optimize` would (one backtest after the other). */
async function inProcess(dataset: string, params: string[]): Promise<CombinationResult[]> {
  const { series } = loadFileSeries({ file: join(defaultDataDir(), dataset), csv: {}, instrument: {} });
  const config = loadBourseConfig({ env: {}, overrides: { 'backtest.startingCash': 100_000 } });
  const setup = { strategy: 'sma-cross', config, venueModels: {}, dataName: dataset };
  const report = await optimize({
    space: parameterSpace(params),
    search: { kind: 'grid' },
    objective: 'sharpe',
    constraints: {},
    strategy: 'sma-cross',
    backtest: async (p) => runCombinationBacktest(setup, series, p),
  });
  return rankByFitness(report.results);
}

describe('optimisation jobs over the API', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startTestServer({ bars: 2000 });
    app = server.served.server.app;
    for (const role of ROLES) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: role, password: passwordOf(role) },
      });
      tokens.set(role, (res.json() as { token: string }).token);
    }
    const address = await server.served.server.listen(0);
    ws = new WebSocket(`${address.replace('http', 'ws')}/api/ws`, {
      headers: { authorization: `Bearer ${tokens.get('viewer')}` },
    });
    let pong = false;
    ws.on('message', (data) => {
      for (const m of [JSON.parse(String(data)) as ServerFrame].flat()) {
        if (m.type === 'pong') pong = true;
        if (m.type !== 'event' || m.channel !== 'backtests') continue;
        const { kind, ...job } = m.data as BacktestsChannelFrame;
        if (kind === 'optimization') frames.push(job as OptimizationJobView);
      }
    });
    await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'subscribe', channels: ['backtests'] }));
    ws.send(JSON.stringify({ type: 'ping', id: 1 }));
    await until('pong', () => (pong ? true : undefined));
  });
  after(async () => {
    ws?.close();
    if (!closed) await server?.close();
  });

  test('a grid runs to done: progress frames, then results equal to optimize() in process', async (t) => {
    const params = ['fast=1', 'slow=5..14'];
    const started = performance.now();
    const id = await submit({ dataset: '2006-day-001.txt', strategy: 'sma-cross', params });
    const last = await ended(id);
    t.diagnostic(
      `10 combinations end to end: ${Math.round(performance.now() - started)} ms (${Math.round((last.finished! - last.started!) / 1000)} ms running)`,
    );
    assert.equal(last.status, 'done', last.error);
    const mine = framesOf(id);
    assert.deepEqual(
      mine.map((f) => f.status).filter((s, i, all) => s !== all[i - 1]),
      ['queued', 'running', 'done'],
    );
    assert.equal(mine.at(-1), last, 'the final frame is the last one');
    const done = mine.map((f) => f.done);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
      'progress never goes back',
    );
    const workers = Math.max(1, availableParallelism() - 1);
    assert.deepEqual([last.done, last.total, last.refused, last.workers], [10, 10, 0, Math.min(10, workers)]);
    const job = await view(id);
    assert.deepEqual(job, last);
    assert.ok(job.started !== null && job.finished !== null && job.submitted <= job.started);
    assert.ok(job.started <= job.finished);
    assert.deepEqual(job.request, {
      dataset: '2006-day-001.txt',
      strategy: 'sma-cross',
      params,
      search: { kind: 'grid' },
      objective: 'sharpe',
    });

    const res = await call('viewer', 'GET', `/api/optimizations/${id}/results?top=10`);
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json() as OptimizationResultsView;
    assert.equal(results.count, 10);
    const expected = await inProcess('2006-day-001.txt', params);
    assert.equal(expected.length, 10);
    assert.deepEqual(
      results.results.map(({ rank, ...r }) => [rank, r]),
      expected.map((r, i) => [
        i + 1,
        {
          params: r.params,
          objective: r.objective,
          constraintsMet: r.constraintsMet,
          finalValue: r.finalValue,
          statistics: r.statistics,
        },
      ]),
    );
    const { rank: _rank, statistics: _statistics, ...best } = results.results[0];
    assert.deepEqual(job.best, best);
    const top3 = (await call('viewer', 'GET', `/api/optimizations/${id}/results?top=3`)).json();
    assert.deepEqual((top3 as OptimizationResultsView).results, results.results.slice(0, 3));
    assert.equal((await call('viewer', 'GET', `/api/optimizations/${id}/results?top=0`)).statusCode, 400);
    assert.equal((await call('viewer', 'GET', '/api/optimizations/opt-999/results')).statusCode, 404);
    const list = (await call('viewer', 'GET', '/api/optimizations')).json() as OptimizationJobView[];
    assert.deepEqual(list[0], job);
  });

  test('bad bodies: 400 (404 for an unknown name) naming the field; no job created', async () => {
    const base = { dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=1', 'slow=5..14'] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, dataset: 'nope' }, 404, 'dataset'],
      [{ ...base, dataset: '../package.json' }, 404, 'dataset'],
      [{ ...base, strategy: 'nope' }, 404, 'strategy'],
      [{ ...base, params: [] }, 400, 'params'],
      [{ ...base, params: ['fast=1', 3] }, 400, 'params[1]'],
      [{ ...base, params: ['fast=1', 'slow=9..5'] }, 400, 'params[1]'],
      [{ ...base, params: ['fast=1', 'slow=a..b'] }, 400, 'params[1]'],
      [{ ...base, params: ['fast=1', 'slowest=5..14'] }, 400, 'params[1]'],
      [{ ...base, params: ['fast=1.5', 'slow=5..14'] }, 400, 'params[0]'],
      [{ ...base, params: ['fast=1', 'slow=5', 'fast=2'] }, 400, 'params[2]'],
      [{ ...base, params: ['fast=1..200', 'slow=2..201'] }, 400, 'params'],
      [{ ...base, search: { kind: 'annealing' } }, 400, 'search.kind'],
      [{ ...base, search: { kind: 'random' } }, 400, 'search.samples'],
      [{ ...base, search: { kind: 'random', samples: 0, seed: 1 } }, 400, 'search.samples'],
      [{ ...base, search: { kind: 'genetic', population: 150, generations: 150 } }, 400, 'search'],
      [{ ...base, search: { kind: 'grid', samples: 5 } }, 400, 'search'],
      [{ ...base, objective: 'alpha' }, 400, 'objective'],
      [{ ...base, constraints: { minTrades: -1 } }, 400, 'constraints.minTrades'],
      [{ ...base, constraints: { maxDrawdown: 5 } }, 400, 'constraints'],
      [{ ...base, workers: 0 }, 400, 'workers'],
      [{ ...base, workers: 10_000 }, 400, 'workers'],
      [{ ...base, startingCash: -1 }, 400, 'startingCash'],
      [{ ...base, extra: true }, 400, 'body'],
    ];
    const before = (await call('viewer', 'GET', '/api/optimizations')).body;
    for (const [body, status, field] of cases) {
      const res = await call('trader', 'POST', '/api/optimizations', body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(errorOf(res).field, field, res.body);
      assert.ok(errorOf(res).message.includes(field), res.body);
    }
    const big = await call('trader', 'POST', '/api/optimizations', cases[10][0]);
    assert.match(errorOf(big).message, /40000 combinations, more than 20000/);
    const space = await call('trader', 'POST', '/api/optimizations', cases[5][0]);
    assert.match(errorOf(space).message, /^params\[1\]: slow=9\.\.5: the range's start 9 is above its end 5/);
    assert.equal((await call('viewer', 'GET', '/api/optimizations')).body, before);
  });

  test('viewers follow jobs but may not submit or cancel them (403)', async () => {
    const body = { dataset: '2006-day-001.txt', strategy: 'sma-cross', params: ['fast=1', 'slow=5'] };
    const submitted = await call('viewer', 'POST', '/api/optimizations', body);
    assert.equal(submitted.statusCode, 403);
    assert.equal(errorOf(submitted).code, 'FORBIDDEN');
    const cancel = await call('viewer', 'POST', '/api/optimizations/opt-1/cancel', {});
    assert.equal(cancel.statusCode, 403);
    assert.equal((await call('viewer', 'GET', '/api/optimizations/opt-1')).statusCode, 200);
    assert.equal((await call('trader', 'POST', '/api/optimizations/opt-999/cancel', {})).statusCode, 404);
    const again = await call('trader', 'POST', '/api/optimizations/opt-1/cancel', {});
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(errorOf(again).code, 'JOB_FINISHED');
  });

  test('one job at a time: the next waits; a cancelled run stops at once and sends nothing more', async (t) => {
    // 1,000 combinations on 5,036 bars: far longer than the test waits before cancelling it.
    const bigId = await submit({
      dataset: 'orcl-1995-2014.txt',
      strategy: 'sma-cross',
      params: ['fast=1..10', 'slow=11..110'],
    });
    const started = performance.now();
    const params = ['fast=1..10', 'slow=11..20'];
    const nextId = await submit({ dataset: 'orcl-1995-2014.txt', strategy: 'sma-cross', params });
    assert.equal((await view(nextId)).status, 'queued');
    await until('progress of the big job', () => framesOf(bigId).find((f) => f.done >= 5));
    assert.equal((await view(nextId)).status, 'queued', 'still waiting while the first runs');
    const cancel = await call('trader', 'POST', `/api/optimizations/${bigId}/cancel`, {});
    assert.equal(cancel.statusCode, 200, cancel.body);
    const cancelled = cancel.json() as OptimizationJobView;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.error, 'cancelled by trader');
    assert.ok(cancelled.done < cancelled.total && cancelled.finished !== null);
    await until('the cancelled frame', () => framesOf(bigId).find((f) => f.status === 'cancelled'));

    const next = await ended(nextId);
    t.diagnostic(
      `100 combinations: ${Math.round((next.finished! - next.started!) / 1000)} ms from start to done (${Math.round(performance.now() - started)} ms after submission, behind the cancelled job)`,
    );
    assert.equal(next.status, 'done', next.error);
    assert.equal(next.done, 100);
    const big = framesOf(bigId);
    assert.equal(big.at(-1)?.status, 'cancelled', 'no frame after the cancelled one');
    assert.equal(big.filter((f) => f.status === 'cancelled').length, 1);
    assert.deepEqual(await view(bigId), big.at(-1));
    const nextStart = frames.findIndex((f) => f.id === nextId && f.status === 'running');
    assert.ok(nextStart > frames.findIndex((f) => f.id === bigId && f.status === 'cancelled'));
    // The results it had: ranked, as many as were reported.
    const partial = (await call('viewer', 'GET', `/api/optimizations/${bigId}/results?top=1000`)).json();
    const { count, results } = partial as OptimizationResultsView;
    assert.ok(count >= 5 && count <= cancelled.total, `${count}`);
    assert.equal(results[0].objective, (await view(bigId)).best?.objective);
    // Progress was throttled: far fewer frames than combinations, at most ~4 a second.
    const mine = framesOf(nextId);
    const seconds = (next.finished! - next.started!) / 1e6;
    assert.ok(mine.length <= 3 + Math.ceil(seconds * 4) + 2, `${mine.length} frames in ${seconds} s`);
    const expected = await inProcess('orcl-1995-2014.txt', params);
    const got = (await call('viewer', 'GET', `/api/optimizations/${nextId}/results?top=100`)).json();
    assert.deepEqual(
      (got as OptimizationResultsView).results.map((r) => [r.params, r.finalValue, r.statistics]),
      expected.map((r) => [r.params, r.finalValue, r.statistics]),
    );
  });

  test('a 1,000-combination grid sends a handful of progress frames, not one per combination', async () => {
    const id = await submit({
      dataset: '2006-day-001.txt',
      strategy: 'sma-cross',
      params: ['fast=1..10', 'slow=11..110'],
      search: { kind: 'random', samples: 1000, seed: 7 },
      constraints: { minTrades: 5 },
    });
    const last = await ended(id);
    assert.equal(last.status, 'done', last.error);
    assert.equal(last.done, 1000);
    const mine = framesOf(id);
    const seconds = (last.finished! - last.started!) / 1e6;
    assert.ok(mine.length <= 3 + Math.ceil(seconds * 4) + 2, `${mine.length} frames in ${seconds} s`);
    assert.ok(mine.length < 100, `${mine.length} frames`);
    const results = (await call('viewer', 'GET', `/api/optimizations/${id}/results?top=1000`)).json();
    assert.equal((results as OptimizationResultsView).count, 1000);
  });

  test('closing the server cancels the running job and stops its threads', async () => {
    const id = await submit({
      dataset: 'orcl-1995-2014.txt',
      strategy: 'sma-cross',
      params: ['fast=1..10', 'slow=11..110'],
    });
    await until('the job running', () => framesOf(id).find((f) => f.status === 'running'));
    const jobs = server.served.server.optimizations;
    closed = true;
    await server.close();
    const job = jobs.get(id)!;
    assert.equal(job.status, 'cancelled');
    assert.match(job.error ?? '', /closed/);
    assert.throws(
      () => jobs.submit({ ...job.request, search: { kind: 'grid' }, objective: 'sharpe' } as never, 'x'),
      { code: 'OPTIMIZATION_CLOSED' },
    );
  });
});
