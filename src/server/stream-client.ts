/**
 * One connection of the stream hub (stream-hub.ts): its socket and subscriptions, and the sending
 * side of the hub's rules for it: reliable messages in order through its own queue, market data
 * straight away or conflated per slot while its socket buffer is above the high-water mark. What
 * it sends in one tick is batched and leaves as one WebSocket frame at the end of the tick.
 */
import type { Role, StreamChannel } from './api-types.js';
import { frameLength } from './stream-protocol.js';

export interface StreamUser {
  readonly username: string;
  readonly role: Role;
}

/** What the hub needs of a socket: a `ws` WebSocket (what @fastify/websocket hands out) is one. */
export interface StreamSocket {
  /**
   * Sends one text frame: the hub passes its UTF-8 bytes (one message, or a JSON array of messages,
   * built once and shared by the clients due the same messages).
   */
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
  /** Longest frame built of several messages (bytes): a flush with more starts another frame. */
  readonly maxFrame: number;
  readonly counters: {
    queued: number;
    conflated: number;
    sent: number;
    frames: number;
    peakQueue: number;
  };
  /** Polls the client until its backlog is sent. */
  backlog(client: Client): void;
  /** The client has nothing waiting any more. */
  drained(client: Client): void;
  /** The client closed or is being closed: forget it. */
  dropped(client: Client): void;
  /** Calls the client's `endTick` at the end of this tick. */
  flushLater(client: Client): void;
  /** The frame of `parts` (see stream-protocol.ts), shared by the clients due the same messages. */
  frame(parts: readonly Buffer[], bytes: number): Buffer;
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
  /** Messages sent in this tick, in order: they leave as one frame at its end (`endTick`). */
  #batch: Buffer[] = [];
  /** Bytes of the messages in `#batch`. */
  #batchBytes = 0;
  /** Waiting for the hub's `endTick` call. */
  #due = false;

  constructor(
    readonly socket: StreamSocket,
    readonly user: StreamUser,
    private readonly context: ClientContext,
  ) {}

  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** What is on its way: the socket's buffer and this tick's batch (bytes). */
  get buffered(): number {
    return this.socket.bufferedAmount + this.#batchBytes;
  }

  /** Market data: sent now, or kept as the latest of its slot until the socket drains. */
  offer(slot: string, bytes: Buffer): void {
    const { context } = this;
    const idle = this.queued === 0 && this.#pending.size === 0;
    if (idle && this.buffered < context.highWater) {
      this.send(bytes);
      return;
    }
    if (this.#pending.has(slot)) context.counters.conflated++;
    this.#pending.set(slot, bytes);
    if (idle) context.backlog(this);
    else if (this.buffered < context.highWater) this.flush();
  }

  /** A reliable event or reply: sent now, or queued behind the ones before it; never dropped. */
  hand(out: Outgoing): void {
    if (!this.open) return;
    const { context } = this;
    if (out.seq > this.lastHanded) this.lastHanded = out.seq;
    if (this.queued === 0 && this.buffered < context.highWater) {
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
    if (this.buffered < context.highWater) this.flush();
    else context.backlog(this);
  }

  /** Sends what the socket buffer takes: queued messages first, then conflated market data. */
  flush(): void {
    const { context } = this;
    while (this.#head < this.#queue.length) {
      if (!this.open || this.buffered >= context.highWater) {
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
      if (!this.open || this.buffered >= context.highWater) return;
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

  /**
   * Sends one message: it joins this tick's batch, which goes to the socket as one frame at the end
   * of the tick (or before, when the next message would take it past `maxFrame` bytes).
   */
  send(bytes: Buffer): void {
    if (!this.open) return;
    if (this.socket.readyState !== OPEN) {
      this.drop();
      return;
    }
    const { context } = this;
    const count = this.#batch.length;
    if (count > 0 && frameLength(count + 1, this.#batchBytes + bytes.length) > context.maxFrame) {
      this.#write();
      if (!this.open) return;
    }
    if (!this.#due) {
      this.#due = true;
      context.flushLater(this);
    }
    this.#batch.push(bytes);
    this.#batchBytes += bytes.length;
    context.counters.sent++;
  }

  /** The tick is over: its batch goes to the socket. */
  endTick(): void {
    this.#due = false;
    this.#write();
  }

  /** Forgets everything waiting; the hub forgets the client. The socket is the caller's to close. */
  drop(): void {
    if (!this.open) return;
    // This tick's batch was sent as far as the hub is concerned: it goes ahead of any close frame.
    if (this.#batch.length > 0 && this.socket.readyState === OPEN) this.#write();
    this.open = false;
    this.context.counters.queued -= this.queued;
    this.#queue = [];
    this.#head = 0;
    this.#pending.clear();
    this.#batch = [];
    this.#batchBytes = 0;
    this.context.dropped(this);
  }

  /** Hands the batch to the socket as one frame; a socket that is gone or refuses it drops the client. */
  #write(): void {
    const count = this.#batch.length;
    if (count === 0) return;
    const parts = this.#batch;
    const bytes = this.#batchBytes;
    this.#batch = [];
    this.#batchBytes = 0;
    if (!this.open) return;
    if (this.socket.readyState !== OPEN) {
      this.drop();
      return;
    }
    try {
      this.socket.send(this.context.frame(parts, bytes), TEXT);
      this.context.counters.frames++;
    } catch {
      this.drop();
    }
  }
}
