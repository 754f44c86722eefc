/**
 * One connection of the stream hub (stream-hub.ts): its socket and subscriptions, and the sending
 * side of the hub's rules for it: reliable messages in order through its own queue, market data
 * straight away or conflated per slot while its socket buffer is above the high-water mark.
 */
import type { Role, StreamChannel } from './api-types.js';

export interface StreamUser {
  readonly username: string;
  readonly role: Role;
}

/** What the hub needs of a socket: a `ws` WebSocket (what @fastify/websocket hands out) is one. */
export interface StreamSocket {
  /** Sends one text message: the hub passes its UTF-8 bytes (encoded once for every client). */
  send(data: Buffer, options: typeof TEXT): void;
  /** Bytes accepted by `send` but not yet written to the network. */
  readonly bufferedAmount: number;
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export const OPEN = 1;

/** `ws` send options of a text frame whose payload is given as bytes. */
export const TEXT: { readonly binary: false } = { binary: false };

/** A message as it goes out: `seq` 0 and `channel` null for replies (pong, error, reset). */
export interface Outgoing {
  readonly seq: number;
  readonly channel: StreamChannel | null;
  /** The message's JSON, UTF-8. */
  readonly bytes: Buffer;
}

/** What the clients of one hub share: its limits, counters, and its hooks. */
export interface ClientContext {
  readonly highWater: number;
  readonly maxQueue: number;
  /** Corked bytes beyond which a socket is uncorked at once. */
  readonly corkLimit: number;
  readonly counters: { queued: number; conflated: number; sent: number; peakQueue: number };
  /** Polls the client until its backlog is sent. */
  backlog(client: Client): void;
  /** The client has nothing waiting any more. */
  drained(client: Client): void;
  /** The client closed or is being closed: forget it. */
  dropped(client: Client): void;
  /** Uncorks the client at the end of this tick. */
  uncorkLater(client: Client): void;
}

/** A stream that can hold its writes and hand them to the kernel in one go (a net.Socket). */
interface Corkable {
  cork(): void;
  uncork(): void;
}

export class Client {
  readonly channels = new Set<StreamChannel>();
  /** Highest event seq handed to this connection (queued or sent). */
  lastHanded = 0;
  open = true;
  /** Reliable events and replies not yet handed to the socket, in order, from `#head`. */
  #queue: Outgoing[] = [];
  #head = 0;
  /** Conflated market data while backed up: slot → latest message. */
  readonly #pending = new Map<string, Buffer>();
  /** The TCP socket under a `ws` WebSocket, corked while the hub sends it a burst. */
  readonly #raw: Corkable | undefined;
  #corked = false;

  constructor(
    readonly socket: StreamSocket,
    readonly user: StreamUser,
    private readonly context: ClientContext,
  ) {
    this.#raw = underlyingSocket(socket);
  }

  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Market data: sent now, or kept as the latest of its slot until the socket drains. */
  offer(slot: string, bytes: Buffer): void {
    const { context } = this;
    const idle = this.queued === 0 && this.#pending.size === 0;
    if (idle && this.socket.bufferedAmount < context.highWater) {
      this.send(bytes);
      return;
    }
    if (this.#pending.has(slot)) context.counters.conflated++;
    this.#pending.set(slot, bytes);
    if (idle) context.backlog(this);
    else if (this.socket.bufferedAmount < context.highWater) this.flush();
  }

  /** A reliable event or reply: sent now, or queued behind the ones before it; never dropped. */
  hand(out: Outgoing): void {
    if (!this.open) return;
    const { context } = this;
    if (out.seq > this.lastHanded) this.lastHanded = out.seq;
    if (this.queued === 0 && this.socket.bufferedAmount < context.highWater) {
      this.send(out.bytes);
      return;
    }
    this.#queue.push(out);
    context.counters.queued++;
    const queued = this.queued;
    if (queued > context.counters.peakQueue) context.counters.peakQueue = queued;
    if (queued > context.maxQueue) {
      this.drop();
      this.socket.close(1013, `too slow: over ${context.maxQueue} events queued; reconnect and resume`);
      return;
    }
    if (this.socket.bufferedAmount < context.highWater) this.flush();
    else context.backlog(this);
  }

  /** Sends what the socket buffer takes: queued messages first, then conflated market data. */
  flush(): void {
    const { socket, context } = this;
    while (this.#head < this.#queue.length) {
      if (!this.open || socket.bufferedAmount >= context.highWater) {
        if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
          this.#queue = this.#queue.slice(this.#head);
          this.#head = 0;
        }
        return;
      }
      const out = this.#queue[this.#head++];
      context.counters.queued--;
      this.send(out.bytes);
    }
    this.#queue = [];
    this.#head = 0;
    for (const [slot, bytes] of this.#pending) {
      if (!this.open || socket.bufferedAmount >= context.highWater) return;
      this.#pending.delete(slot);
      this.send(bytes);
    }
    context.drained(this);
  }

  /** Stops sending `channels`: what waits of them is dropped. */
  unsubscribe(channels: ReadonlySet<StreamChannel>): void {
    for (const channel of channels) this.channels.delete(channel);
    for (const slot of this.#pending.keys()) {
      if (channels.has(slot.slice(0, slot.indexOf('\u0000')) as StreamChannel)) this.#pending.delete(slot);
    }
    const kept = this.#queue
      .slice(this.#head)
      .filter((out) => out.channel === null || !channels.has(out.channel));
    this.context.counters.queued -= this.queued - kept.length;
    this.#queue = kept;
    this.#head = 0;
    if (kept.length === 0 && this.#pending.size === 0) this.context.drained(this);
  }

  send(bytes: Buffer): void {
    if (!this.open) return;
    if (this.socket.readyState !== OPEN) {
      this.drop();
      return;
    }
    if (this.#raw !== undefined && !this.#corked) {
      this.#raw.cork();
      this.#corked = true;
      this.context.uncorkLater(this);
    }
    try {
      this.socket.send(bytes, TEXT);
      this.context.counters.sent++;
    } catch {
      this.drop();
      return;
    }
    if (this.#corked && this.socket.bufferedAmount >= this.context.corkLimit) this.uncork();
  }

  uncork(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#raw!.uncork();
  }

  /** Forgets everything waiting; the hub forgets the client. The socket is the caller's to close. */
  drop(): void {
    if (!this.open) return;
    this.open = false;
    this.uncork();
    this.context.counters.queued -= this.queued;
    this.#queue = [];
    this.#head = 0;
    this.#pending.clear();
    this.context.dropped(this);
  }
}

/**
 * A `ws` WebSocket keeps its net.Socket in `_socket` (not in its typings, but there through ws 8).
 * When it is there, the hub corks it while it sends a burst, so that the frames of the messages
 * published in one tick leave in one write instead of one system call each.
 */
function underlyingSocket(socket: StreamSocket): Corkable | undefined {
  const raw: unknown = (socket as { _socket?: unknown })._socket;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { cork, uncork } = raw as Partial<Corkable>;
  return typeof cork === 'function' && typeof uncork === 'function' ? (raw as Corkable) : undefined;
}
