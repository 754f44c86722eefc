import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  backoffCapMs,
  IbConnection,
  type IbConnectionEvent,
  type IbConnectionOptions,
  seededRandom,
} from '../../../src/adapters/ib/client/index.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/sim/index.js';
import { startSim, until } from './helpers.js';

const BACKOFF = { baseMs: 40, maxMs: 160 };

interface Harness {
  readonly sim: IbGatewaySimulator;
  readonly conn: IbConnection;
  readonly events: IbConnectionEvent[];
  /** Calls of the registered fake re-subscribe function. */
  issued: number;
}

const open: Harness[] = [];

async function setup(options: Partial<IbConnectionOptions> = {}, accounts?: string[]): Promise<Harness> {
  const sim = await startSim(accounts ? { accounts } : {});
  const conn = new IbConnection({
    port: sim.port,
    clientId: 7,
    connectTimeoutMs: 300,
    heartbeatIntervalMs: 60_000,
    heartbeatTimeoutMs: 200,
    backoff: BACKOFF,
    random: seededRandom(42),
    ...options,
  });
  const h: Harness = { sim, conn, events: [], issued: 0 };
  conn.on((e) => h.events.push(e));
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.conn.close();
    await h.sim.stop();
  }
});

const of = <T extends IbConnectionEvent['type']>(h: Harness, type: T) =>
  h.events.filter((e): e is Extract<IbConnectionEvent, { type: T }> => e.type === type);

