import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EventName } from '@stoqey/ib';
import { type IbGatewaySimulator, SimulatorControlApi } from '../../../src/adapters/ib/index.js';
import { type ConnectedClient, connectClient, once, startSim, until } from './helpers.js';

/** Resolves true when a TCP connect is refused, false when it is accepted. */
function isRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

describe('fault injection', () => {
  let sim: IbGatewaySimulator;
  let clients: ConnectedClient[];

  beforeEach(async () => {
    sim = await startSim();
    clients = [];
  });

  afterEach(async () => {
    for (const c of clients) c.ib.disconnect();
    await sim.stop();
  });

  async function client(clientId: number): Promise<ConnectedClient> {
    const c = await connectClient(sim.port, clientId);
    clients.push(c);
    return c;
  }

  it('drop: every client sees a disconnect', async () => {
    const a = await client(1);
    const b = await client(2);
    const gone = Promise.all([once(a.ib, EventName.disconnected), once(b.ib, EventName.disconnected)]);
    assert.equal(sim.dropAll(), 2);
    await gone;
    assert.equal(a.ib.isConnected, false);
    await until(() => sim.connectionInfo().length === 0, 2000, 'no connections');
  });

  it('stall: the socket stays open but reqCurrentTime is not answered; resume answers again', async () => {
    const a = await client(1);
    sim.stall();
    const noAnswer = once(a.ib, EventName.currentTime, 300);
    a.ib.reqCurrentTime();
    await assert.rejects(noAnswer, /timed out after 300 ms/);
    assert.equal(a.ib.isConnected, true, 'a zombie socket looks connected');
    sim.resume();
    const answer = once<[number]>(a.ib, EventName.currentTime);
    a.ib.reqCurrentTime();
    assert.equal((await answer)[0], 1_755_268_200);
  });

  it('error codes: 1100/1101/1102/2110 reach the client as it reports them', async () => {
    const a = await client(1);
    await until(() => a.infos.length >= 3, 2000, 'farm notices');
    const before = a.infos.length;
    for (const code of [1100, 1101, 1102, 2110]) assert.equal(sim.sendError(code), 1);
    await until(() => a.infos.length >= before + 4, 2000, 'connectivity notices');
    assert.deepEqual(
      a.infos.slice(before).map((i) => i.code),
      [1100, 1101, 1102, 2110],
    );
    assert.match(a.infos[before].message, /Connectivity between IB and Trader Workstation has been lost/);
    // With a request id the client reports an `error` instead of `info`.
    const error = once<[Error, number, number]>(a.ib, EventName.error);
    sim.sendError(162, { reqId: 5, message: 'Historical Market Data Service error message:pacing' });
    const [e, code, reqId] = await error;
    assert.deepEqual(
      [e.message, code, reqId],
      ['Historical Market Data Service error message:pacing', 162, 5],
    );
  });

  it('nightly reset: disconnect, refused during the window, reconnect works after', async () => {
    const a = await client(1);
    const disconnected = once(a.ib, EventName.disconnected);
    const reset = sim.nightlyReset(400);
    await disconnected;
    assert.equal(sim.refusing, true);
    assert.equal(await isRefused(sim.port), true, 'connections are refused during the reset');
    await reset;
    assert.equal(sim.refusing, false);
    const again = await client(1);
    assert.equal(again.nextValidId, 1);
    const time = once<[number]>(again.ib, EventName.currentTime);
    again.ib.reqCurrentTime();
    assert.equal((await time)[0], 1_755_268_200);
  });

  it('stop during a nightly reset ends it without hanging', async () => {
    const reset = sim.nightlyReset(60_000);
    await until(() => sim.refusing, 1000, 'refusing');
    await sim.stop();
    await reset;
  });
});

describe('control API', () => {
  let sim: IbGatewaySimulator;
  let api: SimulatorControlApi;
  let base: string;

  beforeEach(async () => {
    sim = await startSim();
    api = new SimulatorControlApi(sim);
    base = `http://127.0.0.1:${await api.start()}`;
  });

  afterEach(async () => {
    await api.stop();
    await sim.stop();
  });

  const post = async (path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };

  it('reports status and drives every fault', async () => {
    const a = await connectClient(sim.port, 4);
    try {
      const status = (await (await fetch(`${base}/status`)).json()) as {
        port: number;
        connections: { clientId?: number }[];
      };
      assert.equal(status.port, sim.port);
      assert.deepEqual(
        status.connections.map((c) => c.clientId),
        [4],
      );

      assert.deepEqual(await post('/stall'), { status: 200, json: { stalled: true } });
      assert.equal(sim.stalled, true);
      assert.deepEqual(await post('/resume'), { status: 200, json: { stalled: false } });

      await until(() => a.infos.length >= 3, 2000, 'farm notices');
      assert.deepEqual(await post('/error', { code: 1100 }), { status: 200, json: { sent: 1 } });
      await until(() => a.infos.some((i) => i.code === 1100), 2000, '1100');

      const gone = once(a.ib, EventName.disconnected);
      assert.deepEqual(await post('/drop'), { status: 200, json: { dropped: 1 } });
      await gone;

      assert.deepEqual(await post('/nightly-reset', { durationMs: 200 }), {
        status: 200,
        json: { refusingForMs: 200 },
      });
      await until(() => sim.refusing, 1000, 'refusing');
      await until(() => !sim.refusing, 2000, 'accepting again');
    } finally {
      a.ib.disconnect();
    }
  });

  it('rejects bad requests with a reason', async () => {
    assert.deepEqual(await post('/error', { code: 'x' }), {
      status: 400,
      json: { error: 'code: Invalid input: expected number, received string' },
    });
    assert.equal((await post('/nightly-reset', { durationMs: -1 })).status, 400);
    assert.equal((await post('/nope')).status, 404);
    const bad = await fetch(`${base}/error`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
  });
});
