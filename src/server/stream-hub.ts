/**
 * The WebSocket fan-out of the server: every connected dashboard or script gets the channels it
 * subscribed to (`ClientMessage`/`ServerMessage` of api-types.ts).
 *
 * - Market data (quotes, trades, bars, depth) is sent at once to a client whose socket buffer is
 *   below `highWaterBytes`. For a backed-up client only the latest message per (channel, key) is
 *   kept and sent when its buffer drains (polled every `flushIntervalMs` while any client is
 *   backed up): conflated, never a growing backlog. Bars are keyed by `barType` and the bar's `ts`,
 *   so only updates of one bar replace each other; two distinct bars never merge.
 * - Reliable events (orders, fills, positions, account, risk, alerts, logs, session) are numbered
 *   by one hub-wide `seq`, the last `replayCapacity` of them are kept for `resume`, and each client
 *   gets every one of its channels in seq order: a slow client's events wait in its own queue,
 *   which is sent before its conflated market data. A client whose queue passes
 *   `maxReliableQueue` is closed with 1013 (try again later): it reconnects and resumes.
 * - Each published message is serialised once (with its `sent` stamp, the publish time in ms) and
 *   encoded once: the same bytes go to every client. What a client is sent in one tick is batched
 *   and leaves at the end of the tick as ONE text frame: the message itself when there is only one,
 *   else a JSON array of the messages in order (`ServerFrame`), put together from their encoded
 *   bytes (see stream-protocol.ts) and built once for all the clients due the same messages. A
 *   batch that would pass `maxFrameBytes` is sent as it is and the next one started.
 *
 * Resume protocol, for a client that reconnects: after `hello`, send `subscribe` and then
 * `resume {afterSeq: last seq seen}` straight away (without awaiting anything in between). The hub
 * answers with every kept event after `afterSeq` on the subscribed channels, in order, followed by
 * the live stream. It answers `reset {seq}` (refetch the state over REST; the live stream continues
 * after `seq`) when `afterSeq` is older than what it keeps, newer than its `seq` (the server
 * restarted), or when the connection was already handed an event newer than `afterSeq` (the gap
 * could then no longer be filled in order).
 */
import type {
  ChannelPayloads,
  MarketChannel,
  ReliableChannel,
  ServerMessage,
  StreamChannel,
} from './api-types.js';
import {
  Client,
  type ClientContext,
  OPEN,
  type Outgoing,
  type StreamSocket,
  type StreamUser,
} from './stream-client.js';
import {
  buildFrame,
  MAX_CLIENT_MESSAGE_BYTES,
  MAX_FRAME_BYTES,
  parseClientMessage,
} from './stream-protocol.js';

export type { StreamSocket, StreamUser } from './stream-client.js';

export interface StreamHubOptions {
  /** Reliable events kept for `resume` (default 10,000). */
  readonly replayCapacity?: number;
  /** Socket buffer (bytes) above which a client's market data is conflated and its events queued (1 MiB). */
  readonly highWaterBytes?: number;
  /** How often backed-up clients are polled for a drained buffer (ms, default 10). */
  readonly flushIntervalMs?: number;
  /** Queued reliable messages beyond which a client is closed with 1013 (default 50,000). */
  readonly maxReliableQueue?: number;
  /**
   * Longest frame of several messages (bytes, default 256 KiB): a tick's batch that would pass it
   * is sent and another started. A single longer message still goes as one frame.
   */
  readonly maxFrameBytes?: number;
  /**
   * The seq before the first event (default 0). A server that restarts can start above every seq
   * its previous run handed out (e.g. `Date.now() * 1000`) so that old clients' `resume` gets `reset`.
   */
  readonly initialSeq?: number;
  /** Clock of the `sent` stamps (ms since the epoch; default `Date.now`). */
  readonly now?: () => number;
}

export interface StreamHubStats {
  readonly clients: number;
  /** Reliable (and control) messages waiting in clients' queues now. */
  readonly queuedReliable: number;
  /** Market data messages replaced by a newer one for the same key before a slow client got them. */
  readonly conflatedDropped: number;
  /** Messages handed to sockets. */
  readonly sentMessages: number;
  /** WebSocket frames they went out in (one per client per tick, unless a batch passed `maxFrameBytes`). */
  readonly sentFrames: number;
  /** Longest one client's queue has been since the hub started. */
  readonly maxQueue: number;
}

