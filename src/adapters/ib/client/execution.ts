/**
 * The IB execution client: kernel order commands → placeOrder/cancelOrder (native brackets with
 * parentId, ocaGroup and transmit flags), and IB's order messages → kernel events exactly once
 * (OrderTracker), delivered to listeners as reconciliation `Correction`s. See docs/ib-orders.md.
 */
import {
  type CommissionReport,
  type Contract,
  EventName,
  type Execution,
  type IBApi,
  type Order as IbOrder,
  Liquidities,
  type OrderState,
} from '@stoqey/ib';
import type { Clock } from '../../../core/clock.js';
import { type Log, silentLog } from '../../../core/log.js';
import type { LocalRelease } from '../../../execution/emulator.js';
import type { ExecutionClient, OrderChanges } from '../../../execution/engine.js';
import type { OrderSide, OrderType } from '../../../model/enums.js';
import type { ClientOrderId, InstrumentId, StrategyId } from '../../../model/identifiers.js';
import type { Instrument } from '../../../model/instruments.js';
import type { Order } from '../../../model/order.js';
import type { OrderStatus } from '../../../model/order-state.js';
import type { UnixMicros } from '../../../model/time.js';
import type { BrokerReport, Correction } from '../../../portfolio/reconciliation-types.js';
import { brokerReport } from './broker-report.js';
import type { IbConnection } from './connection.js';
import type { ContractResolver, ResolvedContract } from './contracts.js';
import { adoptionInit } from './external-orders.js';
import { parseIbTime } from './ib-time.js';
import { IB_NATIVE_TYPES, ibNumber, kernelPricesOf, sideOfAction, toIbOrder } from './order-mapping.js';
import { type IbExecutionMsg, type IbOpenOrderMsg, OrderTracker } from './order-tracker.js';
import type { IbRequests } from './requests.js';

/** Estimates a fill's commission when IB's commissionReport does not arrive in time. */
export type CommissionEstimator = (fill: {
  readonly instrument: Instrument | undefined;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
}) => number;

export interface IbExecutionOptions {
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly contracts: ContractResolver;
  readonly clock: Clock;
  /** Default: the first managed account. */
  readonly account?: string;
  /** Used only when a commissionReport does not arrive within `commissionTimeoutMs` (default 0). */
  readonly commission?: CommissionEstimator;
  /** Default 5 000 ms. */
  readonly commissionTimeoutMs?: number;
  /** Stocks: let orders work outside regular trading hours (default false). */
  readonly outsideRth?: boolean;
  readonly log?: Log;
}

/** What a restarted node knew of an order: it is matched again, its exec ids are not re-booked. */
export interface KnownOrder {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly venueOrderId?: string;
  readonly externalId?: string;
  readonly execIds?: readonly string[];
  /** Default 'accepted' when venueOrderId is known, else 'submitted'. */
  readonly status?: OrderStatus;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly type?: OrderType;
}

export type CorrectionListener = (item: Correction) => void;

/** First id of IbRequests' request ids: error ids below it are order ids. */
const FIRST_REQUEST_ID = 1_000_000_000;

export class IbExecution {
  private readonly tracker: OrderTracker;
  private readonly listeners = new Set<CorrectionListener>();
  private readonly clients = new Map<string, ExecutionClient>();
  /** What was last sent per order (a modify re-sends the whole order). */
  private readonly sent = new Map<ClientOrderId, { orderId: number; contract: Contract; order: IbOrder }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly log: Log;
  private readonly commissionTimeoutMs: number;
  private readonly detach: (() => void)[] = [];
  private nextId = 0;
  /** Commands and inbound messages run in order, each after the previous one finished. */
  private commands: Promise<void> = Promise.resolve();
  private inbound: Promise<void> = Promise.resolve();
  /** Inbound messages queued or being handled asynchronously. */
  private inboundPending = 0;

  constructor(private readonly options: IbExecutionOptions) {
    this.log = options.log ?? silentLog;
    this.commissionTimeoutMs = options.commissionTimeoutMs ?? 5_000;
    this.tracker = new OrderTracker({
      now: () => options.clock.now(),
      emit: (item) => {
        for (const listener of this.listeners) listener(item);
      },
    });
    this.detach.push(options.connection.onApi((api) => this.attach(api)));
  }

  /** The account orders go to. */
  get account(): string {
    const account = this.options.account ?? this.options.connection.accounts[0];
    if (account === undefined) throw new RangeError('account: no account given and none managed yet');
    return account;
  }

