/**
 * The API as a table: each route's method, path, the role it needs, its payload schemas (zod) and
 * its handler. The table drives the server (app.ts), the OpenAPI document (openapi.ts) and the
 * tests that try every route with every role.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from './api-types.js';
import type { Caller } from './auth.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  readonly caller: Caller;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  readonly method: HttpMethod;
  /** Fastify path (`/api/orders/:clientOrderId`). */
  readonly url: string;
  /** Who may call it: the least role, or `public` (no login). */
  readonly role: Role | 'public';
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType<B>;
  readonly query?: z.ZodType<Q>;
  readonly params?: z.ZodType<P>;
  /** Status of a successful answer (default 200; set by the mount before the handler runs). */
  readonly status?: number;
  /** Response content type when not JSON (a tearsheet is HTML). */
  readonly produces?: string;
  /** Audit action name of a mutating route (default `METHOD path`). */
  readonly action?: string;
  /** The audited target of a call (an order id, a user name). */
  readonly target?: (context: RouteContext<B, Q, P>) => string | undefined;
  handler(context: RouteContext<B, Q, P>): unknown | Promise<unknown>;
}

/** Builds a route with its types inferred from its schemas. */
export function route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** An error with the HTTP status it answers with (4xx: the caller's fault, nothing changed). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra fields of the error response (a denied order). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiFailure => new ApiFailure(404, 'NOT_FOUND', `${what} not found`);

/** Parses a payload part, answering 400 with the first problem's field and message. */
export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldPath(issue.path);
  throw new ApiFailure(
    400,
    'VALIDATION',
    `${part}${field ? `.${field}` : ''}: ${issue.message}`,
    field || part,
  );
}

/** A payload path as the API names fields: `search.samples`, `params[1]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** Query numbers arrive as text. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
