/**
 * The HTTP API against a real paper session (bundled ES minute bars, PGlite stores): every route
 * with every role, bad payloads (clear 4xx, nothing changed), CSRF, the order flow to a fill, risk
 * denials, the kill switch, backtest jobs, users, the audit log, metrics and the WebSocket stream.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import WebSocket from 'ws';
import type { OrderView, ServerFrame, ServerMessage } from '../../src/server/api-types.js';
import type { RouteSpec } from '../../src/server/route-table.js';
import { passwordOf, ROLES, startTestServer, type TestServer } from './support.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Session {
  readonly token: string;
  readonly csrf: string;
  readonly cookie: string;
}

let server: TestServer;
let app: FastifyInstance;
let address: string | undefined;
/** The server on a real port (for WebSocket clients), started once. */
const listening = async (): Promise<string> => {
  address ??= await server.served.server.listen(0);
  return address;
};
const sessions = new Map<string, Session>();
const INSTRUMENT = 'ESZ3.CME';

async function login(username: string, password = passwordOf(username)): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { token: string; csrfToken: string };
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return { token: body.token, csrf: body.csrfToken, cookie };
}

/** A request as `role` with its bearer token (no CSRF needed), or with its cookie + CSRF header. */
function call(
  role: string,
  method: Method,
  url: string,
  payload?: unknown,
  via: 'bearer' | 'cookie' = 'bearer',
): Promise<LightMyRequestResponse> {
  const s = sessions.get(role)!;
  const headers: Record<string, string> =
    via === 'bearer' ? { authorization: `Bearer ${s.token}` } : { cookie: s.cookie, 'x-csrf-token': s.csrf };
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string; field?: string } }).error;
/** Waits until the API shows the order in a state `ready` accepts; returns it then. */
const orderWhen = (id: string, what: string, ready: (order: OrderView) => boolean) =>
  until(what, async () => {
    const order = (await call('viewer', 'GET', `/api/orders/${id}`)).json() as OrderView;
    return ready(order) ? order : undefined;
  });
const orderCount = async () => ((await call('viewer', 'GET', '/api/orders')).json() as OrderView[]).length;

/** A concrete URL for a route pattern (unknown ids are fine: only auth is under test there). */
const concrete = (spec: RouteSpec) =>
  spec.url
    .replace(':clientOrderId', 'manual-999999')
    .replace(':id', spec.url.includes('strategies') ? 'NOPE' : '1');

