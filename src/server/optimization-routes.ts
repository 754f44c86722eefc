/** Routes of optimisation jobs: submit, list, follow, results, cancel. */
import { z } from 'zod';
import type { OptimizationJobs } from './optimization-jobs.js';
import { MAX_KEPT_RESULTS, optimizationBodySchema } from './optimization-request.js';
import { notFound, queryInt, type RouteSpec, route } from './route-table.js';

const jobId = z.strictObject({ id: z.string().min(1).max(32) });

export function optimizationRoutes(jobs: OptimizationJobs): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/api/optimizations',
      role: 'viewer',
      tag: 'optimizations',
      summary: 'Optimisation jobs, newest first',
      handler: () => jobs.list(),
    }),
    route({
      method: 'POST',
      url: '/api/optimizations',
      role: 'trader',
      tag: 'optimizations',
      summary:
        'Submit an optimisation job (bourse optimize on a bundled data set; one runs at a time, the others wait)',
      status: 202,
      action: 'optimization.submit',
      body: optimizationBodySchema,
      target: ({ body }) => body.dataset,
      handler: ({ body, caller }) => ({ id: jobs.submit(body, caller.username).id }),
    }),
    route({
      method: 'GET',
      url: '/api/optimizations/:id',
      role: 'viewer',
      tag: 'optimizations',
      summary: 'An optimisation job: status, combinations done of the total, the best so far',
      params: jobId,
      handler: ({ params }) => jobs.get(params.id) ?? missing(params.id),
    }),
    route({
      method: 'GET',
      url: '/api/optimizations/:id/results',
      role: 'viewer',
      tag: 'optimizations',
      summary: 'The best results of an optimisation job (so far, while it runs), best first',
      params: jobId,
      query: z.strictObject({ top: queryInt(1, MAX_KEPT_RESULTS).default(20) }),
      handler: ({ params, query }) => jobs.results(params.id, query.top) ?? missing(params.id),
    }),
    route({
      method: 'POST',
      url: '/api/optimizations/:id/cancel',
      role: 'trader',
      tag: 'optimizations',
      summary: 'Cancel a queued or running optimisation job (its worker threads are stopped)',
      action: 'optimization.cancel',
      params: jobId,
      target: ({ params }) => params.id,
      handler: ({ params, caller }) => jobs.cancel(params.id, caller.username) ?? missing(params.id),
    }),
  ];
}

function missing(id: string): never {
  throw notFound(`optimisation '${id}'`);
}
