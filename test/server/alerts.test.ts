import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { BarType, bar } from '../../src/model/data.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import type { RiskConfig } from '../../src/risk/engine.js';
import {
  AlertEngine,
  type AlertEngineOptions,
  type AlertRulesConfig,
  alertPayload,
  alertRulesSchema,
  formatMoney,
} from '../../src/server/alerts.js';
import type { AlertView, SessionState } from '../../src/server/api-types.js';
import { bookFill, type Harness, makeHarness, makeOrder } from '../support/kernel-harness.js';
import { STOCK } from '../support/scripted-backtest.js';

/** The server's view of the session, changed by the tests. */
class Status {
  state: SessionState = 'running';
  connected = true;
  dataTime: number | null = null;
  status() {
    return { state: this.state, connected: this.connected, dataTime: this.dataTime };
  }
}

class Log {
  readonly lines: string[] = [];
  warn(message: string): void {
    this.lines.push(message);
  }
}

interface Setup {
  readonly h: Harness;
  readonly status: Status;
  readonly engine: AlertEngine;
  readonly log: Log;
  readonly seen: AlertView[];
  /** Wall clock of the engine (ms). */
  readonly clock: { now: number };
}

function setup(
  rules: AlertRulesConfig,
  options: Partial<AlertEngineOptions> & { risk?: RiskConfig } = {},
): Setup {
  const h = makeHarness({
    instruments: [STOCK],
    accountType: 'margin',
    startingCash: 100_000,
    risk: options.risk,
  });
  const status = new Status();
  const log = new Log();
  const seen: AlertView[] = [];
  const clock = { now: 0 };
  const engine = new AlertEngine({
    rules,
    log,
    now: () => clock.now,
    onAlert: (alert) => seen.push(alert),
    ...options,
  });
  engine.attach(h.kernel, status);
  return { h, status, engine, log, seen, clock };
}

/** A flat one-minute bar at `price` through the kernel, as a session hands it data. */
function mark(h: Harness, price: number): void {
  const ts = h.clock.now() + MICROS_PER_MINUTE;
  h.clock.setTime(ts);
  h.kernel.handleData(bar(BarType.of(STOCK.id, 1, 'minute'), price, price, price, price, 100, ts));
}

const brief = (alerts: readonly AlertView[]) => alerts.map((a) => `${a.id} ${a.state}: ${a.message}`);

