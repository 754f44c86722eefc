import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { register } from 'prom-client';
import { BacktestEngine } from '../../src/backtest/engine.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Order } from '../../src/model/order.js';
import type { MetricsSource } from '../../src/server/metrics.js';
import { ServerMetrics } from '../../src/server/metrics.js';
import { at } from '../risk/helpers.js';
import { makeHarness, makeOrder } from '../support/kernel-harness.js';
import { minuteBars, Scripted, STOCK, STOCK_1M } from '../support/scripted-backtest.js';

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses the Prometheus text exposition format (samples only; `# HELP`/`# TYPE` lines skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]] = pair[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Metric names declared by `# TYPE` lines, with their type. */
function declaredTypes(text: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(match[1], match[2]);
  return types;
}

/** The value of the one sample with this name and (at least) these labels; undefined if none. */
function value(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}

async function scrape(metrics: ServerMetrics): Promise<Sample[]> {
  return parseExposition(await metrics.render());
}

const source = (overrides: Partial<ReturnType<MetricsSource['status']>> = {}): MetricsSource => ({
  status: () => ({ state: 'running', connected: true, dataTime: null, ...overrides }),
  queueDepths: () => ({ 'session-input': 3, 'ws-send': 7 }),
  websocketClients: () => 2,
});

interface Traded {
  readonly engine: BacktestEngine;
  readonly kernel: Kernel;
  readonly metrics: ServerMetrics;
  readonly orders: Record<'market' | 'tooBig' | 'limit', Order>;
  readonly busBaseline: number;
}

/**
 * A real backtest of four one-minute bars with a max order quantity of 100: on bar 0 a market buy
 * of 10 (fills at bar 1's open), on bar 1 a buy of 500 (denied), on bar 2 a limit buy at 50 far
 * below the market (accepted, left working).
 */
function tradedBacktest(): Traded {
  const engine = new BacktestEngine({
    venues: [{ name: 'SIM', accountType: 'margin', startingCash: 100_000 }],
    risk: { maxOrderQuantity: 100 },
  });
  engine.addInstrument(STOCK);
  engine.addData(
    minuteBars([
      [100, 101, 99, 100],
      [101, 103, 100, 102],
      [102, 104, 101, 103],
      [103, 105, 102, 104],
    ]),
  );
  const orders: Partial<Record<'market' | 'tooBig' | 'limit', Order>> = {};
  const strategy = new Scripted('bars', STOCK_1M, {
    0: (s) => {
      orders.market = s.buy(STOCK.id, 10);
    },
    1: (s) => {
      orders.tooBig = s.buy(STOCK.id, 500);
    },
    2: (s) => {
      orders.limit = s.buy(STOCK.id, 5, { price: 50 });
    },
  });
  engine.addStrategy(strategy);
  const metrics = new ServerMetrics({ processMetrics: false });
  const busBaseline = engine.kernel.bus.publishedCount;
  metrics.attach(engine.kernel, source());
  engine.run();
  return {
    engine,
    kernel: engine.kernel,
    metrics,
    orders: orders as Record<'market' | 'tooBig' | 'limit', Order>,
    busBaseline,
  };
}

describe('ServerMetrics on a real backtest kernel', () => {
  it('counts bars, order events, orders by status, denials by code and the bus', async () => {
    const { kernel, metrics, orders, busBaseline } = tradedBacktest();
    assert.equal(orders.market.status, 'filled');
    assert.equal(orders.tooBig.status, 'denied');
    assert.equal(orders.limit.status, 'accepted');
    const s = await scrape(metrics);

    assert.equal(value(s, 'bourse_market_data_events_total', { kind: 'bar' }), 4);
    assert.equal(value(s, 'bourse_market_data_events_total', { kind: 'quote' }), 0);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'submitted' }), 2);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'accepted' }), 2);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'filled' }), 1);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'denied' }), 1);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'canceled' }), 0);

    assert.equal(value(s, 'bourse_orders', { status: 'filled' }), 1);
    assert.equal(value(s, 'bourse_orders', { status: 'denied' }), 1);
    assert.equal(value(s, 'bourse_orders', { status: 'accepted' }), 1);
    assert.equal(value(s, 'bourse_orders', { status: 'canceled' }), 0);

    assert.equal(value(s, 'bourse_risk_denials_total', { code: 'MAX_ORDER_QUANTITY_EXCEEDED' }), 1);
    assert.equal(value(s, 'bourse_risk_modify_denials_total'), 0);
    assert.equal(value(s, 'bourse_bus_messages_published_total'), kernel.bus.publishedCount - busBaseline);
    assert.ok(kernel.bus.publishedCount - busBaseline >= 4 + 5);
    assert.equal(value(s, 'bourse_positions_open'), 1);
    assert.equal(value(s, 'bourse_risk_trading_state', { state: 'active' }), 1);
    assert.equal(value(s, 'bourse_risk_trading_state', { state: 'halted' }), 0);
  });

  it('times tick-to-order for orders submitted while handling a bar, and only those', async () => {
    const { kernel, metrics } = tradedBacktest();
    let s = await scrape(metrics);
    // The market and limit orders were submitted in onBar; the denied one never left.
    assert.equal(value(s, 'bourse_tick_to_order_seconds_count'), 2);
    const sum = value(s, 'bourse_tick_to_order_seconds_sum')!;
    assert.ok(sum > 0 && sum < 1, `sum ${sum}`);
    assert.equal(value(s, 'bourse_tick_to_order_seconds_bucket', { le: '+Inf' }), 2);
    assert.equal(value(s, 'bourse_tick_to_order_seconds_bucket', { le: '1' }), 2);
    assert.notEqual(value(s, 'bourse_tick_to_order_seconds_bucket', { le: '0.00001' }), undefined);

    // An order sent outside data handling (the API, a timer) is not a tick-to-order sample.
    kernel.risk.submit(makeStrategyOrder(kernel));
    s = await scrape(metrics);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'submitted' }), 3);
    assert.equal(value(s, 'bourse_tick_to_order_seconds_count'), 2);
  });

  it('reports account money equal to the portfolio, per account', async () => {
    const { kernel, metrics } = tradedBacktest();
    const [account] = kernel.portfolio.accounts();
    const s = await scrape(metrics);
    const labels = { account: 'SIM-001', currency: 'USD' };
    assert.equal(value(s, 'bourse_account_equity', labels), account.equity);
    assert.notEqual(account.equity, 100_000); // bought 10 at 101, marked at 104 (no commission)
    assert.equal(account.equity, 100_000 + 10 * (104 - 101));
    assert.equal(value(s, 'bourse_account_balance', labels), account.cashInBase);
    assert.equal(value(s, 'bourse_account_margin_used', labels), account.marginUsed);
    assert.equal(value(s, 'bourse_account_realized_pnl', labels), 0);
    assert.equal(value(s, 'bourse_account_unrealized_pnl', labels), kernel.portfolio.unrealizedPnl());
    assert.equal(kernel.portfolio.unrealizedPnl(), 30);
  });

  it('counts denied modifications and kill switch pulls, and follows the trading state', async () => {
    const { kernel, metrics, orders } = tradedBacktest();
    const denial = kernel.risk.modify(orders.limit, { quantity: 400 });
    assert.equal(denial?.code, 'MAX_ORDER_QUANTITY_EXCEEDED');
    let s = await scrape(metrics);
    assert.equal(value(s, 'bourse_risk_modify_denials_total'), 1);
    assert.equal(value(s, 'bourse_risk_denials_total', { code: 'MAX_ORDER_QUANTITY_EXCEEDED' }), 1);
    assert.equal(value(s, 'bourse_kill_switch_engagements_total'), 0);

    await kernel.killSwitch.engage({ actor: 'ops', source: 'test', reason: 'drill' });
    s = await scrape(metrics);
    assert.equal(value(s, 'bourse_kill_switch_engagements_total'), 1);
    assert.equal(value(s, 'bourse_risk_trading_state', { state: 'halted' }), 1);
    assert.equal(value(s, 'bourse_risk_trading_state', { state: 'active' }), 0);
    // The working limit order was canceled and a flattening order sent.
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'pending-cancel' }), 1);
    assert.equal(orders.limit.status, 'canceled');
    assert.equal(value(s, 'bourse_orders', { status: 'canceled' }), 1);
  });

  it('reports the session, connection, queues, clients and data lag from the source', async () => {
    const { metrics } = tradedBacktest();
    const s = await scrape(metrics);
    assert.equal(value(s, 'bourse_connected'), 1);
    assert.equal(value(s, 'bourse_session_state', { state: 'running' }), 1);
    assert.equal(value(s, 'bourse_session_state', { state: 'starting' }), 0);
    assert.equal(value(s, 'bourse_queue_depth', { queue: 'session-input' }), 3);
    assert.equal(value(s, 'bourse_queue_depth', { queue: 'ws-send' }), 7);
    assert.equal(value(s, 'bourse_websocket_clients'), 2);
    const lag = value(s, 'bourse_data_lag_seconds')!;
    assert.ok(lag >= 0 && lag < 5, `lag ${lag}`);
  });

  it('measures data lag as wall time since the last data point arrived', async () => {
    const h = makeHarness({ instruments: [STOCK], accountType: 'margin', startingCash: 10_000 });
    const metrics = new ServerMetrics({ processMetrics: false });
    metrics.attach(h.kernel, source({ connected: false, state: 'starting' }));
    at(h, STOCK, 100);
    await new Promise((resolve) => setTimeout(resolve, 60));
    let s = await scrape(metrics);
    const stale = value(s, 'bourse_data_lag_seconds')!;
    assert.ok(stale >= 0.05, `lag ${stale}`);
    assert.equal(value(s, 'bourse_connected'), 0);
    assert.equal(value(s, 'bourse_session_state', { state: 'starting' }), 1);
    at(h, STOCK, 101);
    s = await scrape(metrics);
    assert.ok(value(s, 'bourse_data_lag_seconds')! < stale);
  });

  it('recovers the tick-to-order scope after a data handler throws', async () => {
    const h = makeHarness({ instruments: [STOCK], accountType: 'margin', startingCash: 10_000 });
    const metrics = new ServerMetrics({ processMetrics: false });
    metrics.attach(h.kernel, source());
    at(h, STOCK, 100);
    const off = h.kernel.bus.subscribe('data.*', () => {
      throw new Error('strategy bug');
    });
    assert.throws(() => at(h, STOCK, 100), /strategy bug/);
    off();
    await Promise.resolve(); // the next microtask: the handling that threw is over
    h.kernel.risk.submit(makeOrder(STOCK, 'buy', 1));
    const s = await scrape(metrics);
    assert.equal(value(s, 'bourse_order_events_total', { kind: 'submitted' }), 1);
    assert.equal(value(s, 'bourse_tick_to_order_seconds_count'), 0);
  });

  it('records HTTP requests by method, route and status', async () => {
    const metrics = new ServerMetrics({ processMetrics: false });
    metrics.observeHttp('GET', '/api/orders', 200, 0.004);
    metrics.observeHttp('GET', '/api/orders', 200, 0.02);
    metrics.observeHttp('POST', '/api/orders', 422, 0.002);
    const s = await scrape(metrics);
    const get = { method: 'GET', route: '/api/orders', status: '200' };
    assert.equal(value(s, 'bourse_http_requests_total', get), 2);
    assert.equal(value(s, 'bourse_http_requests_total', { method: 'POST', status: '422' }), 1);
    assert.equal(value(s, 'bourse_http_request_duration_seconds_count', get), 2);
    assert.equal(value(s, 'bourse_http_request_duration_seconds_bucket', { ...get, le: '0.005' }), 1);
    assert.ok(Math.abs(value(s, 'bourse_http_request_duration_seconds_sum', get)! - 0.024) < 1e-12);
  });

  it('keeps counters across kernels and drops kernel gauges when detached', async () => {
    const { metrics } = tradedBacktest();
    const h = makeHarness({ instruments: [STOCK], accountType: 'cash', startingCash: 5_000 });
    const detach = metrics.attach(h.kernel, source()); // replaces the backtest kernel
    at(h, STOCK, 100);
    let s = await scrape(metrics);
    assert.equal(value(s, 'bourse_market_data_events_total', { kind: 'bar' }), 5);
    assert.equal(value(s, 'bourse_account_equity', { account: 'SIM-001' }), 5_000);
    detach();
    at(h, STOCK, 100); // no longer watched
    s = await scrape(metrics);
    assert.equal(value(s, 'bourse_market_data_events_total', { kind: 'bar' }), 5);
    assert.equal(value(s, 'bourse_account_equity', { account: 'SIM-001' }), undefined);
    assert.equal(value(s, 'bourse_orders', { status: 'filled' }), undefined);
    assert.equal(value(s, 'bourse_session_state', { state: 'running' }), undefined);
  });

  it('uses its own registry, a custom prefix and process metrics', async () => {
    const metrics = new ServerMetrics({ prefix: 'x_' });
    const text = await metrics.render();
    const types = declaredTypes(text);
    assert.equal(types.get('x_tick_to_order_seconds'), 'histogram');
    assert.equal(types.get('x_market_data_events_total'), 'counter');
    assert.ok(types.has('x_process_cpu_user_seconds_total'));
    assert.ok(!text.includes('bourse_'));
    assert.match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
    // Instances never touch prom-client's global registry (two servers, or tests, never collide).
    assert.ok(!(await register.metrics()).includes('x_tick_to_order'));
    assert.notEqual(metrics.registry, register);
  });
});

describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(
    readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
  );

  interface Panel {
    readonly title?: string;
    readonly type?: string;
    readonly datasource?: unknown;
    readonly targets?: readonly { expr?: string }[];
    readonly panels?: readonly Panel[];
  }
  const panels = (list: readonly Panel[]): Panel[] => list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
  const all = panels(dashboard.panels as Panel[]);
  const expressions = all.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));

  it('is a Grafana dashboard with a Prometheus datasource input', () => {
    assert.equal(typeof dashboard.title, 'string');
    assert.ok(dashboard.schemaVersion >= 36);
    assert.deepEqual(
      dashboard.__inputs.map((i: { name: string; pluginId: string }) => [i.name, i.pluginId]),
      [['DS_PROMETHEUS', 'prometheus']],
    );
    assert.ok(expressions.length >= 10);
    for (const panel of all.filter((p) => p.type !== 'row'))
      assert.deepEqual(panel.datasource, { type: 'prometheus', uid: `\${DS_PROMETHEUS}` }, panel.title);
  });

  it('references only metrics the registry exposes', async () => {
    const metrics = new ServerMetrics();
    const types = declaredTypes(await metrics.render());
    const exposed = new Set<string>();
    for (const [name, type] of types) {
      exposed.add(name);
      if (type === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) exposed.add(name + suffix);
    }
    const referenced = new Set(
      expressions.flatMap((e) => [...e.matchAll(/\bbourse_[a-z0-9_]+/g)].map((m) => m[0])),
    );
    assert.ok(referenced.size >= 15, `only ${referenced.size} metrics referenced`);
    const missing = [...referenced].filter((name) => !exposed.has(name));
    assert.deepEqual(missing, []);
    // And the main metrics each have a panel.
    for (const name of [
      'bourse_tick_to_order_seconds_bucket',
      'bourse_market_data_events_total',
      'bourse_orders',
      'bourse_risk_denials_total',
      'bourse_account_equity',
      'bourse_connected',
      'bourse_session_state',
      'bourse_queue_depth',
      'bourse_websocket_clients',
      'bourse_http_requests_total',
    ])
      assert.ok(referenced.has(name), `no panel uses ${name}`);
  });
});

let manualSequence = 0;
/** An order of the backtest's strategy 'T', as the API would send one outside data handling. */
function makeStrategyOrder(kernel: Kernel): Order {
  const order = makeOrder(STOCK, 'buy', 1, { clientOrderId: `API-${++manualSequence}`, strategyId: 'T' });
  assert.equal(kernel.cache.order(order.clientOrderId), undefined);
  return order;
}
