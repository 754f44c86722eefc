/**
 * Exactly-once mapping of IB order messages onto kernel order events. Pure state, no I/O: the
 * execution client feeds it decoded `openOrder`, `orderStatus`, `execDetails`, `commissionReport`
 * and order errors (in any order, with any repeats) and it emits each kernel event once:
 *
 * - `accepted` when the order is first seen working (PreSubmitted/Submitted), or before its first fill;
 * - `filled` once per execId, held until its commissionReport (or `releaseFill` on timeout);
 * - `updated` when a working openOrder follows a modify (or shows new values: amended in TWS);
 * - `canceled` / `rejected` / `modify-rejected` / `cancel-rejected` once, a terminal event after
 *   every fill of the order that is still held for its commission.
 */
import type { OrderSide } from '../../../model/enums.js';
import { type Grid, roundTo } from '../../../model/grid.js';
import type { ClientOrderId, InstrumentId, StrategyId } from '../../../model/identifiers.js';
import type { OrderInit } from '../../../model/order.js';
import type { OrderEvent } from '../../../model/order-events.js';
import type { UnixMicros } from '../../../model/time.js';
import type { Correction } from '../../../portfolio/reconciliation-types.js';

export interface TrackedOrderInit {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly accountId: string;
  readonly clientId: number;
  readonly orderId?: number;
  readonly permId?: number;
  /** The venue acknowledged it already (restored, or released by the kernel's emulator). */
  readonly acked: boolean;
  readonly terminal?: boolean;
  /** The values IB holds (as sent: on the tick grid). */
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  /** A trailing stop: IB moves its trigger, which is not an amendment. */
  readonly trailing?: boolean;
  readonly priceGrid?: Grid;
  /** Decimals of the account currency (commissions are rounded to it). Default 2. */
  readonly moneyPrecision?: number;
  readonly execIds?: Iterable<string>;
}

/** IB message shapes the tracker reads (decoded from the client's events). */
export interface IbOrderRefs {
  readonly orderId: number;
  readonly clientId: number;
  /** 0 when unknown. */
  readonly permId: number;
  readonly orderRef?: string;
}
export interface IbOpenOrderMsg extends IbOrderRefs {
  readonly status: string;
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
}
export interface IbOrderStatusMsg extends IbOrderRefs {
  readonly status: string;
}
export interface IbExecutionMsg extends IbOrderRefs {
  readonly execId: string;
  readonly side: OrderSide;
  readonly shares: number;
  readonly price: number;
  readonly time: UnixMicros | undefined;
  readonly liquidity: 'maker' | 'taker';
}
export interface IbOrderErrorMsg {
  readonly orderId: number;
  readonly code: number;
  readonly message: string;
}

interface Tracked {
  readonly init: TrackedOrderInit;
  orderId: number | undefined;
  permId: number | undefined;
  acked: boolean;
  terminal: boolean;
  quantity: number;
  price: number | undefined;
  triggerPrice: number | undefined;
  pendingModify: boolean;
  pendingCancel: boolean;
  /** Why IB refused it (error 201 text), for the Inactive that follows. */
  refusal: string | undefined;
  /** Events waiting for the order's held fills (a terminal event after its last fill). */
  readonly deferred: OrderEvent[];
  heldFills: number;
}

const WORKING = new Set(['PreSubmitted', 'Submitted']);
const CANCELED = new Set(['Cancelled', 'ApiCancelled']);
/** IB refusals of a placement or a modification. */
const REFUSAL_CODES = new Set([103, 104, 105, 110, 116, 117, 200, 201, 203, 321, 382, 383, 387, 388, 10147]);
const CANCEL_REFUSAL_CODES = new Set([135, 161, 10148, 10149]);
const ORDER_CANCELED = 202;

export interface OrderTrackerOptions {
  readonly now: () => UnixMicros;
  readonly emit: (item: Correction) => void;
  readonly externalStrategyId?: StrategyId;
  readonly externalTag?: string;
  readonly externalIdPrefix?: string;
}

export type ExecutionOutcome = 'booked' | 'held' | 'duplicate' | 'unknown';

export class OrderTracker {
  private readonly byClientOrderId = new Map<ClientOrderId, Tracked>();
  private readonly byKey = new Map<string, Tracked>();
  private readonly byPerm = new Map<number, Tracked>();
  private readonly booked = new Set<string>();
  private readonly heldFills = new Map<string, { order: Tracked; msg: IbExecutionMsg }>();
  private readonly commissions = new Map<string, number>();

