/**
 * What the kernel believes, in the shapes reconciliation compares with a broker's report: every
 * order with its status and fills, and the net position per instrument of one broker account.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { ClientOrderId } from '../model/identifiers.js';
import type { Order } from '../model/order.js';
import {
  type InternalSnapshot,
  type ReconFill,
  type ReconOrder,
  type ReconPosition,
  reconFill,
} from '../portfolio/reconciliation.js';

export interface SnapshotOptions {
  /** The broker account every order and position belongs to. */
  readonly accountId: string;
  /** The broker's permanent id of an order (IB `permId`), when known: matched first. */
  readonly externalIdOf?: (clientOrderId: ClientOrderId) => string | undefined;
}

/** The kernel's view for reconciliation with one broker account. */
export function internalSnapshot(kernel: Kernel, options: SnapshotOptions): InternalSnapshot {
  // Orders that never left the kernel (held contingent children, stops the kernel emulates) are
  // nothing the broker could know of.
  const orders = kernel.cache
    .orders()
    .filter((o) => o.status !== 'initialized' && !kernel.execution.emulator.holds(o));
  const fills: ReconFill[] = [];
  for (const order of orders) fills.push(...fillsOf(order, options));
  const instruments = new Set(orders.map((o) => o.instrumentId));
  for (const position of kernel.portfolio.positions()) instruments.add(position.instrumentId);
  const positions: ReconPosition[] = [];
  for (const instrumentId of [...instruments].sort()) {
    const quantity = kernel.portfolio.netPosition(instrumentId);
    if (quantity === 0) continue;
    positions.push({ accountId: options.accountId, instrumentId, quantity, averagePrice: 0 });
  }
  return { orders: orders.map((o) => reconOrder(o, options)), fills, positions };
}

function reconOrder(order: Order, options: SnapshotOptions): ReconOrder {
  const externalId = options.externalIdOf?.(order.clientOrderId);
  return {
    accountId: options.accountId,
    clientOrderId: order.clientOrderId,
    ...(order.venueOrderId !== undefined ? { venueOrderId: order.venueOrderId } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    quantity: order.quantity,
    filledQuantity: order.filledQuantity,
    status: order.status,
    ...(order.price !== undefined ? { price: order.price } : {}),
    ...(order.triggerPrice !== undefined ? { triggerPrice: order.triggerPrice } : {}),
    ...(order.averagePrice !== undefined ? { averagePrice: order.averagePrice } : {}),
    ...(order.expireTime !== undefined ? { expireTime: order.expireTime } : {}),
    tags: order.tags,
  };
}

function fillsOf(order: Order, options: SnapshotOptions): ReconFill[] {
  return order.events.flatMap((e) => (e.kind === 'filled' ? [reconFill(e, options.accountId)] : []));
}
