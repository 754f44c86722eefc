/**
 * `bench:server`: the WebSocket fan-out under load, on loopback. A Fastify server with
 * @fastify/websocket and the stream route (`src/server/stream-route.ts`, authenticated by a bearer
 * token in the query, `?token=`) serves `--clients` `ws` clients subscribed to every channel. A
 * publisher in the server's thread drives `--rate` quote updates per second (round-robin over four
 * instruments, timer-paced in batches every 10 ms with drift correction) plus order events at
 * `--orders`/s and fill events at `--fills`/s, for `--seconds`.
 *
 * The clients run in a `worker_threads` worker (`--clients-in worker`, the default) so that they do
 * not take the server's event loop; `--clients-in main` puts them in the server's thread. Each
 * client measures delivery latency = receive time − the message's `sent` stamp (both `Date.now()`,
 * shared by the threads; whole ms, so every sample is kept exactly in a 1-ms histogram) and checks
 * that it receives every event seq exactly once, in order. A frame holds one message, or a JSON
 * array of the messages the hub sent the client in one tick (`ServerFrame`): the clients split it.
 * Events are parsed in full; of a market data message the clients read only the `sent` stamp (one
 * thread standing in for 200 browsers cannot JSON-parse 200,000 messages/s on this 2-core machine
 * without measuring itself; full parsing of every frame, and UTF-8 validation, with
 * `--full-parse`). After the publisher stops, the clients get up to 10 s to receive the last event.
 *
 * Reported: latency p50/p90/p99/max (market data and events separately), messages, frames and bytes
 * delivered, market data conflated by the hub, lost and duplicated (or reordered) events (must be
 * 0), clients disconnected, each thread's event-loop delay and utilisation, peak RSS of the process
 * (server and clients), CPU time of the process. A progress line goes to stderr while it runs (TTY
 * only); the last line of stdout is one JSON object.
 *
 *   npm run bench:server -- --clients 200 --rate 1000 --seconds 30 [--clients-in main] [--full-parse]
 */
import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import WebSocket from 'ws';
import type { ChannelPayloads, ServerFrame, ServerMessage, StreamChannel } from '../src/server/api-types.js';
import { MARKET_CHANNELS, RELIABLE_CHANNELS } from '../src/server/api-types.js';
import { StreamHub } from '../src/server/stream-hub.js';
import { registerStreamRoute } from '../src/server/stream-route.js';

const TOKEN = 'bench-token';
const INSTRUMENTS = ['ESZ3.CME', 'NQZ3.CME', 'CLZ3.NYMEX', 'GCZ3.COMEX'];
const BATCH_MS = 10;
const DRAIN_TIMEOUT_MS = 10_000;
/**
 * Event-loop delay sampling (perf_hooks.monitorEventLoopDelay): it records whole timer intervals,
 * so the resolution is taken off to give the delay.
 */
const LOOP_RESOLUTION_MS = 10;
const LOOP_RESOLUTION_NS = LOOP_RESOLUTION_MS * 1e6;
/**
 * A message starts with `{"type":"` (the hub writes `type` first, then `channel` and `sent`): the
 * byte after it tells a market data message (`d`ata; no other type starts with d) from the rest.
 */
const TYPE_AT = '{"type":"'.length;
const D = 0x64; // d
const SENT = Buffer.from('"sent":');
/**
 * What separates two messages in an array frame. Every message starts with `{"type":"` (the hub
 * writes `type` first), and inside one it cannot occur: a string holds its quotes escaped, and no
 * payload of the bench (quotes, orders, fills) has an object whose first key is `type`.
 */
const NEXT_MESSAGE = Buffer.from(',{"type":"');
const ARRAY = 0x5b; // [

/**
 * The `sent` stamp of the market data message at `start` of a frame, read where it lies without
 * parsing the rest; `stampEnd` is left just after its digits.
 */
let stampEnd = 0;
function stampAt(frame: Buffer, start: number): number {
  const at = frame.indexOf(SENT, start);
  if (at < 0) throw new Error(`no "sent" in ${frame.toString('utf8', start)}`);
  let value = 0;
  let i = at + SENT.length;
  for (; i < frame.length; i++) {
    const digit = frame[i] - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  stampEnd = i;
  return value;
}

/** Latency histogram: one bin per ms up to this, the last bin takes the rest (max is kept exactly). */
const HISTOGRAM_MS = 60_000;
const TARGET = { p99Ms: 50, lostEvents: 0 } as const;

interface ClientSetup {
  readonly url: string;
  readonly clients: number;
  /** Parse every market data message in full (else only its `sent` stamp is read). */
  readonly fullParse: boolean;
}

/** From the main thread to the clients. */
type ToClients = { readonly type: 'finish'; readonly finalSeq: number };

/** From the clients to the main thread. */
type FromClients =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly delivered: number; readonly frames: number; readonly p99: number }
  | { readonly type: 'results'; readonly results: ClientResults };

