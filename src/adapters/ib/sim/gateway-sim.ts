/**
 * IbGatewaySimulator: a TCP server speaking the TWS API wire protocol (the first layer: handshake,
 * session, ids, time, contract details) with fault injection. See docs/ib-gateway-sim.md.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { FeeModel } from '../../../backtest/fees/index.js';
import { type Log, silentLog } from '../../../core/log.js';
import type { UnixMicros } from '../../../model/time.js';
import { FieldReader } from '../protocol/fields.js';
import {
  decodeFields,
  encodeMessage,
  encodeServerHello,
  FrameReader,
  parseVersionMessage,
} from '../protocol/framing.js';
import { incomingMessageName, TwsErrorCode } from '../protocol/message-ids.js';
import { ContractCatalog, type ContractCatalogOptions } from './contracts.js';
import {
  REQUEST_HANDLERS,
  type RequestHandler,
  type SimConnection,
  type SimServer,
} from './handlers/index.js';
import { marketDataHandlers } from './handlers/market-data.js';
import { SimMarketData } from './market-data/feed.js';
import { DEFAULT_ERROR_TEXT, errorMessage, REQUEST_ID_FIELD } from './messages.js';
import { routeNotice } from './notices.js';
import { SimPacingGuard, type SimPacingOptions } from './pacing-guard.js';
import { type BarSource, type MarketDataSource, ReplayDriver } from './replay.js';
import { formatConnectionTime } from './time-format.js';
import { SimVenue } from './venue/sim-venue.js';

export { formatConnectionTime } from './time-format.js';

/** Highest server version the simulator speaks (BOND_ISSUERID; text protocol, see the notes). */
export const SIM_MAX_SERVER_VERSION = 176;
/** Lowest: SIZE_RULES, from where contractData has the layout we write. */
export const SIM_MIN_SERVER_VERSION = 164;

export interface IbGatewaySimulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default) picks an ephemeral port; read it from `port` after `start()`. */
  readonly port?: number;
  /** Managed accounts, default `['DU1234567']`. */
  readonly accounts?: readonly string[];
  /** First `nextValidId`, default 1. */
  readonly nextOrderId?: number;
  /** Source of "now" for currentTime, the handshake and listed contracts; default the wall clock. */
  readonly clock?: { now(): UnixMicros };
  readonly contracts?: ContractCatalogOptions;
  /** Send the 2104/2106/2158 farm notices after startApi (default true, as TWS does). */
  readonly farmNotices?: boolean;
  readonly log?: Log;
  /**
   * Market data the venue matches orders against (kernel bars in time order). When given, the
   * simulator's clock follows data time: it starts at the first bar's open and moves with
   * `replay.step()` / `advanceTo()` / `play()`; `clock` is then ignored.
   */
  readonly bars?: BarSource;
  /**
   * Like `bars`, for any kernel market data (bars, quotes, trades, book updates) in time order: it
   * also feeds the market-data streams (docs/ib-market-data.md). Give `bars` or `data`, not both.
   */
  readonly data?: MarketDataSource;
  /** Cash of each account at the start, USD (default 1,000,000). */
  readonly startingCash?: number;
  /** First permId (default 1,000,001). */
  readonly firstPermId?: number;
  /** Fee schedule of fills (default the backtest's IB schedule, `ibFees()`). */
  readonly fees?: FeeModel;
  /**
   * IB's pacing limits (default on): 50 messages/s per connection (error 100) and the historical
   * rules (162). `false` turns enforcement off; an object tunes it (`SimPacingOptions`).
   */
  readonly pacing?: boolean | SimPacingOptions;
}

export interface SimConnectionInfo {
  readonly id: number;
  readonly remote: string;
  /** Set after startApi. */
  readonly clientId?: number;
  /** Set after the version handshake. */
  readonly serverVersion?: number;
}

type Connection = SimConnection;

const wallClock = { now: (): UnixMicros => Date.now() * 1000 };

