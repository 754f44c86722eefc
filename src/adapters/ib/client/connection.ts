import { ErrorCode, EventName, IBApi, type IBApiCreationOptions } from '@stoqey/ib';
import { type Clock, LiveClock } from '../../../core/clock.js';
import { type Log, silentLog } from '../../../core/log.js';
import { type BackoffOptions, backoffDelayMs } from './backoff.js';
import { IbNotConnected } from './errors.js';
import { type HistoricalRequestKey, RequestPacer, type RequestPacerOptions } from './pacing.js';

/**
 * A supervised connection to TWS / IB Gateway on the real `@stoqey/ib` client: handshake until
 * managed accounts and the next valid id arrived, liveness by `reqCurrentTime`, reconnect with
 * exponential backoff and full jitter, the 1100/1101/1102/2110 connectivity codes, and a registry
 * of subscriptions that are re-issued after every reconnect (and after 1101).
 */

export interface IbConnectionOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** TWS 7496/7497, IB Gateway 4001/4002. */
  readonly port: number;
  /** Default 0. Must be unique per TWS/Gateway. */
  readonly clientId?: number;
  /** Time from opening the socket to having managed accounts and the next valid id (default 10 000). */
  readonly connectTimeoutMs?: number;
  /** How often to ping with `reqCurrentTime` while connected (default 10 000). */
  readonly heartbeatIntervalMs?: number;
  /** How long a ping may stay unanswered before the socket is declared dead (default 5 000). */
  readonly heartbeatTimeoutMs?: number;
  /** Reconnect delay caps (default base 1 000 ms, max 60 000 ms). */
  readonly backoff?: BackoffOptions;
  /** Consecutive failed attempts before giving up (default Infinity: retry forever). */
  readonly maxAttempts?: number;
  /** Random source for the jitter (default Math.random; `seededRandom(n)` in tests). */
  readonly random?: () => number;
  /** Client-side pacing (default 45 messages/s, burst 1; IB's historical rules). */
  readonly pacing?: RequestPacerOptions;
  /** Clock the pacer waits on (default a LiveClock). */
  readonly clock?: Clock;
  readonly log?: Log;
  /** Creates the client for each attempt (default `new IBApi(options)`); wrap it to observe traffic. */
  readonly createApi?: (options: IBApiCreationOptions) => IBApi;
}

export type IbConnectionState =
  | 'idle'
  | 'connecting'
  | 'ready'
  | 'disconnected'
  | 'reconnecting'
  | 'failed'
  | 'closed';

/** Why the connection became ready. */
export type IbReadyCause = 'connect' | 'reconnect' | 'restored-data-lost' | 'restored-data-kept';

export type IbConnectionEvent =
  | { readonly type: 'connecting'; readonly attempt: number }
  | {
      readonly type: 'ready';
      readonly cause: IbReadyCause;
      /** 1 for the first socket session, +1 per reconnect. */
      readonly session: number;
      readonly accounts: readonly string[];
      readonly nextValidId: number;
      readonly serverVersion: number;
    }
  | {
      readonly type: 'disconnected';
      readonly reason: string;
      /** True for 1100/2110: the socket to TWS is up, TWS lost IB's servers. */
      readonly socketOpen: boolean;
      readonly code?: number;
    }
  | {
      readonly type: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly type: 'connectivity'; readonly code: number; readonly message: string }
  | { readonly type: 'resubscribed'; readonly count: number; readonly cause: IbReadyCause }
  | { readonly type: 'gave-up'; readonly attempts: number; readonly reason: string }
  | { readonly type: 'closed' };

export type IbConnectionListener = (event: IbConnectionEvent) => void;

/** A registered subscription; `cancel()` removes it from the registry (it is not re-issued again). */
export interface IbSubscription {
  readonly key: string;
  cancel(): void;
}

/** Connectivity codes (errors with id −1, which @stoqey/ib reports as `info`). */
export const IbConnectivityCode = {
  LOST: 1100,
  RESTORED_DATA_LOST: 1101,
  RESTORED_DATA_KEPT: 1102,
  TWS_SERVER_BROKEN: 2110,
} as const;

