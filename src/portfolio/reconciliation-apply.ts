/**
 * Applying reconciliation corrections to an internal snapshot, and comparing a snapshot with a
 * broker report. `applyCorrections` is the oracle of the reconciliation tests and the check the live
 * node can run after booking the corrections: afterwards `snapshotDifferences` must be empty.
 */
import { InvalidStateTransition } from '../core/errors.js';
import { type OrderSide, sideSign } from '../model/enums.js';
import type { OrderEvent, OrderFilled } from '../model/order-events.js';
import { type OrderStatus, TERMINAL_STATUSES, transitionTarget } from '../model/order-state.js';
import type {
  BrokerReport,
  Correction,
  InternalSnapshot,
  ReconFill,
  ReconOrder,
  ReconPosition,
} from './reconciliation-types.js';

/** The mutable state of one order while events are applied (mirrors `Order`'s transition rules). */
export interface OrderState {
  status: OrderStatus;
  quantity: number;
  filled: number;
  /** Sum of fill quantity × price (for the average price). */
  notional: number;
  price: number | undefined;
  triggerPrice: number | undefined;
  venueOrderId: string | undefined;
  /** Status a pending update/cancel resumes to. */
  resume: OrderStatus;
}

/** A kernel fill as reconciliation sees it: its trade id is the broker's exec id. */
export function reconFill(event: OrderFilled, accountId: string, externalId?: string): ReconFill {
  return {
    execId: event.tradeId,
    accountId,
    instrumentId: event.instrumentId,
    clientOrderId: event.clientOrderId,
    venueOrderId: event.venueOrderId,
    externalId,
    side: event.side,
    quantity: event.lastQuantity,
    price: event.lastPrice,
    commission: event.commission,
    liquidity: event.liquidity,
    tsEvent: event.tsEvent,
  };
}

export function orderState(order: ReconOrder): OrderState {
  return {
    status: order.status,
    quantity: order.quantity,
    filled: order.filledQuantity,
    notional: order.filledQuantity * (order.averagePrice ?? 0),
    price: order.price,
    triggerPrice: order.triggerPrice,
    venueOrderId: order.venueOrderId,
    resume: 'accepted',
  };
}