  /** Listens to the kernel items (adoptions and order events), in order. Returns the remover. */
  on(listener: CorrectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every command and inbound message so far has been handled. */
  async idle(): Promise<void> {
    await this.commands;
    await this.inbound;
  }

  /** The kernel execution client of one venue (`CME`, `NASDAQ`, …). */
  clientFor(venue: string): ExecutionClient {
    let client = this.clients.get(venue);
    if (client === undefined) {
      client = {
        venue,
        supportedOrderTypes: IB_NATIVE_TYPES,
        submitOrder: (order, release) => this.submit(order, release),
        cancelOrder: (order) => this.cancel(order),
        modifyOrder: (order, changes) => this.modify(order, changes),
        submitBracket: (parent, children) => this.submitBracket(parent, children),
      };
      this.clients.set(venue, client);
    }
    return client;
  }

  /** Orders a restarted node knows: matched by id/permId/orderRef, their exec ids never re-booked. */
  restore(known: readonly KnownOrder[]): void {
    const clientId = this.options.connection.clientId;
    for (const k of known) {
      const orderId = k.venueOrderId !== undefined ? Number(k.venueOrderId) : undefined;
      const permId = k.externalId !== undefined ? Number(k.externalId) : undefined;
      const status = k.status ?? (k.venueOrderId !== undefined ? 'accepted' : 'submitted');
      this.tracker.track({
        clientOrderId: k.clientOrderId,
        strategyId: k.strategyId,
        instrumentId: k.instrumentId,
        side: k.side,
        accountId: this.account,
        clientId,
        ...(orderId !== undefined && Number.isSafeInteger(orderId) ? { orderId } : {}),
        ...(permId !== undefined && Number.isSafeInteger(permId) ? { permId } : {}),
        acked: status !== 'submitted' && status !== 'initialized',
        terminal: ['filled', 'canceled', 'rejected', 'expired', 'denied'].includes(status),
        quantity: k.quantity,
        price: k.price,
        triggerPrice: k.triggerPrice,
        trailing: k.type === 'trailing-stop-market' || k.type === 'trailing-stop-limit',
        priceGrid: this.options.contracts.byInstrumentId(k.instrumentId)?.instrument.priceGrid,
        execIds: k.execIds,
      });
      if (orderId !== undefined && orderId >= this.nextId) this.nextId = orderId + 1;
    }
  }

  /**
   * IB's view for reconciliation (open + completed orders, executions since `since`, positions).
   * Items emitted while it runs (openOrders re-sent by reqAllOpenOrders) should be applied before
   * the internal snapshot is taken.
   */
  brokerReport(since?: UnixMicros, timeoutMs?: number): Promise<BrokerReport> {
    return brokerReport(
      {
        connection: this.options.connection,
        contracts: this.options.contracts,
        now: () => this.options.clock.now(),
        nextRequestId: () => this.options.requests.nextRequestId(),
        timeoutMs,
      },
      since,
    );
  }

  /** Whether an exec id was booked (or restored). */
  isBooked(execId: string): boolean {
    return this.tracker.isBooked(execId);
  }

  /** IB order id of a kernel order, once it was sent. */
  orderIdOf(clientOrderId: ClientOrderId): number | undefined {
    return this.tracker.orderIdOf(clientOrderId);
  }

  /** IB permId of a kernel order as text (reconciliation's externalId), once IB reported it. */
  permIdOf(clientOrderId: ClientOrderId): string | undefined {
    const permId = this.tracker.permIdOf(clientOrderId);
    return permId === undefined ? undefined : String(permId);
  }

  close(): void {
    for (const d of this.detach.splice(0)) d();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- commands ----

  private allocateId(): number {
    const id = Math.max(this.nextId, this.options.connection.nextValidId);
    this.nextId = id + 1;
    return id;
  }

  private enqueue(what: string, run: () => Promise<void>): void {
    this.commands = this.commands.then(run).catch((error: unknown) => {
      this.log.error(`ib execution: ${what} failed: ${(error as Error).message}`);
    });
  }

  private async resolved(instrumentId: InstrumentId): Promise<ResolvedContract> {
    return (
      this.options.contracts.byInstrumentId(instrumentId) ??
      (await this.options.contracts.resolveInstrumentId(instrumentId))
    );
  }

  private track(order: Order, orderId: number, ib: IbOrder, instrument: Instrument, acked: boolean): void {
    const prices = kernelPricesOf(ib);
    this.tracker.track({
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side: order.side,
      accountId: this.account,
      clientId: this.options.connection.clientId,
      orderId,
      acked,
      quantity: ib.totalQuantity ?? order.quantity,
      price: prices.price,
      triggerPrice: prices.triggerPrice,
      trailing: order.type === 'trailing-stop-market',
      priceGrid: instrument.priceGrid,
      moneyPrecision: instrument.currency.precision,
    });
  }

  /** Maps and tracks an order; on a mapping error it is tracked and rejected (nothing is sent). */
  private async prepare(
    order: Order,
    orderId: number,
    ctx: { parentId?: number; ocaGroup?: string; transmit?: boolean; release?: LocalRelease },
  ): Promise<{ contract: Contract; ib: IbOrder } | undefined> {
    try {
      const resolved = await this.resolved(order.instrumentId);
      let ib = toIbOrder(order, {
        orderId,
        account: this.account,
        instrument: resolved.instrument,
        outsideRth: this.options.outsideRth,
        ...ctx,
      });
      if (ctx.release !== undefined) ib = releasedAs(ib, ctx.release, resolved.instrument);
      this.track(order, orderId, ib, resolved.instrument, ctx.release !== undefined);
      return { contract: resolved.contract, ib };
    } catch (error) {
      this.trackBare(order, orderId, ctx.release !== undefined);
      this.tracker.rejectLocally(order.clientOrderId, 'IB_ORDER_INVALID', (error as Error).message);
      return undefined;
    }
  }

  private trackBare(order: Order, orderId: number, acked: boolean): void {
    if (this.tracker.orderIdOf(order.clientOrderId) !== undefined) return;
    this.tracker.track({
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side: order.side,
      accountId: this.options.account ?? this.options.connection.accounts[0] ?? '',
      clientId: this.options.connection.clientId,
      orderId,
      acked,
      quantity: order.quantity,
    });
  }

  private place(order: Order, orderId: number, contract: Contract, ib: IbOrder): Promise<void> {
    this.sent.set(order.clientOrderId, { orderId, contract, order: ib });
    return this.options.connection
      .send(`placeOrder ${orderId} (${order.clientOrderId})`, (api) => api.placeOrder(orderId, contract, ib))
      .catch((error: unknown) => {
        this.tracker.rejectLocally(order.clientOrderId, 'IB_NOT_SENT', (error as Error).message);
      });
  }

  private submit(order: Order, release?: LocalRelease): void {
    const orderId = this.allocateId();
    this.enqueue(`submit ${order.clientOrderId}`, async () => {
      const prepared = await this.prepare(order, orderId, { release });
      if (prepared !== undefined) await this.place(order, orderId, prepared.contract, prepared.ib);
    });
  }

  /**
   * A native bracket: the parent (transmit false) and its children (parentId, one OCA group; only
   * the last child transmits, which sends the whole bracket). Nothing is sent if any leg is invalid.
   */
  private submitBracket(parent: Order, children: readonly Order[]): void {
    const parentId = this.allocateId();
    const childIds = children.map(() => this.allocateId());
    const ocaGroup = `bourse-${parent.clientOrderId}`;
    this.enqueue(`bracket ${parent.clientOrderId}`, async () => {
      const legs = [
        { order: parent, orderId: parentId, ctx: { transmit: false } },
        ...children.map((child, i) => ({
          order: child,
          orderId: childIds[i],
          ctx: { parentId, ocaGroup, transmit: i === children.length - 1 },
        })),
      ];
      const prepared = [];
      for (const leg of legs) prepared.push(await this.prepare(leg.order, leg.orderId, leg.ctx));
      if (prepared.some((p) => p === undefined)) {
        for (const leg of legs) {
          this.trackBare(leg.order, leg.orderId, false);
          this.tracker.rejectLocally(
            leg.order.clientOrderId,
            'IB_BRACKET_INVALID',
            'a leg of the bracket is invalid',
          );
        }
        return;
      }
      for (let i = 0; i < legs.length; i++) {
        const p = prepared[i]!;
        await this.place(legs[i].order, legs[i].orderId, p.contract, p.ib);
      }
    });
  }

  private cancel(order: Order): void {
    this.enqueue(`cancel ${order.clientOrderId}`, async () => {
      const orderId = this.tracker.orderIdOf(order.clientOrderId);
      if (orderId === undefined) return;
      this.tracker.cancelSent(order.clientOrderId);
      await this.options.connection
        .send(`cancelOrder ${orderId}`, (api) => api.cancelOrder(orderId))
        .catch((error: unknown) =>
          this.tracker.refuseRequestLocally(order.clientOrderId, 'cancel', (error as Error).message),
        );
    });
  }

  private modify(order: Order, changes: OrderChanges): void {
    this.enqueue(`modify ${order.clientOrderId}`, async () => {
      const last = this.sent.get(order.clientOrderId);
      if (last === undefined) {
        this.tracker.refuseRequestLocally(order.clientOrderId, 'modify', 'the order was never sent to IB');
        return;
      }
      let ib: IbOrder;
      try {
        const { instrument } = await this.resolved(order.instrumentId);
        ib = modified(last.order, changes, instrument, order.clientOrderId);
      } catch (error) {
        this.tracker.refuseRequestLocally(order.clientOrderId, 'modify', (error as Error).message);
        return;
      }
      const prices = kernelPricesOf(ib);
      this.tracker.modifySent(order.clientOrderId, {
        quantity: ib.totalQuantity ?? order.quantity,
        price: prices.price,
        triggerPrice: prices.triggerPrice,
      });
      this.sent.set(order.clientOrderId, { ...last, order: ib });
      await this.options.connection
        .send(`placeOrder ${last.orderId} (modify ${order.clientOrderId})`, (api) =>
          api.placeOrder(last.orderId, last.contract, ib),
        )
        .catch((error: unknown) =>
          this.tracker.refuseRequestLocally(order.clientOrderId, 'modify', (error as Error).message),
        );
    });
  }

  // ---- inbound ----

  /**
   * Handles an inbound message now when nothing is queued before it (so its events reach the node
   * before whatever market data follows it on the socket: a fill before the next bar, as IB sent
   * them), else after the queued ones (an adoption that had to resolve a contract first).
   */
  private receive(what: string, handle: () => void | Promise<void>): void {
    const failed = (error: unknown) => this.log.error(`ib execution: ${what}: ${(error as Error).message}`);
    if (this.inboundPending === 0) {
      try {
        const done = handle();
        if (done === undefined) return;
        this.inboundPending++;
        this.inbound = done.catch(failed).finally(() => this.inboundPending--);
      } catch (error) {
        failed(error);
      }
      return;
    }
    this.inboundPending++;
    this.inbound = this.inbound
      .then(handle)
      .catch(failed)
      .finally(() => this.inboundPending--);
  }

  private attach(api: IBApi): void {
    api.on(EventName.openOrder, (orderId: number, contract: Contract, order: IbOrder, state: OrderState) =>
      this.receive(`openOrder ${orderId}`, () => this.onOpenOrder(orderId, contract, order, state)),
    );
    api.on(
      EventName.orderStatus,
      (
        orderId: number,
        status: string,
        _f: number,
        _r: number,
        _a: number,
        permId?: number,
        _p?: number,
        _l?: number,
        clientId?: number,
      ) =>
        this.receive(`orderStatus ${orderId}`, () => {
          this.tracker.orderStatus({ orderId, clientId: clientId ?? 0, permId: permId ?? 0, status });
        }),
    );
    api.on(EventName.execDetails, (reqId: number, contract: Contract, execution: Execution) => {
      // Answers to reqExecutions belong to the broker report (reconciliation books them).
      if (reqId !== -1) return;
      this.receive(`execDetails ${execution.execId}`, () => this.onExecution(contract, execution));
    });
    api.on(EventName.commissionReport, (report: CommissionReport) =>
      this.receive(`commissionReport ${report.execId}`, () => {
        if (report.execId === undefined || report.commission === undefined) return;
        this.clearTimer(report.execId);
        this.tracker.commission(report.execId, report.commission);
      }),
    );
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      if (!(reqId >= 0 && reqId < FIRST_REQUEST_ID)) return;
      this.receive(`error ${code} for order ${reqId}`, () =>
        this.tracker.error(this.options.connection.clientId, {
          orderId: reqId,
          code,
          message: error.message,
        }),
      );
    });
  }

