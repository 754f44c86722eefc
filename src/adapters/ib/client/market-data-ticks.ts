/**
 * Quotes and trades of one instrument from IB, as kernel `QuoteTick`s and `TradeTick`s, prices on
 * the instrument's grid (its tick comes from the contract details, never from tickReqParams, whose
 * minTick @stoqey/ib 1.6.10 reads as an integer). Both are registered with `IbConnection.subscribe`
 * and re-issued (with a new request id) after a reconnect.
 *
 * - `IbTickByTick`: `reqTickByTickData` — 'BidAsk' → QuoteTick, 'AllLast'/'Last' → TradeTick,
 *   stamped with IB's time (whole seconds).
 * - `IbTopOfBook`: `reqMktData` — bid/ask prices and sizes combined into a QuoteTick (only once both
 *   sides are known, on every change), LAST price + LAST_SIZE into a TradeTick; stamped with the clock.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import { type Log, silentLog } from '../../../core/log.js';
import type { QuoteTick, TradeTick } from '../../../model/data.js';
import { MICROS_PER_SECOND, type UnixMicros } from '../../../model/time.js';
import type { IbConnection } from './connection.js';
import type { ResolvedContract } from './contracts.js';
import type { IbRequests } from './requests.js';
import { StreamRegistration } from './stream-registration.js';

export interface IbTickOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly contract: ResolvedContract;
  readonly onQuote?: (quote: QuoteTick) => void;
  readonly onTrade?: (trade: TradeTick) => void;
  /** tsInit (and, for reqMktData, tsEvent): default the wall clock. */
  readonly clock?: { now(): UnixMicros };
  readonly log?: Log;
}

const wallClock = { now: (): UnixMicros => Date.now() * 1000 };

/** Shared plumbing: a registered subscription whose request id changes with every issue. */
abstract class IbTickStream {
  protected readonly clock: { now(): UnixMicros };
  protected readonly log: Log;
  private readonly stream: StreamRegistration;

  constructor(
    protected readonly options: IbTickOptions,
    key: string,
  ) {
    this.clock = options.clock ?? wallClock;
    this.log = options.log ?? silentLog;
    this.stream = new StreamRegistration(options.connection, options.requests, key, {
      attach: (api) => this.attach(api),
      issue: (api, reqId) => {
        this.reset();
        this.send(api, reqId);
      },
      cancel: (api, reqId) => this.cancel(api, reqId),
    });
  }

  protected get reqId(): number | undefined {
    return this.stream.reqId;
  }

  start(): this {
    this.stream.start();
    return this;
  }

  stop(): void {
    this.stream.stop();
  }

  protected price(value: number): number {
    return this.options.contract.instrument.priceGrid.round(value);
  }

  protected get instrumentId(): string {
    return this.options.contract.instrument.id;
  }

  protected abstract send(api: IBApi, reqId: number): void;
  protected abstract cancel(api: IBApi, reqId: number): void;
  protected abstract attach(api: IBApi): void;
  /** Forgets partial state at a (re-)issue. */
  protected reset(): void {}
}

export type IbTickByTickType = 'BidAsk' | 'AllLast' | 'Last';

export class IbTickByTick extends IbTickStream {
  private trades = 0;

  constructor(
    options: IbTickOptions,
    readonly type: IbTickByTickType,
  ) {
    super(options, `tick-by-tick:${type}:${options.contract.instrument.id}`);
  }

  protected send(api: IBApi, reqId: number): void {
    api.reqTickByTickData(
      reqId,
      this.options.contract.contract,
      this.type as Parameters<IBApi['reqTickByTickData']>[2],
      0,
      false,
    );
  }

  protected cancel(api: IBApi, reqId: number): void {
    api.cancelTickByTickData(reqId);
  }