describe('AlertEngine rules', () => {
  it('daily loss: fires below −limit and resolves above it (own loss watcher without risk limits)', () => {
    const { h, engine, seen } = setup({ dailyLoss: { limit: 1_000 } });
    assert.equal(h.kernel.risk.losses.enabled, false);
    mark(h, 100);
    assert.deepEqual(engine.evaluate(0), []); // the trading day starts at equity 100,000
    bookFill(h, STOCK, 'buy', 100, 100, 0);
    mark(h, 87.655);
    const fired = engine.evaluate(1_000);
    assert.deepEqual(brief(fired), [
      'daily-loss firing: daily P&L −1,234.50 USD on SIM-001 is below the −1,000.00 USD limit',
    ]);
    assert.equal(fired[0].severity, 'critical');
    assert.equal(fired[0].rule, 'daily-loss');
    assert.equal(fired[0].ts, 1_000_000);
    assert.deepEqual(engine.active, fired);
    assert.deepEqual(engine.evaluate(2_000), []); // still firing: no new transition
    mark(h, 95);
    assert.deepEqual(brief(engine.evaluate(3_000)), [
      'daily-loss resolved: daily P&L −500.00 USD on SIM-001 is back above the −1,000.00 USD limit',
    ]);
    assert.deepEqual(engine.active, []);
    assert.deepEqual(
      seen.map((a) => a.state),
      ['firing', 'resolved'],
    );
  });

  it("daily loss: reads the risk engine's daily P&L when it watches losses", () => {
    const { h, engine } = setup({ dailyLoss: { limit: 1_000 } }, { risk: { maxDailyLoss: 5_000 } });
    assert.equal(h.kernel.risk.losses.enabled, true);
    mark(h, 100);
    bookFill(h, STOCK, 'buy', 100, 100, 0);
    mark(h, 80); // checked by the kernel's margin monitor: −2,000
    assert.equal(h.kernel.risk.losses.dailyLoss(h.account), 2_000);
    assert.deepEqual(brief(engine.evaluate(0)), [
      'daily-loss firing: daily P&L −2,000.00 USD on SIM-001 is below the −1,000.00 USD limit',
    ]);
    assert.equal(h.kernel.risk.tradingState, 'active'); // the alert never touches the risk state
    mark(h, 100);
    assert.deepEqual(brief(engine.evaluate(1_000)), [
      'daily-loss resolved: daily P&L 0.00 USD on SIM-001 is back above the −1,000.00 USD limit',
    ]);
  });

  it('disconnected: fires after afterSeconds of a starting or running session disconnected', () => {
    const { engine, status } = setup({ disconnected: { afterSeconds: 30 } });
    assert.deepEqual(engine.evaluate(0), []);
    status.connected = false;
    assert.deepEqual(engine.evaluate(10_000), []); // first seen disconnected
    assert.deepEqual(engine.evaluate(40_000), []); // 30 s: not longer than 30 s
    assert.deepEqual(brief(engine.evaluate(41_000)), [
      'disconnected firing: disconnected for 31 s (limit 30 s)',
    ]);
    status.connected = true;
    assert.deepEqual(brief(engine.evaluate(105_000)), [
      'disconnected resolved: connected again after 1 min 35 s',
    ]);
    // A stopped session is not connected, and that is no alert.
    status.connected = false;
    status.state = 'stopped';
    assert.deepEqual(engine.evaluate(200_000), []);
    assert.deepEqual(engine.evaluate(900_000), []);
    status.state = 'starting';
    engine.evaluate(901_000);
    assert.deepEqual(brief(engine.evaluate(940_000)), [
      'disconnected firing: disconnected for 39 s (limit 30 s)',
    ]);
    status.state = 'failed';
    assert.deepEqual(brief(engine.evaluate(941_000)), ['disconnected resolved: session failed after 40 s']);
  });

  it('denial spike: fires on more than count denials within the window, resolves as they age out', () => {
    const { h, engine } = setup(
      { denialSpike: { count: 2, windowSeconds: 60 } },
      { risk: { maxOrderQuantity: 10 } },
    );
    mark(h, 100);
    assert.deepEqual(engine.evaluate(0), []);
    for (let i = 0; i < 2; i++) h.kernel.risk.submit(makeOrder(STOCK, 'buy', 50));
    assert.deepEqual(engine.evaluate(1_000), []); // 2: not more than 2
    h.kernel.risk.submit(makeOrder(STOCK, 'buy', 50));
    assert.equal(h.kernel.risk.deniedCount, 3);
    assert.deepEqual(brief(engine.evaluate(30_000)), [
      'denial-spike firing: 3 risk denials in the last 1 min (more than 2); latest MAX_ORDER_QUANTITY_EXCEEDED',
    ]);
    assert.equal(engine.active[0].severity, 'warning');
    assert.deepEqual(engine.evaluate(60_999), []); // the first two still count until 61 s
    assert.deepEqual(brief(engine.evaluate(61_000)), [
      'denial-spike resolved: risk denials back to 1 in the last 1 min (limit 2)',
    ]);
    // Denied modifications count too (the risk engine publishes no event for them).
    const working = makeOrder(STOCK, 'buy', 5, { price: 90 });
    h.kernel.risk.submit(working);
    assert.equal(working.status, 'accepted');
    for (const quantity of [20, 30]) assert.ok(h.kernel.risk.modify(working, { quantity }));
    assert.deepEqual(brief(engine.evaluate(62_000)), [
      'denial-spike firing: 3 risk denials in the last 1 min (more than 2); latest MAX_ORDER_QUANTITY_EXCEEDED',
    ]);
  });

  it('stale data: fires when a running session gets no data for afterSeconds, resolves on data', () => {
    const { h, engine, status } = setup({ staleData: { afterSeconds: 30 } });
    status.state = 'starting';
    assert.deepEqual(engine.evaluate(0), []);
    status.state = 'running';
    assert.deepEqual(engine.evaluate(5_000), []); // running from 5 s, no data yet
    assert.deepEqual(brief(engine.evaluate(36_000)), [
      'stale-data firing: no market data for 31 s (limit 30 s; last data point: none yet)',
    ]);
    mark(h, 100);
    status.dataTime = h.clock.now();
    const last = new Date(h.clock.now() / 1000).toISOString();
    assert.deepEqual(brief(engine.evaluate(37_000)), [
      `stale-data resolved: market data arriving again (last data point: ${last})`,
    ]);
    assert.deepEqual(engine.evaluate(67_000), []); // 30 s since the arrival seen at 37 s
    assert.deepEqual(brief(engine.evaluate(67_500)), [
      `stale-data firing: no market data for 30.5 s (limit 30 s; last data point: ${last})`,
    ]);
    status.state = 'ended'; // an ended replay is not stale
    assert.deepEqual(brief(engine.evaluate(68_000)), ['stale-data resolved: session ended']);
    assert.deepEqual(engine.evaluate(500_000), []);
  });

  it('evaluates on a timer after start()', async () => {
    const status = new Status();
    const h = makeHarness({ instruments: [STOCK], accountType: 'margin', startingCash: 1_000 });
    let fired: (alert: AlertView) => void = () => {};
    const firing = new Promise<AlertView>((resolve) => {
      fired = resolve;
    });
    const engine = new AlertEngine({
      rules: { disconnected: { afterSeconds: 0.01 } },
      intervalMs: 5,
      onAlert: fired,
    });
    engine.attach(h.kernel, status);
    status.connected = false;
    engine.start();
    // The engine's timer does not keep the process alive (a server's sockets do): this one does.
    const keepAlive = setTimeout(() => assert.fail('no alert within 5 s'), 5_000);
    const alert = await firing;
    clearTimeout(keepAlive);
    await engine.stop();
    assert.equal(alert.id, 'disconnected');
    assert.equal(alert.state, 'firing');
    assert.ok(Math.abs(alert.ts / 1000 - Date.now()) < 5_000);
  });

  it('logs an onAlert that throws instead of raising it, and stops evaluating when detached', () => {
    const status = new Status();
    const log = new Log();
    const h = makeHarness({ instruments: [STOCK], accountType: 'margin', startingCash: 1_000 });
    const engine = new AlertEngine({
      rules: { disconnected: { afterSeconds: 1 } },
      log,
      onAlert: () => {
        throw new Error('stream closed');
      },
    });
    const detach = engine.attach(h.kernel, status);
    status.connected = false;
    engine.evaluate(0);
    assert.equal(engine.evaluate(2_000).length, 1);
    assert.deepEqual(log.lines, ['alert disconnected (firing): onAlert failed: stream closed']);
    detach();
    status.connected = true;
    assert.deepEqual(engine.evaluate(3_000), []);
    assert.equal(engine.active.length, 1);
  });
});