  /** Synchronous unless an order placed outside Bourse needs its contract resolved first. */
  private onOpenOrder(
    orderId: number,
    contract: Contract,
    order: IbOrder,
    state: OrderState,
  ): Promise<void> | undefined {
    const msg: IbOpenOrderMsg = {
      orderId,
      clientId: order.clientId ?? 0,
      permId: order.permId ?? 0,
      orderRef: order.orderRef,
      status: String(state.status ?? ''),
      quantity: Number(order.totalQuantity ?? 0),
      ...kernelPricesOf(order),
    };
    if (this.tracker.openOrder(msg)) return undefined;
    if (msg.permId <= 0 || contract.conId === undefined) return undefined;
    const cached = this.options.contracts.byId(contract.conId);
    if (cached !== undefined) {
      this.adopt(msg, order, cached);
      return undefined;
    }
    return this.options.contracts
      .resolve({ kind: 'conId', conId: contract.conId, exchange: contract.exchange })
      .then((resolved) => this.adopt(msg, order, resolved));
  }

  private adopt(msg: IbOpenOrderMsg, order: IbOrder, resolved: ResolvedContract): void {
    const init = adoptionInit(order, resolved.instrument);
    if (typeof init === 'string') {
      this.log.warn(`ib execution: order permId ${msg.permId} placed outside Bourse not adopted: ${init}`);
      return;
    }
    const id = this.tracker.adopt(msg, init, order.account || this.account, {
      priceGrid: resolved.instrument.priceGrid,
      moneyPrecision: resolved.instrument.currency.precision,
      trailing: init.type === 'trailing-stop-market',
    });
    if (id !== undefined)
      this.log.info(`ib execution: adopted order permId ${msg.permId} placed outside Bourse as ${id}`);
  }

