/**
 * Prometheus metrics of the Bourse server: a prom-client Registry of its own (never the global
 * one) with the kernel's activity (market data, orders, risk, accounts), the session and the
 * server's HTTP traffic. Hot-path counting is done by KernelWatch (metrics-watch.ts) as plain
 * numbers; counters get the difference at each scrape and gauges are computed then.
 * docs/operations.md lists every metric.
 */
import { performance } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Kernel } from '../kernel/kernel.js';
import type { Account } from '../model/account.js';
import { ORDER_EVENT_KINDS } from '../model/order-events.js';
import { ORDER_STATUSES, type OrderStatus } from '../model/order-state.js';
import type { TradingState } from '../risk/engine.js';
import type { SessionState } from './api-types.js';
import { DATA_KINDS, KernelWatch, type MetricsSource } from './metrics-watch.js';

export { DATA_KINDS, type MetricsSource } from './metrics-watch.js';

export interface ServerMetricsOptions {
  /** Prefix of every metric name (default `bourse_`); process metrics (`process_*`, `nodejs_*`) get it too. */
  readonly prefix?: string;
  /** Node.js process metrics (CPU, memory, event loop, GC); default true. */
  readonly processMetrics?: boolean;
}

/** Tick-to-order buckets, seconds: 10 µs to 1 s. */
export const TICK_TO_ORDER_BUCKETS: readonly number[] = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
  0.5, 1,
];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const TRADING_STATES: readonly TradingState[] = ['active', 'reducing', 'halted'];
const SESSION_STATES: readonly SessionState[] = ['starting', 'running', 'ended', 'stopped', 'failed'];
const ACCOUNT_LABELS = ['account', 'currency'] as const;

type Inc = { inc(value?: number): void };

export class ServerMetrics {
  readonly registry = new Registry();
  private watch: KernelWatch | undefined;

