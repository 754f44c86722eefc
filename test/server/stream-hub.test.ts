/**
 * The stream hub and its route, with real `ws` clients against a real Fastify server on an
 * ephemeral loopback port, plus a property test of the hub's ordering on a fake socket.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { after, describe, mock, test } from 'node:test';
import fastifyWebsocket from '@fastify/websocket';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type {
  ChannelPayloads,
  ClientMessage,
  DepthView,
  OrderView,
  QuoteView,
  ServerFrame,
  ServerMessage,
} from '../../src/server/api-types.js';
import { StreamHub, type StreamHubOptions, type StreamSocket } from '../../src/server/stream-hub.js';
import { registerStreamRoute } from '../../src/server/stream-route.js';

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
type DataMessage = Extract<ServerMessage, { type: 'data' }>;

const TOKEN = 'secret-token';

interface Server {
  readonly app: FastifyInstance;
  readonly hub: StreamHub;
  readonly url: string;
  readonly base: string;
}

const servers: Server[] = [];
after(async () => {
  for (const { app, hub } of servers) {
    hub.close();
    await app.close();
  }
});

async function startServer(options: StreamHubOptions = {}): Promise<Server> {
  const app = Fastify();
  await app.register(fastifyWebsocket);
  const hub = new StreamHub(options);
  registerStreamRoute(app, hub, async (request) => {
    const { token } = request.query as { token?: string };
    return token === TOKEN ? { username: 'alice', role: 'trader' } : undefined;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const base = `ws://127.0.0.1:${port}/api/ws`;
  const server = { app, hub, base, url: `${base}?token=${TOKEN}` };
  servers.push(server);
  return server;
}

/** The messages of a frame: an array holds several, in order; anything else is one. */
function messagesOf(frame: ServerFrame): readonly ServerMessage[] {
  return Array.isArray(frame) ? frame : [frame as ServerMessage];
}

class Client {
  readonly messages: ServerMessage[] = [];
  /** Every frame received, parsed, with its size in bytes. */
  readonly frames: { readonly frame: ServerFrame; readonly bytes: number }[] = [];
  #waiters: (() => void)[] = [];
  #pings = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push({ frame, bytes: data.length });
      this.messages.push(...messagesOf(frame));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async open(url: string): Promise<Client> {
    const client = new Client(new WebSocket(url));
    await once(client.ws, 'open');
    await client.until((messages) => messages.some((m) => m.type === 'hello'));
    return client;
  }