export class IbGatewaySimulator {
  readonly host: string;
  readonly accounts: readonly string[];
  readonly catalog: ContractCatalog;
  private requestedPort: number;
  private boundPort = 0;
  private orderId: number;
  private readonly clock: { now(): UnixMicros };
  private readonly log: Log;
  private readonly farmNotices: boolean;
  private listener: Server | undefined;
  private readonly connections = new Map<number, Connection>();
  private nextConnectionId = 1;
  private stalledFlag = false;
  private refusingUntilMs: number | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private wakeReopen: (() => void) | undefined;
  private reopening: Promise<void> | undefined;
  /** The simulated broker: orders, executions and accounts (they survive client disconnects). */
  readonly venue: SimVenue;
  /** Replay of the market data that drives matching: `step()`, `advanceTo(time)`, `play({speed})`. */
  readonly replay: ReplayDriver;
  private readonly server: SimServer;
  /** Market-data streams served from the replay (historical bars, ticks, depth, real-time bars). */
  readonly marketData: SimMarketData;
  private readonly handlers: ReadonlyMap<number, RequestHandler>;
  /** Pacing enforcement (undefined when turned off). */
  readonly pacing: SimPacingGuard | undefined;

  constructor(options: IbGatewaySimulatorOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.accounts = options.accounts ?? ['DU1234567'];
    if (this.accounts.length === 0 || this.accounts.some((a) => !/^[A-Za-z0-9]+$/.test(a)))
      throw new RangeError(`accounts must be non-empty alphanumeric ids, got '${this.accounts.join(',')}'`);
    this.orderId = options.nextOrderId ?? 1;
    if (!Number.isSafeInteger(this.orderId) || this.orderId < 0)
      throw new RangeError(`nextOrderId must be a non-negative integer, got ${this.orderId}`);
    this.clock = options.clock ?? wallClock;
    this.log = options.log ?? silentLog;
    this.farmNotices = options.farmNotices ?? true;
    this.catalog = new ContractCatalog(options.contracts);
    if (options.bars !== undefined && options.data !== undefined)
      throw new RangeError('give the replay as `bars` or as `data`, not both');
    this.replay = new ReplayDriver(options.data ?? options.bars, (item, next) => {
      this.venue.processData(item);
      this.marketData.onData(item, next);
    });
    this.venue = new SimVenue({
      accounts: this.accounts,
      startingCash: options.startingCash,
      firstPermId: options.firstPermId,
      fees: options.fees,
      startTime: this.replay.active ? (this.replay.startTime ?? 0) : this.clock.now(),
      log: this.log,
    });
    this.venue.onNotice((notice) => routeNotice(this.server, notice));
    this.server = {
      accounts: this.accounts,
      catalog: this.catalog,
      venue: this.venue,
      log: this.log,
      farmNotices: this.farmNotices,
      now: () => this.now(),
      nextOrderId: () => this.orderId,
      useOrderId: (id) => {
        if (id >= this.orderId) this.orderId = id + 1;
      },
      connections: () => this.connections.values(),
      send: (c, fields) => this.send(c, fields),
      close: (c, why) => this.close(c, why),
    };
    const pacing = options.pacing ?? true;
    this.pacing = pacing === false ? undefined : new SimPacingGuard(pacing === true ? {} : pacing);
    this.marketData = new SimMarketData(this.server, () => this.replay.upcoming, this.pacing);
    this.handlers = new Map([
      ...REQUEST_HANDLERS,
      ...Object.entries(marketDataHandlers(this.marketData)).map(([id, h]) => [Number(id), h] as const),
    ]);
  }

  /** The simulator's "now": data time while replaying bars, else the injected clock. */
  now(): UnixMicros {
    return this.replay.active ? this.venue.clock.now() : this.clock.now();
  }

  /** The bound port (after `start()`). */
  get port(): number {
    return this.boundPort;
  }

  /** The order id the next `nextValidId` reports. */
  get nextOrderId(): number {
    return this.orderId;
  }

  get stalled(): boolean {
    return this.stalledFlag;
  }

  /** True during a nightly-reset window (connections are refused). */
  get refusing(): boolean {
    return this.refusingUntilMs !== undefined;
  }

  connectionInfo(): SimConnectionInfo[] {
    return [...this.connections.values()].map((c) => ({
      id: c.id,
      remote: c.remote,
      clientId: c.clientId,
      serverVersion: c.serverVersion,
    }));
  }

  async start(): Promise<number> {
    if (this.listener !== undefined) throw new Error('simulator already started');
    const first = await this.replay.prime();
    if (first !== undefined && this.replay.count === 0) this.venue.advanceClock(first);
    await this.listen();
    this.log.info(`ib-gateway-sim listening on ${this.host}:${this.boundPort}`);
    return this.boundPort;
  }

  async stop(): Promise<void> {
    if (this.reopenTimer !== undefined) clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    this.refusingUntilMs = undefined;
    this.wakeReopen?.();
    this.dropAll('simulator stopped');
    await this.closeListener();
  }

