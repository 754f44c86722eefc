/**
 * Market depth from IB (`reqMktDepth`, CME exchange depth): keeps IB's positional levels per side
 * (insert shifts down, delete shifts up) and emits a kernel `BookDepthSnapshot` of depth N once per
 * burst of `updateMktDepth` rows — IB marks no batch end, so rows that arrive together (one read of
 * the socket) are applied before one snapshot is emitted. Re-issued after a reconnect (levels reset).
 */
import { EventName, type IBApi } from '@stoqey/ib';
import type { BookDepthSnapshot, DepthLevel } from '../../../model/data.js';
import type { UnixMicros } from '../../../model/time.js';
import type { IbConnection } from './connection.js';
import type { ResolvedContract } from './contracts.js';
import type { IbRequests } from './requests.js';
import { StreamRegistration } from './stream-registration.js';

export interface IbDepthOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly contract: ResolvedContract;
  /** Levels per side (IB's numRows). */
  readonly depth: number;
  readonly onDepth: (snapshot: BookDepthSnapshot) => void;
  readonly clock?: { now(): UnixMicros };
}

/** One `updateMktDepth` row. */
export interface IbDepthRow {
  readonly position: number;
  /** 0 insert, 1 update, 2 delete. */
  readonly operation: number;
  /** 0 ask, 1 bid. */
  readonly side: number;
  readonly priceTicks: number;
  readonly size: number;
}

/** IB's positional book: one array per side, best first. */
export class PositionalDepth {
  readonly asks: DepthLevel[] = [];
  readonly bids: DepthLevel[] = [];

  /** Applies one row; throws a RangeError naming the field when it does not fit the book. */
  apply(row: IbDepthRow): void {
    const side = row.side === 0 ? this.asks : row.side === 1 ? this.bids : undefined;
    if (side === undefined) throw new RangeError(`updateMktDepth side: 0 or 1, got ${row.side}`);
    const level: DepthLevel = { priceTicks: row.priceTicks, size: row.size, count: 0 };
    const limit = row.operation === 0 ? side.length : side.length - 1;
    if (!(Number.isInteger(row.position) && row.position >= 0 && row.position <= limit))
      throw new RangeError(
        `updateMktDepth position: ${row.position} outside 0..${limit} (operation ${row.operation})`,
      );
    if (row.operation === 0) side.splice(row.position, 0, level);
    else if (row.operation === 1) side[row.position] = level;
    else if (row.operation === 2) side.splice(row.position, 1);
    else throw new RangeError(`updateMktDepth operation: 0, 1 or 2, got ${row.operation}`);
  }

  clear(): void {
    this.asks.length = 0;
    this.bids.length = 0;
  }
}

export class IbDepthBook {
  readonly book = new PositionalDepth();
  private readonly stream: StreamRegistration;
  private flushScheduled = false;
  private sequence = 0;

  constructor(private readonly options: IbDepthOptions) {
    if (!(Number.isInteger(options.depth) && options.depth >= 1))
      throw new RangeError(`depth: a positive integer, got ${options.depth}`);
    const { connection, requests, contract, depth } = options;
    this.stream = new StreamRegistration(connection, requests, `depth:${contract.instrument.id}`, {
      attach: (api) => this.attach(api),
      issue: (api, reqId) => {
        this.book.clear();
        api.reqMktDepth(reqId, contract.contract, depth, false, []);
      },
      cancel: (api, reqId) => api.cancelMktDepth(reqId, false),
    });
  }

  start(): this {
    this.stream.start();
    return this;
  }

  stop(): void {
    this.stream.stop();
  }

  private get reqId(): number | undefined {
    return this.stream.reqId;
  }

  /** The current top N as a kernel snapshot. */
  snapshot(): BookDepthSnapshot {
    const now = (this.options.clock ?? { now: () => Date.now() * 1000 }).now();
    const n = this.options.depth;
    return {
      kind: 'book-depth',
      instrumentId: this.options.contract.instrument.id,
      bids: this.book.bids.slice(0, n),
      asks: this.book.asks.slice(0, n),
      sequence: ++this.sequence,
      tsEvent: now,
      tsInit: now,
    };
  }

  private attach(api: IBApi): void {
    const grid = this.options.contract.instrument.priceGrid;
    api.on(EventName.updateMktDepth, (reqId, position, operation, side, price, size) => {
      if (reqId !== this.reqId) return;
      this.book.apply({ position, operation, side, priceTicks: grid.toTicks(price), size: Number(size) });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (this.reqId !== undefined) this.options.onDepth(this.snapshot());
      });
    });
  }
}