  protected attach(api: IBApi): void {
    api.on(EventName.tickByTickBidAsk, (reqId, time, bidPrice, askPrice, bidSize, askSize) => {
      if (reqId !== this.reqId) return;
      const tsEvent = Number(time) * MICROS_PER_SECOND;
      this.options.onQuote?.({
        kind: 'quote',
        instrumentId: this.instrumentId,
        bidPrice: this.price(bidPrice),
        askPrice: this.price(askPrice),
        bidSize: Number(bidSize),
        askSize: Number(askSize),
        tsEvent,
        tsInit: this.clock.now(),
      });
    });
    api.on(EventName.tickByTickAllLast, (reqId, _type, time, price, size) => {
      if (reqId !== this.reqId) return;
      const tsEvent = Number(time) * MICROS_PER_SECOND;
      this.options.onTrade?.({
        kind: 'trade',
        instrumentId: this.instrumentId,
        price: this.price(price),
        size: Number(size),
        aggressor: 'none', // IB does not say
        tradeId: `IB-${time}-${++this.trades}`,
        tsEvent,
        tsInit: this.clock.now(),
      });
    });
  }
}

/** IB tick types of reqMktData used here. */
const Tick = { BID_SIZE: 0, BID: 1, ASK: 2, ASK_SIZE: 3, LAST: 4, LAST_SIZE: 5 } as const;

export class IbTopOfBook extends IbTickStream {
  private bid: number | undefined;
  private ask: number | undefined;
  private bidSize: number | undefined;
  private askSize: number | undefined;
  private lastQuote: QuoteTick | undefined;
  private lastPrice: number | undefined;
  private trades = 0;

  constructor(options: IbTickOptions) {
    super(options, `top-of-book:${options.contract.instrument.id}`);
  }

  protected send(api: IBApi, reqId: number): void {
    api.reqMktData(reqId, this.options.contract.contract, '', false, false);
  }

  protected cancel(api: IBApi, reqId: number): void {
    api.cancelMktData(reqId);
  }

  protected override reset(): void {
    this.bid = this.ask = this.bidSize = this.askSize = this.lastPrice = undefined;
  }

  protected attach(api: IBApi): void {
    api.on(EventName.tickPrice, (reqId, field, value) => {
      if (reqId !== this.reqId) return;
      if (field === Tick.BID) this.bid = this.price(value);
      else if (field === Tick.ASK) this.ask = this.price(value);
      else if (field === Tick.LAST) this.lastPrice = this.price(value);
      // Sizes follow (derived or explicit tickSize): quotes are emitted from there.
    });
    api.on(EventName.tickSize, (reqId, field, value) => {
      if (reqId !== this.reqId || value === undefined) return;
      const size = Number(value);
      if (field === Tick.BID_SIZE) this.bidSize = size;
      else if (field === Tick.ASK_SIZE) this.askSize = size;
      else if (field === Tick.LAST_SIZE) return this.emitTrade(size);
      else return;
      this.emitQuote();
    });
  }

  private emitQuote(): void {
    const { bid, ask, bidSize, askSize } = this;
    if (bid === undefined || ask === undefined || bidSize === undefined || askSize === undefined) return;
    const q = this.lastQuote;
    if (q && q.bidPrice === bid && q.askPrice === ask && q.bidSize === bidSize && q.askSize === askSize)
      return;
    const now = this.clock.now();
    this.lastQuote = {
      kind: 'quote',
      instrumentId: this.instrumentId,
      bidPrice: bid,
      askPrice: ask,
      bidSize,
      askSize,
      tsEvent: now,
      tsInit: now,
    };
    this.options.onQuote?.(this.lastQuote);
  }

  private emitTrade(size: number): void {
    if (this.lastPrice === undefined) return;
    const now = this.clock.now();
    this.options.onTrade?.({
      kind: 'trade',
      instrumentId: this.instrumentId,
      price: this.lastPrice,
      size,
      aggressor: 'none',
      tradeId: `IB-${this.reqId}-${++this.trades}`,
      tsEvent: now,
      tsInit: now,
    });
  }
}