  constructor(private readonly options: OrderTrackerOptions) {}

  /** Registers an order Bourse placed (or knew before a restart). */
  track(init: TrackedOrderInit): void {
    if (this.byClientOrderId.has(init.clientOrderId))
      throw new RangeError(`order ${init.clientOrderId} is tracked already`);
    const t: Tracked = {
      init,
      orderId: undefined,
      permId: undefined,
      acked: init.acked,
      terminal: init.terminal ?? false,
      quantity: init.quantity,
      price: init.price,
      triggerPrice: init.triggerPrice,
      pendingModify: false,
      pendingCancel: false,
      refusal: undefined,
      deferred: [],
      heldFills: 0,
    };
    this.byClientOrderId.set(init.clientOrderId, t);
    for (const execId of init.execIds ?? []) this.booked.add(execId);
    this.link(t, init.orderId, init.clientId, init.permId);
  }

  /** Whether an IB order (by permId, client+order id or orderRef) is known. */
  knows(refs: IbOrderRefs): boolean {
    return this.find(refs) !== undefined;
  }

  orderIdOf(clientOrderId: ClientOrderId): number | undefined {
    return this.byClientOrderId.get(clientOrderId)?.orderId;
  }

  permIdOf(clientOrderId: ClientOrderId): number | undefined {
    return this.byClientOrderId.get(clientOrderId)?.permId;
  }

  /** Exec ids booked (emitted as fills) or known from a restore. */
  isBooked(execId: string): boolean {
    return this.booked.has(execId);
  }

  /** A modify was sent: the next working openOrder is its confirmation. */
  modifySent(
    clientOrderId: ClientOrderId,
    values: { quantity: number; price?: number; triggerPrice?: number },
  ): void {
    const t = this.require(clientOrderId);
    t.pendingModify = true;
    t.quantity = values.quantity;
    t.price = values.price;
    t.triggerPrice = values.triggerPrice;
  }

  cancelSent(clientOrderId: ClientOrderId): void {
    this.require(clientOrderId).pendingCancel = true;
  }

  /** Refuses an order locally (it never reached IB): `rejected` once (`canceled` if it was acked). */
  rejectLocally(clientOrderId: ClientOrderId, reasonCode: string, reason: string): void {
    const t = this.require(clientOrderId);
    this.finish(
      t,
      t.acked
        ? { ...this.base(t), kind: 'canceled', reason }
        : { ...this.base(t), kind: 'rejected', reasonCode, reason },
    );
  }

  /** A cancel or modify that could not be sent: `cancel-rejected` / `modify-rejected` once. */
  refuseRequestLocally(clientOrderId: ClientOrderId, request: 'cancel' | 'modify', reason: string): void {
    const t = this.require(clientOrderId);
    if (t.terminal) return;
    if (request === 'cancel') {
      t.pendingCancel = false;
      this.send(t, { ...this.base(t), kind: 'cancel-rejected', reason });
    } else {
      t.pendingModify = false;
      this.send(t, { ...this.base(t), kind: 'modify-rejected', reason });
    }
  }

  /**
   * Adopts an order Bourse did not place: `adopt`, `submitted`, `accepted`, then its events as for
   * any order. `init` is built by the caller (instrument resolved); its id is `EXT-<permId>`.
   */
  adopt(
    msg: IbOpenOrderMsg,
    init: Omit<OrderInit, 'clientOrderId' | 'strategyId' | 'tsInit' | 'tags'>,
    accountId: string,
    extra: { priceGrid?: Grid; moneyPrecision?: number; trailing?: boolean } = {},
  ): ClientOrderId | undefined {
    if (this.find(msg) !== undefined || msg.permId <= 0 || !WORKING.has(msg.status)) return undefined;
    const prefix = this.options.externalIdPrefix ?? 'EXT-';
    const clientOrderId = `${prefix}${msg.permId}`;
    if (this.byClientOrderId.has(clientOrderId)) return undefined;
    const strategyId = this.options.externalStrategyId ?? 'EXTERNAL';
    const full: OrderInit = {
      ...init,
      clientOrderId,
      strategyId,
      tsInit: this.options.now(),
      tags: [this.options.externalTag ?? 'external'],
    };
    this.options.emit({
      kind: 'adopt',
      accountId,
      init: full,
      venueOrderId: String(msg.orderId),
      externalId: String(msg.permId),
    });
    this.track({
      clientOrderId,
      strategyId,
      instrumentId: init.instrumentId,
      side: init.side,
      accountId,
      clientId: msg.clientId,
      orderId: msg.orderId,
      permId: msg.permId,
      acked: false,
      quantity: msg.quantity,
      price: msg.price,
      triggerPrice: msg.triggerPrice,
      ...extra,
    });
    const t = this.require(clientOrderId);
    this.send(t, { ...this.base(t), kind: 'submitted' });
    this.ack(t);
    return clientOrderId;
  }