describe('IbConnection', () => {
  it('connects and is ready once accounts and the next valid id arrived', async () => {
    const h = await setup({}, ['DU111', 'DU222']);
    await h.conn.connect(2000);
    assert.equal(h.conn.state, 'ready');
    assert.deepEqual(h.conn.accounts, ['DU111', 'DU222']);
    assert.equal(h.conn.nextValidId, h.sim.nextOrderId);
    const ready = of(h, 'ready');
    assert.equal(ready.length, 1);
    assert.equal(ready[0].cause, 'connect');
    assert.equal(ready[0].serverVersion, 176);
    assert.deepEqual(
      h.events.map((e) => e.type),
      ['connecting', 'ready'],
    );
    assert.equal(h.sim.connectionInfo()[0].clientId, 7);
    await h.conn.close();
    assert.equal(h.conn.state, 'closed');
    await until(() => h.sim.connectionInfo().length === 0, 2000, 'the simulator to see the socket close');
  });

  it('detects a silent (stalled) gateway within the liveness timeout and reconnects after resume', async () => {
    const h = await setup({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 150 });
    await h.conn.connect(2000);
    const stalledAt = Date.now();
    h.sim.stall();
    await until(() => of(h, 'disconnected').length > 0, 2000, 'the zombie to be detected');
    const detectedMs = Date.now() - stalledAt;
    assert.match(of(h, 'disconnected')[0].reason, /reqCurrentTime within 150 ms/);
    // Detection is due at interval + timeout (250 ms); the bound leaves room for a loaded machine
    // while still proving the liveness check, not the OS's TCP timeout, found the dead socket.
    assert.ok(detectedMs < 1500, `detected after ${detectedMs} ms`);
    // While stalled the handshake gets no answer: attempts time out and back off.
    await until(() => of(h, 'reconnecting').length >= 2, 3000, 'failed attempts while stalled');
    assert.equal(h.conn.ready, false);
    h.sim.resume();
    await until(() => h.conn.sessions === 2, 3000, 'ready again');
    assert.equal(h.conn.state, 'ready');
    assert.equal(of(h, 'ready').at(-1)?.cause, 'reconnect');
  });

  it('reconnects after dropAll with seeded full-jitter backoff and re-issues subscriptions', async () => {
    const h = await setup();
    await h.conn.connect(2000);
    const sub = h.conn.subscribe('fake-quotes', () => {
      h.issued++;
    });
    await until(() => h.issued === 1, 1000, 'the first issue');
    const expected = seededRandom(42);
    for (let drop = 1; drop <= 3; drop++) {
      assert.equal(h.sim.dropAll(), 1);
      await until(() => h.conn.sessions === drop + 1, 3000, `reconnect ${drop}`);
      await until(() => h.issued === drop + 1, 1000, `re-issue ${drop}`);
      const r = of(h, 'reconnecting').at(-1);
      assert.ok(r);
      // Each drop is the first failed attempt after a ready: cap = base.
      assert.equal(r.attempt, 1);
      assert.ok(r.delayMs >= 0 && r.delayMs < backoffCapMs(1, BACKOFF));
      assert.equal(r.delayMs, Math.floor(expected() * BACKOFF.baseMs), 'follows the seeded jitter');
    }
    assert.equal(of(h, 'resubscribed').at(-1)?.count, 1);
    sub.cancel();
    h.sim.dropAll();
    await until(() => h.conn.sessions === 5, 3000, 'reconnect after cancel');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.issued, 4, 'a cancelled subscription is not re-issued');
  });

  it('survives the nightly reset: refused for a while, backing off, then ready again', async () => {
    const h = await setup();
    await h.conn.connect(2000);
    const reset = h.sim.nightlyReset(500);
    await until(() => h.sim.refusing, 1000, 'the reset window');
    await until(() => h.conn.sessions === 2, 5000, 'ready after the reset');
    await reset;
    const attempts = of(h, 'reconnecting');
    assert.ok(attempts.length >= 3, `${attempts.length} attempts`);
    attempts.forEach((a, i) => {
      assert.equal(a.attempt, i + 1, 'consecutive failures count up');
      assert.ok(
        a.delayMs < backoffCapMs(a.attempt, BACKOFF),
        `delay ${a.delayMs} within cap of ${a.attempt}`,
      );
    });
    assert.ok(
      of(h, 'disconnected').some((d) => /ECONNREFUSED/.test(d.reason)),
      'connection refused during the window',
    );
    assert.equal(h.conn.state, 'ready');
  });

  it('handles 1100/1101/1102/2110: state transitions, re-subscription only on 1101', async () => {
    const h = await setup();
    await h.conn.connect(2000);
    h.conn.subscribe('fake-depth', () => {
      h.issued++;
    });
    await until(() => h.issued === 1, 1000, 'the first issue');
    const states: string[] = [];
    h.conn.on((e) => {
      if (e.type === 'ready' || e.type === 'disconnected')
        states.push(`${e.type}:${'cause' in e ? e.cause : e.code}`);
    });

    h.sim.sendError(1100);
    await until(() => h.conn.state === 'disconnected', 1000, '1100');
    assert.equal(h.conn.api !== undefined, true, 'the socket stays open');
    h.sim.sendError(1102);
    await until(() => h.conn.state === 'ready', 1000, '1102');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.issued, 1, 'no re-subscription on 1102');

    h.sim.sendError(1100);
    await until(() => h.conn.state === 'disconnected', 1000, '1100 again');
    h.sim.sendError(1101);
    await until(() => h.issued === 2, 1000, 're-subscription on 1101');
    assert.equal(h.conn.state, 'ready');

    h.sim.sendError(2110);
    await until(() => h.conn.state === 'disconnected', 1000, '2110');
    h.sim.sendError(1102);
    await until(() => h.conn.state === 'ready', 1000, '1102 after 2110');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.issued, 2);
    assert.deepEqual(states, [
      'disconnected:1100',
      'ready:restored-data-kept',
      'disconnected:1100',
      'ready:restored-data-lost',
      'disconnected:2110',
      'ready:restored-data-kept',
    ]);
    assert.equal(h.conn.sessions, 1, 'no socket reconnect for connectivity codes');
    assert.deepEqual(
      of(h, 'connectivity').map((e) => e.code),
      [1100, 1102, 1100, 1101, 2110, 1102],
    );
  });

  it('gives up after maxAttempts when nothing listens', async () => {
    const h = await setup({ maxAttempts: 3 });
    const port = h.sim.port;
    await h.sim.stop();
    const conn = new IbConnection({ port, backoff: BACKOFF, random: seededRandom(1), maxAttempts: 3 });
    const events: IbConnectionEvent[] = [];
    conn.on((e) => events.push(e));
    await assert.rejects(conn.connect(), { code: 'IB_NOT_CONNECTED' });
    assert.equal(conn.state, 'failed');
    assert.equal(events.filter((e) => e.type === 'connecting').length, 3);
    assert.equal(events.at(-1)?.type, 'gave-up');
    await conn.close();
  });
});