export class StreamHub {
  readonly #capacity: number;
  readonly #flushInterval: number;
  readonly #now: () => number;
  readonly #ring: (Outgoing | undefined)[];
  #seq: number;
  /** Events in the ring. */
  #kept = 0;
  readonly #clients = new Set<Client>();
  readonly #subscribers = new Map<StreamChannel, Set<Client>>();
  readonly #backlogged = new Set<Client>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** Clients that were sent something in this tick: their batch leaves at its end. */
  #due: Client[] = [];
  /** The frames built in this tick, by their first message: clients due the same messages share one. */
  readonly #frames = new Map<Buffer, { readonly parts: readonly Buffer[]; readonly frame: Buffer }>();
  readonly #context: ClientContext;

  constructor(options: StreamHubOptions = {}) {
    this.#capacity = positiveInteger(options.replayCapacity ?? 10_000, 'replayCapacity');
    const highWater = positiveInteger(options.highWaterBytes ?? 1024 * 1024, 'highWaterBytes');
    this.#flushInterval = positiveInteger(options.flushIntervalMs ?? 10, 'flushIntervalMs');
    this.#seq = options.initialSeq ?? 0;
    if (!Number.isSafeInteger(this.#seq) || this.#seq < 0) throw new RangeError(`initialSeq: ${this.#seq}`);
    this.#now = options.now ?? Date.now;
    this.#ring = new Array<Outgoing | undefined>(this.#capacity);
    this.#context = {
      highWater,
      maxQueue: positiveInteger(options.maxReliableQueue ?? 50_000, 'maxReliableQueue'),
      maxFrame: positiveInteger(options.maxFrameBytes ?? MAX_FRAME_BYTES, 'maxFrameBytes'),
      counters: { queued: 0, conflated: 0, sent: 0, frames: 0, peakQueue: 0 },
      backlog: (client) => this.#backlog(client),
      drained: (client) => this.#backlogged.delete(client),
      dropped: (client) => this.#forget(client),
      flushLater: (client) => {
        if (this.#due.push(client) === 1) queueMicrotask(this.#endTick);
      },
      frame: (parts, bytes) => this.#frame(parts, bytes),
    };
  }

  /** The last event seq published (what `hello` tells a new client). */
  get seq(): number {
    return this.#seq;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Serves `socket` until it closes: says hello, then answers its messages. */
  attach(socket: StreamSocket, user: StreamUser): void {
    if (this.#closed || socket.readyState !== OPEN) {
      if (socket.readyState === OPEN) socket.close(1001, 'server shutting down');
      return;
    }
    const client = new Client(socket, user, this.#context);
    this.#clients.add(client);
    socket.on('message', (data) => this.#receive(client, data));
    socket.on('close', () => client.drop());
    socket.on('error', () => {}); // 'close' follows; the socket's owner logs
    client.send(encode({ type: 'hello', user: user.username, role: user.role, seq: this.#seq }));
  }

  /** Sends market data to its subscribers, conflated per (channel, key) for those backed up. */
  publishMarket<C extends MarketChannel>(channel: C, key: string, data: ChannelPayloads[C]): void {
    const subscribers = this.#subscribers.get(channel);
    if (subscribers === undefined || subscribers.size === 0) return;
    const bytes = encode({ type: 'data', channel, sent: this.#now(), data });
    const slot = channel === 'bars' ? barSlot(data as ChannelPayloads['bars']) : `${channel}\u0000${key}`;
    for (const client of subscribers) client.offer(slot, bytes);
  }

  /** Numbers, keeps and sends a reliable event to its subscribers; returns its seq. */
  publishEvent<C extends ReliableChannel>(channel: C, data: ChannelPayloads[C]): number {
    const seq = ++this.#seq;
    const bytes = encode({ type: 'event', channel, seq, sent: this.#now(), data });
    const out: Outgoing = { seq, channel, bytes };
    this.#ring[seq % this.#capacity] = out;
    if (this.#kept < this.#capacity) this.#kept++;
    const subscribers = this.#subscribers.get(channel);
    if (subscribers !== undefined) for (const client of subscribers) client.hand(out);
    return seq;
  }

  stats(): StreamHubStats {
    const { counters } = this.#context;
    return {
      clients: this.#clients.size,
      queuedReliable: counters.queued,
      conflatedDropped: counters.conflated,
      sentMessages: counters.sent,
      sentFrames: counters.frames,
      maxQueue: counters.peakQueue,
    };
  }

  /** Closes every client (1001) and refuses new ones. */
  close(): void {
    this.#closed = true;
    for (const client of [...this.#clients]) {
      client.drop();
      client.socket.close(1001, 'server shutting down');
    }
    this.#stopTimer();
  }

  #receive(client: Client, raw: Buffer | ArrayBuffer | Buffer[]): void {
    if (!client.open) return;
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (bytes.length > MAX_CLIENT_MESSAGE_BYTES) {
      this.#reply(client, { type: 'error', message: `message too long: ${bytes.length} bytes` });
      return;
    }
    const message = parseClientMessage(bytes.toString('utf8'));
    if ('error' in message) {
      this.#reply(client, { type: 'error', message: message.error });
      return;
    }
    switch (message.type) {
      case 'subscribe':
        for (const channel of message.channels) {
          client.channels.add(channel);
          const set = this.#subscribers.get(channel);
          if (set === undefined) this.#subscribers.set(channel, new Set([client]));
          else set.add(client);
        }
        return;
      case 'unsubscribe': {
        const channels = new Set(message.channels);
        for (const channel of channels) this.#subscribers.get(channel)?.delete(client);
        client.unsubscribe(channels);
        return;
      }
      case 'resume':
        this.#resume(client, message.afterSeq);
        return;
      case 'ping':
        this.#reply(client, { type: 'pong', id: message.id });
        return;
    }
  }

  #resume(client: Client, afterSeq: number): void {
    const seq = this.#seq;
    if (afterSeq > seq || afterSeq < seq - this.#kept || client.lastHanded > afterSeq) {
      this.#reply(client, { type: 'reset', seq });
      return;
    }
    for (let s = afterSeq + 1; s <= seq && client.open; s++) {
      const out = this.#ring[s % this.#capacity]!;
      if (out.channel !== null && client.channels.has(out.channel)) client.hand(out);
    }
  }

  #reply(client: Client, message: ServerMessage): void {
    client.hand({ seq: 0, channel: null, bytes: encode(message) });
  }

  /** Once the tick's sends are done: each client's batch goes to its socket as one frame. */
  readonly #endTick = (): void => {
    const due = this.#due;
    this.#due = [];
    for (const client of due) client.endTick();
    this.#frames.clear();
  };

  /**
   * The frame of `parts`. Clients subscribed to the same channels are due the same messages (the
   * same buffers, in the same order) in a tick: the frame is built once, for the first of them.
   */
  #frame(parts: readonly Buffer[], bytes: number): Buffer {
    if (parts.length === 1) return parts[0];
    const first = parts[0];
    const built = this.#frames.get(first);
    if (built !== undefined && sameParts(built.parts, parts)) return built.frame;
    const frame = buildFrame(parts, bytes);
    this.#frames.set(first, { parts, frame });
    return frame;
  }

  #backlog(client: Client): void {
    if (!client.open) return;
    this.#backlogged.add(client);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#flushAll(), this.#flushInterval);
      this.#timer.unref();
    }
  }

  #flushAll(): void {
    for (const client of this.#backlogged) client.flush();
    if (this.#backlogged.size === 0) this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #forget(client: Client): void {
    this.#clients.delete(client);
    for (const channel of client.channels) this.#subscribers.get(channel)?.delete(client);
    this.#backlogged.delete(client);
  }
}

/** A server message as the UTF-8 bytes of its JSON: built once, sent to every client as is. */
function encode(message: ServerMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}

function sameParts(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bars conflate per bar (type and close time): updates of one bar replace each other, bars never merge. */
function barSlot(bar: ChannelPayloads['bars']): string {
  return `bars\u0000${bar.barType}\u0000${bar.ts}`;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name}: ${value}`);
  return value;
}