  openOrder(msg: IbOpenOrderMsg): boolean {
    const t = this.find(msg);
    if (t === undefined) return false;
    if (!t.terminal && WORKING.has(msg.status)) {
      this.ack(t);
      const amended =
        msg.quantity !== t.quantity ||
        msg.price !== t.price ||
        (!t.init.trailing && msg.triggerPrice !== t.triggerPrice);
      if (t.pendingModify || amended) {
        t.pendingModify = false;
        t.quantity = msg.quantity;
        t.price = msg.price;
        if (!t.init.trailing) t.triggerPrice = msg.triggerPrice;
        this.send(t, {
          ...this.base(t),
          kind: 'updated',
          quantity: msg.quantity,
          ...(msg.price !== undefined ? { price: msg.price } : {}),
          ...(msg.triggerPrice !== undefined && !t.init.trailing ? { triggerPrice: msg.triggerPrice } : {}),
        });
      }
      return true;
    }
    this.onStatus(t, msg.status);
    return true;
  }

  orderStatus(msg: IbOrderStatusMsg): boolean {
    const t = this.find(msg);
    if (t === undefined) return false;
    this.onStatus(t, msg.status);
    return true;
  }

  /** An execution: booked now if its commission is known, else held until `commission`. */
  execution(msg: IbExecutionMsg): ExecutionOutcome {
    if (this.booked.has(msg.execId) || this.heldFills.has(msg.execId)) return 'duplicate';
    const t = this.find(msg);
    if (t === undefined) return 'unknown';
    const commission = this.commissions.get(msg.execId);
    if (commission !== undefined) {
      this.bookFill(t, msg, commission);
      return 'booked';
    }
    this.heldFills.set(msg.execId, { order: t, msg });
    t.heldFills++;
    return 'held';
  }

  /** A commissionReport: releases its held fill (or waits for the execution). */
  commission(execId: string, commission: number): void {
    if (this.booked.has(execId) || !Number.isFinite(commission) || commission >= Number.MAX_VALUE) return;
    if (!this.commissions.has(execId)) this.commissions.set(execId, commission);
    this.releaseFill(execId, commission);
  }

  /** Books a held fill with `commission` (the estimator's, when the report never came). */
  releaseFill(execId: string, commission: number): boolean {
    const held = this.heldFills.get(execId);
    if (held === undefined) return false;
    this.heldFills.delete(execId);
    held.order.heldFills--;
    this.bookFill(held.order, held.msg, commission);
    return true;
  }

  /** Exec ids waiting for their commission. */
  heldExecIds(): string[] {
    return [...this.heldFills.keys()];
  }

  /** An IB error with an order id of this client. */
  error(clientId: number, msg: IbOrderErrorMsg): void {
    const t = this.byKey.get(key(clientId, msg.orderId));
    if (t === undefined) return;
    if (CANCEL_REFUSAL_CODES.has(msg.code) && t.pendingCancel) {
      // Also after the order ended: a cancel that crossed a fill (the kernel counts it as late).
      t.pendingCancel = false;
      this.send(t, { ...this.base(t), kind: 'cancel-rejected', reason: `${msg.code}: ${msg.message}` });
    } else if (t.terminal) {
      return;
    } else if (msg.code === ORDER_CANCELED) {
      this.finish(t, { ...this.base(t), kind: 'canceled', reason: msg.message });
    } else if (REFUSAL_CODES.has(msg.code) || CANCEL_REFUSAL_CODES.has(msg.code)) {
      if (t.pendingModify) {
        t.pendingModify = false;
        this.send(t, { ...this.base(t), kind: 'modify-rejected', reason: `${msg.code}: ${msg.message}` });
      } else if (!t.acked) {
        this.finish(t, {
          ...this.base(t),
          kind: 'rejected',
          reasonCode: String(msg.code),
          reason: msg.message,
        });
      } else {
        t.refusal = `${msg.code}: ${msg.message}`;
      }
    }
  }