/** TWS: "Unable to connect as the client id is already in use". */
const CLIENT_ID_IN_USE = 326;

interface Waiter {
  readonly resolve: (api: IBApi) => void;
  readonly reject: (error: Error) => void;
}

export class IbConnection {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  readonly pacer: RequestPacer;
  private readonly connectTimeoutMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private readonly log: Log;
  private readonly ownClock: LiveClock | undefined;
  private readonly createApi: (options: IBApiCreationOptions) => IBApi;

  private stateValue: IbConnectionState = 'idle';
  private readonly listeners = new Set<IbConnectionListener>();
  private readonly apiHooks = new Set<(api: IBApi) => void>();
  private readonly subscriptions = new Map<string, (api: IBApi) => void>();
  private readonly waiters = new Set<Waiter>();

  private current: IBApi | undefined;
  private readonly clientRateLimit: number;
  /** Set once the current socket finished its handshake (accounts + next id). */
  private sessionApi: IBApi | undefined;
  private sessionCount = 0;
  private failures = 0;
  private accountList: readonly string[] = [];
  private nextId = 0;
  private readyTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private lastFailure = '';

  constructor(options: IbConnectionOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port;
    this.clientId = options.clientId ?? 0;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 10_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 5_000;
    this.backoff = options.backoff ?? {};
    this.maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silentLog;
    this.createApi = options.createApi ?? ((o) => new IBApi(o));
    for (const [name, value] of Object.entries({
      connectTimeoutMs: this.connectTimeoutMs,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      heartbeatTimeoutMs: this.heartbeatTimeoutMs,
    }))
      if (!(value > 0 && Number.isFinite(value)))
        throw new RangeError(`IbConnection: ${name} must be a positive number of ms, got ${value}`);
    if (!(Number.isInteger(this.port) && this.port > 0 && this.port < 65536))
      throw new RangeError(`IbConnection: port must be 1–65535, got ${this.port}`);
    if (!(this.maxAttempts >= 1)) throw new RangeError(`IbConnection: maxAttempts must be >= 1`);
    if (options.clock === undefined) this.ownClock = new LiveClock();
    this.pacer = new RequestPacer(options.clock ?? (this.ownClock as LiveClock), options.pacing);
    const rate = options.pacing?.messagesPerSecond ?? 45;
    const burst = options.pacing?.burst ?? 1;
    this.clientRateLimit = Math.max(50, 10 * Math.ceil(burst - 1 + rate / 10));
  }

  // ---- state -----------------------------------------------------------------------------------

  get state(): IbConnectionState {
    return this.stateValue;
  }

  /** Ready: the socket is up, the handshake is done and IB's servers are reachable. */
  get ready(): boolean {
    return this.stateValue === 'ready';
  }

  get accounts(): readonly string[] {
    return this.accountList;
  }

  /** The latest `nextValidId` (the next order id IB accepts). */
  get nextValidId(): number {
    return this.nextId;
  }

  /** Socket sessions that reached ready so far. */
  get sessions(): number {
    return this.sessionCount;
  }

  /** The client of the current socket session, if the handshake finished. */
  get api(): IBApi | undefined {
    return this.sessionApi;
  }