describe('alert rules config', () => {
  const fails = (rules: unknown, path: string, message: RegExp, webhookUrl?: string) => {
    assert.throws(
      () => new AlertEngine({ rules: rules as AlertRulesConfig, webhookUrl, log: new Log() }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.equal(error.path, path);
        assert.ok(error.message.startsWith(`${path}: `), error.message);
        assert.match(error.message, message);
        return true;
      },
    );
  };

  it('names the wrong field', () => {
    fails(
      { dailyLoss: { limit: -5 } },
      'server.alerts.rules.dailyLoss.limit',
      /limit .* must be greater than 0/,
    );
    fails({ dailyLoss: { limit: '1000' } }, 'server.alerts.rules.dailyLoss.limit', /must be a number/);
    fails({ denialSpike: { count: 3 } }, 'server.alerts.rules.denialSpike.windowSeconds', /must be a number/);
    fails(
      { denialSpike: { count: 2.5, windowSeconds: 60 } },
      'server.alerts.rules.denialSpike.count',
      /whole/,
    );
    fails(
      { staleData: { afterSecs: 5 } },
      'server.alerts.rules.staleData.afterSecs',
      /unknown key \(staleData takes afterSeconds\)/,
    );
    fails(
      { dailyLos: { limit: 5 } },
      'server.alerts.rules.dailyLos',
      /unknown rule \(the rules are dailyLoss, disconnected/,
    );
    fails(
      { disconnected: { afterSeconds: 0 } },
      'server.alerts.rules.disconnected.afterSeconds',
      /greater than 0/,
    );
    fails({}, 'server.alerts.webhook', /not a URL/, 'hooks.example.com/x');
    fails({}, 'server.alerts.webhook', /http or https/, 'ftp://hooks.example.com/x');
  });

  it('accepts every rule, or none', () => {
    const rules = {
      dailyLoss: { limit: 1_000 },
      disconnected: { afterSeconds: 30 },
      denialSpike: { count: 5, windowSeconds: 60 },
      staleData: { afterSeconds: 120 },
    };
    assert.deepEqual(alertRulesSchema.parse(rules), rules);
    assert.deepEqual(alertRulesSchema.parse({}), {});
  });

  it('formats money with a minus sign, separators and the currency decimals', () => {
    assert.equal(formatMoney(-1234.5, 2, 'USD'), '−1,234.50 USD');
    assert.equal(formatMoney(1_000_000, 0, 'JPY'), '1,000,000 JPY');
    assert.equal(formatMoney(-0.001, 2, 'EUR'), '0.00 EUR');
  });
});

/** A local webhook receiver answering each request with the next status of `statuses` (then 200). */
class Receiver {
  readonly bodies: unknown[] = [];
  readonly headers: IncomingMessage['headers'][] = [];
  private readonly server: Server;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly statuses: number[] = [],
    private readonly hang = false,
  ) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/bourse`;
  }

  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void> {
    if (this.bodies.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      assert.equal(req.method, 'POST');
      assert.equal(req.url, '/hooks/bourse');
      this.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      this.headers.push(req.headers);
      for (const waiter of this.waiters.filter((w) => this.bodies.length >= w.count)) waiter.resolve();
      this.waiters = this.waiters.filter((w) => this.bodies.length < w.count);
      if (this.hang) return;
      res.statusCode = this.statuses.shift() ?? 200;
      res.end('ok');
    });
  }
}

describe('AlertEngine webhook', () => {
  const receivers: Receiver[] = [];
  after(() => Promise.all(receivers.map((r) => r.close())));
  const receiver = (statuses: number[] = [], hang = false) => {
    const r = new Receiver(statuses, hang);
    receivers.push(r);
    return r;
  };
  const fast = { initialDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 };

  /** A disconnected rule that fires at the second evaluation. */
  const fire = (s: Setup): AlertView[] => {
    s.status.connected = false;
    s.engine.evaluate(0);
    return s.engine.evaluate(2_000);
  };

  it('POSTs each transition as JSON', async () => {
    const r = receiver();
    const url = await r.listen();
    const s = setup({ disconnected: { afterSeconds: 1 } }, { webhookUrl: url, webhookRetry: fast });
    const [firing] = fire(s);
    await r.received(1);
    s.status.connected = true;
    const [resolved] = s.engine.evaluate(3_000);
    await s.engine.stop();
    assert.deepEqual(r.bodies, [
      {
        id: 'disconnected',
        rule: 'disconnected',
        severity: 'critical',
        state: 'firing',
        message: 'disconnected for 2 s (limit 1 s)',
        ts: 2_000_000,
        text: '[FIRING] disconnected (critical): disconnected for 2 s (limit 1 s)',
      },
      alertPayload(resolved),
    ]);
    assert.deepEqual(r.bodies[0], alertPayload(firing));
    assert.equal(r.headers[0]['content-type'], 'application/json');
    assert.deepEqual(s.log.lines, []);
  });

  it('retries after a 500 with backoff, and keeps firing and resolved in order', async () => {
    const r = receiver([500, 503]);
    const url = await r.listen();
    const s = setup({ disconnected: { afterSeconds: 1 } }, { webhookUrl: url, webhookRetry: fast });
    fire(s);
    s.status.connected = true;
    assert.equal(s.engine.evaluate(3_000).length, 1); // resolved before firing got through
    await s.engine.stop();
    assert.deepEqual(
      r.bodies.map((b) => (b as AlertView).state),
      ['firing', 'firing', 'firing', 'resolved'],
    );
    assert.deepEqual(s.log.lines, [
      'alert disconnected (firing): webhook attempt 1/5 failed (HTTP 500); retry in 5 ms',
      'alert disconnected (firing): webhook attempt 2/5 failed (HTTP 503); retry in 10 ms',
    ]);
  });

  it('does not retry a 4xx answer', async () => {
    const r = receiver([400]);
    const url = await r.listen();
    const s = setup({ disconnected: { afterSeconds: 1 } }, { webhookUrl: url, webhookRetry: fast });
    fire(s);
    await s.engine.stop();
    assert.equal(r.bodies.length, 1);
    assert.deepEqual(s.log.lines, ['alert disconnected (firing): webhook answered HTTP 400; not retried']);
  });

  it('survives a dead webhook: evaluation goes on, the failure is logged', async () => {
    const r = receiver();
    const url = await r.listen();
    await r.close(); // nothing listens on that port any more
    const s = setup(
      { disconnected: { afterSeconds: 1 } },
      { webhookUrl: url, webhookRetry: { ...fast, attempts: 3 } },
    );
    const transitions = fire(s); // returns at once, the delivery runs on its own
    assert.equal(transitions.length, 1);
    assert.deepEqual(s.seen, transitions);
    await s.engine.stop();
    assert.equal(s.log.lines.length, 3);
    assert.match(
      s.log.lines[0],
      /^alert disconnected \(firing\): webhook attempt 1\/3 failed \(fetch failed/,
    );
    assert.match(
      s.log.lines[2],
      /webhook delivery failed after 3 attempt\(s\): fetch failed \(ECONNREFUSED\)$/,
    );
  });

  it('stop() waits for deliveries only up to its bound, then abandons them', async () => {
    const r = receiver([], true); // takes the request, never answers
    const url = await r.listen();
    const s = setup(
      { disconnected: { afterSeconds: 1 } },
      { webhookUrl: url, webhookRetry: { timeoutMs: 60_000 }, stopTimeoutMs: 50 },
    );
    fire(s);
    await r.received(1);
    const started = Date.now();
    await s.engine.stop();
    assert.ok(Date.now() - started < 2_000, `stop took ${Date.now() - started} ms`);
    assert.deepEqual(s.log.lines, ['alert disconnected (firing): webhook delivery abandoned at shutdown']);
    // Stopped: transitions still reach onAlert; the webhook is skipped (and says so).
    s.status.connected = true;
    assert.equal(s.engine.evaluate(5_000).length, 1);
    assert.equal(s.seen.length, 2);
    assert.equal(
      s.log.lines[1],
      'alert disconnected (resolved) not sent to the webhook: alerting is stopped',
    );
  });
});
