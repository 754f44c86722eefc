/**
 * The dashboard's WebSocket: subscribes to every channel, reconnects with backoff, resumes the
 * reliable channels from the last `seq` it saw, and reports its connection status.
 */
import { backoffDelay } from './backoff';
import {
  ALL_CHANNELS,
  type ClientMessage,
  type MarketUpdate,
  type ReliableUpdate,
  type ServerFrame,
  type ServerMessage,
  toMarketUpdate,
  toReliableUpdate,
} from './types';

export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline';

export interface SocketListeners {
  onStatus(status: ConnectionStatus, attempt: number): void;
  onMarket(update: MarketUpdate): void;
  onEvent(update: ReliableUpdate): void;
  /** The server could not resume from our seq: everything must be refetched over REST. */
  onReset(): void;
  /**
   * Subscribed on a new connection. `resumed` is false on the first one (nothing to resume from:
   * load the state over REST now); true after a reconnect (reliable channels resume, but market
   * data sent meanwhile is gone).
   */
  onSubscribed(resumed: boolean): void;
  /**
   * A connection failed to open. Browsers hide the upgrade's 401, so the caller should check the
   * login is still valid (GET /api/me).
   */
  onOpenFailed(): void;
}

const PING_INTERVAL_MS = 15_000;
/** No message at all (not even a pong) for this long: the connection is dead, drop it. */
const SILENCE_LIMIT_MS = 40_000;

export function socketUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/ws`;
}

export class LiveSocket {
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private opened = false;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastMessageAt = 0;
  private pingId = 0;

  constructor(
    private readonly url: string,
    private readonly listeners: SocketListeners,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    clearTimeout(this.reconnectTimer);
    this.closeSocket();
    this.listeners.onStatus('offline', 0);
  }

  private connect(): void {
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.listeners.onStatus('offline', this.attempt);
      return; // `online` reconnects
    }
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => {
      if (socket === this.socket) this.handleOpen();
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) this.handleMessage(socket, event);
    };
    socket.onclose = () => this.handleClose(socket);
  }

  private handleOpen(): void {
    // The hub wants `subscribe` then `resume` straight away, with nothing awaited in between.
    const resumed = this.lastSeq !== null;
    this.send({ type: 'subscribe', channels: ALL_CHANNELS });
    if (this.lastSeq !== null) this.send({ type: 'resume', afterSeq: this.lastSeq });
    this.opened = true;
    this.attempt = 0;
    this.lastMessageAt = Date.now();
    this.startHeartbeat();
    this.listeners.onStatus('connected', 0);
    this.listeners.onSubscribed(resumed);
  }

  private handleMessage(socket: WebSocket, event: MessageEvent): void {
    this.lastMessageAt = Date.now();
    if (typeof event.data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(event.data) as ServerFrame;
    } catch {
      return;
    }
    // A frame holds one message, or an array of several (what the server sent in one go), in order.
    if (!Array.isArray(frame)) {
      this.handleServerMessage(frame as ServerMessage);
      return;
    }
    for (const message of frame as readonly ServerMessage[]) {
      // A listener may have stopped this socket: the rest of the frame is for no one.
      if (this.socket !== socket) return;
      this.handleServerMessage(message);
    }
  }

  private handleServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'hello':
        // Only the first hello sets the position; after a reconnect we resume from our own seq.
        if (this.lastSeq === null) this.lastSeq = message.seq;
        break;
      case 'event':
        if (this.lastSeq !== null && message.seq <= this.lastSeq) break; // already applied
        this.lastSeq = message.seq;
        this.listeners.onEvent(toReliableUpdate(message));
        break;
      case 'data':
        this.listeners.onMarket(toMarketUpdate(message));
        break;
      case 'reset':
        this.lastSeq = message.seq;
        this.listeners.onReset();
        break;
      case 'pong':
      case 'error':
        break;
    }
  }

  private handleClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.stopHeartbeat();
    this.socket = null;
    if (this.stopped) return;
    if (!this.opened) this.listeners.onOpenFailed();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.attempt += 1;
    this.listeners.onStatus(navigator.onLine ? 'reconnecting' : 'offline', this.attempt);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt));
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastMessageAt > SILENCE_LIMIT_MS) {
        // A dead connection's close handshake can take minutes: drop it and reconnect now.
        this.closeSocket();
        this.scheduleReconnect();
        return;
      }
      this.pingId += 1;
      this.send({ type: 'ping', id: this.pingId });
    }, PING_INTERVAL_MS);
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private closeSocket(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private readonly handleOnline = (): void => {
    if (this.stopped || this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.connect();
  };

  private readonly handleOffline = (): void => {
    if (this.stopped) return;
    // The socket cannot outlive the network: drop it now instead of waiting for its close to time out.
    this.closeSocket();
    clearTimeout(this.reconnectTimer);
    this.listeners.onStatus('offline', this.attempt);
  };
}
