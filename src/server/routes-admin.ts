/** Routes around the session: backtest jobs, bundled data sets, the data catalog, users and the audit log. */
import { z } from 'zod';
import { Catalog } from '../catalog/index.js';
import type { Store } from '../store/index.js';
import type { Authenticator } from './auth.js';
import { addUser } from './auth.js';
import type { BacktestJobs } from './backtest-jobs.js';
import { backtestTargetShape } from './backtest-options.js';
import { listDatasets } from './datasets.js';
import { notFound, queryInt, type RouteSpec, route } from './route-table.js';

const jobId = z.strictObject({ id: z.string().min(1).max(32) });

export interface AdminRouteOptions {
  readonly store: Store;
  readonly auth: Authenticator;
  readonly jobs: BacktestJobs;
  readonly dataDir: string;
  /** A Parquet catalog the server may list (`bourse data import` writes one). */
  readonly catalogDir?: string;
}

export function adminRoutes({ store, auth, jobs, dataDir, catalogDir }: AdminRouteOptions): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/api/datasets',
      role: 'viewer',
      tag: 'backtests',
      summary: 'Bundled data sets a backtest can run on',
      handler: () => listDatasets(dataDir),
    }),
    route({
      method: 'GET',
      url: '/api/backtests',
      role: 'viewer',
      tag: 'backtests',
      summary: 'Backtest jobs, newest first',
      handler: () => jobs.list(),
    }),
    route({
      method: 'POST',
      url: '/api/backtests',
      role: 'trader',
      tag: 'backtests',
      summary: 'Submit a backtest job (runs in a worker; follow it with GET /api/backtests/:id)',
      status: 202,
      action: 'backtest.submit',
      body: z.strictObject({
        ...backtestTargetShape,
        params: z.array(z.string().min(3).max(200)).max(50).optional(),
      }),
      target: ({ body }) => body.dataset,
      handler: ({ body, caller }) => ({ id: jobs.submit(body, caller.username).id }),
    }),
    route({
      method: 'GET',
      url: '/api/backtests/:id',
      role: 'viewer',
      tag: 'backtests',
      summary: 'A backtest job: status, progress, summary',
      params: jobId,
      handler: ({ params }) => jobs.get(params.id) ?? failMissing(params.id),
    }),
    route({
      method: 'GET',
      url: '/api/backtests/:id/result',
      role: 'viewer',
      tag: 'backtests',
      summary: 'A completed backtest: equity, drawdown and trades',
      params: jobId,
      handler: ({ params }) => jobs.result(params.id) ?? failMissing(params.id, 'result of backtest'),
    }),
    route({
      method: 'GET',
      url: '/api/backtests/:id/tearsheet',
      role: 'viewer',
      tag: 'backtests',
      summary: 'A completed backtest’s self-contained HTML tearsheet',
      produces: 'text/html',
      params: jobId,
      handler: ({ params, reply }) => {
        const html = jobs.tearsheet(params.id) ?? failMissing(params.id, 'tearsheet of backtest');
        reply.type('text/html; charset=utf-8');
        return html;
      },
    }),
    route({
      method: 'GET',
      url: '/api/catalog',
      role: 'viewer',
      tag: 'data',
      summary: 'Partitions of the data catalog (type, series, date, rows, time span)',
      handler: async () => {
        if (!catalogDir) return { dir: null, partitions: [] };
        const catalog = await Catalog.open(catalogDir);
        try {
          return { dir: catalogDir, partitions: await catalog.partitions() };
        } finally {
          catalog.close();
        }
      },
    }),
    route({
      method: 'GET',
      url: '/api/users',
      role: 'admin',
      tag: 'users',
      summary: 'Users and their roles',
      handler: async () =>
        (await store.users.list()).map(({ username, role, created }) => ({ username, role, created })),
    }),
    route({
      method: 'POST',
      url: '/api/users',
      role: 'admin',
      tag: 'users',
      summary: 'Add a user (password at least 10 characters)',
      status: 201,
      action: 'user.add',
      body: z.strictObject({
        username: z.string().min(1).max(64),
        password: z.string().min(10).max(200),
        role: z.enum(['viewer', 'trader', 'admin']),
      }),
      target: ({ body }) => body.username,
      handler: async ({ body }) => {
        await addUser(store, body.username, body.password, body.role);
        auth.logoutUser(body.username);
        return { username: body.username, role: body.role };
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit',
      role: 'admin',
      tag: 'users',
      summary: 'The audit log: every mutating request and command, oldest first',
      query: z.strictObject({
        afterSeq: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
        limit: queryInt(1, 1000).default(200),
        actor: z.string().max(64).optional(),
      }),
      handler: ({ query }) => store.audit.list(query),
    }),
  ];
}

function failMissing(id: string, what = 'backtest'): never {
  throw notFound(`${what} '${id}'`);
}