  private onExecution(contract: Contract, e: Execution): void {
    if (e.execId === undefined) return;
    const msg: IbExecutionMsg = {
      execId: e.execId,
      orderId: e.orderId ?? 0,
      clientId: e.clientId ?? 0,
      permId: e.permId ?? 0,
      orderRef: e.orderRef,
      side: sideOfAction(e.side),
      shares: Number(e.shares ?? 0),
      price: ibNumber(e.price) ?? 0,
      time: parseIbTime(e.time),
      liquidity: e.lastLiquidity === Liquidities.Added ? 'maker' : 'taker',
    };
    const outcome = this.tracker.execution(msg);
    if (outcome === 'unknown')
      this.log.warn(
        `ib execution: execution ${e.execId} of an unknown order (permId ${e.permId}): left to reconciliation`,
      );
    if (outcome !== 'held') return;
    const instrument =
      contract.conId !== undefined ? this.options.contracts.byId(contract.conId)?.instrument : undefined;
    this.timers.set(
      msg.execId,
      setTimeout(() => {
        this.timers.delete(msg.execId);
        const estimate =
          this.options.commission?.({ instrument, side: msg.side, quantity: msg.shares, price: msg.price }) ??
          0;
        this.receive(`commission timeout ${msg.execId}`, () => {
          if (this.tracker.releaseFill(msg.execId, estimate))
            this.log.warn(
              `ib execution: no commissionReport for ${msg.execId} within ${this.commissionTimeoutMs} ms: booked with an estimated commission ${estimate}`,
            );
        });
      }, this.commissionTimeoutMs),
    );
  }