  private readonly dataEvents: Inc[];
  private readonly busMessages: Counter;
  private readonly orderEvents: Inc[];
  private readonly denials: Counter<'code'>;
  private readonly denialChildren = new Map<string, Inc>();
  private readonly modifyDenials: Counter;
  private readonly killSwitchPulls: Counter;
  private readonly tickToOrder: Histogram;
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(options: ServerMetricsOptions = {}) {
    const prefix = options.prefix ?? 'bourse_';
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix });
    const flush = () => this.flush();

    const dataEvents = new Counter({
      name: `${prefix}market_data_events_total`,
      help: 'Market data points handled by the kernel, by kind.',
      labelNames: ['kind'],
      registers,
      collect: flush,
    });
    this.dataEvents = DATA_KINDS.map((kind) => zeroed(dataEvents.labels(kind)));
    this.busMessages = new Counter({
      name: `${prefix}bus_messages_published_total`,
      help: 'Messages published on the kernel message bus.',
      registers,
      collect: flush,
    });
    const orderEvents = new Counter({
      name: `${prefix}order_events_total`,
      help: 'Order events published to strategies, by kind.',
      labelNames: ['kind'],
      registers,
      collect: flush,
    });
    this.orderEvents = ORDER_EVENT_KINDS.map((kind) => zeroed(orderEvents.labels(kind)));
    this.denials = new Counter({
      name: `${prefix}risk_denials_total`,
      help: 'Orders denied by the risk engine, by reason code.',
      labelNames: ['code'],
      registers,
      collect: flush,
    });
    this.modifyDenials = new Counter({
      name: `${prefix}risk_modify_denials_total`,
      help: 'Order modifications denied by the risk engine (no reason code is published for them).',
      registers,
      collect: flush,
    });
    this.killSwitchPulls = new Counter({
      name: `${prefix}kill_switch_engagements_total`,
      help: 'Times the kill switch was pulled.',
      registers,
      collect: flush,
    });
    this.tickToOrder = new Histogram({
      name: `${prefix}tick_to_order_seconds`,
      help: 'Wall time from the kernel receiving a data point to an order submitted while handling it.',
      buckets: [...TICK_TO_ORDER_BUCKETS],
      registers,
    });
    this.httpRequests = new Counter({
      name: `${prefix}http_requests_total`,
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'HTTP request duration, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });

    this.watchedGauge(`${prefix}orders`, 'Orders in the cache by current status.', ['status'], (g, w) => {
      const counts = new Map<OrderStatus, number>(ORDER_STATUSES.map((s) => [s, 0]));
      for (const order of w.kernel.cache.orders())
        counts.set(order.status, (counts.get(order.status) ?? 0) + 1);
      for (const [status, n] of counts) g.set({ status }, n);
    });
    this.watchedGauge(
      `${prefix}risk_trading_state`,
      'Trading state of the risk engine: 1 for the current state, 0 for the others.',
      ['state'],
      (g, w) => {
        const current = w.kernel.risk.tradingState;
        for (const state of TRADING_STATES) g.set({ state }, state === current ? 1 : 0);
      },
    );
    const accountGauge = (name: string, help: string, read: (account: Account, kernel: Kernel) => number) =>
      this.watchedGauge(`${prefix}account_${name}`, help, ACCOUNT_LABELS, (g, w) => {
        g.reset();
        for (const account of w.kernel.portfolio.accounts())
          g.set({ account: account.id, currency: account.currency.code }, read(account, w.kernel));
      });
    accountGauge('equity', 'Account equity (net liquidation value), account currency.', (a) => a.equity);
    accountGauge(
      'balance',
      'Account cash (every currency converted), account currency.',
      (a) => a.cashInBase,
    );
    accountGauge(
      'margin_used',
      'Initial margin blocked by open positions, account currency.',
      (a) => a.marginUsed,
    );
    accountGauge('realized_pnl', 'Realised P&L of the account positions, account currency.', (a, k) =>
      k.portfolio.realizedPnl({ accountId: a.id }),
    );
    accountGauge('unrealized_pnl', 'Unrealised P&L of the open positions, account currency.', (a, k) =>
      k.portfolio.unrealizedPnl({ accountId: a.id }),
    );
    this.watchedGauge(`${prefix}positions_open`, 'Instruments with an open net position.', [], (g, w) => {
      let open = 0;
      for (const position of w.kernel.cache.positions()) if (!position.isFlat) open++;
      g.set(open);
    });
    this.watchedGauge(`${prefix}connected`, 'Market data and venue connected: 1, else 0.', [], (g, w) => {
      g.set(w.source.status().connected ? 1 : 0);
    });
    this.watchedGauge(
      `${prefix}session_state`,
      'State of the hosted session: 1 for the current state, 0 for the others.',
      ['state'],
      (g, w) => {
        const current = w.source.status().state;
        for (const state of SESSION_STATES) g.set({ state }, state === current ? 1 : 0);
      },
    );
    this.watchedGauge(
      `${prefix}data_lag_seconds`,
      'Wall time since the last data point arrived (since watching began, before the first).',
      [],
      (g, w) => g.set((performance.now() - (w.lastArrival ?? w.attachedAt)) / 1000),
    );
    this.watchedGauge(
      `${prefix}queue_depth`,
      'Items waiting in a server queue, by queue.',
      ['queue'],
      (g, w) => {
        g.reset();
        for (const [queue, depth] of Object.entries(w.source.queueDepths())) g.set({ queue }, depth);
      },
    );
    this.watchedGauge(`${prefix}websocket_clients`, 'Connected WebSocket clients.', [], (g, w) => {
      g.set(w.source.websocketClients());
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Watches a kernel (and the server's view of its session); returns a function that stops
   * watching. Watching another kernel stops watching the previous one; counters carry on.
   */
  attach(kernel: Kernel, source: MetricsSource): () => void {
    this.detach();
    const watch = new KernelWatch(kernel, source, (seconds) => this.tickToOrder.observe(seconds));
    this.watch = watch;
    return () => {
      if (this.watch === watch) this.detach();
    };
  }

  /** One answered HTTP request: `route` is the route pattern (`/api/orders/:id`), never the raw URL. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  /** The exposition text (`contentType` says which format). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private detach(): void {
    const watch = this.watch;
    if (watch === undefined) return;
    this.flush();
    watch.dispose();
    this.watch = undefined;
  }

  /** Adds what the watch counted since the last flush to the counters (idempotent). */
  private flush(): void {
    const w = this.watch;
    if (w === undefined) return;
    addDeltas(w.dataEvents, w.flushedData, this.dataEvents);
    addDeltas(w.orderEvents, w.flushedOrders, this.orderEvents);
    for (const [code, count] of w.denials) {
      const delta = count - (w.flushedDenials.get(code) ?? 0);
      if (delta <= 0) continue;
      let child = this.denialChildren.get(code);
      if (child === undefined) {
        child = this.denials.labels(code);
        this.denialChildren.set(code, child);
      }
      child.inc(delta);
      w.flushedDenials.set(code, count);
    }
    const modify = w.modifyDenials;
    if (modify > w.flushedModifyDenials) this.modifyDenials.inc(modify - w.flushedModifyDenials);
    w.flushedModifyDenials = Math.max(modify, w.flushedModifyDenials);
    if (w.killSwitchPulls > w.flushedKillSwitchPulls)
      this.killSwitchPulls.inc(w.killSwitchPulls - w.flushedKillSwitchPulls);
    w.flushedKillSwitchPulls = w.killSwitchPulls;
    const published = w.kernel.bus.publishedCount;
    if (published > w.flushedBusMessages) this.busMessages.inc(published - w.flushedBusMessages);
    w.flushedBusMessages = published;
  }

  /** A gauge set at scrape from the watched kernel and source; without one it has no samples. */
  private watchedGauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    update: (gauge: Gauge<L>, watch: KernelWatch) => void,
  ): void {
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect: () => {
        const watch = this.watch;
        if (watch === undefined) gauge.reset();
        else update(gauge, watch);
      },
    });
  }
}

/** A pre-bound counter child, exposed (at 0) from the start. */
function zeroed(child: Inc): Inc {
  child.inc(0);
  return child;
}

function addDeltas(counts: Float64Array, flushed: Float64Array, children: readonly Inc[]): void {
  for (let i = 0; i < counts.length; i++) {
    const delta = counts[i] - flushed[i];
    if (delta > 0) {
      children[i].inc(delta);
      flushed[i] = counts[i];
    }
  }
}