  // ---- internals ----

  private onStatus(t: Tracked, status: string): void {
    if (t.terminal) return;
    if (WORKING.has(status) || status === 'Filled') this.ack(t);
    else if (CANCELED.has(status))
      this.finish(t, { ...this.base(t), kind: 'canceled', reason: t.refusal ?? status });
    else if (status === 'Inactive')
      this.finish(
        t,
        t.acked
          ? { ...this.base(t), kind: 'canceled', reason: t.refusal ?? 'Inactive at IB' }
          : {
              ...this.base(t),
              kind: 'rejected',
              reasonCode: 'INACTIVE',
              reason: t.refusal ?? 'Inactive at IB',
            },
      );
  }

  private ack(t: Tracked): void {
    if (t.acked || t.terminal || t.orderId === undefined) return;
    t.acked = true;
    this.send(t, { ...this.base(t), kind: 'accepted', venueOrderId: String(t.orderId) });
  }

  private bookFill(t: Tracked, msg: IbExecutionMsg, commission: number): void {
    this.booked.add(msg.execId);
    this.ack(t);
    const now = this.options.now();
    const price = t.init.priceGrid?.round(msg.price) ?? msg.price;
    this.send(t, {
      ...this.base(t),
      kind: 'filled',
      venueOrderId: String(msg.orderId),
      tradeId: msg.execId,
      side: msg.side,
      lastQuantity: msg.shares,
      lastPrice: price,
      commission: roundTo(commission, t.init.moneyPrecision ?? 2),
      liquidity: msg.liquidity,
      tsEvent: msg.time ?? now,
      tsInit: now,
    });
    if (t.heldFills === 0) for (const e of t.deferred.splice(0)) this.send(t, e);
  }

  /** A terminal event: once, and after the order's held fills. */
  private finish(t: Tracked, event: OrderEvent): void {
    if (t.terminal) return;
    t.terminal = true;
    if (t.heldFills > 0) t.deferred.push(event);
    else this.send(t, event);
  }

  private send(t: Tracked, event: OrderEvent): void {
    this.options.emit({ kind: 'event', accountId: t.init.accountId, event });
  }

  private base(
    t: Tracked,
  ): Pick<OrderEvent, 'clientOrderId' | 'strategyId' | 'instrumentId' | 'tsEvent' | 'tsInit'> {
    const now = this.options.now();
    return {
      clientOrderId: t.init.clientOrderId,
      strategyId: t.init.strategyId,
      instrumentId: t.init.instrumentId,
      tsEvent: now,
      tsInit: now,
    };
  }

  private find(refs: IbOrderRefs): Tracked | undefined {
    const t =
      (refs.permId > 0 ? this.byPerm.get(refs.permId) : undefined) ??
      this.byKey.get(key(refs.clientId, refs.orderId)) ??
      (refs.orderRef ? this.byClientOrderId.get(refs.orderRef) : undefined);
    // A permId that contradicts the one we know is another order.
    if (t === undefined || (refs.permId > 0 && t.permId !== undefined && t.permId !== refs.permId))
      return undefined;
    this.link(t, refs.orderId, refs.clientId, refs.permId);
    return t;
  }

  private link(t: Tracked, orderId: number | undefined, clientId: number, permId: number | undefined): void {
    if (orderId !== undefined && t.orderId === undefined) {
      t.orderId = orderId;
      this.byKey.set(key(clientId, orderId), t);
    }
    if (permId !== undefined && permId > 0 && t.permId === undefined) {
      t.permId = permId;
      this.byPerm.set(permId, t);
    }
  }

  private require(clientOrderId: ClientOrderId): Tracked {
    const t = this.byClientOrderId.get(clientOrderId);
    if (t === undefined) throw new RangeError(`order ${clientOrderId} is not tracked`);
    return t;
  }
}

function key(clientId: number, orderId: number): string {
  return `${clientId}/${orderId}`;
}