  // ---- fault injection -------------------------------------------------------------------------

  /** Closes every client socket (the clients see a disconnect). Returns how many were dropped. */
  dropAll(reason = 'fault: drop all connections'): number {
    const count = this.connections.size;
    for (const c of [...this.connections.values()]) c.socket.destroy();
    this.connections.clear();
    if (count > 0) this.log.warn(`ib-gateway-sim: dropped ${count} connection(s): ${reason}`);
    return count;
  }

  /** Zombie mode: sockets stay open and bytes are read, but nothing is answered (or sent). */
  stall(): void {
    this.stalledFlag = true;
    this.log.warn('ib-gateway-sim: stalled (zombie sockets: reading, not answering)');
  }

  /** Leaves zombie mode; requests received while stalled stay unanswered. */
  resume(): void {
    this.stalledFlag = false;
    this.log.info('ib-gateway-sim: resumed answering');
  }

  /**
   * Sends an error/notice to every started client (or one clientId), e.g. 1100, 1101, 1102, 2110.
   * Returns how many clients it was written to.
   */
  sendError(code: number, options: { message?: string; reqId?: number; clientId?: number } = {}): number {
    if (!Number.isSafeInteger(code)) throw new RangeError(`error code must be an integer, got ${code}`);
    const text = options.message ?? DEFAULT_ERROR_TEXT[code] ?? `Simulated error ${code}`;
    let sent = 0;
    for (const c of this.connections.values()) {
      if (c.clientId === undefined || c.serverVersion === undefined) continue;
      if (options.clientId !== undefined && c.clientId !== options.clientId) continue;
      if (this.send(c, errorMessage(c.serverVersion, options.reqId ?? -1, code, text))) sent++;
    }
    this.log.warn(`ib-gateway-sim: injected error ${code} to ${sent} client(s)`);
    return sent;
  }

  /**
   * The nightly reset: drops every connection, stops listening (connections are refused) for
   * `durationMs`, then listens on the same port again. Resolves when accepting again.
   */
  async nightlyReset(durationMs: number): Promise<void> {
    if (!(durationMs >= 0)) throw new RangeError(`durationMs must be >= 0, got ${durationMs}`);
    if (this.listener === undefined) throw new Error('simulator is not running');
    if (this.reopening !== undefined) return this.reopening;
    this.refusingUntilMs = Date.now() + durationMs;
    this.log.warn(`ib-gateway-sim: nightly reset, refusing connections for ${durationMs} ms`);
    this.dropAll('nightly reset');
    this.reopening = (async () => {
      await this.closeListener();
      if (this.refusingUntilMs === undefined) return; // stopped meanwhile
      await new Promise<void>((resolve) => {
        this.wakeReopen = resolve;
        this.reopenTimer = setTimeout(resolve, durationMs);
      });
      this.reopenTimer = undefined;
      this.wakeReopen = undefined;
      if (this.refusingUntilMs === undefined) return; // stopped meanwhile
      this.refusingUntilMs = undefined;
      await this.listen();
      this.log.info('ib-gateway-sim: nightly reset over, accepting connections');
    })().finally(() => {
      this.reopening = undefined;
    });
    return this.reopening;
  }

  // ---- server plumbing -------------------------------------------------------------------------

  private listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort || this.requestedPort, this.host, () => {
        server.off('error', reject);
        server.on('error', (e) => this.log.error(`ib-gateway-sim: server error: ${e.message}`));
        const address = server.address();
        this.boundPort = typeof address === 'object' && address !== null ? address.port : 0;
        this.requestedPort = this.boundPort;
        this.listener = server;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.listener;
    this.listener = undefined;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const c: Connection = {
      id: this.nextConnectionId++,
      socket,
      reader: new FrameReader({ expectApiPrefix: true }),
      remote: `${socket.remoteAddress}:${socket.remotePort}`,
      autoBind: false,
      positionUpdates: false,
    };
    this.connections.set(c.id, c);
    this.log.info(`ib-gateway-sim: connection #${c.id} from ${c.remote}`);
    socket.on('data', (chunk: Buffer) => this.onData(c, chunk));
    socket.on('error', (e) =>
      this.log.debug(`ib-gateway-sim: connection #${c.id} socket error: ${e.message}`),
    );
    socket.on('close', () => {
      if (this.connections.get(c.id) === c) this.connections.delete(c.id);
      this.marketData.dropConnection(c);
      this.pacing?.dropConnection(c.id);
      this.log.info(`ib-gateway-sim: connection #${c.id} closed`);
    });
  }

