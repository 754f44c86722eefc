import { type Contract, type ContractDetails, EventName, type IBApi } from '@stoqey/ib';
import { type Log, silentLog } from '../../../core/log.js';
import type { IbConnection } from './connection.js';
import { IbNotConnected, IbRequestError, IbRequestTimeout, isIbWarningCode } from './errors.js';
import type { HistoricalRequestKey } from './pacing.js';

/**
 * Request/response over the TWS API: every request gets an id and a timeout, IB errors carrying
 * that id reject it with `IbRequestError`, and multi-message answers (contractDetails …
 * contractDetailsEnd) are collected. Requests wait for the connection to be ready (within their
 * timeout) and go through the connection's pacer.
 */

export interface IbRequestOptions {
  /** Overall time for the request: waiting for ready, pacing and the answer (default 10 000 ms). */
  readonly timeoutMs?: number;
}

export interface IbRequestSpec {
  /** Names the request in errors, e.g. `reqContractDetails ES FUT CME`. */
  readonly name: string;
  readonly timeoutMs?: number;
  /** Applies IB's historical-data pacing rules to this request. */
  readonly historical?: HistoricalRequestKey;
  /** Sends the request with its id. */
  send(api: IBApi, reqId: number): void;
}

export interface IbRequestsOptions {
  readonly defaultTimeoutMs?: number;
  /**
   * First request id (default 1 000 000 000): far above order ids, which share IB's error
   * channel, so an order error is never taken for a request's.
   */
  readonly firstRequestId?: number;
  readonly log?: Log;
}

interface Pending {
  readonly reqId: number;
  readonly name: string;
  readonly items: unknown[];
  sent: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class IbRequests {
  readonly defaultTimeoutMs: number;
  private nextId: number;
  private readonly pending = new Map<number, Pending>();
  private readonly log: Log;
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly connection: IbConnection,
    options: IbRequestsOptions = {},
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
    this.nextId = options.firstRequestId ?? 1_000_000_000;
    this.log = options.log ?? silentLog;
    this.detach.push(connection.onApi((api) => this.attach(api)));
    this.detach.push(
      connection.on((event) => {
        if (event.type === 'disconnected' && !event.socketOpen) this.failSent(event.reason);
        if (event.type === 'closed') this.failAll('connection closed');
      }),
    );
  }

  /** A fresh request id. */
  nextRequestId(): number {
    return this.nextId++;
  }

  /** Requests in flight. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Starts a request; it settles when a router calls `resolve`/`complete`/`fail` with its id, when
   * IB sends an error with its id, or on timeout.
   */
  request<T>(spec: IbRequestSpec): { readonly reqId: number; readonly result: Promise<T> } {
    const reqId = this.nextRequestId();
    const timeoutMs = spec.timeoutMs ?? this.defaultTimeoutMs;
    const result = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.get(reqId) !== entry) return;
        this.pending.delete(reqId);
        reject(new IbRequestTimeout(spec.name, reqId, timeoutMs));
      }, timeoutMs);
      const entry: Pending = {
        reqId,
        name: spec.name,
        items: [],
        sent: false,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.pending.set(reqId, entry);
      this.connection
        .whenReady(timeoutMs)
        .then(() => {
          if (this.pending.get(reqId) !== entry) return undefined;
          const send = (api: IBApi): void => {
            if (this.pending.get(reqId) !== entry) return;
            entry.sent = true;
            spec.send(api, reqId);
          };
          return spec.historical !== undefined
            ? this.connection.sendHistorical(spec.name, spec.historical, send)
            : this.connection.send(spec.name, send);
        })
        .catch((error: unknown) => {
          // Not ready in time: the timeout names the request; other failures reject now.
          if (this.pending.get(reqId) !== entry) return;
          if (error instanceof IbNotConnected && error.message.startsWith('waiting for ready (')) return;
          this.pending.delete(reqId);
          entry.reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    return { reqId, result };
  }

  /** Adds one message of a multi-message answer. */
  push(reqId: number, item: unknown): void {
    this.pending.get(reqId)?.items.push(item);
  }

  /** Ends a multi-message answer: resolves with the items pushed so far. */
  complete(reqId: number): void {
    const entry = this.pending.get(reqId);
    if (entry === undefined) return;
    this.pending.delete(reqId);
    entry.resolve(entry.items);
  }

  /** Resolves a single-message answer. */
  resolve(reqId: number, value: unknown): void {
    const entry = this.pending.get(reqId);
    if (entry === undefined) return;
    this.pending.delete(reqId);
    entry.resolve(value);
  }

  fail(reqId: number, error: Error): void {
    const entry = this.pending.get(reqId);
    if (entry === undefined) return;
    this.pending.delete(reqId);
    entry.reject(error);
  }

  /** `reqContractDetails`: every matching contract (IB error 200 when there is none). */
  contractDetails(contract: Contract, options: IbRequestOptions = {}): Promise<ContractDetails[]> {
    const what = [
      contract.conId ? `conId ${contract.conId}` : '',
      contract.symbol ?? '',
      contract.localSymbol ?? '',
      contract.secType ?? '',
      contract.lastTradeDateOrContractMonth ?? '',
      contract.exchange ?? '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    return this.request<ContractDetails[]>({
      name: `reqContractDetails(${what})`,
      timeoutMs: options.timeoutMs,
      send: (api, reqId) => api.reqContractDetails(reqId, contract),
    }).result;
  }

  /** Stops routing and rejects everything in flight. */
  close(): void {
    for (const d of this.detach.splice(0)) d();
    this.failAll('request helper closed');
  }

  private attach(api: IBApi): void {
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      const entry = this.pending.get(reqId);
      if (entry === undefined) return;
      if (isIbWarningCode(code)) {
        this.log.info(`ib: ${entry.name}: notice ${code}: ${error.message}`);
        return;
      }
      this.fail(reqId, new IbRequestError(entry.name, reqId, code, error.message));
    });
    api.on(EventName.contractDetails, (reqId: number, details: ContractDetails) => this.push(reqId, details));
    api.on(EventName.contractDetailsEnd, (reqId: number) => this.complete(reqId));
  }

  private failSent(reason: string): void {
    for (const entry of [...this.pending.values()])
      if (entry.sent) this.fail(entry.reqId, new IbNotConnected(entry.name, `connection lost: ${reason}`));
  }

  private failAll(reason: string): void {
    for (const entry of [...this.pending.values()])
      this.fail(entry.reqId, new IbNotConnected(entry.name, reason));
  }
}