  /** Listens to state events; returns the function that stops listening. */
  on(listener: IbConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `hook` with every new client right after it is created (before it connects), so other
   * layers can attach their typed listeners to each socket session. Returns the remover.
   */
  onApi(hook: (api: IBApi) => void): () => void {
    this.apiHooks.add(hook);
    if (this.current !== undefined) hook(this.current);
    return () => this.apiHooks.delete(hook);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Starts connecting (and supervising); resolves at the first ready. */
  connect(timeoutMs?: number): Promise<void> {
    if (this.stateValue === 'closed') return Promise.reject(new IbNotConnected('connect', 'closed'));
    if (this.stateValue === 'idle' || this.stateValue === 'failed') {
      this.failures = 0;
      this.attempt();
    }
    return this.whenReady(timeoutMs).then(() => undefined);
  }

  /** Resolves with the session's client once ready; rejects after `timeoutMs` or on close/give-up. */
  whenReady(timeoutMs?: number): Promise<IBApi> {
    if (this.stateValue === 'ready' && this.sessionApi !== undefined) return Promise.resolve(this.sessionApi);
    if (this.stateValue === 'closed' || this.stateValue === 'failed')
      return Promise.reject(new IbNotConnected('waiting for ready', this.stateValue));
    return new Promise<IBApi>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        resolve: (api) => {
          if (timer) clearTimeout(timer);
          resolve(api);
        },
        reject: (error) => {
          if (timer) clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      if (timeoutMs !== undefined)
        timer = setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new IbNotConnected(
              `waiting for ready (${timeoutMs} ms)`,
              `state ${this.stateValue}${this.lastFailure ? `, last failure: ${this.lastFailure}` : ''}`,
            ),
          );
        }, timeoutMs);
    });
  }

  /** Disconnects for good: no timers, sockets or queued requests are left. */
  async close(): Promise<void> {
    if (this.stateValue === 'closed') return;
    this.clearTimers();
    this.dropApi();
    this.pacer.close();
    this.ownClock?.cancelAll();
    this.setState('closed');
    this.emit({ type: 'closed' });
    this.rejectWaiters(new IbNotConnected('waiting for ready', 'connection closed'));
    // Let the destroyed socket's close events run before returning.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  // ---- sending ---------------------------------------------------------------------------------

  /**
   * Sends through the pacer: `send` runs with the session's client when the bucket allows.
   * Rejects with `IbNotConnected` if no socket session is up at that moment.
   */
  send(what: string, send: (api: IBApi) => void): Promise<void> {
    return this.pacer.send(what, () => send(this.requireApi(what)));
  }

  /** Like `send`, also applying IB's historical-data pacing rules. */
  sendHistorical(what: string, key: HistoricalRequestKey, send: (api: IBApi) => void): Promise<void> {
    return this.pacer.sendHistorical(what, key, () => send(this.requireApi(what)));
  }

  private requireApi(what: string): IBApi {
    if (this.sessionApi === undefined) throw new IbNotConnected(what, `state ${this.stateValue}`);
    return this.sessionApi;
  }

  // ---- subscriptions ---------------------------------------------------------------------------

  /**
   * Registers a subscription under a unique key. `issue` sends it (with the current session's
   * client); it runs now if ready, and again after every reconnect and after 1101.
   */
  subscribe(key: string, issue: (api: IBApi) => void): IbSubscription {
    if (this.subscriptions.has(key)) throw new RangeError(`subscription '${key}' is already registered`);
    this.subscriptions.set(key, issue);
    if (this.stateValue === 'ready') this.issue(key, issue);
    return {
      key,
      cancel: () => {
        if (this.subscriptions.get(key) === issue) this.subscriptions.delete(key);
      },
    };
  }

  /** Keys of the registered subscriptions. */
  subscriptionKeys(): string[] {
    return [...this.subscriptions.keys()];
  }

  private issue(key: string, issue: (api: IBApi) => void): void {
    this.send(`subscription ${key}`, issue).catch((error: unknown) => {
      // Not connected any more: it will be issued again at the next ready.
      this.log.warn(`ib: could not issue subscription ${key}: ${(error as Error).message}`);
    });
  }

  private resubscribeAll(cause: IbReadyCause): void {
    const subs = [...this.subscriptions];
    for (const [key, issue] of subs) this.issue(key, issue);
    if (subs.length > 0) this.log.info(`ib: re-issued ${subs.length} subscription(s) (${cause})`);
    this.emit({ type: 'resubscribed', count: subs.length, cause });
  }

  // ---- supervision -----------------------------------------------------------------------------

  private attempt(): void {
    this.reconnectTimer = undefined;
    const attempt = this.failures + 1;
    this.setState('connecting');
    this.emit({ type: 'connecting', attempt });
    this.log.info(
      `ib: connecting to ${this.host}:${this.port} as client ${this.clientId} (attempt ${attempt})`,
    );
    // maxReqPerSec: the client's own limiter lets maxReqPerSec/10 messages through per 100 ms; ours
    // puts at most burst − 1 + rate/10 into any 100 ms. Keep theirs at or above that, so it never
    // queues: 50/s with our defaults, more when a test raises our pacing.
    const api = this.createApi({ host: this.host, port: this.port, maxReqPerSec: this.clientRateLimit });
    this.current = api;
    let accounts: string[] | undefined;
    let nextValidId: number | undefined;
    const isCurrent = (): boolean => this.current === api;
    const checkReady = (): void => {
      if (!isCurrent() || this.sessionApi !== undefined) return;
      if (accounts !== undefined && nextValidId !== undefined) this.onReady(api, accounts, nextValidId);
    };
    api.on(EventName.managedAccounts, (list: string) => {
      accounts = list
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
      if (this.sessionApi === api) this.accountList = accounts;
      checkReady();
    });
    api.on(EventName.nextValidId, (orderId: number) => {
      nextValidId = orderId;
      if (this.sessionApi === api) this.nextId = orderId;
      checkReady();
    });
    api.on(EventName.disconnected, () => {
      if (isCurrent()) this.lost('socket closed');
    });
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      if (!isCurrent()) return;
      if (reqId === ErrorCode.NO_VALID_ID || reqId === undefined) this.onNotice(code, error.message);
    });
    api.on(EventName.info, (message: string, code: number) => {
      if (isCurrent()) this.onNotice(code, message);
    });
    api.on(EventName.currentTime, () => {
      if (!isCurrent()) return;
      if (this.pingTimer !== undefined) clearTimeout(this.pingTimer);
      this.pingTimer = undefined;
    });
    for (const hook of this.apiHooks) hook(api);
    this.readyTimer = setTimeout(() => {
      if (isCurrent())
        this.lost(
          `no managed accounts and next valid id within ${this.connectTimeoutMs} ms (gateway not answering)`,
        );
    }, this.connectTimeoutMs);
    api.connect(this.clientId);
  }

  private onReady(api: IBApi, accounts: string[], nextValidId: number): void {
    if (this.readyTimer !== undefined) clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
    this.sessionApi = api;
    this.accountList = accounts;
    this.nextId = nextValidId;
    this.failures = 0;
    this.lastFailure = '';
    this.sessionCount++;
    const cause: IbReadyCause = this.sessionCount === 1 ? 'connect' : 'reconnect';
    this.log.info(
      `ib: ready (session ${this.sessionCount}, accounts ${accounts.join(',')}, next id ${nextValidId})`,
    );
    this.becomeReady(cause);
    this.startHeartbeat();
    if (this.subscriptions.size > 0 || cause === 'reconnect') this.resubscribeAll(cause);
  }

  private becomeReady(cause: IbReadyCause): void {
    const api = this.sessionApi;
    if (api === undefined) return;
    this.setState('ready');
    this.emit({
      type: 'ready',
      cause,
      session: this.sessionCount,
      accounts: this.accountList,
      nextValidId: this.nextId,
      serverVersion: api.serverVersion,
    });
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w.resolve(api);
  }

  /** Errors with id −1: connection failures and the connectivity codes. */
  private onNotice(code: number, message: string): void {
    switch (code) {
      case ErrorCode.CONNECT_FAIL:
      case ErrorCode.NOT_CONNECTED:
        this.lost(`${message} (${code})`, code);
        return;
      case CLIENT_ID_IN_USE:
        this.log.warn(`ib: client id ${this.clientId} is in use (326); will retry`);
        this.lastFailure = `client id ${this.clientId} in use (326)`;
        return;
      case IbConnectivityCode.LOST:
      case IbConnectivityCode.TWS_SERVER_BROKEN:
        this.emit({ type: 'connectivity', code, message });
        this.log.warn(`ib: ${code} ${message}: waiting for IB to restore the connection`);
        if (this.sessionApi !== undefined && this.stateValue === 'ready') {
          this.setState('disconnected');
          this.emit({ type: 'disconnected', reason: `${message} (${code})`, socketOpen: true, code });
        }
        return;
      case IbConnectivityCode.RESTORED_DATA_LOST:
      case IbConnectivityCode.RESTORED_DATA_KEPT: {
        this.emit({ type: 'connectivity', code, message });
        if (this.sessionApi === undefined) return;
        const lost = code === IbConnectivityCode.RESTORED_DATA_LOST;
        this.log.info(`ib: ${code} ${message}${lost ? ': re-subscribing everything' : ''}`);
        const cause: IbReadyCause = lost ? 'restored-data-lost' : 'restored-data-kept';
        this.becomeReady(cause);
        if (lost) this.resubscribeAll(cause);
        return;
      }
      default:
        this.log.debug(`ib: notice ${code}: ${message}`);
    }
  }

  private startHeartbeat(): void {
    this.heartbeatTimer = setInterval(() => this.ping(), this.heartbeatIntervalMs);
  }

  private ping(): void {
    if (this.pingTimer !== undefined || this.sessionApi === undefined) return;
    const api = this.sessionApi;
    this.pingTimer = setTimeout(() => {
      this.pingTimer = undefined;
      if (this.sessionApi === api)
        this.lost(`no answer to reqCurrentTime within ${this.heartbeatTimeoutMs} ms (zombie socket)`);
    }, this.heartbeatTimeoutMs);
    this.send('reqCurrentTime', (a) => a.reqCurrentTime()).catch(() => {});
  }

  /** The socket (or the attempt) is gone: tear down and schedule the next attempt. */
  private lost(reason: string, code?: number): void {
    if (this.stateValue === 'closed' || this.stateValue === 'failed' || this.current === undefined) return;
    const wasSession = this.sessionApi !== undefined;
    this.clearTimers();
    this.dropApi();
    this.lastFailure = reason;
    this.log.warn(`ib: ${wasSession ? 'connection lost' : 'connect attempt failed'}: ${reason}`);
    this.setState('disconnected');
    this.emit({ type: 'disconnected', reason, socketOpen: false, code });
    this.failures++;
    if (this.failures >= this.maxAttempts) {
      this.setState('failed');
      this.emit({ type: 'gave-up', attempts: this.failures, reason });
      this.rejectWaiters(new IbNotConnected(`gave up after ${this.failures} attempt(s)`, reason));
      return;
    }
    const delayMs = backoffDelayMs(this.failures, this.random, this.backoff);
    this.setState('reconnecting');
    this.emit({ type: 'reconnecting', attempt: this.failures, delayMs, reason });
    this.reconnectTimer = setTimeout(() => this.attempt(), delayMs);
  }

  private dropApi(): void {
    const api = this.current;
    this.current = undefined;
    this.sessionApi = undefined;
    if (api === undefined) return;
    api.removeAllListeners();
    // eventemitter3 ignores unhandled 'error' events; keep one no-op to be explicit.
    api.on(EventName.error, () => {});
    try {
      api.disconnect();
    } catch (error) {
      this.log.debug(`ib: disconnect threw: ${(error as Error).message}`);
    }
  }

  private clearTimers(): void {
    for (const t of [this.readyTimer, this.reconnectTimer, this.pingTimer]) if (t) clearTimeout(t);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.readyTimer = this.reconnectTimer = this.pingTimer = this.heartbeatTimer = undefined;
  }

  private rejectWaiters(error: Error): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w.reject(error);
  }

  private setState(state: IbConnectionState): void {
    this.stateValue = state;
  }

  private emit(event: IbConnectionEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log.error(`ib: connection listener threw on ${event.type}: ${(error as Error).message}`);
      }
    }
  }
}