/** True when two quantities are equal up to float noise. */
export function sameQuantity(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Applies an event to an order state with the kernel's transition table (the rules of `Order.apply`).
 * Returns undefined on success, else why the event is not allowed (the state is then unchanged).
 */
export function stepOrder(state: OrderState, event: OrderEvent, side: OrderSide): string | undefined {
  const target = transitionTarget(state.status, event.kind);
  if (target === undefined) return `event ${event.kind} is not allowed in state ${state.status}`;
  const pending = state.status === 'pending-update' || state.status === 'pending-cancel';
  const base = pending ? state.resume : state.status;
  let next: OrderStatus;
  if (target === 'fill') {
    if (event.kind !== 'filled' || !(event.lastQuantity > 0)) return 'a fill needs a positive quantity';
    if (event.side !== side) return `fill side ${event.side} is not the order's side ${side}`;
    const remaining = state.quantity - state.filled - event.lastQuantity;
    if (remaining < -1e-9 * state.quantity)
      return `fill of ${event.lastQuantity} overfills (quantity ${state.quantity}, filled ${state.filled})`;
    next = remaining > 1e-9 * state.quantity ? 'partially-filled' : 'filled';
  } else if (target === 'resume') {
    if (event.kind === 'updated' && !(event.quantity > 0 && event.quantity >= state.filled))
      return `updated quantity ${event.quantity} is below filled ${state.filled}`;
    if (event.kind === 'updated' && sameQuantity(event.quantity, state.filled)) next = 'filled';
    else if (event.kind === 'accepted' && base === 'submitted') next = pending ? state.status : 'accepted';
    else next = base;
  } else if (target === 'ack') {
    if (base !== 'submitted') return `event ${event.kind} is not allowed in state ${state.status}`;
    next = state.status;
  } else if (target === 'reject-unacked') {
    if (base !== 'submitted') return `event ${event.kind} is not allowed in state ${state.status}`;
    next = 'rejected';
  } else {
    if (event.kind === 'updated' && !(event.quantity > 0 && event.quantity >= state.filled))
      return `updated quantity ${event.quantity} is below filled ${state.filled}`;
    next = target;
  }
  switch (event.kind) {
    case 'accepted':
      state.venueOrderId = event.venueOrderId;
      if (state.resume === 'submitted') state.resume = 'accepted';
      break;
    case 'updated':
      state.quantity = event.quantity;
      if (event.price !== undefined) state.price = event.price;
      if (event.triggerPrice !== undefined) state.triggerPrice = event.triggerPrice;
      break;
    case 'filled':
      state.venueOrderId ??= event.venueOrderId;
      state.filled += event.lastQuantity;
      if (sameQuantity(state.filled, state.quantity)) state.filled = state.quantity;
      state.notional += event.lastQuantity * event.lastPrice;
      break;
    default:
      break;
  }
  if ((next === 'pending-update' || next === 'pending-cancel') && !pending) state.resume = state.status;
  state.status = next;
  return undefined;
}

const positionKey = (accountId: string, instrumentId: string): string => `${accountId}\u0000${instrumentId}`;

interface PositionState {
  accountId: string;
  instrumentId: string;
  quantity: number;
  /** Cost basis of the open quantity (|quantity| × average price). */
  openCost: number;
}

/** Netting arithmetic of `Position.applyFill`: adds, reduces, or crosses zero at the fill price. */
export function nettedPosition(
  position: ReconPosition,
  side: OrderSide,
  quantity: number,
  price: number,
): ReconPosition {
  const state: PositionState = {
    accountId: position.accountId,
    instrumentId: position.instrumentId,
    quantity: position.quantity,
    openCost: Math.abs(position.quantity) * position.averagePrice,
  };
  applyToPosition(state, side, quantity, price);
  return toPosition(state);
}

function applyToPosition(state: PositionState, side: OrderSide, quantity: number, price: number): void {
  const previous = state.quantity;
  const signed = sideSign(side) * quantity;
  let closed = 0;
  if (previous !== 0 && Math.sign(signed) !== Math.sign(previous)) {
    closed = Math.min(Math.abs(previous), quantity);
    state.openCost =
      closed === Math.abs(previous) ? 0 : state.openCost - (state.openCost * closed) / Math.abs(previous);
  }
  let next = previous + signed;
  if (Math.abs(next) <= 1e-9 * Math.max(1, quantity)) next = 0;
  const opened = quantity - closed;
  if (opened > 0 && next !== 0) state.openCost += opened * price;
  if (next === 0) state.openCost = 0;
  state.quantity = next;
}

function toPosition(state: PositionState): ReconPosition {
  return {
    accountId: state.accountId,
    instrumentId: state.instrumentId,
    quantity: state.quantity,
    averagePrice: state.quantity === 0 ? 0 : state.openCost / Math.abs(state.quantity),
  };
}

/**
 * Applies corrections to a snapshot and returns the new snapshot (the input is not changed): adopted
 * orders are added, events move orders through the kernel's state machine, fills are appended (keyed
 * by exec id) and booked into the account's position. Throws InvalidStateTransition on an event the
 * order's state does not allow, RangeError on an event for an unknown order or a duplicate exec id.
 */
export function applyCorrections(
  snapshot: InternalSnapshot,
  corrections: readonly Correction[],
): InternalSnapshot {
  const orders: ReconOrder[] = [...snapshot.orders];
  const states = new Map<string, { index: number; state: OrderState }>();
  orders.forEach((order, index) => {
    if (order.clientOrderId !== undefined)
      states.set(order.clientOrderId, { index, state: orderState(order) });
  });
  const fills: ReconFill[] = [...snapshot.fills];
  const execIds = new Set(fills.map((f) => f.execId));
  const positions = new Map<string, PositionState>();
  for (const p of snapshot.positions) {
    positions.set(positionKey(p.accountId, p.instrumentId), {
      accountId: p.accountId,
      instrumentId: p.instrumentId,
      quantity: p.quantity,
      openCost: Math.abs(p.quantity) * p.averagePrice,
    });
  }
  for (const correction of corrections) {
    if (correction.kind === 'adopt') {
      const init = correction.init;
      if (states.has(init.clientOrderId))
        throw new RangeError(`cannot adopt ${init.clientOrderId}: an order with that id exists`);
      const order: ReconOrder = {
        accountId: correction.accountId,
        clientOrderId: init.clientOrderId,
        venueOrderId: correction.venueOrderId,
        externalId: correction.externalId,
        strategyId: init.strategyId,
        instrumentId: init.instrumentId,
        side: init.side,
        type: init.type,
        timeInForce: init.timeInForce,
        quantity: init.quantity,
        filledQuantity: 0,
        status: 'initialized',
        price: init.price,
        triggerPrice: init.triggerPrice,
        expireTime: init.expireTime,
        tags: init.tags,
      };
      orders.push(order);
      states.set(init.clientOrderId, { index: orders.length - 1, state: orderState(order) });
      continue;
    }
    const event = correction.event;
    const entry = states.get(event.clientOrderId);
    if (!entry) throw new RangeError(`correction for unknown order ${event.clientOrderId}`);
    const order = orders[entry.index];
    const error = stepOrder(entry.state, event, order.side);
    if (error !== undefined)
      throw new InvalidStateTransition(`order ${event.clientOrderId}`, entry.state.status, event.kind, error);
    if (event.kind === 'filled') {
      if (execIds.has(event.tradeId)) throw new RangeError(`exec id ${event.tradeId} is already booked`);
      execIds.add(event.tradeId);
      fills.push(reconFill(event, correction.accountId, order.externalId));
      const key = positionKey(correction.accountId, event.instrumentId);
      let position = positions.get(key);
      if (!position) {
        position = {
          accountId: correction.accountId,
          instrumentId: event.instrumentId,
          quantity: 0,
          openCost: 0,
        };
        positions.set(key, position);
      }
      applyToPosition(position, event.side, event.lastQuantity, event.lastPrice);
    }
    const s = entry.state;
    orders[entry.index] = {
      ...order,
      status: s.status,
      quantity: s.quantity,
      filledQuantity: s.filled,
      price: s.price,
      triggerPrice: s.triggerPrice,
      venueOrderId: s.venueOrderId,
      averagePrice: s.filled > 0 ? s.notional / s.filled : order.averagePrice,
    };
  }
  return { orders, fills, positions: [...positions.values()].map(toPosition) };
}

/**
 * Where a snapshot and a broker report disagree (empty = equal): positions (quantity; with
 * `averagePrice: true` also the average price to 1e-9 relative — off by default: IB's average cost
 * includes commissions, and a fill synthesized without exec ids books one average price), every broker order (found by permId, venue id or client id; open on both sides
 * with the same quantity, filled quantity and prices, or terminal on both with the same filled
 * quantity), every internal open order known to the broker, every broker exec id booked.
 */
export function snapshotDifferences(
  snapshot: InternalSnapshot,
  broker: BrokerReport,
  options: { readonly averagePrice?: boolean } = {},
): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  const ours = new Map(snapshot.positions.map((p) => [positionKey(p.accountId, p.instrumentId), p]));
  const theirs = new Map(broker.positions.map((p) => [positionKey(p.accountId, p.instrumentId), p]));
  for (const k of [...ours.keys(), ...theirs.keys()]) keys.add(k);
  for (const key of [...keys].sort()) {
    const a = ours.get(key);
    const b = theirs.get(key);
    const qa = a?.quantity ?? 0;
    const qb = b?.quantity ?? 0;
    const [account, instrument] = key.split('\u0000');
    if (!sameQuantity(qa, qb)) out.push(`position ${account} ${instrument}: ${qa} internal, ${qb} at broker`);
    else if (options.averagePrice && qa !== 0 && a && b) {
      const tolerance = 1e-9 * Math.max(1, Math.abs(b.averagePrice));
      if (Math.abs(a.averagePrice - b.averagePrice) > tolerance)
        out.push(
          `position ${account} ${instrument}: average ${a.averagePrice} internal, ${b.averagePrice} at broker`,
        );
    }
  }
  const matched = new Set<ReconOrder>();
  for (const b of broker.orders) {
    const a = findOrder(snapshot.orders, b);
    const name = b.externalId ?? b.venueOrderId ?? b.clientOrderId ?? '?';
    const bOpen = !TERMINAL_STATUSES.has(b.status);
    if (!a) {
      if (bOpen || b.filledQuantity > 0) out.push(`broker order ${name} (${b.status}) unknown internally`);
      continue;
    }
    matched.add(a);
    const aOpen = !TERMINAL_STATUSES.has(a.status);
    if (aOpen !== bOpen) out.push(`order ${name}: ${a.status} internal, ${b.status} at broker`);
    if (!sameQuantity(a.filledQuantity, b.filledQuantity))
      out.push(`order ${name}: filled ${a.filledQuantity} internal, ${b.filledQuantity} at broker`);
    if (
      bOpen &&
      (!sameQuantity(a.quantity, b.quantity) || a.price !== b.price || a.triggerPrice !== b.triggerPrice)
    )
      out.push(
        `order ${name}: quantity/price ${a.quantity}@${a.price} internal, ${b.quantity}@${b.price} at broker`,
      );
  }
  for (const a of snapshot.orders) {
    if (matched.has(a) || TERMINAL_STATUSES.has(a.status) || a.status === 'initialized') continue;
    out.push(`order ${a.clientOrderId}: ${a.status} internal, unknown at broker`);
  }
  const booked = new Set(snapshot.fills.map((f) => f.execId));
  for (const e of broker.executions) if (!booked.has(e.execId)) out.push(`execution ${e.execId} not booked`);
  return out;
}

/** The order a reference points at: by external (perm) id, then venue order id in the account, then client id. */
export function findOrder<T extends ReconOrder>(
  orders: readonly T[],
  ref: {
    readonly accountId: string;
    readonly externalId?: string;
    readonly venueOrderId?: string;
    readonly clientOrderId?: string;
  },
): T | undefined {
  if (ref.externalId !== undefined) {
    const byExternal = orders.find((o) => o.externalId === ref.externalId);
    if (byExternal) return byExternal;
  }
  // A venue or client id matches only an order whose perm id does not contradict the reference's.
  const compatible = (o: T): boolean =>
    o.externalId === undefined || ref.externalId === undefined || o.externalId === ref.externalId;
  if (ref.venueOrderId !== undefined) {
    const byVenue = orders.find(
      (o) => o.accountId === ref.accountId && o.venueOrderId === ref.venueOrderId && compatible(o),
    );
    if (byVenue) return byVenue;
  }
  if (ref.clientOrderId !== undefined)
    return orders.find((o) => o.clientOrderId === ref.clientOrderId && compatible(o));
  return undefined;
}
