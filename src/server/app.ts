/**
 * `bourse serve`'s HTTP server: the route table behind login, roles, CSRF checks, rate limits,
 * secure headers and an audit of every mutating request; the WebSocket stream; `/metrics`,
 * `/health`, `/ready`; the OpenAPI document; and the dashboard's files. See docs/api.md.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { BourseConfig } from '../core/config-schema.js';
import { packageRoot } from '../core/package-root.js';
import type { Store } from '../store/index.js';
import type { AlertRulesConfig } from './alert-rules.js';
import { AlertEngine } from './alerts.js';
import type { AlertView, ApiError } from './api-types.js';
import { Authenticator, type Caller, SESSION_COOKIE } from './auth.js';
import { BacktestJobs } from './backtest-jobs.js';
import { defaultDataDir } from './datasets.js';
import { feedSession } from './feed.js';
import type { SessionHost } from './host.js';
import { ServerMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { OptimizationJobs } from './optimization-jobs.js';
import { optimizationRoutes } from './optimization-routes.js';
import { errorAnswer, mountRoute } from './route-mount.js';
import { type RouteSpec, route } from './route-table.js';
import { adminRoutes } from './routes-admin.js';
import { authRoutes } from './routes-auth.js';
import { tradingRoutes } from './routes-trading.js';
import { dataTimeOf } from './session-views.js';
import { StreamHub } from './stream-hub.js';
import { registerStreamRoute } from './stream-route.js';

export interface ServerOptions {
  readonly host: SessionHost;
  /** Users, the audit log and backtest runs. */
  readonly store: Store;
  readonly config: BourseConfig;
  readonly dataDir?: string;
  readonly catalogDir?: string;
  /** The built dashboard (default: the package's web/dist). */
  readonly webDir?: string;
  readonly sessionTtlMs?: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Requests per minute per client address (default 1200), and login attempts (default 10). */
  readonly rateLimit?: { readonly perMinute?: number; readonly loginPerMinute?: number };
  readonly alerts?: {
    readonly webhook?: string;
    readonly rules: AlertRulesConfig;
    readonly intervalMs?: number;
  };
  /** Where warnings and server errors go. */
  readonly log?: { warn(message: string): void; error(message: string): void };
}

export interface BourseServer {
  readonly app: FastifyInstance;
  readonly hub: StreamHub;
  readonly metrics: ServerMetrics;
  readonly jobs: BacktestJobs;
  readonly optimizations: OptimizationJobs;
  readonly auth: Authenticator;
  readonly alerts: AlertEngine;
  /** Every route of the table (the tests try each with each role). */
  readonly routes: readonly RouteSpec[];
  /** Starts listening; resolves with the address (`http://127.0.0.1:8080`). */
  listen(port: number, host?: string): Promise<string>;
  /** Stops the streams, backtest and optimisation jobs, alerts and the HTTP server (not the session nor the store). */
  close(): Promise<void>;
}