  private send(c: Connection, fields: readonly string[]): boolean {
    if (this.stalledFlag || c.socket.destroyed) return false;
    c.socket.write(encodeMessage(fields));
    return true;
  }

  private close(c: Connection, why: string): void {
    this.log.warn(`ib-gateway-sim: closing connection #${c.id}: ${why}`);
    this.connections.delete(c.id);
    c.socket.end();
    setTimeout(() => c.socket.destroy(), 100).unref();
  }

  private onData(c: Connection, chunk: Buffer): void {
    let payloads: Buffer[];
    try {
      payloads = c.reader.push(chunk);
    } catch (error) {
      // Framing is lost: nothing after this can be read reliably.
      this.close(c, error instanceof Error ? error.message : String(error));
      return;
    }
    for (const payload of payloads) {
      if (this.stalledFlag) {
        this.log.debug(`ib-gateway-sim: stalled, ignoring ${payload.length} bytes from #${c.id}`);
        continue;
      }
      if (!this.connections.has(c.id)) return;
      try {
        if (c.serverVersion === undefined) this.onHello(c, payload);
        else this.onMessage(c, decodeFields(payload));
      } catch (error) {
        this.onBadMessage(c, error);
      }
    }
  }

  private onHello(c: Connection, payload: Buffer): void {
    const range = parseVersionMessage(payload);
    const now = this.now();
    if (range.maxVersion < SIM_MIN_SERVER_VERSION || range.minVersion > SIM_MAX_SERVER_VERSION) {
      // Answer with our version anyway: the client sees it is outside its range and reports 503.
      c.socket.write(encodeServerHello(SIM_MAX_SERVER_VERSION, formatConnectionTime(now)));
      this.close(
        c,
        `client versions ${range.minVersion}..${range.maxVersion} exclude the simulator's ${SIM_MIN_SERVER_VERSION}..${SIM_MAX_SERVER_VERSION} (client reports 503 UNSUPPORTED_VERSION)`,
      );
      return;
    }
    c.serverVersion = Math.min(SIM_MAX_SERVER_VERSION, range.maxVersion);
    this.log.info(
      `ib-gateway-sim: #${c.id} negotiated server version ${c.serverVersion} (client ${range.minVersion}..${range.maxVersion}${range.options ? ` ${range.options}` : ''})`,
    );
    this.send(c, [String(c.serverVersion), formatConnectionTime(now)]);
  }

  private onBadMessage(c: Connection, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (c.serverVersion === undefined) {
      this.close(c, `bad handshake: ${message}`);
      return;
    }
    this.log.warn(`ib-gateway-sim: #${c.id} bad request: ${message}`);
    this.send(
      c,
      errorMessage(c.serverVersion, -1, TwsErrorCode.VALIDATION, `Error validating request: ${message}`),
    );
  }

  private onMessage(c: Connection, fields: string[]): void {
    const version = c.serverVersion ?? SIM_MAX_SERVER_VERSION;
    const messageId = new FieldReader(fields, 'message').int('messageId');
    const overRate = this.pacing?.onMessage(c.id);
    if (overRate !== undefined) {
      this.log.warn(`ib-gateway-sim: #${c.id} message ${messageId} dropped: ${overRate}`);
      this.send(c, errorMessage(version, -1, TwsErrorCode.PACING, overRate));
      return;
    }
    const name = incomingMessageName(messageId);
    const r = new FieldReader(fields, name ?? `message ${messageId}`).skip(1);
    const handler = this.handlers.get(messageId);
    if (handler !== undefined) {
      if (!this.replay.active) this.venue.advanceClock(this.clock.now());
      handler(this.server, c, r, version);
      return;
    }
    const idField = REQUEST_ID_FIELD[messageId];
    const reqId = idField !== undefined && fields.length > idField ? Number(fields[idField]) || -1 : -1;
    const text =
      name === undefined
        ? `Unknown message id ${messageId}: not part of the TWS API at server version ${version}`
        : `${name} (message id ${messageId}) is not simulated yet by ib-gateway-sim`;
    this.log.warn(`ib-gateway-sim: #${c.id} ${text}`);
    this.send(
      c,
      errorMessage(
        version,
        reqId,
        name === undefined ? TwsErrorCode.UNKNOWN_ID : TwsErrorCode.VALIDATION,
        text,
      ),
    );
  }
}