describe('bourse serve API', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startTestServer({ risk: { maxOrderQuantity: 5 } });
    app = server.served.server.app;
    for (const role of ROLES) sessions.set(role, await login(role));
  });
  after(async () => server?.close());

  test('/health is public; every other route needs a login (401, nothing done)', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const routes = server.served.server.routes.filter((r) => r.role !== 'public');
    assert.ok(routes.length >= 30, `${routes.length} routes`);
    const before = await orderCount();
    for (const spec of routes) {
      const res = await app.inject({
        method: spec.method,
        url: concrete(spec),
        payload: spec.method === 'GET' ? undefined : {},
      });
      assert.equal(res.statusCode, 401, `${spec.method} ${spec.url}: ${res.body}`);
      assert.equal(errorOf(res).code, 'UNAUTHENTICATED');
    }
    const ws = await app.inject({ method: 'GET', url: '/api/ws' });
    assert.equal(ws.statusCode, 401);
    assert.equal(await orderCount(), before);
  });

  test('every route with every role: below its role 403, at or above it never 401/403', async () => {
    const rank = { viewer: 0, trader: 1, admin: 2 } as const;
    for (const spec of server.served.server.routes) {
      if (spec.role === 'public' || spec.url === '/api/logout' || spec.url === '/api/risk/kill') continue;
      for (const role of ROLES) {
        // An empty body: a route that needs one answers 400, which still proves the role passed.
        const res = await call(role, spec.method, concrete(spec), spec.method === 'GET' ? undefined : {});
        const allowed = rank[role] >= rank[spec.role];
        if (allowed)
          assert.ok(
            ![401, 403].includes(res.statusCode),
            `${role} ${spec.method} ${spec.url}: ${res.statusCode} ${res.body}`,
          );
        else {
          assert.equal(res.statusCode, 403, `${role} ${spec.method} ${spec.url}: ${res.body}`);
          assert.equal(errorOf(res).code, 'FORBIDDEN');
        }
      }
    }
  });

  test('a cookie session must send its CSRF token on mutating requests', async () => {
    const s = sessions.get('trader')!;
    const ticket = { instrumentId: INSTRUMENT, side: 'buy', type: 'limit', quantity: 1, price: 1000 };
    const before = await orderCount();
    const missing = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: s.cookie },
      payload: ticket,
    });
    assert.equal(missing.statusCode, 403);
    assert.equal(errorOf(missing).code, 'CSRF');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` },
      payload: ticket,
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal(await orderCount(), before, 'nothing placed without the token');
    const ok = await call('trader', 'POST', '/api/orders', ticket, 'cookie');
    assert.equal(ok.statusCode, 201, ok.body);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    assert.equal((me.json() as { csrfToken: string }).csrfToken, s.csrf);
  });

  test('the session cookie is HttpOnly and SameSite=Strict; secure headers are set', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'viewer', password: passwordOf('viewer') },
    });
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'viewer', password: 'not-it-at-all' },
    });
    assert.equal(wrong.statusCode, 401);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'nobody', password: 'whatever!!' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(errorOf(unknown).message, errorOf(wrong).message, 'which of the two was wrong is not told');
  });

  test('bad order payloads: 400 naming the field, nothing placed', async () => {
    const base = { instrumentId: INSTRUMENT, side: 'buy', type: 'limit', quantity: 1, price: 1000 };
    const cases: [unknown, string, string][] = [
      [{ ...base, quantity: -1 }, 'VALIDATION', 'quantity'],
      [{ ...base, quantity: 'one' }, 'VALIDATION', 'quantity'],
      [{ ...base, side: 'long' }, 'VALIDATION', 'side'],
      [{ ...base, type: 'iceberg' }, 'VALIDATION', 'type'],
      [{ ...base, price: undefined }, 'VALIDATION', 'price'],
      [{ ...base, type: 'market' }, 'VALIDATION', 'price'],
      [{ ...base, type: 'stop-market', price: undefined }, 'VALIDATION', 'triggerPrice'],
      [{ ...base, price: 1000.13 }, 'OFF_GRID', 'price'],
      [{ ...base, quantity: 1.5 }, 'OFF_GRID', 'quantity'],
      [{ ...base, extra: true }, 'VALIDATION', 'body'],
      [{ ...base, price: Number.NaN }, 'VALIDATION', 'price'],
      [null, 'VALIDATION', 'body'],
    ];
    const before = await orderCount();
    for (const [payload, code, field] of cases) {
      const res = await call('trader', 'POST', '/api/orders', payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(errorOf(res).code, code, res.body);
      assert.equal(errorOf(res).field, field, res.body);
    }
    const unknownInstrument = await call('trader', 'POST', '/api/orders', {
      ...base,
      instrumentId: 'NQZ3.CME',
    });
    assert.equal(unknownInstrument.statusCode, 404);
    assert.equal(errorOf(unknownInstrument).field, 'instrumentId');
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: {
        authorization: `Bearer ${sessions.get('trader')!.token}`,
        'content-type': 'application/json',
      },
      payload: '{"instrumentId":',
    });
    assert.equal(notJson.statusCode, 400);
    assert.equal(await orderCount(), before);
  });

  test('every route that takes a body refuses a wrong one with 400 naming the field, and changes nothing', async () => {
    const state = async () =>
      JSON.stringify([
        await orderCount(),
        (await call('admin', 'GET', '/api/users')).body,
        (await call('viewer', 'GET', '/api/backtests')).body,
        (await call('viewer', 'GET', '/api/risk')).json().tradingState,
        (await call('viewer', 'GET', '/api/strategies')).body,
      ]);
    const before = await state();
    const withBody = server.served.server.routes.filter((r) => r.body !== undefined);
    assert.ok(withBody.length >= 7, `${withBody.length} routes with a body`);
    for (const spec of withBody) {
      for (const payload of [{ unexpected: 1 }, [], 'text', 42, null]) {
        const res = await app.inject({
          method: spec.method,
          url: concrete(spec),
          headers: {
            authorization: `Bearer ${sessions.get('admin')!.token}`,
            'content-type': 'application/json',
          },
          payload: JSON.stringify(payload),
        });
        assert.equal(
          res.statusCode,
          400,
          `${spec.method} ${spec.url} ${JSON.stringify(payload)}: ${res.body}`,
        );
        assert.ok(errorOf(res).message.length > 0);
      }
      const plain = await app.inject({
        method: spec.method,
        url: concrete(spec),
        headers: { authorization: `Bearer ${sessions.get('admin')!.token}`, 'content-type': 'text/plain' },
        payload: 'quantity=1',
      });
      assert.equal(plain.statusCode, 400, `${spec.method} ${spec.url} as text/plain`);
    }
    assert.equal(await state(), before);
  });

  test('a market order fills on the next bar: order, fill, position and account agree', async () => {
    const res = await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'buy',
      type: 'market',
      quantity: 2,
    });
    assert.equal(res.statusCode, 201, res.body);
    const { order } = res.json() as { order: OrderView };
    assert.equal(order.strategyId, 'manual');
    const filled = await orderWhen(order.clientOrderId, 'the fill', (o) => o.status === 'filled');
    assert.equal(filled.filledQuantity, 2);
    const fills = (await call('viewer', 'GET', '/api/fills')).json() as {
      clientOrderId: string;
      price: number;
      quantity: number;
    }[];
    const mine = fills.filter((f) => f.clientOrderId === order.clientOrderId);
    assert.equal(
      mine.reduce((s, f) => s + f.quantity, 0),
      2,
    );
    assert.equal(mine[0].price, filled.averagePrice);
    assert.equal((mine[0].price * 4) % 1, 0, 'on the 0.25 tick grid');
    const positions = (await call('viewer', 'GET', '/api/positions')).json() as {
      instrumentId: string;
      quantity: number;
    }[];
    assert.ok(positions.some((p) => p.instrumentId === INSTRUMENT));
  });

  test('a limit order can be changed and cancelled; a closed order cannot', async () => {
    const placed = await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'buy',
      type: 'limit',
      quantity: 1,
      price: 1000,
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const id = (placed.json() as { order: OrderView }).order.clientOrderId;
    const amended = await call('trader', 'PATCH', `/api/orders/${id}`, { price: 1001.25 });
    assert.equal(amended.statusCode, 200, amended.body);
    await orderWhen(id, 'the new price', (o) => o.price === 1001.25);
    assert.equal((await call('trader', 'PATCH', `/api/orders/${id}`, {})).statusCode, 400);
    assert.equal((await call('trader', 'PATCH', `/api/orders/${id}`, { price: 1001.1 })).statusCode, 400);
    const canceled = await call('trader', 'DELETE', `/api/orders/${id}`);
    assert.equal(canceled.statusCode, 200, canceled.body);
    await orderWhen(id, 'the cancel', (o) => o.status === 'canceled');
    const again = await call('trader', 'DELETE', `/api/orders/${id}`);
    assert.equal(again.statusCode, 409);
    assert.equal(errorOf(again).code, 'ORDER_CLOSED');
    assert.equal((await call('trader', 'DELETE', '/api/orders/manual-999999')).statusCode, 404);
  });

  test('the risk engine’s denial comes back as 422 with its reason', async () => {
    const res = await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'buy',
      type: 'market',
      quantity: 10,
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json() as { error: { code: string; message: string }; order: OrderView };
    assert.equal(body.error.code, 'RISK_DENIED');
    assert.match(body.error.message, /quantity/i);
    assert.equal(body.order.status, 'denied');
    const risk = (await call('viewer', 'GET', '/api/risk')).json() as {
      denials: { clientOrderId: string }[];
    };
    assert.ok(risk.denials.some((d) => d.clientOrderId === body.order.clientOrderId));
  });

  test('strategies stop and start; a second stop is a 409', async () => {
    const stop = await call('trader', 'POST', '/api/strategies/S-001/stop', {});
    assert.equal(stop.statusCode, 200, stop.body);
    assert.equal((stop.json() as { state: string }).state, 'stopped');
    const again = await call('trader', 'POST', '/api/strategies/S-001/stop', {});
    assert.equal(again.statusCode, 409);
    const start = await call('trader', 'POST', '/api/strategies/S-001/start', {});
    assert.equal((start.json() as { state: string }).state, 'running');
    assert.equal((await call('trader', 'POST', '/api/strategies/NOPE/start', {})).statusCode, 404);
  });

  test('backtest jobs: bad requests are 400/404 naming the field; a good one completes with its tearsheet', async () => {
    const badParam = await call('trader', 'POST', '/api/backtests', {
      dataset: '2006-day-001.txt',
      strategy: 'sma-cross',
      params: ['fast=zero'],
    });
    assert.equal(badParam.statusCode, 400, badParam.body);
    assert.match(errorOf(badParam).field ?? '', /params/);
    const traversal = await call('trader', 'POST', '/api/backtests', {
      dataset: '../package.json',
      strategy: 'sma-cross',
    });
    assert.equal(traversal.statusCode, 404);
    assert.equal(errorOf(traversal).field, 'dataset');
    const submitted = await call('trader', 'POST', '/api/backtests', {
      dataset: '2006-day-001.txt',
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      startingCash: 10_000,
    });
    assert.equal(submitted.statusCode, 202, submitted.body);
    const { id } = submitted.json() as { id: string };
    const job = await until(
      'the backtest',
      async () => {
        const view = (await call('viewer', 'GET', `/api/backtests/${id}`)).json() as {
          status: string;
          summary?: { finalValue: number };
        };
        return view.status === 'completed' || view.status === 'failed' ? view : undefined;
      },
      60_000,
    );
    assert.equal(job.status, 'completed');
    assert.equal(job.summary?.finalValue, 10284.1, 'the README’s figure');
    const result = (await call('viewer', 'GET', `/api/backtests/${id}/result`)).json() as {
      equity: [number, number][];
    };
    assert.equal(result.equity.at(-1)?.[1], 10284.1);
    const sheet = await call('viewer', 'GET', `/api/backtests/${id}/tearsheet`);
    assert.match(String(sheet.headers['content-type']), /text\/html/);
    assert.match(sheet.body, /<svg/);
    assert.equal((await call('viewer', 'GET', '/api/backtests/999/result')).statusCode, 404);
  });

  test('backtest progress streams on the `backtests` channel, ending with the completed job', async () => {
    const address = await listening();
    const ws = new WebSocket(`${address.replace('http', 'ws')}/api/ws`, {
      headers: { authorization: `Bearer ${sessions.get('viewer')!.token}` },
    });
    const jobs: { id: string; status: string; progress: number }[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerMessage | ServerMessage[];
      for (const m of Array.isArray(frame) ? frame : [frame])
        if (m.type === 'event' && m.channel === 'backtests') jobs.push(m.data as (typeof jobs)[number]);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'subscribe', channels: ['backtests'] }));
    ws.send(JSON.stringify({ type: 'ping', id: 1 }));
    await new Promise((r) => setTimeout(r, 200));
    const submitted = await call('trader', 'POST', '/api/backtests', {
      dataset: 'orcl-1995-2014.txt',
      strategy: 'sma-cross',
    });
    const { id } = submitted.json() as { id: string };
    const done = await until(
      'the completed job event',
      async () => jobs.find((j) => j.id === id && j.status === 'completed'),
      60_000,
    );
    const mine = jobs.filter((j) => j.id === id);
    assert.equal(done.progress, 1);
    assert.ok(
      mine.some((j) => j.status === 'running' && j.progress > 0 && j.progress < 1),
      'progress while running',
    );
    assert.deepEqual(
      mine.map((j) => j.progress),
      [...mine.map((j) => j.progress)].sort((a, b) => a - b),
    );
    ws.close();
  });

  test('users: admins add them; names are unique; passwords are hashed, never returned', async () => {
    const added = await call('admin', 'POST', '/api/users', {
      username: 'carol',
      password: 'carol-password-1',
      role: 'trader',
    });
    assert.equal(added.statusCode, 201, added.body);
    const dup = await call('admin', 'POST', '/api/users', {
      username: 'carol',
      password: 'carol-password-2',
      role: 'viewer',
    });
    assert.equal(dup.statusCode, 409);
    const short = await call('admin', 'POST', '/api/users', {
      username: 'dave',
      password: 'short',
      role: 'viewer',
    });
    assert.equal(short.statusCode, 400);
    assert.equal(errorOf(short).field, 'password');
    const users = (await call('admin', 'GET', '/api/users')).body;
    assert.ok(users.includes('carol') && !users.includes('password') && !users.includes('argon2'));
    const stored = await server.store.users.byName('carol');
    assert.match(stored!.passwordHash, /^\$argon2id\$/);
    await login('carol', 'carol-password-1');
  });

  test('every mutating request is audited with who, what and the outcome (passwords left out)', async () => {
    const audit = (await call('admin', 'GET', '/api/audit?limit=1000')).json() as {
      actor: string;
      action: string;
      source: string;
      details: { status: number; body: Record<string, unknown> };
    }[];
    const submits = audit.filter((e) => e.action === 'order.submit');
    assert.ok(submits.some((e) => e.actor === 'trader' && e.details.status === 201));
    assert.ok(
      submits.some((e) => e.details.status === 400),
      'refused requests too',
    );
    assert.ok(
      submits.some((e) => e.details.status === 403),
      'CSRF refusals too',
    );
    assert.ok(audit.some((e) => e.action === 'login' && e.actor === 'viewer' && e.details.status === 401));
    assert.ok(audit.every((e) => e.source === 'api'));
    assert.ok(!JSON.stringify(audit).includes('password-'), 'no password in the audit log');
    const badQuery = await call('admin', 'GET', '/api/audit?limit=abc');
    assert.equal(badQuery.statusCode, 400);
  });

  test('market data, session, metrics, readiness and the OpenAPI document', async () => {
    const session = (await call('viewer', 'GET', '/api/session')).json() as {
      state: string;
      barTypes: string[];
    };
    assert.equal(session.state, 'running');
    const bars = (
      await call('viewer', 'GET', `/api/bars?barType=${encodeURIComponent(session.barTypes[0])}&limit=5`)
    ).json() as {
      bars: { ts: number; tsOpen: number; high: number; low: number }[];
    };
    assert.equal(bars.bars.length, 5);
    for (const bar of bars.bars) assert.ok(bar.tsOpen < bar.ts && bar.low <= bar.high);
    assert.equal((await call('viewer', 'GET', '/api/bars?barType=NOPE')).statusCode, 404);
    assert.equal(
      (await call('viewer', 'GET', `/api/bars?barType=${encodeURIComponent(session.barTypes[0])}&limit=0`))
        .statusCode,
      400,
    );
    const snapshot = (await call('viewer', 'GET', `/api/snapshot?instrumentId=${INSTRUMENT}`)).json() as {
      lastBar: unknown;
    };
    assert.ok(snapshot.lastBar);
    const basic = `Basic ${Buffer.from(`viewer:${passwordOf('viewer')}`).toString('base64')}`;
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: basic } });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /^bourse_\w+/m);
    const badBasic = `Basic ${Buffer.from('viewer:nope').toString('base64')}`;
    assert.equal(
      (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: badBasic } })).statusCode,
      401,
    );
    const ready = await call('viewer', 'GET', '/ready');
    assert.equal(ready.statusCode, 200, ready.body);
    const doc = (await call('viewer', 'GET', '/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const spec of server.served.server.routes) {
      const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
      assert.ok(doc.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${path} documented`);
    }
  });

  test('the WebSocket stream: a bearer session subscribes and sees its order and fill events in seq order', async () => {
    const address = await listening();
    const ws = new WebSocket(`${address.replace('http', 'ws')}/api/ws`, {
      headers: { authorization: `Bearer ${sessions.get('trader')!.token}` },
    });
    const messages: ServerMessage[] = [];
    // A frame holds one message, or an array of several in order.
    ws.on('message', (data) => messages.push(...[JSON.parse(String(data)) as ServerFrame].flat()));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'subscribe', channels: ['orders', 'fills', 'bars'] }));
    // `hello` is sent on connect; the pong proves the subscription was taken before the order.
    ws.send(JSON.stringify({ type: 'ping', id: 1 }));
    await until('pong', async () => messages.find((m) => m.type === 'pong'));
    const placed = await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'sell',
      type: 'market',
      quantity: 1,
    });
    const id = (placed.json() as { order: OrderView }).order.clientOrderId;
    await until(
      `the fill event of ${id} (${placed.statusCode}, session ${(await call('viewer', 'GET', '/api/session')).body}; got ${messages.map((m) => (m.type === 'event' || m.type === 'data' ? m.channel : m.type)).join(',')})`,
      async () =>
        messages.find(
          (m) =>
            m.type === 'event' &&
            m.channel === 'fills' &&
            (m.data as { clientOrderId: string }).clientOrderId === id,
        ),
    );
    assert.ok(messages.some((m) => m.type === 'data' && m.channel === 'bars'));
    const seqs = messages.flatMap((m) => (m.type === 'event' ? [m.seq] : []));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    assert.equal(new Set(seqs).size, seqs.length);
    ws.close();
    const refused = new WebSocket(`${address.replace('http', 'ws')}/api/ws`);
    const status = await new Promise<number>((resolve) =>
      refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    assert.equal(status, 401);
  });

  test('the kill switch: halts, cancels and flattens; orders are then denied until an admin resumes', async () => {
    await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'buy',
      type: 'limit',
      quantity: 1,
      price: 1000,
    });
    const bad = await call('trader', 'POST', '/api/risk/kill', { reason: '' });
    assert.equal(bad.statusCode, 400);
    const kill = await call('trader', 'POST', '/api/risk/kill', { reason: 'test' });
    assert.equal(kill.statusCode, 200, kill.body);
    const summary = kill.json() as { actor: string; canceledOrders: number };
    assert.equal(summary.actor, 'trader');
    assert.ok(summary.canceledOrders >= 1);
    const risk = (await call('viewer', 'GET', '/api/risk')).json() as {
      tradingState: string;
      kills: unknown[];
    };
    assert.equal(risk.tradingState, 'halted');
    assert.equal(risk.kills.length, 1);
    await until('no open orders', async () => {
      const open = (await call('viewer', 'GET', '/api/orders?status=open')).json() as OrderView[];
      return open.length === 0 ? true : undefined;
    });
    const denied = await call('trader', 'POST', '/api/orders', {
      instrumentId: INSTRUMENT,
      side: 'buy',
      type: 'market',
      quantity: 1,
    });
    assert.equal(denied.statusCode, 422);
    assert.equal((await call('trader', 'POST', '/api/risk/state', { state: 'active' })).statusCode, 403);
    const resumed = await call('admin', 'POST', '/api/risk/state', { state: 'active' });
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal((resumed.json() as { tradingState: string }).tradingState, 'active');
  });

  test('docs/api.md lists every route', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');
    for (const spec of server.served.server.routes)
      assert.ok(doc.includes(`\`${spec.method} ${spec.url}\``), `${spec.method} ${spec.url}`);
  });

  test('logout ends the session', async () => {
    const s = await login('viewer');
    const out = await app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { authorization: `Bearer ${s.token}` },
      payload: {},
    });
    assert.equal(out.statusCode, 200);
    const after = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${s.token}` },
    });
    assert.equal(after.statusCode, 401);
  });
});

describe('login rate limit', { timeout: 60_000 }, () => {
  test('more than loginPerMinute attempts from one address get 429', async () => {
    const limited = await startTestServer({ loginPerMinute: 3, bars: 50 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.served.server.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'viewer', password: 'wrong-password' },
        });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