export async function buildServer(options: ServerOptions): Promise<BourseServer> {
  const { host, store, config } = options;
  const log = options.log ?? {
    warn: () => {},
    error: (message: string) => process.stderr.write(`${message}\n`),
  };
  const auth = new Authenticator(store, { sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000 });
  const hub = new StreamHub();
  const metrics = new ServerMetrics();
  const dataDir = options.dataDir ?? defaultDataDir();
  const jobs = new BacktestJobs({
    config,
    dataDir,
    store,
    onUpdate: (job) => hub.publishEvent('backtests', { kind: 'backtest', ...job }),
  });
  const optimizations = new OptimizationJobs({
    config,
    dataDir,
    onUpdate: (job) => hub.publishEvent('backtests', { kind: 'optimization', ...job }),
  });
  const alerts = new AlertEngine({
    rules: options.alerts?.rules ?? {},
    webhookUrl: options.alerts?.webhook,
    intervalMs: options.alerts?.intervalMs,
    log,
    onAlert: (alert: AlertView) => hub.publishEvent('alerts', alert),
  });
  const riskLimits = { ...(config.risk as Record<string, unknown>) };
  const status = () => {
    const { state, connected } = host.status();
    return { state, connected, dataTime: dataTimeOf(host.kernel) };
  };
  const stopMetrics = metrics.attach(host.kernel, {
    status,
    queueDepths: () => ({ stream_reliable: hub.stats().queuedReliable }),
    websocketClients: () => hub.clientCount,
  });
  const stopAlerts = alerts.attach(host.kernel, { status });
  alerts.start();
  const stopFeed = feedSession(host, hub, { riskLimits });

  const webDir = options.webDir ?? packageWebDir();
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // The dashboard is served over plain HTTP on a laptop as often as behind HTTPS.
    hsts: options.secureCookies === true,
  });
  await app.register(fastifyRateLimit, {
    max: options.rateLimit?.perMinute ?? 1200,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'RATE_LIMITED',
        message: `too many requests: at most ${context.max} per ${context.after === undefined ? 'minute' : `minute; retry in ${context.after}`}`,
      },
    }),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  const identify = (request: FastifyRequest): Promise<Caller | undefined> =>
    auth.identify(request.cookies[SESSION_COOKIE], request.headers.authorization);
  registerStreamRoute(app, hub, identify);

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = errorAnswer(error);
    if (answer.status >= 500)
      log.error(
        `${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    reply.code(answer.status).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (
      request.method === 'GET' &&
      webDir &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html')
    )
      return reply.sendFile('index.html');
    const body: ApiError = {
      error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    };
    return reply.code(404).send(body);
  });

  const routes: RouteSpec[] = [
    ...authRoutes(auth, options.secureCookies === true),
    ...tradingRoutes(host, riskLimits),
    ...adminRoutes({ store, auth, jobs, dataDir, catalogDir: options.catalogDir }),
    ...optimizationRoutes(optimizations),
    route({
      method: 'GET',
      url: '/ready',
      role: 'viewer',
      tag: 'operations',
      summary: 'Ready when the session runs and the store answers (503 otherwise)',
      handler: async ({ reply }) => {
        const session = host.status();
        const storeOk = await store.users.list().then(
          () => true,
          () => false,
        );
        const ready = session.state === 'running' && session.connected && storeOk;
        reply.code(ready ? 200 : 503);
        return { ready, session: session.state, connected: session.connected, store: storeOk };
      },
    }),
    route({
      method: 'GET',
      url: '/metrics',
      role: 'viewer',
      tag: 'operations',
      summary: 'Prometheus metrics (text exposition format)',
      produces: 'text/plain',
      handler: async ({ reply }) => {
        reply.type(metrics.contentType);
        return metrics.render();
      },
    }),
  ];
  let document: ReturnType<typeof openApiDocument> | undefined;
  routes.push(
    route({
      method: 'GET',
      url: '/api/openapi.json',
      role: 'viewer',
      tag: 'operations',
      summary: 'This API as an OpenAPI 3.1 document',
      handler: () => {
        document ??= openApiDocument(routes);
        return document;
      },
    }),
  );
  app.get('/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  for (const spec of routes)
    mountRoute(app, spec, { identify, store, loginPerMinute: options.rateLimit?.loginPerMinute ?? 10 });

  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });

  return {
    app,
    hub,
    metrics,
    jobs,
    optimizations,
    auth,
    alerts,
    routes,
    listen: (port, hostName = '127.0.0.1') => app.listen({ port, host: hostName }),
    close: async () => {
      stopFeed();
      stopAlerts();
      stopMetrics();
      hub.close();
      await alerts.stop();
      await Promise.all([jobs.close(), optimizations.close()]);
      await app.close();
    },
  };
}

/** The built dashboard, when it has been built (`npm run build`). */
function packageWebDir(): string | undefined {
  const dir = join(packageRoot(), 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