  private clearTimer(execId: string): void {
    const timer = this.timers.get(execId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(execId);
  }
}

/** An order the kernel's emulator released: sent as the plain market or limit order it became. */
function releasedAs(ib: IbOrder, release: LocalRelease, instrument: Instrument): IbOrder {
  const { auxPrice: _aux, trailStopPrice: _stop, trailingPercent: _pct, lmtPrice: _lmt, ...rest } = ib;
  return release.type === 'market'
    ? { ...rest, orderType: 'MKT' as IbOrder['orderType'] }
    : {
        ...rest,
        orderType: 'LMT' as IbOrder['orderType'],
        lmtPrice: instrument.priceGrid.round(release.price ?? Number.NaN),
      };
}

/** The IB order with a modification applied (prices snapped to the tick grid). */
function modified(ib: IbOrder, changes: OrderChanges, instrument: Instrument, id: string): IbOrder {
  const snap = (field: string, value: number): number => {
    if (!(Number.isFinite(value) && value > 0))
      throw new RangeError(`order ${id}: ${field}: must be a positive price, got ${value}`);
    return instrument.priceGrid.round(value);
  };
  if (
    changes.quantity !== undefined &&
    !(changes.quantity > 0 && instrument.sizeGrid.contains(changes.quantity))
  )
    throw new RangeError(`order ${id}: quantity: ${changes.quantity} is not a positive size on the grid`);
  const next: IbOrder = { ...ib, transmit: true };
  if (changes.quantity !== undefined) next.totalQuantity = changes.quantity;
  if (changes.price !== undefined) next.lmtPrice = snap('price', changes.price);
  if (changes.triggerPrice !== undefined) {
    if (ib.orderType === 'TRAIL') next.trailStopPrice = snap('triggerPrice', changes.triggerPrice);
    else next.auxPrice = snap('triggerPrice', changes.triggerPrice);
  }
  return next;
}