  send(message: ClientMessage | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async until(done: (messages: readonly ServerMessage[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.messages)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; last messages: ${JSON.stringify(this.messages.slice(-3))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Round trip: every message sent before has been handled by the hub. */
  async sync(): Promise<void> {
    const id = ++this.#pings;
    this.send({ type: 'ping', id });
    await this.until((messages) => messages.some((m) => m.type === 'pong' && m.id === id));
  }

  events(): EventMessage[] {
    return this.messages.filter((m): m is EventMessage => m.type === 'event');
  }

  data(): DataMessage[] {
    return this.messages.filter((m): m is DataMessage => m.type === 'data');
  }

  errors(): string[] {
    return this.messages.flatMap((m) => (m.type === 'error' ? [m.message] : []));
  }

  /** The underlying TCP socket (to stop reading, so that the server's send buffer fills). */
  get tcp(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = once(this.ws, 'close');
    this.ws.close();
    await closed;
  }
}

function quote(instrumentId: string, n: number): QuoteView {
  return { instrumentId, ts: n, bidPrice: 100 + n, bidSize: 1, askPrice: 101 + n, askSize: 1 };
}

function order(n: number): OrderView {
  return {
    clientOrderId: `O-${n}`,
    strategyId: 'S-1',
    instrumentId: 'ESZ3.CME',
    side: 'buy',
    type: 'limit',
    quantity: 1,
    filledQuantity: 0,
    price: 4500 + n,
    triggerPrice: null,
    averagePrice: null,
    timeInForce: 'GTC',
    status: 'accepted',
    tsInit: n,
    tsLast: n,
  };
}

function fill(n: number): ChannelPayloads['fills'] {
  return {
    tradeId: `T-${n}`,
    clientOrderId: `O-${n}`,
    strategyId: 'S-1',
    instrumentId: 'ESZ3.CME',
    side: 'buy',
    quantity: 1,
    price: 4500,
    commission: 1,
    currency: 'USD',
    liquidity: 'taker',
    ts: n,
  };
}

function position(n: number): ChannelPayloads['positions'] {
  return {
    instrumentId: 'ESZ3.CME',
    quantity: n,
    averagePrice: 4500,
    realizedPnl: 0,
    unrealizedPnl: 0,
    currency: 'USD',
    tsLast: n,
  };
}

/** A big depth message (~15 KB), to fill socket buffers quickly. */
function depth(instrumentId: string, n: number): DepthView {
  const levels = Array.from({ length: 400 }, (_, i) => [4500 + i / 4, n] as const);
  return { instrumentId, ts: n, bids: levels, asks: levels };
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Lets the hub's end of tick run: what it batched goes to the (fake) sockets. */
const endOfTick = yieldToIo;

/** What a message is, in a word: `orders 3`, `quotes A 1`, or its type. */
function label(m: ServerMessage): string {
  if (m.type === 'event') return `${m.channel} ${m.seq}`;
  if (m.type === 'data') {
    const q = m.data as QuoteView;
    return `${m.channel} ${q.instrumentId} ${q.ts}`;
  }
  return m.type;
}

describe('stream over a real server', () => {
  test('hello, subscribe, receive; every message stamped with its send time', async () => {
    const { hub, url } = await startServer();
    const client = await Client.open(url);
    assert.deepEqual(client.messages[0], { type: 'hello', user: 'alice', role: 'trader', seq: 0 });
    client.send({ type: 'subscribe', channels: ['quotes', 'orders'] });
    await client.sync();
    assert.equal(hub.clientCount, 1);
    const before = Date.now();
    hub.publishMarket('quotes', 'ESZ3.CME', quote('ESZ3.CME', 1));
    assert.equal(hub.publishEvent('orders', order(1)), 1);
    assert.equal(hub.seq, 1);
    await client.until((messages) => messages.some((m) => m.type === 'event'));
    const [data] = client.data();
    assert.deepEqual(data.data, quote('ESZ3.CME', 1));
    assert.equal(data.channel, 'quotes');
    const [event] = client.events();
    assert.deepEqual(event.data, order(1));
    assert.equal(event.seq, 1);
    assert.equal(event.channel, 'orders');
    for (const m of [data, event]) assert.ok(m.sent >= before && m.sent <= Date.now(), `sent ${m.sent}`);
    await client.close();
    await waitFor(() => hub.clientCount === 0);
  });

  test('a burst published in one tick arrives as one array frame, in order; a lone message as an object', async () => {
    const { hub, url } = await startServer();
    const client = await Client.open(url);
    client.send({ type: 'subscribe', channels: ['quotes', 'orders'] });
    await client.sync();
    const before = client.frames.length;
    hub.publishMarket('quotes', 'A', quote('A', 1));
    hub.publishEvent('orders', order(2));
    hub.publishMarket('quotes', 'B', quote('B', 3));
    hub.publishMarket('quotes', 'A', quote('A', 4));
    hub.publishEvent('orders', order(5));
    await client.until(() => client.events().length === 2 && client.data().length === 3);
    const burst = client.frames.slice(before);
    assert.equal(burst.length, 1, 'one frame');
    assert.ok(Array.isArray(burst[0].frame), 'an array');
    assert.deepEqual(messagesOf(burst[0].frame).map(label), [
      'quotes A 1',
      'orders 1',
      'quotes B 3',
      'quotes A 4',
      'orders 2',
    ]);
    hub.publishEvent('orders', order(6));
    await client.until(() => client.events().length === 3);
    const [lone] = client.frames.slice(before + 1);
    assert.ok(!Array.isArray(lone.frame), 'a plain object');
    assert.equal(label(lone.frame as ServerMessage), 'orders 3');
    // The reply to a ping is a frame of its own too.
    await client.sync();
    assert.equal((client.frames.at(-1)!.frame as ServerMessage).type, 'pong');
    assert.equal(hub.stats().sentFrames, client.frames.length);
    await client.close();
  });

  test('a burst past maxFrameBytes is split into several frames, each within the bound, in order', async () => {
    const { hub, url } = await startServer({ maxFrameBytes: 1024 });
    const client = await Client.open(url);
    client.send({ type: 'subscribe', channels: ['quotes', 'orders'] });
    await client.sync();
    const before = client.frames.length;
    const expected: string[] = [];
    for (let n = 1; n <= 40; n++) {
      const key = 'ABCD'[n % 4];
      hub.publishMarket('quotes', key, quote(key, n));
      expected.push(`quotes ${key} ${n}`);
      if (n % 7 === 0) expected.push(`orders ${hub.publishEvent('orders', order(n))}`);
    }
    await client.until(() => client.data().length === 40 && client.events().length === 5);
    const burst = client.frames.slice(before);
    assert.ok(burst.length > 1, `${burst.length} frames`);
    for (const { frame, bytes } of burst) {
      assert.ok(Array.isArray(frame) ? frame.length > 1 && bytes <= 1024 : true, `${bytes} bytes`);
    }
    assert.deepEqual(burst.flatMap(({ frame }) => messagesOf(frame)).map(label), expected);
    await client.close();
  });

  test('channels not subscribed (or unsubscribed) are not received', async () => {
    const { hub, url } = await startServer();
    const client = await Client.open(url);
    client.send({ type: 'subscribe', channels: ['quotes', 'fills'] });
    await client.sync();
    hub.publishMarket('trades', 'ESZ3.CME', {
      instrumentId: 'ESZ3.CME',
      ts: 1,
      price: 1,
      size: 1,
      aggressor: 'buyer',
    });
    hub.publishEvent('orders', order(1));
    hub.publishMarket('quotes', 'ESZ3.CME', quote('ESZ3.CME', 1));
    hub.publishEvent('fills', fill(2));
    await client.sync();
    assert.deepEqual(
      client.messages.filter((m) => m.type === 'data' || m.type === 'event').map((m) => m.type),
      ['data', 'event'],
    );
    assert.equal(client.data()[0].channel, 'quotes');
    assert.equal(client.events()[0].seq, 2);
    client.send({ type: 'unsubscribe', channels: ['quotes', 'fills'] });
    await client.sync();
    hub.publishMarket('quotes', 'ESZ3.CME', quote('ESZ3.CME', 2));
    hub.publishEvent('fills', fill(3));
    await client.sync();
    assert.equal(client.data().length, 1);
    assert.equal(client.events().length, 1);
    await client.close();
  });

  test('resume after a disconnect gets exactly the missed events of its channels, in order', async () => {
    const { hub, url } = await startServer();
    const first = await Client.open(url);
    first.send({ type: 'subscribe', channels: ['orders', 'fills'] });
    await first.sync();
    for (let n = 1; n <= 3; n++) hub.publishEvent('orders', order(n));
    await first.until(() => first.events().length === 3);
    const lastSeen = first.events().at(-1)!.seq;
    await first.close();
    await waitFor(() => hub.clientCount === 0);

    const missed: number[] = [];
    for (let n = 4; n <= 12; n++) {
      if (n % 3 === 0) hub.publishEvent('positions', position(n));
      else missed.push(hub.publishEvent(n % 2 === 0 ? 'orders' : 'fills', n % 2 === 0 ? order(n) : fill(n)));
    }
    const second = await Client.open(url);
    assert.deepEqual(second.messages[0], { type: 'hello', user: 'alice', role: 'trader', seq: 12 });
    second.send({ type: 'subscribe', channels: ['orders', 'fills'] });
    second.send({ type: 'resume', afterSeq: lastSeen });
    await second.sync();
    const live = hub.publishEvent('orders', order(13));
    await second.until(() => second.events().some((e) => e.seq === live));
    assert.deepEqual(
      second.events().map((e) => e.seq),
      [...missed, live],
    );
    assert.ok(second.events().every((e) => e.channel === 'orders' || e.channel === 'fills'));
    // Events the first connection got are not sent again.
    assert.ok(second.events().every((e) => e.seq > lastSeen));
    await second.close();
  });

  test('resume older than the buffer (or newer than the server) gets reset', async () => {
    const { hub, url } = await startServer({ replayCapacity: 5 });
    for (let n = 1; n <= 20; n++) hub.publishEvent('orders', order(n));
    const client = await Client.open(url);
    client.send({ type: 'subscribe', channels: ['orders'] });
    client.send({ type: 'resume', afterSeq: 15 });
    await client.sync();
    assert.deepEqual(
      client.events().map((e) => e.seq),
      [16, 17, 18, 19, 20],
    );
    const fresh = await Client.open(url);
    fresh.send({ type: 'subscribe', channels: ['orders'] });
    fresh.send({ type: 'resume', afterSeq: 14 }); // 15 is no longer kept
    fresh.send({ type: 'resume', afterSeq: 21 });
    await fresh.sync();
    assert.deepEqual(
      fresh.messages.filter((m) => m.type === 'reset'),
      [
        { type: 'reset', seq: 20 },
        { type: 'reset', seq: 20 },
      ],
    );
    assert.equal(fresh.events().length, 0);
    // A connection already handed events newer than afterSeq cannot fill the gap in order: reset.
    client.send({ type: 'resume', afterSeq: 16 });
    await client.sync();
    assert.deepEqual(
      client.messages.filter((m) => m.type === 'reset'),
      [{ type: 'reset', seq: 20 }],
    );
    assert.equal(client.events().length, 5);
    await client.close();
    await fresh.close();
  });

  test('a slow client gets conflated market data and every event in order once it reads again', async () => {
    const { hub, url } = await startServer({ highWaterBytes: 64 * 1024 });
    const slow = await Client.open(url);
    const fast = await Client.open(url);
    for (const client of [slow, fast]) {
      client.send({ type: 'subscribe', channels: ['depth', 'orders'] });
      await client.sync();
    }
    slow.tcp.pause();
    const keys = ['A', 'B', 'C', 'D'];
    let published = 0;
    const seqs: number[] = [];
    // Until the slow client's buffer is far past the high-water mark (the kernel's socket buffers
    // take megabytes first), keep publishing: big depth messages and an event now and then.
    for (let round = 0; round < 4000 && hub.stats().conflatedDropped < 400; round++) {
      for (const key of keys) hub.publishMarket('depth', key, depth(key, ++published));
      if (round % 3 === 0) seqs.push(hub.publishEvent('orders', order(round)));
      await yieldToIo();
    }
    const stats = hub.stats();
    assert.ok(stats.conflatedDropped >= 400, `conflated ${stats.conflatedDropped}`);
    assert.ok(stats.queuedReliable > 0, 'events wait in the slow client’s queue');
    const last = new Map(keys.map((key) => [key, published - keys.length + 1 + keys.indexOf(key)]));
    slow.tcp.resume();
    await slow.sync();
    await slow.until(() => {
      const seen = new Map(slow.data().map((m) => [(m.data as DepthView).instrumentId, m.data.ts]));
      return keys.every((key) => seen.get(key) === last.get(key));
    });
    assert.deepEqual(
      slow.events().map((e) => e.seq),
      seqs,
    );
    const received = slow.data().length;
    assert.ok(received < published - 400, `slow client got ${received} of ${published} market messages`);
    // Per key, market data never goes back in time.
    for (const key of keys) {
      const ts = slow
        .data()
        .filter((m) => (m.data as DepthView).instrumentId === key)
        .map((m) => m.data.ts);
      assert.deepEqual(
        ts,
        [...ts].sort((a, b) => a - b),
      );
    }
    await fast.sync();
    assert.deepEqual(
      fast.events().map((e) => e.seq),
      seqs,
    );
    assert.equal(hub.stats().queuedReliable, 0);
    await slow.close();
    await fast.close();
  });

  test('a client whose event queue overflows is closed with 1013, then resumes', async () => {
    const { hub, url } = await startServer({ highWaterBytes: 16 * 1024, maxReliableQueue: 50 });
    const slow = await Client.open(url);
    slow.send({ type: 'subscribe', channels: ['logs'] });
    await slow.sync();
    slow.tcp.pause();
    const message = 'x'.repeat(8000);
    for (let n = 0; n < 20_000 && hub.clientCount > 0; n++) {
      hub.publishEvent('logs', { ts: n, level: 'info', message });
      if (n % 10 === 0) await yieldToIo();
    }
    assert.equal(hub.clientCount, 0, 'the slow client was dropped');
    const closed = once(slow.ws, 'close') as Promise<[number, Buffer]>;
    slow.tcp.resume();
    const [code, reason] = await closed;
    assert.equal(code, 1013);
    assert.match(reason.toString(), /reconnect and resume/);
    const seqs = slow.events().map((e) => e.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
    );
    const again = await Client.open(url);
    again.send({ type: 'subscribe', channels: ['logs'] });
    again.send({ type: 'resume', afterSeq: seqs.length });
    await again.sync();
    assert.deepEqual(
      again.events().map((e) => e.seq),
      Array.from({ length: hub.seq - seqs.length }, (_, i) => seqs.length + i + 1),
    );
    await again.close();
  });

  test('bad messages are answered with an error naming what was wrong; the connection stays', async () => {
    const { url } = await startServer();
    const client = await Client.open(url);
    const bad: [string, RegExp][] = [
      ['not json', /invalid JSON/],
      ['[1,2]', /JSON object/],
      ['{"channels":[]}', /missing "type"/],
      ['{"type":"subscribe2"}', /unknown message type "subscribe2"/],
      ['{"type":"subscribe","channels":"quotes"}', /"channels" must be an array/],
      ['{"type":"subscribe","channels":["quotes","bogus"]}', /unknown channel "bogus"/],
      ['{"type":"resume","afterSeq":-1}', /"afterSeq" must be an integer >= 0, got -1/],
      ['{"type":"resume"}', /"afterSeq" must be an integer >= 0, got nothing/],
      ['{"type":"ping","id":"x"}', /"id" must be a number/],
      [`{"type":"ping","id":1,"pad":"${'x'.repeat(70_000)}"}`, /too long/],
    ];
    for (const [text] of bad) client.send(text);
    await client.sync();
    const errors = client.errors();
    assert.equal(errors.length, bad.length, errors.join('\n'));
    for (const [i, [, pattern]] of bad.entries()) assert.match(errors[i], pattern);
    assert.equal(client.ws.readyState, WebSocket.OPEN);
    await client.close();
  });

  test('unauthenticated upgrades are refused with 401 before any WebSocket opens', async () => {
    const { app, hub, base } = await startServer();
    for (const url of [base, `${base}?token=wrong`]) {
      const ws = new WebSocket(url);
      ws.on('error', () => {}); // terminate() below aborts the refused handshake
      const [, response] = (await once(ws, 'unexpected-response')) as [
        unknown,
        import('node:http').IncomingMessage,
      ];
      assert.equal(response.statusCode, 401);
      let body = '';
      for await (const chunk of response) body += chunk;
      assert.deepEqual(JSON.parse(body), { error: { code: 'UNAUTHENTICATED', message: 'not logged in' } });
      ws.terminate();
    }
    assert.equal(hub.clientCount, 0);
    const plain = await app.inject({ method: 'GET', url: `/api/ws?token=${TOKEN}` });
    assert.equal(plain.statusCode, 426);
    const anonymous = await app.inject({ method: 'GET', url: '/api/ws' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('close() closes every client with 1001 and refuses new ones', async () => {
    const { hub, url } = await startServer();
    const client = await Client.open(url);
    const closed = once(client.ws, 'close') as Promise<[number, Buffer]>;
    hub.close();
    const [code] = await closed;
    assert.equal(code, 1001);
    assert.equal(hub.clientCount, 0);
    const late = new WebSocket(url);
    const [lateCode] = (await once(late, 'close')) as [number];
    assert.equal(lateCode, 1001);
  });
});

/** A socket whose send buffer the test controls: sends add to it, `drain` takes some away. */
class FakeSocket implements StreamSocket {
  readyState = 1;
  bufferedAmount = 0;
  /** The messages sent, frames flattened. */
  readonly sent: ServerMessage[] = [];
  /** Each frame's message count (0 for a lone object) and size in bytes. */
  readonly frames: { readonly array: number; readonly bytes: number }[] = [];
  #onMessage: ((data: Buffer) => void) | undefined;
  #onClose: (() => void) | undefined;

  send(data: Buffer, options: { readonly binary: false }): void {
    assert.equal(options.binary, false);
    const frame = JSON.parse(data.toString()) as ServerFrame;
    this.frames.push({ array: Array.isArray(frame) ? frame.length : 0, bytes: data.length });
    this.sent.push(...messagesOf(frame));
    this.bufferedAmount += data.length;
  }

  close(): void {
    this.readyState = 3;
    this.#onClose?.();
  }

  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: string, listener: (...args: never[]) => void): this {
    if (event === 'message') this.#onMessage = listener as (data: Buffer) => void;
    if (event === 'close') this.#onClose = listener as () => void;
    return this;
  }

  receive(message: ClientMessage): void {
    this.#onMessage?.(Buffer.from(JSON.stringify(message)));
  }
}

describe('hub ordering (fake socket)', () => {
  test('bars conflate per bar: updates of one bar replace each other, distinct bars are all kept', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const hub = new StreamHub({ highWaterBytes: 10_000, flushIntervalMs: 5 });
      const socket = new FakeSocket();
      hub.attach(socket, { username: 'bob', role: 'viewer' });
      await endOfTick();
      socket.receive({ type: 'subscribe', channels: ['bars'] });
      socket.bufferedAmount = 20_000;
      const bar = (ts: number, close: number): ChannelPayloads['bars'] => ({
        barType: 'ESZ3.CME-1-MINUTE-LAST-EXTERNAL',
        instrumentId: 'ESZ3.CME',
        ts,
        tsOpen: ts - 60,
        open: 1,
        high: 2,
        low: 1,
        close,
        volume: 1,
      });
      for (const [ts, close] of [
        [60, 1],
        [60, 2],
        [120, 3],
        [120, 4],
        [180, 5],
      ]) {
        hub.publishMarket('bars', 'ESZ3.CME-1-MINUTE-LAST-EXTERNAL', bar(ts, close));
      }
      socket.bufferedAmount = 0;
      mock.timers.tick(5);
      await endOfTick();
      assert.deepEqual(
        socket.frames.map((f) => f.array),
        [0, 3],
        'hello alone, then the three bars in one frame',
      );
      const bars = socket.sent.flatMap((m) => (m.type === 'data' ? [m.data as ChannelPayloads['bars']] : []));
      assert.deepEqual(
        bars.map((b) => [b.ts, b.close]),
        [
          [60, 2],
          [120, 4],
          [180, 5],
        ],
      );
      assert.equal(hub.stats().conflatedDropped, 2);
      hub.close();
    } finally {
      mock.timers.reset();
    }
  });

  test('unsubscribing drops what waits of those channels; initialSeq numbers events after it', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const hub = new StreamHub({ highWaterBytes: 10_000, flushIntervalMs: 5, initialSeq: 1000 });
      const socket = new FakeSocket();
      hub.attach(socket, { username: 'bob', role: 'viewer' });
      assert.equal(socket.sent.length, 0, 'sent at the end of the tick');
      await endOfTick();
      assert.deepEqual(socket.sent[0], { type: 'hello', user: 'bob', role: 'viewer', seq: 1000 });
      socket.receive({ type: 'subscribe', channels: ['orders', 'fills', 'quotes', 'trades'] });
      socket.bufferedAmount = 20_000;
      hub.publishEvent('orders', order(1));
      hub.publishEvent('fills', fill(2));
      hub.publishMarket('quotes', 'A', quote('A', 3));
      hub.publishMarket('trades', 'A', { instrumentId: 'A', ts: 4, price: 1, size: 1, aggressor: 'none' });
      hub.publishEvent('orders', order(5));
      assert.equal(hub.stats().queuedReliable, 3);
      socket.receive({ type: 'unsubscribe', channels: ['fills', 'quotes'] });
      assert.equal(hub.stats().queuedReliable, 2);
      socket.receive({ type: 'resume', afterSeq: 5 });
      socket.bufferedAmount = 0;
      mock.timers.tick(5);
      await endOfTick();
      assert.deepEqual(
        socket.sent
          .slice(1)
          .map((m) => (m.type === 'event' ? `${m.channel} ${m.seq}` : m.type === 'data' ? m.channel : m)),
        ['orders 1001', 'orders 1003', { type: 'reset', seq: 1003 }, 'trades'],
      );
      hub.close();
      assert.equal(socket.readyState, 3);
    } finally {
      mock.timers.reset();
    }
  });

  test('property: every reliable event reaches a client exactly once, in order; market data ends latest', async () => {
    type Command =
      | { readonly kind: 'event'; readonly channel: 'orders' | 'fills' | 'positions' }
      | { readonly kind: 'market'; readonly key: string }
      | { readonly kind: 'drain'; readonly fraction: number }
      | { readonly kind: 'tick' }
      | { readonly kind: 'end' };
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({
        kind: fc.constant('event' as const),
        channel: fc.constantFrom('orders', 'fills', 'positions'),
      }),
      fc.record({ kind: fc.constant('market' as const), key: fc.constantFrom('A', 'B', 'C') }),
      fc.record({
        kind: fc.constant('drain' as const),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.constant({ kind: 'tick' as const }),
      fc.constant({ kind: 'end' as const }),
    );
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(command, { maxLength: 300 }),
          fc.integer({ min: 50, max: 2000 }),
          fc.integer({ min: 100, max: 2000 }),
          async (commands, hw, maxFrameBytes) => {
            const hub = new StreamHub({ highWaterBytes: hw, flushIntervalMs: 1, maxFrameBytes });
            const socket = new FakeSocket();
            hub.attach(socket, { username: 'bob', role: 'viewer' });
            socket.receive({ type: 'subscribe', channels: ['orders', 'fills', 'quotes'] });
            const expected: number[] = [];
            const latest = new Map<string, number>();
            let n = 0;
            for (const c of commands) {
              if (c.kind === 'event') {
                const seq = hub.publishEvent(c.channel, c.channel === 'positions' ? position(n) : order(n));
                if (c.channel !== 'positions') expected.push(seq);
              } else if (c.kind === 'market') {
                hub.publishMarket('quotes', c.key, quote(c.key, ++n));
                latest.set(c.key, n);
              } else if (c.kind === 'drain') {
                socket.bufferedAmount = Math.floor(socket.bufferedAmount * c.fraction);
              } else if (c.kind === 'tick') {
                mock.timers.tick(1);
              } else {
                await endOfTick();
              }
            }
            // Drain: with an empty buffer every tick sends something while anything waits.
            for (let before = -1; before !== socket.sent.length; ) {
              before = socket.sent.length;
              socket.bufferedAmount = 0;
              mock.timers.tick(1);
              await endOfTick();
            }
            // Several messages go as an array within the bound; one goes as itself.
            for (const { array, bytes } of socket.frames) {
              assert.ok(
                array === 0 || (array > 1 && bytes <= maxFrameBytes),
                `${array} messages, ${bytes} bytes`,
              );
            }
            assert.equal(
              socket.frames.reduce((sum, f) => sum + Math.max(1, f.array), 0),
              socket.sent.length,
            );
            assert.equal(hub.stats().sentFrames, socket.frames.length);
            assert.equal(hub.stats().sentMessages, socket.sent.length);
            const events = socket.sent.filter((m): m is EventMessage => m.type === 'event');
            assert.deepEqual(
              events.map((e) => e.seq),
              expected,
            );
            const seen = new Map<string, number[]>();
            for (const m of socket.sent) {
              if (m.type !== 'data') continue;
              const q = m.data as QuoteView;
              seen.set(q.instrumentId, [...(seen.get(q.instrumentId) ?? []), q.ts]);
            }
            for (const [key, ts] of seen) {
              assert.deepEqual(
                ts,
                [...ts].sort((a, b) => a - b),
                `quotes of ${key} in order`,
              );
              assert.equal(ts.at(-1), latest.get(key));
            }
            assert.equal(seen.size, latest.size);
            assert.equal(hub.stats().queuedReliable, 0);
            hub.close();
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      mock.timers.reset();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
