import { connect as netConnect, type Socket } from 'node:net';
import {
  type CommissionReport,
  type Contract,
  EventName,
  type Execution,
  IBApi,
  type Order,
  type OrderState,
  SecType,
} from '@stoqey/ib';
import {
  decodeFields,
  encodeClientHello,
  encodeMessage,
  FrameReader,
  IbGatewaySimulator,
  type IbGatewaySimulatorOptions,
} from '../../../src/adapters/ib/index.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import type { BarSeries } from '../../../src/data/load-bars.js';
import { microsFromIso } from '../../../src/model/time.js';

/** ESZ3 of 2013, the contract of the bundled ES minute bars, as a client asks for it. */
export const ESZ3_2013: Contract = {
  symbol: 'ES',
  secType: SecType.FUT,
  exchange: 'CME',
  currency: 'USD',
  localSymbol: 'ESZ3',
};

let esz3: BarSeries | undefined;
/** The ESZ3 series of the bundled ES minute-bar file (read on first use, once per test file). */
export function esz3Series(): BarSeries {
  esz3 ??= loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' }).series;
  return esz3;
}

/** 2025-08-15 14:30 UTC (09:30 Chicago): ESU5 is the front month. */
export const FIXED_NOW = microsFromIso('2025-08-15T14:30:00Z');
export const fixedClock = { now: (): number => FIXED_NOW };

export async function startSim(options: IbGatewaySimulatorOptions = {}): Promise<IbGatewaySimulator> {
  const sim = new IbGatewaySimulator({ clock: fixedClock, ...options });
  await sim.start();
  return sim;
}

/** Resolves with the listener's arguments the first time `event` fires, rejects after `timeoutMs`. */
export function once<T extends unknown[]>(ib: IBApi, event: EventName, timeoutMs = 2000): Promise<T> {
  // IBApi's `on` overloads are per event; listen untyped and let the caller name the arguments.
  const emitter = ib as unknown as {
    on(event: string, listener: (...args: unknown[]) => void): void;
    off(event: string, listener: (...args: unknown[]) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for '${event}'`));
    }, timeoutMs);
    const listener = (...args: unknown[]): void => {
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as T);
    };
    emitter.on(event, listener);
  });
}

/** Waits until `predicate` holds, polling every 10 ms. */
export async function until(predicate: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface ConnectedClient {
  readonly ib: IBApi;
  readonly accounts: string;
  readonly nextValidId: number;
  /** Notices the client reported as `info` (errors with id −1), in order. */
  readonly infos: { message: string; code: number }[];
  /** Errors the client reported, in order. */
  readonly errors: { message: string; code: number; reqId: number }[];
}

/** Connects the real @stoqey/ib client and waits for managedAccounts and nextValidId. */
export async function connectClient(port: number, clientId = 0): Promise<ConnectedClient> {
  const ib = new IBApi({ host: '127.0.0.1', port });
  const infos: { message: string; code: number }[] = [];
  const errors: { message: string; code: number; reqId: number }[] = [];
  ib.on(EventName.info, (message: string, code: number) => infos.push({ message, code }));
  ib.on(EventName.error, (error: Error, code: number, reqId: number) =>
    errors.push({ message: error.message, code, reqId }),
  );
  const accounts = once<[string]>(ib, EventName.managedAccounts);
  const nextId = once<[number]>(ib, EventName.nextValidId);
  ib.connect(clientId);
  const [[accountList], [orderId]] = await Promise.all([accounts, nextId]);
  return { ib, accounts: accountList, nextValidId: orderId, infos, errors };
}

/** A raw TCP client speaking the framed protocol, for layouts the real client cannot produce. */
export class RawClient {
  readonly messages: string[][] = [];
  closed = false;
  private readonly reader = new FrameReader();

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const payload of this.reader.push(chunk)) this.messages.push(decodeFields(payload));
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: '127.0.0.1', port }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  hello(min = 100, max = 193): void {
    this.socket.write(encodeClientHello(min, max));
  }

  send(fields: readonly string[]): void {
    this.socket.write(encodeMessage(fields));
  }

  /** Handshake + startApi; resolves after nextValidId. */
  async start(clientId: number): Promise<void> {
    this.hello();
    await until(() => this.messages.length >= 1, 2000, 'server hello');
    this.send(['71', '2', String(clientId), '']);
    await until(() => this.messages.some((m) => m[0] === '9'), 2000, 'nextValidId');
  }

  async waitFor(predicate: (m: string[]) => boolean, timeoutMs = 2000): Promise<string[]> {
    await until(() => this.messages.some(predicate), timeoutMs, 'a matching message');
    return this.messages.find(predicate)!;
  }

  close(): void {
    this.socket.destroy();
  }
}

// ---- order and account layer (sim-*.test.ts) ----------------------------------------------------

/** Everything order-related one real client receives, in order. */
export interface OrderRecorder {
  readonly openOrders: { orderId: number; contract: Contract; order: Order; state: OrderState }[];
  readonly statuses: {
    orderId: number;
    status: string;
    filled: number;
    remaining: number;
    avgFillPrice: number;
    permId: number;
    parentId: number;
    lastFillPrice: number;
    clientId: number;
    whyHeld: string;
  }[];
  readonly execs: { reqId: number; contract: Contract; execution: Execution }[];
  readonly commissions: CommissionReport[];
  readonly errors: { code: number; reqId: number; message: string }[];
  readonly openOrderEnds: number[];
  readonly execEnds: number[];
}

/** Records order messages of a client (stoqey's events), from now on. */
export function recordOrders(ib: IBApi): OrderRecorder {
  const rec: OrderRecorder = {
    openOrders: [],
    statuses: [],
    execs: [],
    commissions: [],
    errors: [],
    openOrderEnds: [],
    execEnds: [],
  };
  ib.on(EventName.openOrder, (orderId, contract, order, state) =>
    rec.openOrders.push({ orderId, contract, order, state }),
  );
  ib.on(
    EventName.orderStatus,
    (orderId, status, filled, remaining, avgFillPrice, permId, parentId, lastFillPrice, clientId, whyHeld) =>
      rec.statuses.push({
        orderId,
        status,
        filled: Number(filled),
        remaining: Number(remaining),
        avgFillPrice: Number(avgFillPrice),
        permId: Number(permId),
        parentId: Number(parentId),
        lastFillPrice: Number(lastFillPrice),
        clientId: Number(clientId),
        whyHeld: String(whyHeld ?? ''),
      }),
  );
  ib.on(EventName.execDetails, (reqId, contract, execution) =>
    rec.execs.push({ reqId, contract, execution }),
  );
  ib.on(EventName.commissionReport, (report) => rec.commissions.push(report));
  ib.on(EventName.error, (error: Error, code: number, reqId: number) =>
    rec.errors.push({ code, reqId, message: error.message }),
  );
  ib.on(EventName.openOrderEnd, () => rec.openOrderEnds.push(Date.now()));
  ib.on(EventName.execDetailsEnd, (reqId) => rec.execEnds.push(reqId));
  return rec;
}

/** Lets in-flight messages arrive (for "exactly once" checks after a wait). */
export function settle(ms = 60): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