interface ClientResults {
  readonly market: Uint32Array;
  readonly reliable: Uint32Array;
  readonly marketMax: number;
  readonly reliableMax: number;
  readonly marketDelivered: number;
  readonly eventsDelivered: number;
  /** WebSocket frames received (each one message or an array of several), all clients. */
  readonly frames: number;
  /** Payload bytes received, all clients. */
  readonly bytes: number;
  /** Event seqs never received (gaps plus the tail missing at the end). */
  readonly lost: number;
  readonly duplicates: number;
  /** Clients the server closed (or that failed) before the end. */
  readonly disconnects: number;
  readonly drainedMs: number;
  readonly clientLoopDelay: LoopDelay;
}

interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

interface Summary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

if (isMainThread) await main();
else await runClients(workerData as ClientSetup, (message) => parentPort!.postMessage(message), parentPort!);

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      clients: { type: 'string', default: '200' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '30' },
      orders: { type: 'string', default: '20' },
      fills: { type: 'string', default: '10' },
      'clients-in': { type: 'string', default: 'worker' },
      'full-parse': { type: 'boolean', default: false },
    },
  });
  const clients = positive(args.clients, '--clients');
  const rate = positive(args.rate, '--rate');
  const seconds = positive(args.seconds, '--seconds');
  const orderRate = Number(args.orders);
  const fillRate = Number(args.fills);
  const clientsIn = args['clients-in'];
  if (clientsIn !== 'worker' && clientsIn !== 'main') throw new RangeError(`--clients-in: ${clientsIn}`);

  const app = Fastify({ logger: false });
  await app.register(fastifyWebsocket);
  const hub = new StreamHub();
  registerStreamRoute(app, hub, async (request) => {
    const { token } = request.query as { token?: string };
    return token === TOKEN ? { username: 'bench', role: 'viewer' } : undefined;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const setup: ClientSetup = {
    url: `ws://127.0.0.1:${port}/api/ws?token=${TOKEN}`,
    clients,
    fullParse: args['full-parse'] === true,
  };

  const fromClients = new EventEmitter<{ message: [FromClients] }>();
  let toClients: (message: ToClients) => void;
  let worker: Worker | undefined;
  if (clientsIn === 'worker') {
    // Node 20 does not carry `--import tsx` into workers: register tsx there before loading this file.
    const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
      tsx.register();
      return import(${JSON.stringify(import.meta.url)});
    });`;
    worker = new Worker(bootstrap, { eval: true, workerData: setup });
    worker.on('message', (message: FromClients) => fromClients.emit('message', message));
    worker.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
    toClients = (message) => worker!.postMessage(message);
  } else {
    const inbox = new EventEmitter<{ message: [ToClients] }>();
    toClients = (message) => inbox.emit('message', message);
    void runClients(setup, (message) => fromClients.emit('message', message), inbox);
  }
  const next = <T extends FromClients['type']>(type: T): Promise<Extract<FromClients, { type: T }>> =>
    new Promise((resolve) => {
      const listener = (message: FromClients): void => {
        if (message.type !== type) return;
        fromClients.off('message', listener);
        resolve(message as Extract<FromClients, { type: T }>);
      };
      fromClients.on('message', listener);
    });
  let delivered = 0;
  let framesSoFar = 0;
  let clientP99 = 0;
  fromClients.on('message', (message) => {
    if (message.type === 'progress') ({ delivered, frames: framesSoFar, p99: clientP99 } = message);
  });
  await next('ready');
  if (hub.clientCount !== clients) throw new Error(`${hub.clientCount} of ${clients} clients connected`);

  // The run.
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let peakRss = process.memoryUsage().rss;
  const cpuStart = process.cpuUsage();
  const eluStart = performance.eventLoopUtilization();
  const workerEluStart = worker?.performance.eventLoopUtilization();
  const start = performance.now();
  let quotes = 0;
  let orders = 0;
  let fills = 0;
  const prices = INSTRUMENTS.map((_, i) => 1000 * (i + 1));
  const publish = (elapsedMs: number): void => {
    const due = (perSecond: number): number =>
      Math.floor((Math.min(elapsedMs, seconds * 1000) * perSecond) / 1000);
    for (const end = due(rate); quotes < end; quotes++) {
      const i = quotes % INSTRUMENTS.length;
      prices[i] += Math.random() < 0.5 ? -0.25 : 0.25;
      hub.publishMarket('quotes', INSTRUMENTS[i], quoteView(INSTRUMENTS[i], prices[i], quotes));
    }
    for (const end = due(orderRate); orders < end; orders++) hub.publishEvent('orders', orderView(orders));
    for (const end = due(fillRate); fills < end; fills++) hub.publishEvent('fills', fillView(fills));
  };
  const progress = process.stderr.isTTY
    ? setInterval(() => {
        const t = (performance.now() - start) / 1000;
        process.stderr.write(
          `\r  ${t.toFixed(0).padStart(3)}/${seconds} s  published ${quotes} quotes, ${hub.seq} events  ` +
            `delivered ${(delivered / 1e6).toFixed(2)} M in ${(framesSoFar / 1e6).toFixed(2)} M frames  p99 ${clientP99} ms  ` +
            `loop p99 ${ms(loop.percentile(99) - LOOP_RESOLUTION_NS)} ms  rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB  `,
        );
      }, 1000)
    : undefined;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  await new Promise<void>((resolve) => {
    let batch = 0;
    const tick = (): void => {
      const elapsed = performance.now() - start;
      publish(elapsed);
      if (elapsed >= seconds * 1000) {
        resolve();
        return;
      }
      batch = Math.max(batch + 1, Math.floor(elapsed / BATCH_MS));
      setTimeout(tick, Math.max(0, start + (batch + 1) * BATCH_MS - performance.now()));
    };
    tick();
  });
  const publishedMs = performance.now() - start;
  const connected = hub.clientCount;
  const finalSeq = hub.seq;
  const results = next('results');
  toClients({ type: 'finish', finalSeq });
  const { results: r } = await results;
  // Loop delay, loop utilisation and CPU cover the run and the drain after it.
  const serverBusy = performance.eventLoopUtilization(eluStart).utilization;
  const clientsBusy = worker?.performance.eventLoopUtilization(workerEluStart).utilization;
  loop.disable();
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(rss);
  if (progress) {
    clearInterval(progress);
    process.stderr.write('\n');
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const stats = hub.stats();
  hub.close();
  await worker?.terminate();
  await app.close();

  const market = summarize(r.market, r.marketMax);
  const reliable = summarize(r.reliable, r.reliableMax);
  const met =
    market.p99 <= TARGET.p99Ms &&
    reliable.p99 <= TARGET.p99Ms &&
    r.lost === 0 &&
    r.duplicates === 0 &&
    r.disconnects === 0;
  const figures = {
    bench: 'server',
    clients,
    clientsIn,
    rate,
    seconds,
    orderRate,
    fillRate,
    published: { market: quotes, events: finalSeq, seconds: round(publishedMs / 1000, 2) },
    expected: { market: quotes * clients, events: finalSeq * clients },
    delivered: {
      market: r.marketDelivered,
      events: r.eventsDelivered,
      frames: r.frames,
      framesPerSecond: Math.round(r.frames / (publishedMs / 1000)),
      messagesPerFrame: round((r.marketDelivered + r.eventsDelivered) / Math.max(1, r.frames), 1),
      MiB: round(r.bytes / 2 ** 20, 1),
      MiBPerSecond: round(r.bytes / 2 ** 20 / (publishedMs / 1000), 1),
    },
    latencyMs: { market, reliable },
    conflated: stats.conflatedDropped,
    lostEvents: r.lost,
    duplicateEvents: r.duplicates,
    disconnects: r.disconnects,
    drainedMs: r.drainedMs,
    /** The hub's figures (clients: connected when the publisher stopped). */
    hub: { ...stats, clients: connected },
    /** Share of the run each thread's event loop was busy (clients: only with --clients-in worker). */
    loopUtilization: {
      server: round(serverBusy, 3),
      clients: clientsBusy === undefined ? null : round(clientsBusy, 3),
    },
    serverLoopDelayMs: {
      p50: ms(loop.percentile(50) - LOOP_RESOLUTION_NS),
      p99: ms(loop.percentile(99) - LOOP_RESOLUTION_NS),
      max: ms(loop.max - LOOP_RESOLUTION_NS),
      mean: ms(loop.mean - LOOP_RESOLUTION_NS),
    },
    clientLoopDelayMs: r.clientLoopDelay,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    cpuSeconds: { user: round(cpu.user / 1e6, 1), system: round(cpu.system / 1e6, 1) },
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? '?',
      loadavg: loadavg().map((x) => round(x, 2)),
    },
    node: process.version,
    target: TARGET,
    met,
  };
  const line = (label: string, s: Summary): string =>
    `${label}: p50 ${s.p50} ms, p90 ${s.p90} ms, p99 ${s.p99} ms, max ${s.max} ms (${s.samples} samples)`;
  console.log(
    `bench:server — ${clients} clients (in ${clientsIn}), ${rate} quotes/s + ${orderRate} orders/s + ${fillRate} fills/s, ${seconds} s`,
  );
  console.log(line('market data latency', market));
  console.log(line('event latency      ', reliable));
  console.log(
    `delivered ${r.marketDelivered} market (of ${quotes * clients}), ${r.eventsDelivered} events (of ${finalSeq * clients}) ` +
      `in ${r.frames} frames (${figures.delivered.framesPerSecond}/s); ` +
      `conflated ${stats.conflatedDropped}; lost events ${r.lost}, duplicates ${r.duplicates}, disconnects ${r.disconnects}`,
  );
  console.log(
    `server loop delay p99 ${figures.serverLoopDelayMs.p99} ms (max ${figures.serverLoopDelayMs.max}); ` +
      `peak RSS ${figures.peakRssMiB} MiB; CPU ${figures.cpuSeconds.user} s user + ${figures.cpuSeconds.system} s system; ` +
      `target p99 <= ${TARGET.p99Ms} ms and no lost event: ${met ? 'met' : 'NOT met'}`,
  );
  console.log(JSON.stringify(figures));
}

/** The clients: connect, subscribe to everything, measure, and report when told the run is over. */
async function runClients(
  setup: ClientSetup,
  post: (message: FromClients) => void,
  inbox: { on(event: 'message', listener: (message: ToClients) => void): unknown },
): Promise<void> {
  const { fullParse } = setup;
  const market = new Uint32Array(HISTOGRAM_MS + 1);
  const reliable = new Uint32Array(HISTOGRAM_MS + 1);
  let marketMax = 0;
  let reliableMax = 0;
  let marketDelivered = 0;
  let eventsDelivered = 0;
  let frames = 0;
  let bytes = 0;
  let lost = 0;
  let duplicates = 0;
  let disconnects = 0;
  let finishing = false;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const channels: StreamChannel[] = [...MARKET_CHANNELS, ...RELIABLE_CHANNELS];
  const lastSeq = new Int32Array(setup.clients);
  const sockets: WebSocket[] = [];

  const connect = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(setup.url, { perMessageDeflate: false, skipUTF8Validation: !fullParse });
      sockets.push(ws);
      ws.on('error', (error) => (finishing ? undefined : reject(error)));
      ws.on('close', () => {
        if (!finishing) disconnects++;
      });
      const handle = (message: ServerMessage, now: number): void => {
        switch (message.type) {
          case 'data': {
            const latency = Math.max(0, now - message.sent);
            market[Math.min(latency, HISTOGRAM_MS)]++;
            if (latency > marketMax) marketMax = latency;
            marketDelivered++;
            return;
          }
          case 'event': {
            const latency = Math.max(0, now - message.sent);
            reliable[Math.min(latency, HISTOGRAM_MS)]++;
            if (latency > reliableMax) reliableMax = latency;
            eventsDelivered++;
            const expected = lastSeq[index] + 1;
            if (message.seq < expected) duplicates++;
            else {
              lost += message.seq - expected;
              lastSeq[index] = message.seq;
            }
            return;
          }
          case 'hello':
            lastSeq[index] = message.seq;
            ws.send(JSON.stringify({ type: 'subscribe', channels }));
            ws.send(JSON.stringify({ type: 'ping', id: index }));
            return;
          case 'pong':
            resolve();
            return;
          case 'error':
            reject(new Error(message.message));
            return;
          default:
            return;
        }
      };
      ws.on('message', (raw: Buffer) => {
        const now = Date.now();
        bytes += raw.length;
        frames++;
        if (fullParse) {
          for (const message of [JSON.parse(raw.toString()) as ServerFrame].flat()) handle(message, now);
          return;
        }
        // One message, or `[m1,m2,…]`: each is read where it lies, without copying the frame. Of
        // market data only the stamp is read; anything else is parsed.
        const array = raw[0] === ARRAY;
        const stop = array ? raw.length - 1 : raw.length;
        for (let start = array ? 1 : 0; start < stop; ) {
          if (raw[start + TYPE_AT] === D) {
            const latency = Math.max(0, now - stampAt(raw, start));
            market[Math.min(latency, HISTOGRAM_MS)]++;
            if (latency > marketMax) marketMax = latency;
            marketDelivered++;
            if (!array) break;
            const next = raw.indexOf(NEXT_MESSAGE, stampEnd);
            start = next < 0 ? stop : next + 1;
          } else {
            const next = array ? raw.indexOf(NEXT_MESSAGE, start) : -1;
            const end = next < 0 ? stop : next;
            handle(JSON.parse(raw.toString('utf8', start, end)) as ServerMessage, now);
            start = end + 1;
          }
        }
      });
    });

  // Connect in groups so that the handshakes do not time out on a busy machine.
  for (let i = 0; i < setup.clients; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, setup.clients - i) }, (_, j) => connect(i + j)));
  }
  loop.enable();
  post({ type: 'ready' });
  const progress = setInterval(() => {
    post({
      type: 'progress',
      delivered: marketDelivered + eventsDelivered,
      frames,
      p99: percentile(market, 0.99),
    });
  }, 1000);

  const { finalSeq } = await new Promise<ToClients>((resolve) => inbox.on('message', resolve));
  const finish = performance.now();
  const caughtUp = (): boolean =>
    lastSeq.every((seq, i) => seq >= finalSeq || sockets[i].readyState !== WebSocket.OPEN);
  while (!caughtUp() && performance.now() - finish < DRAIN_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const drainedMs = Math.round(performance.now() - finish);
  loop.disable();
  clearInterval(progress);
  finishing = true;
  for (const seq of lastSeq) lost += Math.max(0, finalSeq - seq);
  for (const ws of sockets) ws.terminate();
  await Promise.all(
    sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED).map((ws) => once(ws, 'close').catch(() => {})),
  );
  post({
    type: 'results',
    results: {
      market,
      reliable,
      marketMax,
      reliableMax,
      marketDelivered,
      eventsDelivered,
      frames,
      bytes,
      lost,
      duplicates,
      disconnects,
      drainedMs,
      clientLoopDelay: {
        p50: ms(loop.percentile(50) - LOOP_RESOLUTION_NS),
        p99: ms(loop.percentile(99) - LOOP_RESOLUTION_NS),
        max: ms(loop.max - LOOP_RESOLUTION_NS),
      },
    },
  });
}

function quoteView(instrumentId: string, price: number, n: number): ChannelPayloads['quotes'] {
  return {
    instrumentId,
    ts: Date.now() * 1000,
    bidPrice: price,
    bidSize: 1 + (n % 7),
    askPrice: price + 0.25,
    askSize: 1 + (n % 5),
  };
}

function orderView(n: number): ChannelPayloads['orders'] {
  const ts = Date.now() * 1000;
  return {
    clientOrderId: `O-bench-${n}`,
    strategyId: 'bench-1',
    instrumentId: INSTRUMENTS[n % INSTRUMENTS.length],
    side: n % 2 === 0 ? 'buy' : 'sell',
    type: 'limit',
    quantity: 1,
    filledQuantity: 0,
    price: 1000,
    triggerPrice: null,
    averagePrice: null,
    timeInForce: 'GTC',
    status: 'accepted',
    tsInit: ts,
    tsLast: ts,
  };
}

function fillView(n: number): ChannelPayloads['fills'] {
  return {
    tradeId: `T-bench-${n}`,
    clientOrderId: `O-bench-${n}`,
    strategyId: 'bench-1',
    instrumentId: INSTRUMENTS[n % INSTRUMENTS.length],
    side: n % 2 === 0 ? 'buy' : 'sell',
    quantity: 1,
    price: 1000,
    commission: 1.25,
    currency: 'USD',
    liquidity: 'maker',
    ts: Date.now() * 1000,
  };
}

/** The smallest whole ms below which a fraction `q` of the samples lies. */
function percentile(histogram: Uint32Array, q: number): number {
  let total = 0;
  for (const count of histogram) total += count;
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms];
    if (seen >= rank) return ms;
  }
  return histogram.length - 1;
}

function summarize(histogram: Uint32Array, max: number): Summary {
  let samples = 0;
  for (const count of histogram) samples += count;
  return {
    p50: percentile(histogram, 0.5),
    p90: percentile(histogram, 0.9),
    p99: percentile(histogram, 0.99),
    max,
    samples,
  };
}

function positive(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name}: ${text}`);
  return value;
}

function ms(nanoseconds: number): number {
  return round(Math.max(0, nanoseconds) / 1e6, 1);
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
