/**
 * Mounting a route of the table on Fastify: login, role, CSRF and payload checks before the
 * handler, an audit entry for every mutating call (accepted or refused), and the error answers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BourseError } from '../core/errors.js';
import type { JsonValue, Store } from '../store/index.js';
import type { ApiError } from './api-types.js';
import { type Caller, CSRF_HEADER, csrfMatches, hasRole } from './auth.js';
import { BacktestRequestError } from './backtest-jobs.js';
import { ApiFailure, parsePart, type RouteSpec } from './route-table.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface MountContext {
  identify(request: FastifyRequest): Promise<Caller | undefined>;
  readonly store: Store;
  readonly loginPerMinute: number;
}

/** Mounts one route: login, role, CSRF and payload checks, then the handler; mutating calls audited. */
export function mountRoute(app: FastifyInstance, spec: RouteSpec, context: MountContext): void {
  const mutating = MUTATING.has(spec.method);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.role === 'public'
      ? { config: { rateLimit: { max: context.loginPerMinute, timeWindow: 60_000 } } }
      : {}),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      let caller: Caller | undefined;
      try {
        caller = spec.role === 'public' ? undefined : await context.identify(request);
        if (spec.role !== 'public') {
          if (!caller) throw new ApiFailure(401, 'UNAUTHENTICATED', 'log in first (POST /api/login)');
          if (!hasRole(caller.role, spec.role))
            throw new ApiFailure(
              403,
              'FORBIDDEN',
              `${spec.method} ${spec.url} needs the ${spec.role} role; ${caller.username} is ${caller.role}`,
            );
          if (
            mutating &&
            caller.via === 'cookie' &&
            !csrfMatches(request.headers[CSRF_HEADER] as string | undefined, caller.session!)
          )
            throw new ApiFailure(
              403,
              'CSRF',
              `missing or wrong ${CSRF_HEADER} header (GET /api/me gives the token)`,
            );
        }
        const params = parsePart(spec.params, request.params, 'params');
        const query = parsePart(spec.query, request.query, 'query');
        const body = parsePart(spec.body, request.body, 'body');
        const routeContext = { caller: caller as Caller, params, query, body, request, reply };
        if (spec.status !== undefined) reply.code(spec.status);
        const result = await spec.handler(routeContext);
        if (mutating)
          await audit(context.store, spec, request, caller, reply.statusCode, spec.target?.(routeContext));
        return result;
      } catch (error) {
        if (mutating) {
          const status = errorAnswer(error).status;
          await audit(context.store, spec, request, caller, status, undefined).catch(() => {});
        }
        throw error;
      }
    },
  });
}

async function audit(
  store: Store,
  spec: RouteSpec,
  request: FastifyRequest,
  caller: Caller | undefined,
  status: number,
  target: string | undefined,
): Promise<void> {
  const body =
    request.body && typeof request.body === 'object' ? { ...(request.body as Record<string, unknown>) } : {};
  delete body.password;
  const attempted =
    spec.url === '/api/login' && typeof body.username === 'string' ? body.username : undefined;
  await store.audit.record({
    ts: Date.now() * 1000,
    actor: caller?.username ?? attempted ?? 'anonymous',
    action: spec.action ?? `${spec.method} ${spec.url}`,
    ...(target === undefined ? {} : { target }),
    details: { status, path: request.url, body } as unknown as JsonValue,
    source: 'api',
    origin: request.ip,
  });
}

/** The status and body an error answers with: the caller's mistakes are 4xx and say what was wrong. */
export function errorAnswer(error: unknown): { status: number; body: ApiError & Record<string, unknown> } {
  if (error instanceof ApiFailure)
    return {
      status: error.status,
      body: {
        ...error.extra,
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      },
    };
  if (error instanceof BacktestRequestError)
    return {
      status: statusOfSessionError(error) ?? 400,
      body: { error: { code: error.code, message: error.message, field: error.field } },
    };
  if (error instanceof BourseError) {
    const status = statusOfSessionError(error);
    if (status !== undefined)
      return { status, body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof RangeError)
    return { status: 400, body: { error: { code: 'INVALID', message: error.message } } };
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return {
      status: fastify.statusCode,
      body: { error: { code: fastify.code ?? 'BAD_REQUEST', message: fastify.message ?? 'bad request' } },
    };
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error (see the server log)' } },
  };
}

/** BourseErrors a caller caused (an unknown or closed order, a bad request…), with their status. */
export function statusOfSessionError(error: BourseError): number | undefined {
  switch (error.code) {
    case 'ORDER_UNKNOWN':
    case 'STRATEGY_UNKNOWN':
    case 'DATASET_UNKNOWN':
      return 404;
    case 'ORDER_CLOSED':
    case 'STRATEGY_STATE':
    case 'SESSION_ENDED':
    case 'MANUAL_ORDERS_OFF':
    case 'STORE_DUPLICATE':
    case 'JOB_FINISHED':
    case 'JOB_QUEUE_FULL':
      return 409;
    default:
      return /_INVALID$|^STRATEGY_PARAMS|^CLI_/.test(error.code) ? 400 : undefined;
  }
}
